import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type * as Y from 'yjs'
import { ITEM_STATUSES, type ItemStatus, type Plan } from '../../../shared/docs/plan/plan'
import { STAGES, type Stage } from '../../../shared/docs/plan/template'
import { useEditContext } from '../../ui/fields/edit-context'
import { useDirectory } from '../../ui/use-directory'
import { useOrganisation } from '../../ui/use-organisation'
import { ItemCard } from './ItemCard'
import { filterItems, type PlanFilter } from './plan-view'

/** The plan as one list, filtered (mine, overdue, a stage, a school, a status); all read on the device, offline too. */
export function ListView({ plan, term, doc }: { plan: Plan; term: string; doc: Y.Doc }) {
  const { t } = useTranslation()
  const directory = useDirectory()
  const context = useEditContext()
  const { author, today } = context()
  const org = useOrganisation()
  const [filter, setFilter] = useState<PlanFilter>({})
  const set = (patch: { [K in keyof PlanFilter]?: PlanFilter[K] | undefined }) => setFilter((f) => Object.fromEntries(Object.entries({ ...f, ...patch }).filter(([, v]) => v !== undefined && v !== false)))
  const shown = filterItems(plan.items, filter, { me: author.id, today })
  return (
    <>
      <fieldset className="plan-filters">
        <legend>{t('plan.filters')}</legend>
        <label className="check">
          <input type="checkbox" checked={filter.mine ?? false} onChange={(e) => set({ mine: e.target.checked })} data-testid="filter-mine" />
          {t('plan.filter.mine')}
        </label>
        <label className="check">
          <input type="checkbox" checked={filter.overdue ?? false} onChange={(e) => set({ overdue: e.target.checked })} data-testid="filter-overdue" />
          {t('plan.filter.overdue')}
        </label>
        <label>
          <span>{t('plan.field.stage')}</span>
          <select value={filter.stage ?? ''} onChange={(e) => set({ stage: e.target.value ? (Number(e.target.value) as Stage) : undefined })} data-testid="filter-stage">
            <option value="">{t('plan.filter.any')}</option>
            {STAGES.map((s) => (
              <option key={s} value={s}>
                {t(`plan.stage.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('plan.field.status')}</span>
          <select value={filter.status ?? ''} onChange={(e) => set({ status: (e.target.value || undefined) as ItemStatus | undefined })} data-testid="filter-status">
            <option value="">{t('plan.filter.any')}</option>
            {ITEM_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`plan.status.${s}`)}
              </option>
            ))}
          </select>
        </label>
        {org.schools.length > 0 && (
          <label>
            <span>{t('plan.field.school')}</span>
            <select value={filter.school ?? ''} onChange={(e) => set({ school: e.target.value || undefined })} data-testid="filter-school">
              <option value="">{t('plan.filter.any')}</option>
              {org.schools.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
        )}
      </fieldset>
      <p className="plan-count" aria-live="polite">
        {t('plan.shown', { count: shown.length, total: plan.items.length })}
      </p>
      {shown.length === 0 ? (
        <p className="empty">{t('plan.noneShown')}</p>
      ) : (
        <ul className="plan-items" data-testid="plan-list">
          {shown.map((item) => (
            <ItemCard key={item.id} item={item} term={term} doc={doc} today={today} directory={directory} showMonth />
          ))}
        </ul>
      )}
    </>
  )
}
