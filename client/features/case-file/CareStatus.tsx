import { useMemo } from 'react'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { IEP_REVIEW, type Task } from '../../../shared/care/due'
import { helperName, ruleName, taskWhat } from '../../ui/rule-words'
import { useDirectory } from '../../ui/use-directory'
import { useDueTasks, type DueView } from '../../ui/use-due-tasks'
import { useLive } from '../../ui/use-live'
import { useOrganisation } from '../../ui/use-organisation'
import { useWorkspace } from '../../ui/use-session'

/** This week's, month's, term's … : which period a task is for, in words. */
function periodWords(t: TFunction, task: Task, due: DueView): string {
  if (task.period.end < due.today) return t('care.file.lastPeriod')
  if (task.ruleId === IEP_REVIEW) return t('care.current.review')
  const rule = due.rules.get(task.ruleId)
  if (!rule) return ''
  return t(`care.current.${'filed' in rule.what ? 'termFirstMonth' : rule.every}`)
}

/**
 * Which care rules this child's file meets now (SPEC U11): each rule that applies, for each of
 * its helpers, done, due or overdue this week, month or term, from the device's index.
 */
export function CareStatus({ childId }: { childId: string }) {
  const { t } = useTranslation()
  const workspace = useWorkspace()
  const due = useDueTasks({ childId })
  const directory = useDirectory()
  const org = useOrganisation()
  const pairings = useLive(() => workspace.queries.pairingsOf(childId), [childId], [])
  const paired = useMemo(() => new Map(pairings.filter((p) => p.userId !== '').map((p) => [p.userId, p.name])), [pairings])
  if (!due) return null
  // Last period's tasks only when they were missed; this period's all.
  const shown = due.tasks
    .filter((task) => task.period.end >= due.today || task.state === 'overdue')
    .sort((a, b) => (a.period.end < b.period.end ? -1 : a.period.end > b.period.end ? 1 : a.id < b.id ? -1 : 1))
  return (
    <details className="care-status" data-testid="care-status" open>
      <summary>{t('care.file.title')}</summary>
      {shown.length === 0 ? (
        <p className="hint care-none">{t('care.file.none')}</p>
      ) : (
        <ul className="care-status-list">
          {shown.map((task) => {
            const rule = due.rules.get(task.ruleId)
            return (
              <li key={task.id} className={`care-state-${task.state}`}>
                <span className={`badge care-badge care-badge-${task.state}`}>{t(`care.file.states.${task.state}`)}</span>
                <span className="care-period">{periodWords(t, task, due)}</span>
                <span className="care-rule">{rule ? ruleName(t, rule) : taskWhat(t, task, rule)}</span>
                {task.helper.type !== 'anyone' && <span className="care-helper">{helperName(t, task.helper, { directory, org, paired })}</span>}
                {task.ruleId !== IEP_REVIEW && rule && 'record' in rule.what && <span className="care-count">{t('care.file.count', { count: task.count, times: task.times })}</span>}
              </li>
            )
          })}
        </ul>
      )}
    </details>
  )
}
