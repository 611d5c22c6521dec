/**
 * 发布给上级 (docs/SPEC.md J4): a coordinator chooses a term and a scope (the whole workspace or
 * one school), sees the figures that will be published, computed from the device's index rows
 * as the figures page computes them (ui/use-figures.ts), and publishes them to the term's report
 * document. It works offline: the edition is stored on the device and sent when the relay is
 * reached; the page says when the scope was last published, by whom, and while it waits.
 */
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import * as Y from 'yjs'
import { reportDocumentId } from '../../../shared/doc-id'
import type { ReportScope } from '../../../shared/docs/report/edition'
import { editionOf, latestOf, publishFigures, readReport } from '../../../shared/docs/report/report'
import type { FigurePeriod } from '../../../shared/figures/figures'
import { termLabel } from '../../ui/class-label'
import { FiguresTable } from '../../ui/FiguresTable'
import { useEditContext } from '../../ui/fields/edit-context'
import { formatMoment } from '../../ui/format'
import { TermPicker, useShownTerm } from '../../ui/TermPicker'
import { useDocState } from '../../ui/use-doc-state'
import { useFigures, useFiguresSource } from '../../ui/use-figures'
import { useLive } from '../../ui/use-live'
import { useOpenDoc } from '../../ui/use-open-doc'
import { useOrganisation } from '../../ui/use-organisation'
import { navigate, routeHref } from '../../ui/use-route'
import { useSignedIn, useWorkspace } from '../../ui/use-session'
import './publish.css'
import { SchoolPicker } from '../../ui/SchoolPicker'

export function PublishPage({ term }: { term?: string | undefined }) {
  const { t } = useTranslation()
  const shown = useShownTerm(term)
  const coordinator = useSignedIn().account.role === 'coordinator'
  return (
    <main className="page publish-page" data-testid="publish-page">
      <a className="back" href={routeHref({ name: 'list' })}>
        {t('child.back')}
      </a>
      <h1>{t('publish.title')}</h1>
      <p className="hint">{t('publish.what')}</p>
      {!coordinator ? (
        <p className="empty">{t('publish.coordinatorsOnly')}</p>
      ) : (
        <>
          <div className="field publish-term">
            <label htmlFor="publish-term">{t('publish.term')}</label>
            <TermPicker id="publish-term" value={shown} placeholder={t('publish.chooseTerm')} onChange={(code) => navigate({ name: 'publish', term: code })} />
          </div>
          {shown === '' ? <p className="empty">{t('publish.noTerm')}</p> : <PublishTerm key={shown} term={shown} />}
        </>
      )}
    </main>
  )
}

const NO_DOC = new Y.Doc()

function PublishTerm({ term }: { term: string }) {
  const { t, i18n } = useTranslation()
  const workspace = useWorkspace()
  const org = useOrganisation()
  const info = org.terms.find((candidate) => candidate.code === term)
  const [schoolId, setSchoolId] = useState('')
  const [published, setPublished] = useState(false)
  const school = org.schools.find((s) => s.id === schoolId)
  const scope = useMemo<ReportScope>(() => (school ? { kind: 'school', schoolId: school.id, schoolName: school.name } : { kind: 'workspace' }), [school])
  // The whole term, as the figures page counts a term (SPEC Z1).
  const period = useMemo<FigurePeriod | undefined>(() => (info ? { start: info.start, end: info.end, term } : undefined), [info, term])
  const withRules = useFiguresSource(term)
  // A report holds no count against the care rules (shared/docs/report/edition.ts): not computed here.
  const source = useMemo(() => (withRules ? { ...withRules, care: undefined } : undefined), [withRules])
  const figures = useFigures(source, period, school ? { schoolId: school.id } : {})
  const docId = reportDocumentId(workspace.workspaceId, term)
  const open = useOpenDoc(docId)
  const report = useDocState(open?.doc ?? NO_DOC, readReport, (r) => JSON.stringify(r.editions.map((e) => e.id)))
  const unsent = useLive(() => workspace.queries.unsentFiles(), [], [])
  const waiting = unsent.some((file) => file.docId === docId)
  const context = useEditContext()
  // Exactly the edition publishing would append, but for its id and signature.
  const preview = useMemo(() => (figures ? editionOf({ figures, scope }, { author: { id: 'preview', name: '' }, now: 0 }) : undefined), [figures, scope])
  if (!info) return <p className="empty">{t('publish.unknownTerm')}</p>
  const last = latestOf(report, scope)

  const publish = () => {
    if (!open || !figures) return
    const { author, now } = context()
    publishFigures(open.doc, { figures, scope }, { author, now })
    setPublished(true)
  }

  return (
    <>
      <div className="field publish-scope">
        <label htmlFor="publish-scope">{t('publish.scope')}</label>
        <SchoolPicker
          id="publish-scope"
          org={org}
          value={schoolId}
          onChange={(id) => {
            setSchoolId(id)
            setPublished(false)
          }}
          all={t('publish.wholeWorkspace')}
        />
      </div>
      <p className="publish-last" data-testid="publish-last">
        {last ? t('publish.lastPublished', { when: formatMoment(last.at, i18n.language), who: last.by }) : t('publish.never')}
      </p>
      {waiting && (
        <p className="notice publish-waiting" role="status" data-testid="publish-waiting">
          {t('publish.waiting')}
        </p>
      )}
      <div className="actions publish-actions">
        <button type="button" className="primary" onClick={publish} disabled={!open || !figures} data-testid="publish-button">
          {last ? t('publish.again') : t('publish.publish')}
        </button>
      </div>
      {published && (
        <p className="publish-done" role="status" data-testid="publish-done">
          {t('publish.done')}
        </p>
      )}
      {last && <p className="hint">{t('publish.keepsEarlier')}</p>}
      <section aria-labelledby="publish-preview">
        <h2 id="publish-preview">{t('publish.preview', { scope: school ? school.name : t('publish.wholeWorkspace') })}</h2>
        {preview ? <FiguresTable columns={[preview]} headings={[termLabel(t, term)]} testId="publish-figures" /> : <p role="status">{t('publish.loading')}</p>}
      </section>
    </>
  )
}
