import { useTranslation } from 'react-i18next'
import type * as Y from 'yjs'
import type { Plan } from '../../../shared/docs/plan/plan'
import { termMonths } from '../../../shared/docs/plan/template'
import { useEditContext } from '../../ui/fields/edit-context'
import { useDirectory } from '../../ui/use-directory'
import { formatMonth, ItemCard } from './ItemCard'
import { groupByMonth } from './plan-view'

/** The term month by month: each month a section with its items, as a teacher reads it on a phone. */
export function MonthView({ plan, term, doc }: { plan: Plan; term: string; doc: Y.Doc }) {
  const { t, i18n } = useTranslation()
  const directory = useDirectory()
  const today = useEditContext()().today
  return (
    <div className="plan-months" data-testid="plan-months">
      {groupByMonth(plan.items, termMonths(term)).map((group) => (
        <section key={group.month ?? 'none'} className="plan-month" aria-label={group.month ? formatMonth(group.month, i18n.language) : t('plan.noMonth')}>
          <h2>{group.month ? formatMonth(group.month, i18n.language) : t('plan.noMonth')}</h2>
          {group.items.length === 0 ? (
            <p className="empty">{t('plan.monthEmpty')}</p>
          ) : (
            <ul className="plan-items">
              {group.items.map((item) => (
                <ItemCard key={item.id} item={item} term={term} doc={doc} today={today} directory={directory} />
              ))}
            </ul>
          )}
        </section>
      ))}
    </div>
  )
}
