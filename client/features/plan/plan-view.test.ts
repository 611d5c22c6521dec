import type { TFunction } from 'i18next'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { IsoDate } from '../../../shared/dates'
import { addItem, createPlanFromTemplate, editItem, moveItem, readPlan, type PlanItem } from '../../../shared/docs/plan/plan'
import { termMonths, type Month } from '../../../shared/docs/plan/template'
import type { Term } from '../../../shared/docs/settings/organisation'
import type { TermCode } from '../../../shared/docs/settings/term-code'
import type { Attendee } from '../../../shared/docs/plan/attendance'
import { attendanceChange, filterItems, groupByMonth, groupByStage, itemPatch, itemTitle, itemValues, stepIndex, termsForPicker } from './plan-view'

const ctx = { author: { id: 'u-t', name: '李老師' }, now: 1 }
const item = (id: string, over: Partial<PlanItem> = {}): PlanItem => ({
  id,
  title: id,
  month: '2027-03' as Month,
  status: 'planned',
  order: 'a0',
  place: '',
  organiser: '',
  createdBy: { id: '', name: '', at: 0 },
  ...over,
})
const today = '2027-04-10' as IsoDate
const t = ((key: string) => `«${key}»`) as unknown as TFunction

describe('the plan views (SPEC T7, T8)', () => {
  it('T7: the month view has every month of the term in order, an empty one too, and each item once', () => {
    const doc = new Y.Doc()
    createPlanFromTemplate(doc, '2027-spring', ctx)
    addItem(doc, { title: '春遊', month: '2027-05' }, ctx)
    const plan = readPlan(doc)
    const groups = groupByMonth(plan.items, termMonths('2027-spring'))
    expect(groups.map((g) => g.month)).toEqual(['2027-02', '2027-03', '2027-04', '2027-05', '2027-06', '2027-07'])
    expect(groups.flatMap((g) => g.items).length).toBe(plan.items.length)
    expect(groups[3]?.items.map((i) => i.title)).toContain('春遊')
  })

  it('T7: an item of a month outside the term, or of none, still shows', () => {
    const groups = groupByMonth([item('a', { month: '2027-09' as Month }), item('b', { month: undefined })], termMonths('2027-spring'))
    expect(groups.map((g) => g.month)).toEqual(['2027-02', '2027-03', '2027-04', '2027-05', '2027-06', '2027-07', '2027-09', undefined])
  })

  it("T7: a template item is named in the reader's language until it has a title", () => {
    expect(itemTitle(t, { title: '', templateKey: 'talentShow' })).toBe('«plan.template.talentShow»')
    expect(itemTitle(t, { title: '六一文藝匯演', templateKey: 'talentShow' })).toBe('六一文藝匯演')
  })

  it('T8: the filters keep mine, overdue, a stage, a school and a status, all at once', () => {
    const items = [
      item('mine-late', { owner: 'me', month: '2027-03' as Month, stage: 2, school: 's1' }),
      item('mine-done', { owner: 'me', month: '2027-03' as Month, status: 'done', stage: 2 }),
      item('other', { owner: 'you', month: '2027-06' as Month, stage: 3, school: 's2' }),
      item('dated', { date: '2027-04-01' as IsoDate, month: '2027-04' as Month, stage: 1 }),
    ]
    const who = { me: 'me', today }
    const ids = (f: Parameters<typeof filterItems>[1]) => filterItems(items, f, who).map((i) => i.id)
    expect(ids({})).toEqual(['mine-late', 'mine-done', 'other', 'dated'])
    expect(ids({ mine: true })).toEqual(['mine-late', 'mine-done'])
    expect(ids({ overdue: true })).toEqual(['mine-late', 'dated'])
    expect(ids({ stage: 3 })).toEqual(['other'])
    expect(ids({ school: 's1' })).toEqual(['mine-late'])
    expect(ids({ status: 'done' })).toEqual(['mine-done'])
    expect(ids({ mine: true, overdue: true })).toEqual(['mine-late'])
  })

  it('T9: the print view is by stage, then month, a stage without items left out', () => {
    const groups = groupByStage([item('a', { stage: 3 }), item('b', { stage: 1, month: '2027-05' as Month }), item('c', { stage: 1 }), item('d')])
    expect(groups.map((g) => [g.stage, g.months.map((m) => [m.month, m.items.map((i) => i.id)])])).toEqual([
      [1, [['2027-03', ['c']], ['2027-05', ['b']]]],
      [3, [['2027-03', ['a']]]],
      [undefined, [['2027-03', ['d']]]],
    ])
  })

  it('T10: the term picker puts the current term first, then the latest', () => {
    const term = (code: string, start: string): Term => ({ code: code as TermCode, year: 0, season: 'spring', start: start as IsoDate, end: start as IsoDate })
    const terms = [term('2026-autumn', '2026-09-01'), term('2027-spring', '2027-02-20'), term('2026-spring', '2026-02-20')]
    expect(termsForPicker(terms, '2026-autumn').map((x) => x.code)).toEqual(['2026-autumn', '2027-spring', '2026-spring'])
  })

  it('T11: saving attendance adds the newly chosen, changes who came, and takes off the unticked', () => {
    const at = { byId: 'u', by: 'u', at: 1 }
    const current: Attendee[] = [
      { childId: 'a', ...at },
      { childId: 'b', came: 'parent' as const, ...at },
      { childId: 'c', ...at },
    ]
    const chosen = new Map([
      ['a', undefined],
      ['b', 'guardian' as const],
      ['d', undefined],
    ])
    expect(attendanceChange(current, chosen)).toEqual({ add: [{ childId: 'b', came: 'guardian' }, { childId: 'd' }], remove: ['c'] })
    expect(attendanceChange(current, new Map(current.map((a) => [a.childId, a.came])))).toEqual({ add: [], remove: [] })
  })

  it('T12: up and down move an item one place within its month, and no further than its ends', () => {
    const doc = new Y.Doc()
    const ids = ['x', 'y', 'z'].map((title) => {
      const r = addItem(doc, { title, month: '2027-03' }, ctx)
      return 'id' in r ? r.id : ''
    })
    const titles = () => readPlan(doc).items.map((i) => i.title)
    const move = (id: string, step: -1 | 1) => {
      const index = stepIndex(readPlan(doc).items, id, step)
      if (index !== undefined) moveItem(doc, id, '2027-03' as Month, index, ctx)
      return index
    }
    expect(move(ids[1] as string, -1)).toBe(0)
    expect(titles()).toEqual(['y', 'x', 'z'])
    expect(move(ids[1] as string, -1)).toBeUndefined()
    move(ids[1] as string, 1)
    move(ids[1] as string, 1)
    expect(titles()).toEqual(['x', 'z', 'y'])
    expect(move(ids[1] as string, 1)).toBeUndefined()
  })

  it('T12: saving the form writes only what its user changed, all at once or, with one bad value, nothing', () => {
    const doc = new Y.Doc()
    createPlanFromTemplate(doc, '2027-spring', ctx)
    const id = 't-talentShow'
    // Someone else marks it done while this form is open; this user types a place and a date.
    editItem(doc, id, { status: 'done' }, ctx)
    const live = itemValues(readPlan(doc).items.find((i) => i.id === id) as PlanItem)
    // A field typed back to what it is now is not written either.
    const patch = itemPatch(live, { place: '操場', date: '2027-04-30', title: live.title })
    expect(patch).toEqual({ place: '操場', date: '2027-04-30' })
    expect(editItem(doc, id, { ...patch, date: '2027-02-30' }, ctx)).toMatchObject({ date: { code: 'invalidDate' } })
    expect(readPlan(doc).items.find((i) => i.id === id)).toMatchObject({ place: '', status: 'done' })
    expect(editItem(doc, id, patch, ctx)).toEqual({})
    expect(readPlan(doc).items.find((i) => i.id === id)).toMatchObject({ place: '操場', date: '2027-04-30', status: 'done' })
    // Emptying a field clears it.
    expect(itemPatch(live, { owner: '', place: '' })).toEqual({})
    expect(itemPatch({ ...live, owner: 'u1' }, { owner: '' })).toEqual({ owner: null })
  })
})
