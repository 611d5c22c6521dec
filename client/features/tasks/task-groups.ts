/**
 * How the due list is shown (SPEC U10, U12), pure: one person's tasks in the order they act on
 * them, and a coordinator's count of each helper's overdue tasks.
 */
import { helperKey, type Task, type TaskHelper } from '../../../shared/care/due'
import { addDays, type IsoDate } from '../../../shared/dates'

/** A member's own tasks: theirs by account, and anyone's for the children on their device. */
export function tasksOf(tasks: readonly Task[], userId: string): Task[] {
  return tasks.filter((t) => t.helper.type === 'anyone' || (t.helper.type === 'account' && t.helper.userId === userId))
}

export interface TaskGroups {
  overdue: Task[]
  week: Task[]
  month: Task[]
  later: Task[]
}

/** The last day of the week (Sunday) and of the month `today` is in. */
function endsOf(today: IsoDate): { week: IsoDate; month: IsoDate } {
  const weekday = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7
  const [y, m] = today.split('-').map(Number) as [number, number]
  return { week: addDays(today, 6 - weekday), month: new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10) as IsoDate }
}

/**
 * Overdue first (the longest overdue first), then what falls due this week, then the rest of
 * this month, then later; within each by due date, then the child's name. Done tasks are left out.
 */
export function groupTasks(tasks: readonly Task[], today: IsoDate, nameOf: (childId: string) => string, compare: (a: string, b: string) => number): TaskGroups {
  const ends = endsOf(today)
  const order = (a: Task, b: Task) => (a.due < b.due ? -1 : a.due > b.due ? 1 : compare(nameOf(a.childId), nameOf(b.childId)) || (a.id < b.id ? -1 : 1))
  const out: TaskGroups = { overdue: [], week: [], month: [], later: [] }
  for (const task of tasks) {
    if (task.state === 'done') continue
    const group = task.state === 'overdue' ? out.overdue : task.due <= ends.week ? out.week : task.due <= ends.month ? out.month : out.later
    group.push(task)
  }
  for (const list of Object.values(out)) list.sort(order)
  return out
}

export interface HelperLoad {
  key: string
  helper: TaskHelper
  overdue: Task[]
}

/** Each helper with overdue tasks, the one with most first (then by key, so the order is total). */
export function overdueByHelper(tasks: readonly Task[]): HelperLoad[] {
  const byKey = new Map<string, HelperLoad>()
  for (const task of tasks) {
    if (task.state !== 'overdue') continue
    const key = helperKey(task.helper)
    const load = byKey.get(key) ?? { key, helper: task.helper, overdue: [] }
    load.overdue.push(task)
    byKey.set(key, load)
  }
  return [...byKey.values()].sort((a, b) => b.overdue.length - a.overdue.length || (a.key < b.key ? -1 : 1))
}
