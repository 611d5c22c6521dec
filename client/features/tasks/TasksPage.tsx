import { useMemo, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { helperName, taskWhat } from '../../ui/rule-words'
import { formatDate } from '../../ui/format'
import { routeHref } from '../../ui/use-route'
import { useDirectory } from '../../ui/use-directory'
import { useDueTasks } from '../../ui/use-due-tasks'
import { useLive } from '../../ui/use-live'
import { useOrganisation } from '../../ui/use-organisation'
import { useSignedIn } from '../../ui/use-session'
import { overdueByHelper } from './task-groups'
import { TasksPanel } from './TasksPanel'
import { useClassTeachers } from './use-class-teachers'
import './tasks.css'

/** What is due: a coordinator sees each helper's overdue tasks (SPEC U12); anyone else their own. */
export function TasksPage() {
  const { t } = useTranslation()
  const { account } = useSignedIn()
  return (
    <>
      <p className="page tasks-back">
        <a className="back" href={routeHref({ name: 'list' })}>
          ← {t('child.back')}
        </a>
      </p>
      {account.role === 'coordinator' ? <HelpersOverdue /> : <TasksPanel />}
    </>
  )
}

function HelpersOverdue() {
  const { t, i18n } = useTranslation()
  const { session, workspace } = useSignedIn()
  const known = useClassTeachers()
  const due = useDueTasks(known ? { classTeachers: known.teachers } : {})
  const directory = useDirectory()
  const org = useOrganisation()
  const pairings = useLive(() => workspace.queries.pairings(), [], [])
  // A member's name as the relay or the pairings gave it, for one the directory does not list (yet).
  const paired = useMemo(
    () => new Map([...pairings.filter((p) => p.userId !== '').map((p): [string, string] => [p.userId, p.name]), ...(known?.names ?? [])]),
    [pairings, known],
  )
  if (!due) return null
  const loads = overdueByHelper(due.tasks)
  const nameOf = (childId: string) => due.children.get(childId)?.name || t('children.unnamed')
  return (
    <main className="page tasks-overview">
      <div className="page-title">
        <h1>{t('care.overview.title')}</h1>
        <a className="button" href={routeHref({ name: 'careRules' })} data-testid="care-rules-link">
          {t('care.rulesLink')}
        </a>
      </div>
      <p className="hint">{t('care.overview.intro')}</p>
      {session !== 'live' && <p className="auth-note">{t('care.overview.teachersOffline')}</p>}
      {loads.length === 0 ? (
        <p className="empty">{t('care.overview.none')}</p>
      ) : (
        <ul className="helper-overdue" data-testid="helper-overdue">
          {loads.map((load) => (
            <li key={load.key}>
              <Opened>
                <summary>
                  <span className="helper-name">{helperName(t, load.helper, { directory, org, paired })}</span>
                  <span className="helper-count">{t('care.overview.overdue', { count: load.overdue.length })}</span>
                </summary>
                {() => (
                  <ul>
                    {load.overdue.map((task) => (
                      <li key={task.id}>
                        <a href={routeHref({ name: 'child', childId: task.childId })}>
                          {t('care.overview.child', { child: nameOf(task.childId), what: taskWhat(t, task, due.rules.get(task.ruleId)) })}
                        </a>{' '}
                        <span className="hint">{t('care.tasks.overdueSince', { date: formatDate(task.due, i18n.language) })}</span>
                      </li>
                    ))}
                  </ul>
                )}
              </Opened>
            </li>
          ))}
        </ul>
      )}
    </main>
  )
}

/**
 * A <details> whose content is made only once it is opened: at 10,000 children a coordinator's
 * helpers have tens of thousands of overdue tasks between them, and rows nobody has opened
 * would cost the page seconds to build.
 */
function Opened({ children: [summary, content] }: { children: [ReactNode, () => ReactNode] }) {
  const [open, setOpen] = useState(false)
  return (
    <details onToggle={(event) => setOpen(event.currentTarget.open)}>
      {summary}
      {open && content()}
    </details>
  )
}
