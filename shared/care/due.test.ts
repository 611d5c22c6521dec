import { describe, expect, it } from 'vitest'
import type { IsoDate } from '../dates'
import { DEFAULT_RULES, riskRuleId, type CareRule } from '../docs/settings/care-rules'
import { childRow, recordRow, type ChildRow, type PairingRow, type RecordRow } from '../indexes/rows'
import { IEP_REVIEW, dueTasks, helperKey, tasksWithin, type DueInput, type Task } from './due'
import { calendarPeriod, firstMonthOf, recentPeriods } from './periods'

const d = (s: string) => s as IsoDate
const AUTUMN = { start: d('2026-09-01'), end: d('2027-01-20') }
const SPRING = { start: d('2027-02-20'), end: d('2027-07-10') }
const TEACHERS = new Map([['k1', ['t1']]])
const rule = (id: string): CareRule => {
  const found = DEFAULT_RULES.find((r) => r.id === id)
  if (!found) throw new Error(id)
  return found
}
const child = (id: string, fields: Partial<ChildRow> = {}) => childRow({ id, docId: `ws/child/${id}`, classId: 'k1', missing: ['consent.date'], ...fields })
let n = 0
const rec = (childId: string, type: string, date: string, authorId = 't1', method = ''): RecordRow =>
  recordRow({ id: `${childId}/r${++n}`, childId, docId: `ws/child/${childId}`, type, date, authorId, method })
const pair = (childId: string, kind: string, fields: Partial<PairingRow> = {}): PairingRow => ({
  id: `${childId}/p${++n}`, childId, docId: `ws/child/${childId}`, pairingId: `p${n}`, userId: '', name: '', kind, from: '', to: '', ...fields,
})

function tasks(input: Partial<DueInput> & Pick<DueInput, 'today'>): Task[] {
  return dueTasks({ rules: [], children: [child('c1')], records: [], pairings: [], terms: [AUTUMN, SPRING], classTeachers: TEACHERS, ...input })
}
const brief = (list: readonly Task[]) => list.map((t) => [t.ruleId, helperKey(t.helper), t.period.start, t.state, t.count])

describe('periods (SPEC U5)', () => {
  it('U5: weeks start on Monday; months, quarters, half years and years are the calendar’s', () => {
    expect(calendarPeriod('week', d('2026-11-18'))).toEqual({ start: '2026-11-16', end: '2026-11-22' })
    expect(calendarPeriod('week', d('2026-11-22'))).toEqual({ start: '2026-11-16', end: '2026-11-22' })
    expect(calendarPeriod('week', d('2027-01-01'))).toEqual({ start: '2026-12-28', end: '2027-01-03' })
    expect(calendarPeriod('month', d('2028-02-10'))).toEqual({ start: '2028-02-01', end: '2028-02-29' })
    expect(calendarPeriod('quarter', d('2026-11-18'))).toEqual({ start: '2026-10-01', end: '2026-12-31' })
    expect(calendarPeriod('halfYear', d('2026-06-30'))).toEqual({ start: '2026-01-01', end: '2026-06-30' })
    expect(calendarPeriod('halfYear', d('2026-07-01'))).toEqual({ start: '2026-07-01', end: '2026-12-31' })
    expect(calendarPeriod('year', d('2026-07-01'))).toEqual({ start: '2026-01-01', end: '2026-12-31' })
    expect(firstMonthOf(AUTUMN)).toEqual({ start: '2026-09-01', end: '2026-09-30' })
    expect(firstMonthOf({ start: d('2027-01-31'), end: d('2027-06-30') })).toEqual({ start: '2027-01-31', end: '2027-02-27' })
  })

  it('U5: the running period and the one before; between terms, the term just ended only; no terms, none', () => {
    expect(recentPeriods('month', d('2026-12-01'), [])).toEqual({ running: { start: '2026-12-01', end: '2026-12-31' }, last: { start: '2026-11-01', end: '2026-11-30' } })
    expect(recentPeriods('term', d('2027-02-01'), [AUTUMN, SPRING])).toEqual({ last: AUTUMN })
    expect(recentPeriods('term', d('2027-03-01'), [SPRING, AUTUMN])).toEqual({ running: SPRING, last: AUTUMN })
    expect(recentPeriods('term', d('2026-10-01'), [])).toEqual({})
  })
})

describe('what is due: worked examples', () => {
  const monthly = [rule('talk-monthly-teacher')]

  it('U5, U7: the class teacher’s monthly talk is done, due and overdue at the month’s turn', () => {
    const records = [rec('c1', 'talk', '2026-10-20'), rec('c1', 'talk', '2026-11-05', 'h1')]
    expect(brief(tasks({ rules: monthly, records, today: d('2026-11-30') }))).toEqual([
      ['talk-monthly-teacher', 'u:t1', '2026-10-01', 'done', 1],
      // A talk someone else wrote is not the class teacher's.
      ['talk-monthly-teacher', 'u:t1', '2026-11-01', 'due', 0],
    ])
    expect(brief(tasks({ rules: monthly, records, today: d('2026-12-01') }))).toEqual([
      ['talk-monthly-teacher', 'u:t1', '2026-11-01', 'overdue', 0],
      ['talk-monthly-teacher', 'u:t1', '2026-12-01', 'due', 0],
    ])
    const late = [...records, rec('c1', 'talk', '2026-11-30')]
    const [november] = tasks({ rules: monthly, records: late, today: d('2026-12-01') })
    expect(november).toMatchObject({ state: 'done', due: '2026-11-30', doneBy: [late[2]?.id] })
  })

  it('U6: a caring mother’s weekly talk, for the weeks her pairing is in force', () => {
    const pairings = [pair('c1', 'caringMother', { userId: 'm1', name: '张妈妈', from: '2026-11-10' })]
    const records = [rec('c1', 'talk', '2026-11-10', 'm1'), rec('c1', 'talk', '2026-11-16', 't1')]
    expect(brief(tasks({ rules: [rule('talk-weekly-caring-mother')], records, pairings, today: d('2026-11-18') }))).toEqual([
      ['talk-weekly-caring-mother', 'u:m1', '2026-11-09', 'done', 1],
      ['talk-weekly-caring-mother', 'u:m1', '2026-11-16', 'due', 0],
    ])
    // Begun on the last day of a week: that week was hers; begun later, not.
    const later = [pair('c1', 'caringMother', { userId: 'm1', from: '2026-11-16' })]
    expect(brief(tasks({ rules: [rule('talk-weekly-caring-mother')], pairings: later, today: d('2026-11-18') }))).toEqual([
      ['talk-weekly-caring-mother', 'u:m1', '2026-11-16', 'due', 0],
    ])
  })

  it('U6: a pairing that ended gives no task after its last day; one by name counts anyone’s record', () => {
    const pairings = [pair('c1', 'caringMother', { userId: 'm1', to: '2026-11-12' }), pair('c1', 'caringMother', { name: '李阿姨', from: '2026-11-01' })]
    const records = [rec('c1', 'talk', '2026-11-17', 't1')]
    expect(brief(tasks({ rules: [rule('talk-weekly-caring-mother')], records, pairings, today: d('2026-11-18') }))).toEqual([
      ['talk-weekly-caring-mother', 'n:李阿姨', '2026-11-09', 'overdue', 0],
      ['talk-weekly-caring-mother', 'n:李阿姨', '2026-11-16', 'done', 1],
    ])
  })

  it('U5: home visits twice a term: one is not enough; after the term it is overdue; no terms, no task', () => {
    const visits = [rule('home-visit-termly-teacher')]
    const one = [rec('c1', 'homeVisit', '2026-09-10')]
    expect(brief(tasks({ rules: visits, records: one, today: d('2026-11-15') }))).toEqual([['home-visit-termly-teacher', 'u:t1', '2026-09-01', 'due', 1]])
    const two = [...one, rec('c1', 'homeVisit', '2026-11-14')]
    expect(tasks({ rules: visits, records: two, today: d('2026-11-15') }).map((t) => t.state)).toEqual(['done'])
    expect(brief(tasks({ rules: visits, records: one, today: d('2027-02-01') }))).toEqual([['home-visit-termly-teacher', 'u:t1', '2026-09-01', 'overdue', 1]])
    expect(tasks({ rules: visits, records: one, today: d('2026-11-15'), terms: [] })).toEqual([])
  })

  it('U1, U7: a rule with a method counts that way of contact only, by anyone', () => {
    const calls: CareRule = { ...rule('parent-contact-monthly'), what: { record: 'parentContact', method: 'call' } }
    const records = [rec('c1', 'parentContact', '2026-11-03', 'x', 'video'), rec('c1', 'parentContact', '2026-10-03', 'y', 'call')]
    expect(brief(tasks({ rules: [calls], records, today: d('2026-11-15') }))).toEqual([
      ['parent-contact-monthly', '*', '2026-10-01', 'done', 1],
      ['parent-contact-monthly', '*', '2026-11-01', 'due', 0],
    ])
  })

  it('U1: a risk colour’s cadence applies to children of that colour only, once it is switched on', () => {
    const red = rule(riskRuleId('red'))
    const children = [child('c1', { risk: 'red' }), child('c2', { risk: 'yellow' }), child('c3')]
    expect(tasks({ rules: [red], children, today: d('2026-11-18') })).toEqual([])
    const on = { ...red, on: true }
    const found = tasks({ rules: [on], children, records: [rec('c1', 'homeVisit', '2026-11-17', 'v1')], today: d('2026-11-18') })
    expect(found.map((t) => [t.childId, t.period.start, t.state])).toEqual([
      ['c1', '2026-11-09', 'overdue'],
      ['c1', '2026-11-16', 'done'],
    ])
  })

  it('U6: the class teacher is an account the device knows, else a named pairing, else the class', () => {
    const pairings = [pair('c1', 'classTeacher', { name: '王老师' })]
    const keys = (input: Partial<DueInput>) => [...new Set(tasks({ rules: monthly, today: d('2026-11-15'), ...input }).map((t) => helperKey(t.helper)))]
    expect(keys({ pairings })).toEqual(['u:t1'])
    expect(keys({ pairings, classTeachers: new Map() })).toEqual(['n:王老师'])
    expect(keys({ classTeachers: new Map() })).toEqual(['c:k1'])
    expect(keys({ pairings: [pair('c1', 'classTeacher', { userId: 't2' })] })).toEqual(['u:t1', 'u:t2'])
  })

  it('U5: a file made within the term’s first month is done; one still missing fields is due, then overdue', () => {
    const filed = [rule('file-first-month')]
    expect(brief(tasks({ rules: filed, today: d('2026-09-15') }))).toEqual([['file-first-month', 'u:t1', '2026-09-01', 'due', 0]])
    expect(brief(tasks({ rules: filed, today: d('2026-10-05') }))).toEqual([['file-first-month', 'u:t1', '2026-09-01', 'overdue', 0]])
    expect(tasks({ rules: filed, children: [child('c1', { missing: [] })], today: d('2026-10-05') }).map((t) => t.state)).toEqual(['done'])
  })

  it('U5: a period that ended before the file was made owes nothing', () => {
    const made = Date.UTC(2026, 10, 3, 2) // 3 November, 10:00 in Shanghai
    expect(brief(tasks({ rules: monthly, children: [child('c1', { createdAt: made })], today: d('2026-11-15') }))).toEqual([
      ['talk-monthly-teacher', 'u:t1', '2026-11-01', 'due', 0],
    ])
  })

  it('U8: a child no longer left behind, or not yet again, has no task for that time', () => {
    const gone = child('c1', { path: [{ status: 'noLongerLeftBehind', since: '2026-11-01' }] })
    expect(tasks({ rules: monthly, children: [gone], today: d('2026-11-15') })).toEqual([])
    const back = child('c1', { path: [{ status: 'noLongerLeftBehind', since: '2026-09-01' }, { status: 'active', since: '2026-11-10' }] })
    expect(brief(tasks({ rules: monthly, children: [back], today: d('2026-11-15') }))).toEqual([['talk-monthly-teacher', 'u:t1', '2026-11-01', 'due', 0]])
  })

  it('U9: the education plan’s review date is a task of the class teacher and the paired members, due then overdue', () => {
    const c1 = child('c1', { iepReview: '2026-11-20' })
    const pairings = [pair('c1', 'caringMother', { userId: 'm1' }), pair('c1', 'peerBuddy', { name: '小红' }), pair('c1', 'cadre', { userId: 'x1', to: '2026-10-01' })]
    const before = tasks({ children: [c1], pairings, today: d('2026-11-15') })
    expect(before.map((t) => [t.ruleId, helperKey(t.helper), t.due, t.state])).toEqual([
      [IEP_REVIEW, 'u:m1', '2026-11-20', 'due'],
      [IEP_REVIEW, 'u:t1', '2026-11-20', 'due'],
    ])
    expect(tasks({ children: [c1], pairings, today: d('2026-11-21') }).map((t) => t.state)).toEqual(['overdue', 'overdue'])
    expect(tasks({ children: [child('c1', { iepReview: 'soon' })], today: d('2026-11-21') })).toEqual([])
  })

  it('U5: a switched-off rule gives no task, and ids are stable across calls', () => {
    const off = { ...rule('talk-monthly-teacher'), on: false }
    expect(tasks({ rules: [off], today: d('2026-11-15') })).toEqual([])
    const a = tasks({ rules: monthly, today: d('2026-11-15') })
    expect(tasks({ rules: monthly, today: d('2026-11-20') }).map((t) => t.id)).toEqual(a.map((t) => t.id))
    expect(a[1]?.id).toBe('talk-monthly-teacher|c1|u:t1|2026-11-01')
  })
})

describe('tasks within a window (SPEC U13)', () => {
  const rules = [rule('talk-monthly-teacher'), rule('talk-weekly-caring-mother'), rule('home-visit-termly-teacher'), rule('home-visit-half-year-cadre')]
  const children = [child('c1'), child('c2', { path: [{ status: 'noLongerLeftBehind', since: '2026-12-01' }] })]
  const pairings = [pair('c1', 'caringMother', { userId: 'm1' }), pair('c1', 'cadre', { userId: 'x1' }), pair('c2', 'caringMother', { userId: 'm1' })]
  const records = [rec('c1', 'talk', '2026-10-07'), rec('c1', 'talk', '2026-10-08', 'm1'), rec('c1', 'homeVisit', '2026-09-30', 'x1'), rec('c2', 'talk', '2026-10-12', 't1')]
  const input = { rules, children, records, pairings, terms: [AUTUMN, SPRING], classTeachers: TEACHERS }

  it('U13: for the running period it agrees with the due list task by task', () => {
    const today = d('2026-10-20')
    const due = dueTasks({ ...input, today }).filter((t) => t.period.start <= today && today <= t.period.end && t.ruleId !== IEP_REVIEW)
    const within = tasksWithin({ ...input, today, window: AUTUMN }).filter((t) => t.period.start <= today && today <= t.period.end)
    expect(within).toEqual(due)
  })

  it('U13: a term holds every month and week begun by today, the term, and the half year whose middle it holds', () => {
    const today = d('2026-10-20')
    const within = tasksWithin({ ...input, today, window: AUTUMN }).filter((t) => t.childId === 'c1')
    const starts = (ruleId: string) => within.filter((t) => t.ruleId === ruleId).map((t) => t.period.start)
    expect(starts('talk-monthly-teacher')).toEqual(['2026-09-01', '2026-10-01'])
    // Weeks from the one holding 1 September (Monday 31 August: most of it is September's) to the one holding today.
    expect(starts('talk-weekly-caring-mother')).toEqual(['2026-08-31', '2026-09-07', '2026-09-14', '2026-09-21', '2026-09-28', '2026-10-05', '2026-10-12', '2026-10-19'])
    expect(starts('home-visit-termly-teacher')).toEqual(['2026-09-01'])
    expect(within.filter((t) => t.ruleId === 'home-visit-half-year-cadre').map((t) => [t.period.start, t.state])).toEqual([['2026-07-01', 'done']]) // the cadre's visit of 30 September
    // A month's window, shorter cadences only: no term, no half year.
    const october = tasksWithin({ ...input, today, window: { start: d('2026-10-01'), end: d('2026-10-31') }, noLonger: true })
    expect(new Set(october.map((t) => t.ruleId))).toEqual(new Set(['talk-monthly-teacher', 'talk-weekly-caring-mother']))
  })

  it('U13, U8: a past term counts the children left behind at its end, not today', () => {
    const today = d('2027-03-01')
    const autumn = tasksWithin({ ...input, today, window: AUTUMN })
    // c2 went home on 1 December, before the autumn term ended: no task of the term for c2.
    expect(autumn.some((t) => t.childId === 'c2')).toBe(false)
    const october = tasksWithin({ ...input, today, window: { start: d('2026-10-01'), end: d('2026-10-31') }, noLonger: true })
    expect(october.filter((t) => t.childId === 'c2' && t.ruleId === 'talk-monthly-teacher').map((t) => t.state)).toEqual(['done'])
    expect(october.every((t) => t.state !== 'due')).toBe(true)
  })
})
