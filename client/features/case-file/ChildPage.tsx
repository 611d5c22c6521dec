import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { childDocumentId, type DocumentId } from '../../../shared/doc-id'
import { notesFragment, readChildFile, type ChildFile } from '../../../shared/docs/child/child'
import type { IsoDate } from '../../../shared/dates'
import { Presence } from './Presence'
import { NotesEditor } from './NotesEditor'
import { CaseFileForm } from './CaseFileForm'
import { FileRights } from './FileRights'
import { PairingsPanel } from './PairingsPanel'
import { PathStatus } from './PathStatus'
import { CallLinks } from './CallLinks'
import { RecordsTimeline } from './RecordsTimeline'
import { FileGate } from './FileGate'
import { CareStatus } from './CareStatus'
import { useDocState } from '../../ui/use-doc-state'
import { classLabelIn } from '../../ui/class-label'
import { useOrganisation } from '../../ui/use-organisation'
import { useOpenDoc } from '../../ui/use-open-doc'
import { navigate, routeHref, type RecordPreset } from '../../ui/use-route'
import { useSignedIn, useWorkspace } from '../../ui/use-session'
import type { OpenDoc } from '../../runtime/sync/live-docs'

const TABS = ['file', 'records', 'pairings', 'notes'] as const
type Tab = (typeof TABS)[number]

export function ChildPage({ childId, record }: { childId: string; record?: RecordPreset | undefined }) {
  const { t } = useTranslation()
  const workspace = useWorkspace()
  const docId = childDocumentId(workspace.workspaceId, childId)
  // Access to this file ended (its copy is gone from the device): back to the list, which says why.
  useEffect(() => workspace.onAccessEnded((ended) => ended === docId && navigate({ name: 'list' })), [workspace, docId])
  return (
    <main className="page">
      <a className="back" href={routeHref({ name: 'list' })}>
        ← {t('child.back')}
      </a>
      <FileGate childId={childId} docId={docId}>
        <OpenChild docId={docId} childId={childId} record={record} />
      </FileGate>
    </main>
  )
}

function OpenChild({ docId, childId, record }: { docId: DocumentId; childId: string; record: RecordPreset | undefined }) {
  const { t } = useTranslation()
  const open = useOpenDoc(docId)
  const workspace = useWorkspace()
  useEffect(() => void workspace.reportAudit(docId, 'viewed'), [workspace, docId])
  return open ? <ChildFileView open={open} childId={childId} record={record} /> : <p>{t('child.loading')}</p>
}

const headKey = (f: ChildFile) => JSON.stringify([f.fields.name?.value, f.fields.classId?.value, f.fields.birthDate?.value, f.newerSchema])

/** With `record` (a task's link), the records open on a new record of that type; once saved, back to the tasks. */
function ChildFileView({ open, childId, record }: { open: OpenDoc; childId: string; record: RecordPreset | undefined }) {
  const { t } = useTranslation()
  const isCoordinator = useSignedIn().account.role === 'coordinator'
  const org = useOrganisation()
  const [tab, setTab] = useState<Tab>(record ? 'records' : 'file')
  const file = useDocState(open.doc, readChildFile, headKey)
  const name = file.fields.name?.value
  const classId = file.fields.classId?.value
  const birthDate = file.fields.birthDate?.value as IsoDate | undefined
  return (
    <>
      <div className="child-head">
        <h1 data-testid="child-title">{typeof name === 'string' && name !== '' ? name : t('children.unnamed')}</h1>
        {typeof classId === 'string' && <span className="child-class">{classLabelIn(t, org, classId) ?? classId}</span>}
        <a className="link-button" href={routeHref({ name: 'cards', childId })}>
          {t('file.printCard')}
        </a>
        <a className="link-button" href={routeHref({ name: 'wholeFile', childId })} data-testid="print-whole-file">
          {t('wholefile.open')}
        </a>
        {isCoordinator && (
          <a className="link-button" href={routeHref({ name: 'audit', childId })}>
            {t('file.audit')}
          </a>
        )}
        {isCoordinator && <FileRights docId={open.docId} name={typeof name === 'string' && name !== '' ? name : t('children.unnamed')} />}
      </div>
      <PathStatus doc={open.doc} />
      <CallLinks doc={open.doc} />
      {file.newerSchema && <p className="notice">{t('child.newerSchema')}</p>}
      <Presence awareness={open.awareness} />
      <div className="tabs" role="tablist" aria-label={t('file.sections')}>
        {TABS.map((key) => (
          <button
            key={key}
            type="button"
            role="tab"
            id={`tab-${key}`}
            aria-selected={tab === key}
            aria-controls={`panel-${key}`}
            onClick={() => setTab(key)}
          >
            {t(`file.tabs.${key}`)}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="tab-panel">
        {tab === 'file' && <CaseFileForm doc={open.doc} docId={open.docId} />}
        {tab === 'records' && (
          <>
            <CareStatus childId={childId} />
            <RecordsTimeline
              doc={open.doc}
              docId={open.docId}
              birthDate={birthDate}
              {...(record ? { preset: record, onPresetSaved: () => navigate({ name: 'list' }) } : {})}
            />
          </>
        )}
        {tab === 'pairings' && <PairingsPanel doc={open.doc} docId={open.docId} />}
        {tab === 'notes' && (
          <section className="notes">
            <p className="hint">{t('child.notesHint')}</p>
            <NotesEditor fragment={notesFragment(open.doc)} awareness={open.awareness} />
          </section>
        )}
      </div>
    </>
  )
}
