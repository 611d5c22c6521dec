import { useTranslation } from 'react-i18next'
import type * as Y from 'yjs'
import { readAttendance } from '../../../shared/docs/plan/attendance'
import type { Plan, PlanItem } from '../../../shared/docs/plan/plan'
import { termLabel } from '../../ui/class-label'
import { formatDate } from '../../ui/format'
import { useDirectory } from '../../ui/use-directory'
import { useDocState } from '../../ui/use-doc-state'
import { useOrganisation } from '../../ui/use-organisation'
import { formatMonth } from './ItemCard'
import { groupByStage, itemTitle } from './plan-view'

/** The whole plan on A4, by stage and month, each item with its fields and how many took part (SPEC T9). */
export function PrintView({ plan, term, doc }: { plan: Plan; term: string; doc: Y.Doc }) {
  const { t, i18n } = useTranslation()
  const directory = useDirectory()
  const org = useOrganisation()
  // Attendance is its own root: read it with the plan, so the counts follow changes too.
  const counts = useDocState(doc, (d) => plan.items.map((i) => (i.activity ? readAttendance(d, i.id).length : 0)).join(','), String)
  const count = new Map(plan.items.map((item, i) => [item.id, Number(counts.split(',')[i] ?? 0)]))
  const school = (id: string | undefined) => (id ? (org.schools.find((s) => s.id === id)?.name ?? '') : '')
  const fields = (item: PlanItem): [string, string][] =>
    (
      [
        [t('plan.field.date'), item.date ? formatDate(item.date, i18n.language) : ''],
        [t('plan.field.status'), t(`plan.status.${item.status}`)],
        [t('plan.field.owner'), item.owner ? (directory.get(item.owner)?.displayName ?? '') : ''],
        [t('plan.field.activity'), item.activity ? t(`plan.kind.${item.activity}`) : ''],
        [t('plan.field.place'), item.place],
        [t('plan.field.organiser'), item.organiser],
        [t('plan.field.school'), school(item.school)],
        [t('plan.attendance.title'), item.activity ? t('plan.attending', { count: count.get(item.id) ?? 0 }) : ''],
      ] as [string, string][]
    ).filter(([, v]) => v !== '')
  return (
    <article className="plan-print" data-testid="plan-print">
      <div className="screen-only plan-print-actions">
        <button type="button" className="primary" onClick={() => window.print()} data-testid="plan-print-button">
          {t('plan.print')}
        </button>
      </div>
      <h1>{t('plan.printTitle', { term: termLabel(t, term) })}</h1>
      {groupByStage(plan.items).map((stage) => (
        <section key={stage.stage ?? 'none'} className="plan-print-stage">
          <h2>{stage.stage ? t(`plan.stage.${stage.stage}`) : t('plan.noStage')}</h2>
          {stage.months.map((month) => (
            <section key={month.month ?? 'none'} className="plan-print-month">
              <h3>{month.month ? formatMonth(month.month, i18n.language) : t('plan.noMonth')}</h3>
              <ol>
                {month.items.map((item) => (
                  <li key={item.id} className="plan-print-item">
                    <strong>{itemTitle(t, item)}</strong>
                    <dl>
                      {fields(item).map(([label, value]) => (
                        <div key={label}>
                          <dt>{label}</dt>
                          <dd>{value}</dd>
                        </div>
                      ))}
                    </dl>
                  </li>
                ))}
              </ol>
            </section>
          ))}
        </section>
      ))}
    </article>
  )
}
