import { useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { parseTermCode, termByCode, type Organisation, type TermCode } from '../../../shared/docs/settings/organisation'
import {
  copySourceOf, isRolloverEmpty, nextTermCode, planRollover, readRolloverState, type PlanChoice, type RolloverErrors,
} from '../../../shared/docs/settings/rollover'
import { orgErrorMessage, termLabel } from '../../ui/class-label'
import { useEditContext } from '../../ui/fields/edit-context'
import { useLive } from '../../ui/use-live'
import { useOrganisationOf, useSettingsDoc } from '../../ui/use-organisation'
import { routeHref } from '../../ui/use-route'
import { useSignedIn, useWorkspace } from '../../ui/use-session'
import { applyRollover, planExists, rolloverSteps, type RolloverOutcome } from './apply-rollover'
import { RolloverPreview } from './RolloverPreview'
import './rollover.css'

type Step = { kind: 'edit' } | { kind: 'confirm' } | { kind: 'running'; done: number; total: number } | { kind: 'done' } | { kind: 'failed'; outcome: RolloverOutcome }

/** The terms a coordinator may start: the next two, and the current one (to finish a step that stopped). */
function candidates(org: Organisation, today: string): TermCode[] {
  const year = Number(today.slice(0, 4))
  const base = org.currentTerm ?? parseTermCode(`${year}-spring`)?.code
  if (!base) return []
  const next = nextTermCode(base)
  const after = next ? nextTermCode(next) : undefined
  return [...(org.currentTerm ? [org.currentTerm] : []), ...(next ? [next] : []), ...(after ? [after] : [])]
}

/** The dates a new term is offered with: its own when it exists, else the usual ones. */
function defaultDates(org: Organisation, code: TermCode): { start: string; end: string } {
  const term = termByCode(org, code)
  if (term) return { start: term.start, end: term.end }
  const parsed = parseTermCode(code)
  if (!parsed) return { start: '', end: '' }
  return parsed.season === 'autumn' ? { start: `${parsed.year}-09-01`, end: `${parsed.year + 1}-01-20` } : { start: `${parsed.year}-02-20`, end: `${parsed.year}-07-10` }
}

/**
 * The turn of the year (SPEC Y1, Y7), for coordinators: the new term and its dates, the plan's
 * source, the preview of every change, a confirm step, then the one action with its progress.
 */
export function RolloverPage() {
  const { t } = useTranslation()
  const { account } = useSignedIn()
  return (
    <main className="page rollover-page">
      <a className="back" href={routeHref({ name: 'organisation' })}>
        {t('rollover.back')}
      </a>
      <h1>{t('rollover.title')}</h1>
      <p className="hint">{t('rollover.intro')}</p>
      {account.role === 'coordinator' ? (
        <Rollover />
      ) : (
        <p className="auth-note" data-testid="rollover-not-coordinator">
          {t('rollover.notCoordinator')}
        </p>
      )}
    </main>
  )
}

function Rollover() {
  const { t } = useTranslation()
  const workspace = useWorkspace()
  const context = useEditContext()
  const open = useSettingsDoc()
  const org = useOrganisationOf(open)
  const children = useLive(() => workspace.queries.children(), [], [])
  const today = context().today
  const options = candidates(org, today)
  const [chosen, setChosen] = useState<TermCode>()
  const code = chosen ?? options[org.currentTerm ? 1 : 0]
  const [dates, setDates] = useState<{ code: string; start: string; end: string }>()
  const [plan, setPlan] = useState<PlanChoice>('template')
  const [step, setStep] = useState<Step>({ kind: 'edit' })
  const [version, setVersion] = useState(0)
  const [plans, setPlans] = useState<{ key: string; next: boolean; source: boolean }>()
  const id = useId()

  const state = open ? readRolloverState(open.doc) : undefined
  const source = state && code ? copySourceOf(state, code) : undefined
  const plansKey = `${code}|${source}|${version}`
  useEffect(() => {
    if (!code) return
    let live = true
    void Promise.all([planExists(workspace, code), source ? planExists(workspace, source) : false]).then(([next, src]) => {
      if (live) setPlans({ key: plansKey, next, source: src })
    })
    return () => void (live = false)
  }, [workspace, code, source, plansKey])

  if (!open || !state) return <p role="status">{t('rollover.loading')}</p>
  if (!code) return null
  const termDates = dates?.code === code ? dates : { code, ...defaultDates(org, code) }
  const known = plans?.key === plansKey ? plans : undefined
  const planned = known
    ? planRollover(state, children, { term: termDates, plan, nextPlanCreated: known.next, sourcePlanCreated: known.source, today })
    : undefined
  const errors: RolloverErrors = planned && !planned.ok ? planned.errors : {}
  const preview = planned?.ok ? planned.preview : undefined
  const busy = step.kind === 'running'
  const errorText = (field: keyof RolloverErrors) => {
    const e = errors[field]
    if (!e) return null
    const text = e.code === 'notAfterCurrent' ? t('rollover.errors.notAfterCurrent', { term: termLabel(t, String(e.params?.term ?? '')) }) : orgErrorMessage(t, { code: e.code, ...(e.params ? { params: e.params } : {}) })
    return (
      <span className="field-error" role="alert">
        {text}
      </span>
    )
  }

  const run = async () => {
    if (!preview) return
    setChosen(code)
    setStep({ kind: 'running', done: 0, total: rolloverSteps(preview) })
    const ctx = context()
    const outcome = await applyRollover(workspace, preview, { author: ctx.author, today: ctx.today, now: () => workspace.clock.now() }, (p) =>
      setStep({ kind: 'running', ...p }),
    )
    setVersion((v) => v + 1)
    setStep(outcome.ok ? { kind: 'done' } : { kind: 'failed', outcome })
  }

  return (
    <>
      <fieldset className="rollover-form" disabled={busy || step.kind === 'confirm'}>
        <legend>{t('rollover.choose')}</legend>
        <label htmlFor={`${id}-term`}>{t('rollover.term')}</label>
        <select id={`${id}-term`} value={code} data-testid="rollover-term-code" onChange={(e) => (setChosen(e.target.value as TermCode), setStep({ kind: 'edit' }))}>
          {options.map((o) => (
            <option key={o} value={o}>
              {termLabel(t, o)}
            </option>
          ))}
        </select>
        {errorText('code')}
        <div className="rollover-dates">
          <label>
            {t('rollover.start')}
            <input type="date" value={termDates.start} data-testid="rollover-start" onChange={(e) => setDates({ ...termDates, start: e.target.value })} />
          </label>
          {errorText('start')}
          <label>
            {t('rollover.end')}
            <input type="date" value={termDates.end} data-testid="rollover-end" onChange={(e) => setDates({ ...termDates, end: e.target.value })} />
          </label>
          {errorText('end')}
        </div>
        <fieldset className="rollover-plan-choice">
          <legend>{t('rollover.planSource')}</legend>
          <label>
            <input type="radio" name={`${id}-plan`} checked={plan === 'template'} onChange={() => setPlan('template')} />
            {t('rollover.planTemplate')}
          </label>
          <label>
            <input type="radio" name={`${id}-plan`} checked={plan === 'copy'} disabled={!known?.source} onChange={() => setPlan('copy')} data-testid="rollover-plan-copy" />
            {known?.source && source ? t('rollover.planCopy', { term: termLabel(t, source) }) : t('rollover.planCopyNone')}
          </label>
        </fieldset>
      </fieldset>

      {!known && <p role="status">{t('rollover.loading')}</p>}
      {preview && step.kind !== 'done' && <RolloverPreview preview={preview} org={org} />}

      {preview && !isRolloverEmpty(preview) && step.kind === 'edit' && (
        <button type="button" className="primary" onClick={() => setStep({ kind: 'confirm' })} data-testid="rollover-review">
          {t('rollover.review')}
        </button>
      )}
      {preview && step.kind === 'confirm' && (
        <div className="rollover-confirm" role="alertdialog" aria-labelledby={`${id}-confirm`} data-testid="rollover-confirm">
          <h2 id={`${id}-confirm`}>{t('rollover.confirmTitle', { term: termLabel(t, code) })}</h2>
          <p>{t('rollover.confirmSummary', { moves: preview.moves.length, leaving: preview.leaving.length, leavers: preview.leavers.length })}</p>
          <p className="hint">{t('rollover.confirmHint')}</p>
          <div className="rollover-actions">
            <button type="button" className="primary" onClick={() => void run()} data-testid="rollover-confirm-button">
              {t('rollover.confirm')}
            </button>
            <button type="button" onClick={() => setStep({ kind: 'edit' })}>
              {t('rollover.cancel')}
            </button>
          </div>
        </div>
      )}
      {step.kind === 'running' && (
        <div className="rollover-running" role="status">
          <progress className="rollover-progress" value={step.done} max={Math.max(step.total, 1)} data-testid="rollover-progress" />
          <span>{t('rollover.running', { done: step.done, total: step.total })}</span>
        </div>
      )}
      {step.kind === 'done' && (
        <p className="rollover-done" role="status" data-testid="rollover-done">
          {t('rollover.done', { term: termLabel(t, code) })}
        </p>
      )}
      {step.kind === 'failed' && <Failure outcome={step.outcome} onRetry={() => setStep({ kind: 'edit' })} />}
    </>
  )
}

function Failure({ outcome, onRetry }: { outcome: RolloverOutcome; onRetry: () => void }) {
  const { t } = useTranslation()
  if (outcome.ok) return null
  const text =
    outcome.step === 'statuses' ? t('rollover.failedStatuses', { count: outcome.failed.length }) : outcome.step === 'settings' ? t('rollover.failedSettings') : t('rollover.failedPlan')
  return (
    <div className="import-error" role="alert" data-testid="rollover-failed">
      <p>{text}</p>
      <button type="button" onClick={onRetry}>
        {t('rollover.tryAgain')}
      </button>
    </div>
  )
}
