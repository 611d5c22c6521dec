import { useEffect, useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { childDocumentId, type DocumentId } from '../../../shared/doc-id'
import { readWholeFile, type WholeFile } from '../../../shared/docs/child/whole-file'
import { classById, schoolById } from '../../../shared/docs/settings/organisation'
import type { OpenDoc } from '../../runtime/sync/live-docs'
import { classLabel } from '../../ui/class-label'
import { useDirectory } from '../../ui/use-directory'
import { useDocState } from '../../ui/use-doc-state'
import { useOpenDoc } from '../../ui/use-open-doc'
import { useOrganisationOf, useSettingsDoc } from '../../ui/use-organisation'
import { navigate, routeHref } from '../../ui/use-route'
import { useSignedIn, useWorkspace } from '../../ui/use-session'
import { FileGate } from './FileGate'
import { pageCounterContent, wholeFilePageCss } from './print-page-css'
import { WholeFilePaper, type PaperHead } from './WholeFilePaper'
import './whole-file.css'

/**
 * One child's whole file to print (一人一檔, SPEC F): opened exactly as the file's page opens
 * it (from the device, offline too, or only if the relay says this person may read it), and
 * read from that open document, so it shows nothing the person could not already read.
 */
export function WholeFilePage({ childId }: { childId: string }) {
  const { t } = useTranslation()
  const workspace = useWorkspace()
  const docId = childDocumentId(workspace.workspaceId, childId)
  useEffect(() => workspace.onAccessEnded((ended) => ended === docId && navigate({ name: 'list' })), [workspace, docId])
  // The title names a saved PDF and sits in the browser's history: never a child's name.
  useEffect(() => {
    const before = document.title
    document.title = t('wholefile.docTitle')
    return () => void (document.title = before)
  }, [t])
  return (
    <main className="page whole-file-page">
      <div className="screen-only">
        <a className="back" href={routeHref({ name: 'child', childId })}>
          ← {t('wholefile.back')}
        </a>
      </div>
      <FileGate childId={childId} docId={docId}>
        <OpenWholeFile docId={docId} />
      </FileGate>
    </main>
  )
}

function OpenWholeFile({ docId }: { docId: DocumentId }) {
  const { t } = useTranslation()
  const open = useOpenDoc(docId)
  const workspace = useWorkspace()
  useEffect(() => void workspace.reportAudit(docId, 'viewed'), [workspace, docId])
  // Printing takes the whole file off the device, from the button or the browser's own menu:
  // the audit trail says so (SPEC F6).
  useEffect(() => {
    const printed = () => void workspace.reportAudit(docId, 'exported')
    window.addEventListener('beforeprint', printed)
    return () => window.removeEventListener('beforeprint', printed)
  }, [workspace, docId])
  // The paper names the school and class: it waits for the organisation as well as the file.
  const settings = useSettingsDoc()
  return open && settings ? <PrintableFile open={open} settings={settings} /> : <p>{t('child.loading')}</p>
}

const fileKey = (file: WholeFile) => JSON.stringify(file)

function PrintableFile({ open, settings }: { open: OpenDoc; settings: OpenDoc }) {
  const { t, i18n } = useTranslation()
  const workspace = useWorkspace()
  const { account } = useSignedIn()
  const org = useOrganisationOf(settings)
  const directory = useDirectory()
  const read = useDocState(open.doc, readWholeFile, fileKey)
  // A member's own phone, from their account (SPEC M1), over what the pairing stored.
  const file = useMemo(
    () => ({ ...read, pairings: read.pairings.map((p) => ({ ...p, phone: (p.userId ? directory.get(p.userId)?.phone : undefined) || p.phone })) }),
    [read, directory],
  )
  const identity = file.groups.find((g) => g.group === 'identity')?.fields
  const name = identity?.find((f) => f.key === 'name')?.value
  const classId = identity?.find((f) => f.key === 'classId')?.value
  const cls = typeof classId === 'string' ? classById(org, classId) : undefined
  // The school: the class's, or the workspace's only one.
  const school = (cls ? schoolById(org, cls.schoolId) : undefined) ?? (org.schools.length === 1 ? org.schools[0] : undefined)
  const printedAt = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(workspace.clock.now()))
  const head: PaperHead = {
    name: typeof name === 'string' ? name : '',
    school: school?.name ?? '',
    classLabel: cls ? classLabel(t, cls) : typeof classId === 'string' ? classId : '',
    printed: t('wholefile.printedBy', { who: account.user.displayName, date: printedAt }),
  }
  const pageCss = wholeFilePageCss({
    head: [head.name || t('children.unnamed'), head.school].filter((s) => s !== '').join(' · '),
    kind: t('wholefile.title'),
    printed: head.printed,
    pageContent: pageCounterContent((values) => t('wholefile.pageOf', values)),
  })
  return (
    <>
      <style>{pageCss}</style>
      <div className="screen-only wf-actions">
        <button type="button" className="primary" onClick={() => window.print()} data-testid="whole-file-print">
          {t('wholefile.print')}
        </button>
        <p className="hint">{t('wholefile.printHint')}</p>
      </div>
      <WholeFilePaper file={file} head={head} />
    </>
  )
}
