import { useTranslation } from 'react-i18next'
import type * as Y from 'yjs'
import type { IsoDate } from '../../../shared/dates'
import { readAttendance } from '../../../shared/docs/plan/attendance'
import { isOverdue, type PlanItem } from '../../../shared/docs/plan/plan'
import type { DirectoryEntry } from '../../../shared/members-api'
import { formatDate } from '../../ui/format'
import { useDocState } from '../../ui/use-doc-state'
import { routeHref } from '../../ui/use-route'
import { itemTitle } from './plan-view'

/** A month as the reader's language writes it: 2027年3月, March 2027. */
export function formatMonth(month: string | undefined, language: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month ?? '')
  if (!m) return month ?? ''
  return new Intl.DateTimeFormat(language, { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1)))
}

/** One item as the month view and the list show it: read at a glance, a link to its page. */
export function ItemCard(props: { item: PlanItem; term: string; doc: Y.Doc; today: IsoDate; directory: ReadonlyMap<string, DirectoryEntry>; showMonth?: boolean }) {
  const { t, i18n } = useTranslation()
  const { item } = props
  const late = isOverdue(item, props.today)
  const owner = item.owner ? (props.directory.get(item.owner)?.displayName ?? t('plan.unknownMember')) : undefined
  const attending = useDocState(props.doc, (d) => (item.activity ? readAttendance(d, item.id).length : 0), String)
  return (
    <li className={`plan-item plan-item-${item.status}${late ? ' plan-item-late' : ''}`} data-testid="plan-item" data-item={item.id}>
      <a className="plan-item-title" href={routeHref({ name: 'plan', term: props.term, itemId: item.id })}>
        {itemTitle(t, item)}
      </a>
      <div className="plan-item-meta">
        <span className={`plan-status plan-status-${item.status}`}>{t(`plan.status.${item.status}`)}</span>
        {late && (
          <span className="plan-overdue" data-testid="plan-overdue">
            {t('plan.overdue')}
          </span>
        )}
        {item.date ? <span>{formatDate(item.date, i18n.language)}</span> : props.showMonth && <span>{formatMonth(item.month, i18n.language)}</span>}
        {owner && <span className="plan-owner">{owner}</span>}
        {item.activity && <span className="plan-kind">{t(`plan.kind.${item.activity}`)}</span>}
        {item.stage && <span className="plan-stage">{t(`plan.stage.${item.stage}`)}</span>}
        {item.activity && attending > 0 && <span className="plan-attending">{t('plan.attending', { count: attending })}</span>}
      </div>
    </li>
  )
}
