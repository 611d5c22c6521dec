import { describe, expect, it } from 'vitest'
import type { Task, TaskHelper } from '../../../shared/care/due'
import type { IsoDate } from '../../../shared/dates'
import { groupTasks, overdueByHelper, tasksOf } from './task-groups'

const d = (s: string) => s as IsoDate
let n = 0
function task(childId: string, due: string, state: Task['state'], helper: TaskHelper = { type: 'account', userId: 'me' }): Task {
  n++
  return { id: `r${n}|${childId}`, ruleId: `r${n}`, childId, helper, period: { start: d('2026-11-01'), end: d(due) }, due: d(due), state, times: 1, count: 0, doneBy: [] }
}
const NAMES: Record<string, string> = { a: '王小明', b: '李小红', c: '张伟' }
const nameOf = (id: string) => NAMES[id] ?? ''
const collator = new Intl.Collator('zh-Hans')

describe('my tasks, grouped (SPEC U10)', () => {
  it('U10: overdue first, then this week (to Sunday), then the rest of the month, then later; done ones left out', () => {
    const tasks = [
      task('a', '2026-11-30', 'due'),
      task('b', '2026-11-22', 'due'),
      task('c', '2026-10-31', 'overdue'),
      task('a', '2026-09-30', 'overdue'),
      task('b', '2027-01-20', 'due'),
      task('c', '2026-11-22', 'done'),
      task('a', '2026-11-22', 'due'),
    ]
    const groups = groupTasks(tasks, d('2026-11-18'), nameOf, collator.compare)
    const view = (list: Task[]) => list.map((t) => `${nameOf(t.childId)} ${t.due}`)
    expect(view(groups.overdue)).toEqual(['王小明 2026-09-30', '张伟 2026-10-31'])
    // Within one due date, by the child's name in the reader's language.
    expect(view(groups.week)).toEqual(['李小红 2026-11-22', '王小明 2026-11-22'])
    expect(view(groups.month)).toEqual(['王小明 2026-11-30'])
    expect(view(groups.later)).toEqual(['李小红 2027-01-20'])
  })

  it('U10: a member’s tasks are theirs and anyone’s, never another helper’s or a class’s', () => {
    const mine = task('a', '2026-11-30', 'due')
    const anyone = task('a', '2026-11-30', 'due', { type: 'anyone' })
    const other = task('a', '2026-11-30', 'due', { type: 'account', userId: 'other' })
    const byName = task('a', '2026-11-30', 'due', { type: 'name', name: 'me' })
    const cls = task('a', '2026-11-30', 'due', { type: 'class', classId: 'k1' })
    expect(tasksOf([mine, anyone, other, byName, cls], 'me')).toEqual([mine, anyone])
  })
})

describe('overdue by helper (SPEC U12)', () => {
  it('U12: each helper’s overdue tasks, most first; due and done ones do not count', () => {
    const li = { type: 'account', userId: 'li' } as const
    const wang = { type: 'name', name: '王阿姨' } as const
    const tasks = [task('a', '2026-10-31', 'overdue', li), task('b', '2026-10-31', 'overdue', wang), task('c', '2026-10-31', 'overdue', wang), task('a', '2026-11-30', 'due', li), task('b', '2026-10-31', 'done', li)]
    expect(overdueByHelper(tasks).map((h) => [h.key, h.overdue.length])).toEqual([
      ['n:王阿姨', 2],
      ['u:li', 1],
    ])
    expect(overdueByHelper([])).toEqual([])
  })
})
