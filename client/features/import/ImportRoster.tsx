import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { todayIsoDate } from '../../../shared/dates'
import { guessMapping, type RosterMapping } from '../../../shared/roster/headers'
import { matchRosterRows, type RowPlan } from '../../../shared/roster/match'
import { validateRoster, type ImportChoice, type RosterReport } from '../../../shared/roster/validate'
import { useAuthor } from '../../ui/use-author'
import { classLabelIn } from '../../ui/class-label'
import { useOrganisation } from '../../ui/use-organisation'
import { useOwnClasses } from '../../ui/use-filing-classes'
import { routeHref } from '../../ui/use-route'
import { useWorkspace } from '../../ui/use-session'
import { ColumnMapping } from './ColumnMapping'
import { FilePicker } from './FilePicker'
import { importRosterRows, type ImportOutcome } from './import-roster'
import { ImportProgress } from './ImportProgress'
import { ImportResult } from './ImportResult'
import { readRosterFile, RosterReadError, type RosterFile } from './read-roster'
import { RosterCheck } from './RosterCheck'
import { applyRosterUpdates, planUpdates, whatToImport, type PlannedUpdate, type UpdateOutcome } from './update-roster'

type Step =
  | { name: 'choose'; reading: string | null; error: RosterReadError | null }
  | { name: 'map'; file: RosterFile; mapping: RosterMapping }
  | { name: 'check'; file: RosterFile; mapping: RosterMapping; report: RosterReport; plans: RowPlan[]; updates: PlannedUpdate[] }
  | { name: 'importing'; done: number; total: number; cancelling: boolean }
  | { name: 'done'; outcome: ImportOutcome; updated: UpdateOutcome; errorRows: number; duplicateRows: number }

const START: Step = { name: 'choose', reading: null, error: null }

/**
 * Roster import: choose a file → match its columns → check every row → import with
 * progress → result. Nothing is written before the last step, and then only the rows
 * the check step let through.
 */
export function ImportRoster() {
  const { t } = useTranslation()
  const workspace = useWorkspace()
  const author = useAuthor()
  // A teacher imports only into their own classes (SPEC X3): other rows are errors at the check.
  const own = useOwnClasses()
  // The class column names classes of the organisation, matched by grade and 班號 (SPEC H8).
  const organisation = useOrganisation()
  const [step, setStep] = useState<Step>(START)
  const abort = useRef<AbortController | null>(null)
  const importing = step.name === 'importing'

  // Closing the page mid-import would stop it between two rows: the browser asks first.
  useEffect(() => {
    if (!importing) return
    const onBeforeUnload = (e: BeforeUnloadEvent) => e.preventDefault()
    window.addEventListener('beforeunload', onBeforeUnload)
    return () => window.removeEventListener('beforeunload', onBeforeUnload)
  }, [importing])

  const read = async (chosen: File) => {
    setStep({ name: 'choose', reading: chosen.name, error: null })
    try {
      const file = await readRosterFile(chosen)
      setStep({ name: 'map', file, mapping: guessMapping(file.table.columns.map((c) => c.header)) })
    } catch (error) {
      console.warn('roster file refused', error)
      const refused = error instanceof RosterReadError ? error : new RosterReadError('unreadable', {}, { cause: error })
      setStep({ name: 'choose', reading: null, error: refused })
    }
  }

  const check = async (file: RosterFile, mapping: RosterMapping) => {
    const existing = await workspace.queries.children()
    const classes = own === 'any' ? {} : { classes: own ?? [] }
    const named = organisation.classes.length > 0 ? { organisation, classLabel: (id: string) => classLabelIn(t, organisation, id) ?? id } : {}
    const report = validateRoster(file.table, mapping, todayIsoDate(new Date(workspace.clock.now())), { existing, ...classes, ...named })
    // A row that is a child this device holds updates that child's file (SPEC H5).
    const plans = matchRosterRows(report.rows, existing)
    const updates = await planUpdates(workspace, plans)
    setStep({ name: 'check', file, mapping, report, plans, updates })
  }

  const run = async (report: RosterReport, plans: RowPlan[], updates: PlannedUpdate[], choice: ImportChoice) => {
    const { create: rows, update } = whatToImport(report, plans, updates, choice)
    const controller = new AbortController()
    abort.current = controller
    setStep({ name: 'importing', done: 0, total: rows.length, cancelling: false })
    const outcome = await importRosterRows(workspace, rows, {
      author,
      today: todayIsoDate(new Date(workspace.clock.now())),
      now: () => workspace.clock.now(),
      signal: controller.signal,
      onProgress: (done, total) => setStep((s) => (s.name === 'importing' ? { ...s, done, total } : s)),
    })
    const today = todayIsoDate(new Date(workspace.clock.now()))
    const updated = controller.signal.aborted ? { updated: [], failed: [] } : await applyRosterUpdates(workspace, update, { author, today, now: () => workspace.clock.now() })
    abort.current = null
    const newRows = plans.filter((p) => p.kind === 'new').length
    setStep({ name: 'done', outcome, updated, errorRows: report.errorRows, duplicateRows: newRows - rows.length })
  }

  return (
    <main className="page import-page">
      <a className="back" href={routeHref({ name: 'list' })}>
        {t('import.back')}
      </a>
      <h1>{t('import.title')}</h1>
      {step.name === 'choose' && (
        <>
          <p className="hint">{t('import.intro')}</p>
          <FilePicker reading={step.reading} error={step.error} onFile={(f) => void read(f)} />
        </>
      )}
      {step.name === 'map' && (
        <ColumnMapping
          file={step.file}
          mapping={step.mapping}
          onChange={(mapping) => setStep({ ...step, mapping })}
          onNext={() => void check(step.file, step.mapping)}
          onOtherFile={() => setStep(START)}
        />
      )}
      {step.name === 'check' && (
        <RosterCheck
          mapping={step.mapping}
          report={step.report}
          plans={step.plans}
          updates={step.updates}
          onImport={(choice) => void run(step.report, step.plans, step.updates, choice)}
          onBack={() => setStep({ name: 'map', file: step.file, mapping: step.mapping })}
          onCancel={() => setStep(START)}
        />
      )}
      {step.name === 'importing' && (
        <ImportProgress
          done={step.done}
          total={step.total}
          cancelling={step.cancelling}
          onCancel={() => {
            abort.current?.abort()
            setStep((s) => (s.name === 'importing' ? { ...s, cancelling: true } : s))
          }}
        />
      )}
      {step.name === 'done' && (
        <ImportResult outcome={step.outcome} updated={step.updated} errorRows={step.errorRows} duplicateRows={step.duplicateRows} onAgain={() => setStep(START)} />
      )}
    </main>
  )
}
