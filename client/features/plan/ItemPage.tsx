import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { itemNotes, moveItem, type Plan } from '../../../shared/docs/plan/plan'
import { termMonths, type Month } from '../../../shared/docs/plan/template'
import { useEditContext } from '../../ui/fields/edit-context'
import { routeHref } from '../../ui/use-route'
import type { OpenDoc } from '../../runtime/sync/live-docs'
import { AttendancePanel } from './AttendancePanel'
import { formatMonth } from './ItemCard'
import { ItemForm } from './ItemForm'
import { ItemNotes } from './ItemNotes'
import { itemTitle, stepIndex } from './plan-view'
import { useMayWritePlan } from './use-may-write'

/** One item: every field, its notes, its place in the month, and an activity's attendance (SPEC T11, T12). */
export function ItemPage({ open, plan, term, itemId }: { open: OpenDoc; plan: Plan; term: string; itemId: string }) {
  const { t } = useTranslation()
  const mayWrite = useMayWritePlan()
  const item = plan.items.find((i) => i.id === itemId)
  const back = (
    <a className="back screen-only" href={routeHref({ name: 'plan', term })}>
      ← {t('plan.back')}
    </a>
  )
  if (!item)
    return (
      <>
        {back}
        <p className="notice" data-testid="plan-item-missing">
          {t('plan.itemMissing')}
        </p>
      </>
    )
  return (
    <div className="plan-item-page">
      {back}
      <h2 data-testid="plan-item-title">{itemTitle(t, item)}</h2>
      <ItemForm key={item.id} doc={open.doc} item={item} term={term} readOnly={!mayWrite} />
      {mayWrite && <MoveControls open={open} plan={plan} itemId={item.id} term={term} />}
      <h3>{t('plan.notes')}</h3>
      <ItemNotes fragment={itemNotes(open.doc, item.id)} awareness={open.awareness} editable={mayWrite} />
      {item.activity && <AttendancePanel doc={open.doc} item={item} term={term} readOnly={!mayWrite} />}
    </div>
  )
}

/** Up, down and to another month: buttons, since dragging does not work on a phone. */
function MoveControls({ open, plan, itemId, term }: { open: OpenDoc; plan: Plan; itemId: string; term: string }) {
  const { t, i18n } = useTranslation()
  const context = useEditContext()
  const item = plan.items.find((i) => i.id === itemId)
  const [to, setTo] = useState<string>('')
  if (!item) return null
  const up = stepIndex(plan.items, itemId, -1)
  const down = stepIndex(plan.items, itemId, 1)
  const step = (index: number | undefined) => index !== undefined && item.month && moveItem(open.doc, itemId, item.month, index, context())
  const months = termMonths(term).filter((m) => m !== item.month)
  return (
    <div className="plan-move" role="group" aria-label={t('plan.move.label')}>
      <button type="button" disabled={up === undefined} onClick={() => step(up)} data-testid="plan-up">
        ↑ {t('plan.move.up')}
      </button>
      <button type="button" disabled={down === undefined} onClick={() => step(down)} data-testid="plan-down">
        ↓ {t('plan.move.down')}
      </button>
      <select value={to} onChange={(e) => setTo(e.target.value)} aria-label={t('plan.move.toMonth')} data-testid="plan-move-month">
        <option value="">{t('plan.move.toMonth')}</option>
        {months.map((m) => (
          <option key={m} value={m}>
            {formatMonth(m, i18n.language)}
          </option>
        ))}
      </select>
      <button
        type="button"
        disabled={!to}
        data-testid="plan-move"
        onClick={() => {
          if (to && moveItem(open.doc, itemId, to as Month, Number.POSITIVE_INFINITY, context())) setTo('')
        }}
      >
        {t('plan.move.go')}
      </button>
    </div>
  )
}
