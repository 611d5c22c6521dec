import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { IEP_REVIEW, type Task } from '../../../shared/care/due'
import type { CareRule } from '../../../shared/docs/settings/care-rules'
import { formatDate } from '../../ui/format'
import { routeHref, type Route } from '../../ui/use-route'
import { taskWhat } from '../../ui/rule-words'
import { useAuthor } from '../../ui/use-author'
import { useDueTasks, type DueView } from '../../ui/use-due-tasks'
import { groupTasks, tasksOf, type TaskGroups } from './task-groups'
import './tasks.css'

/** Where a task's one tap goes: the record form set to what it asks for, or the file itself. */
function taskRoute(task: Task, rule: CareRule | undefined): Route {
  const what = rule?.what
  if (task.ruleId === IEP_REVIEW || !what || 'filed' in what) return { name: 'child', childId: task.childId }
  return { name: 'child', childId: task.childId, record: { type: what.record, ...(what.method ? { method: what.method } : {}), period: task.period } }
}

/**
 * "My tasks" (我的待辦, SPEC U10), the first thing on a teacher's or helper's first page: from the
 * device's index only, so offline too, and it follows each record saved. `childrenAnchor` is the
 * id of the children list below it, one tap away.
 */
export function TasksPanel({ childrenAnchor }: { childrenAnchor?: string }) {
  const { t } = useTranslation()
  const due = useDueTasks()
  const { id: me } = useAuthor()
  if (!due) return null
  return (
    <section className="page tasks-panel" aria-labelledby="tasks-title" data-testid="tasks-panel">
      <div className="page-title">
        <h1 id="tasks-title">{t('care.tasks.title')}</h1>
        {childrenAnchor && (
          <button type="button" className="link-button" onClick={() => document.getElementById(childrenAnchor)?.scrollIntoView()}>
            {t('care.tasks.toChildren')} ↓
          </button>
        )}
      </div>
      <TaskSections due={due} tasks={tasksOf(due.tasks, me)} />
      <p className="hint">
        <a href={routeHref({ name: 'careRules' })}>{t('care.tasks.rules')}</a>
      </p>
    </section>
  )
}

const SECTIONS = ['overdue', 'week', 'month', 'later'] as const satisfies readonly (keyof TaskGroups)[]
/** The first two are open; the rest of the month and later ones are folded until asked for. */
const OPEN: ReadonlySet<string> = new Set(['overdue', 'week'])

export function TaskSections({ due, tasks }: { due: DueView; tasks: readonly Task[] }) {
  const { t, i18n } = useTranslation()
  const collator = new Intl.Collator(i18n.language)
  const nameOf = (childId: string) => due.children.get(childId)?.name || t('children.unnamed')
  const groups = groupTasks(tasks, due.today, nameOf, collator.compare)
  if (SECTIONS.every((s) => groups[s].length === 0)) return <p className="hint tasks-empty" data-testid="tasks-empty">{t('care.tasks.empty')}</p>
  return (
    <>
      {SECTIONS.filter((s) => groups[s].length > 0).map((section) => {
        const list = (
          <ul className="task-list" data-testid={`tasks-${section}`}>
            {groups[section].map((task) => (
              <TaskRow key={task.id} task={task} rule={due.rules.get(task.ruleId)} name={nameOf(task.childId)} />
            ))}
          </ul>
        )
        const heading = t(`care.tasks.sections.${section}`, { count: groups[section].length })
        return OPEN.has(section) ? (
          <div key={section} className={`task-section task-section-${section}`}>
            <h2>{heading}</h2>
            {list}
          </div>
        ) : (
          <details key={section} className={`task-section task-section-${section}`}>
            <summary>{heading}</summary>
            {list}
          </details>
        )
      })}
    </>
  )
}

function TaskRow({ task, rule, name }: { task: Task; rule: CareRule | undefined; name: string }) {
  const { t, i18n } = useTranslation()
  const what = taskWhat(t, task, rule)
  const date = formatDate(task.due, i18n.language)
  const route = taskRoute(task, rule)
  const opensForm = route.name === 'child' && route.record !== undefined
  const describedBy = useId()
  return (
    <li className={`task task-${task.state}`} data-testid="task">
      <span className="task-text" id={describedBy}>
        <span className="task-child">{name}</span>
        <span className="task-what">{what}</span>
        <span className="task-due">{task.state === 'overdue' ? t('care.tasks.overdueSince', { date }) : t('care.tasks.dueOn', { date })}</span>
      </span>
      {/* The link's name says what it does; the child and date are its description, so a list of many reads well. */}
      <a className="button task-action" href={routeHref(route)} aria-describedby={describedBy}>
        {opensForm ? t('care.tasks.record', { what: rule && 'record' in rule.what ? t(`records.types.${rule.what.record}`) : what }) : t('care.tasks.openFile')}
      </a>
    </li>
  )
}
