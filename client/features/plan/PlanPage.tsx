import { useTranslation } from 'react-i18next'
import { planDocumentId } from '../../../shared/doc-id'
import { readPlan, type Plan } from '../../../shared/docs/plan/plan'
import { termLabel } from '../../ui/class-label'
import { useDocState } from '../../ui/use-doc-state'
import { useOpenDoc } from '../../ui/use-open-doc'
import { useOrganisationOf, useSettingsDoc } from '../../ui/use-organisation'
import { navigate, routeHref, type PlanView } from '../../ui/use-route'
import { useWorkspace } from '../../ui/use-session'
import type { OpenDoc } from '../../runtime/sync/live-docs'
import { CreatePlan } from './CreatePlan'
import { ItemPage } from './ItemPage'
import { ListView } from './ListView'
import { MonthView } from './MonthView'
import { NewItemForm } from './NewItemForm'
import { PrintView } from './PrintView'
import { termsForPicker } from './plan-view'
import { useMayWritePlan } from './use-may-write'
import './plan.css'

/** A term's plan: month by month, a filtered list, the print view, or one item (SPEC T7–T12). */
export function PlanPage({ term, view, itemId }: { term?: string | undefined; view?: PlanView | undefined; itemId?: string | undefined }) {
  const { t } = useTranslation()
  const settings = useSettingsDoc()
  const org = useOrganisationOf(settings)
  const chosen = term ?? org.currentTerm
  const terms = termsForPicker(org.terms, org.currentTerm)
  if (!settings) return <main className="page">{t('plan.loading')}</main>
  return (
    <main className={`page plan-page${view === 'print' && !itemId ? ' plan-print-page' : ''}`}>
      <div className="plan-head screen-only">
        <h1>{t('plan.title')}</h1>
        {terms.length > 0 && (
          <label className="plan-term-picker">
            <span>{t('plan.term')}</span>
            <select
              data-testid="plan-term"
              value={chosen ?? ''}
              onChange={(e) => navigate({ name: 'plan', term: e.target.value, ...(view ? { view } : {}) })}
            >
              {chosen && !terms.some((x) => x.code === chosen) && <option value={chosen}>{termLabel(t, chosen)}</option>}
              {terms.map((x) => (
                <option key={x.code} value={x.code}>
                  {termLabel(t, x.code)}
                  {x.code === org.currentTerm ? ` · ${t('plan.current')}` : ''}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      {chosen ? (
        <PlanOf key={chosen} term={chosen} view={view} itemId={itemId} otherTerms={terms.map((x) => x.code).filter((c) => c !== chosen)} />
      ) : (
        <p className="notice" data-testid="plan-no-term">
          {t('plan.noTerm')} <a href={routeHref({ name: 'organisation' })}>{t('plan.toOrganisation')}</a>
        </p>
      )}
    </main>
  )
}

function PlanOf(props: { term: string; view: PlanView | undefined; itemId: string | undefined; otherTerms: string[] }) {
  const { t } = useTranslation()
  const workspace = useWorkspace()
  const open = useOpenDoc(planDocumentId(workspace.workspaceId, props.term))
  return open ? <OpenPlan open={open} {...props} /> : <p>{t('plan.loading')}</p>
}

const planKey = (p: Plan) => JSON.stringify(p)

function OpenPlan({ open, term, view, itemId, otherTerms }: { open: OpenDoc; term: string; view: PlanView | undefined; itemId: string | undefined; otherTerms: string[] }) {
  const { t } = useTranslation()
  const mayWrite = useMayWritePlan()
  const plan = useDocState(open.doc, readPlan, planKey)
  if (!plan.created) {
    return mayWrite ? (
      <CreatePlan doc={open.doc} term={term} otherTerms={otherTerms} />
    ) : (
      <p className="notice" data-testid="plan-none">
        {t('plan.none')}
      </p>
    )
  }
  if (itemId) return <ItemPage open={open} plan={plan} term={term} itemId={itemId} />
  const current = view ?? 'month'
  return (
    <>
      <nav className="tabs screen-only" aria-label={t('plan.views')}>
        {(['month', 'list', 'print'] as const).map((v) => (
          <a key={v} className="plan-tab" aria-current={v === current ? 'page' : undefined} href={routeHref({ name: 'plan', term, view: v })} data-testid={`plan-view-${v}`}>
            {t(`plan.view.${v}`)}
          </a>
        ))}
        <a className="plan-tab" href={routeHref({ name: 'aid', term })} data-testid="plan-to-aid">
          {t('plan.toAid')}
        </a>
        <a className="plan-tab" href={routeHref({ name: 'home', term })} data-testid="plan-to-home">
          {t('plan.toHome')}
        </a>
      </nav>
      {current === 'month' && <MonthView plan={plan} term={term} doc={open.doc} />}
      {current === 'list' && <ListView plan={plan} term={term} doc={open.doc} />}
      {current === 'print' && <PrintView plan={plan} term={term} doc={open.doc} />}
      {mayWrite && current !== 'print' && <NewItemForm doc={open.doc} term={term} />}
    </>
  )
}
