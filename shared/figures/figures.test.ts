import * as prng from 'lib0/prng'
import { describe, expect, it } from 'vitest'
import type { IsoDate } from '../dates'
import type { PlanItem } from '../docs/plan/plan'
import { childRow, recordRow, type ChildRow, type PairingRow, type RecordRow } from '../indexes/rows'
import type { CareRule } from '../docs/settings/care-rule-shape'
import { computeFigures, periodMonths } from './figures'
import { figureLists } from './lists'
import { ORG, PERIOD, TERM } from '../../tests/fixtures/figures-workspace'

// The fixture workspace's organisation and term: the summary's tests print the same figures.
const made = { missing: [] as string[] }
const doc = (id: string) => `ws/child/${id}`

describe('the figures of a small workspace, counted by hand (SPEC Z2, Z3)', () => {
  const children: ChildRow[] = [
    childRow({ id: 'a', docId: doc('a'), classId: 'c31', gender: 'female', birthDate: '2017-05-01', careArrangement: 'grandparents', parentsAway: 'both', schoolingStatus: 'enrolled', risk: 'red', ...made }),
    childRow({ id: 'b', docId: doc('b'), classId: 'c31', gender: 'male', birthDate: '2016-01-01', careArrangement: 'grandparents', parentsAway: 'father', schoolingStatus: 'enrolled', missing: ['consent.date'] }),
    childRow({ id: 'c', docId: doc('c'), classId: 'c32', gender: 'male', birthDate: '2010-12-31', careArrangement: 'relatives', schoolingStatus: 'droppedOut', ...made }),
    // No longer left behind from October: counted at the start of the term, not at its end.
    childRow({ id: 'd', docId: doc('d'), classId: 'c32', gender: 'female', birthDate: '2016-03-03', path: [{ status: 'noLongerLeftBehind', since: '2026-10-01' }], ...made }),
    childRow({ id: 'e', docId: doc('e'), classId: 'c51', gender: 'female', birthDate: '', careArrangement: 'grandparents', missing: ['birthDate'] }),
    childRow({ id: 'f', docId: doc('f'), classId: 'w11', gender: 'male', birthDate: '2021-02-01', careArrangement: 'other', schoolingStatus: '', ...made }),
  ]
  const records: RecordRow[] = [
    recordRow({ id: 'r1', childId: 'a', docId: doc('a'), type: 'talk', date: '2026-09-10', authorId: 'u1' }),
    recordRow({ id: 'r2', childId: 'a', docId: doc('a'), type: 'talk', date: '2026-10-10', authorId: 'u1' }),
    recordRow({ id: 'r3', childId: 'b', docId: doc('b'), type: 'homeVisit', date: '2026-11-02', authorId: 'u1' }),
    recordRow({ id: 'r4', childId: 'a', docId: doc('a'), type: 'aid', date: '2026-12-01', amountYuan: 600, source: '春蕾计划', method: 'bursary' }),
    recordRow({ id: 'r5', childId: 'b', docId: doc('b'), type: 'aid', date: '2026-12-01', amountYuan: 200.1, source: '', method: 'schoolSupplies' }),
    recordRow({ id: 'r6', childId: 'f', docId: doc('f'), type: 'aid', date: '2026-12-01', amountYuan: 200.2, source: '' }),
    // Before the term: not counted.
    recordRow({ id: 'r7', childId: 'a', docId: doc('a'), type: 'talk', date: '2026-08-31' }),
    recordRow({ id: 'r8', childId: 'c', docId: doc('c'), type: 'parentContact', date: '2026-09-05', method: 'video' }),
    recordRow({ id: 'r9', childId: 'a', docId: doc('a'), type: 'activity', date: '2026-10-15', planItem: `${TERM}/law` }),
    recordRow({ id: 'r10', childId: 'b', docId: doc('b'), type: 'activity', date: '2026-10-15', planItem: `${TERM}/law` }),
  ]
  const pairings: PairingRow[] = [
    { id: 'a/p1', childId: 'a', docId: doc('a'), pairingId: 'p1', userId: 'u1', name: '王老师', kind: 'classTeacher', from: '2026-09-01', to: '' },
    { id: 'b/p2', childId: 'b', docId: doc('b'), pairingId: 'p2', userId: '', name: '张妈妈', kind: 'caringMother', from: '', to: '2026-10-31' },
    { id: 'f/p3', childId: 'f', docId: doc('f'), pairingId: 'p3', userId: '', name: '李书记', kind: 'cadre', from: '', to: '' },
  ]
  const item = (id: string, patch: Partial<PlanItem>): PlanItem => ({ id, title: '', month: undefined, status: 'done', order: id, place: '', organiser: '', createdBy: { id: '', name: '', at: 0 }, ...patch })
  const planItems = [
    item('law', { title: '法制安全讲座', date: '2026-10-15' as IsoDate, activity: 'lectureLaw' }),
    item('show', { title: '才艺展示', month: '2026-11' as never, activity: 'talentShow' }),
    item('later', { title: '寒假前家长会', date: '2027-02-01' as IsoDate, activity: 'parentsMeeting' }),
    item('planned', { title: '亲情视频', date: '2026-12-01' as IsoDate, activity: 'other', status: 'planned' }),
    item('meeting', { title: '工作会议', date: '2026-09-03' as IsoDate }),
  ]
  const figures = computeFigures({ org: ORG, children, records, pairings, planItems, period: PERIOD })

  it('counts the children left behind on the last day, and their share of the pupils of classes that gave a count', () => {
    expect(figures.leftBehind).toBe(5) // a b c e f; d went home in October
    expect(figures.pupils).toEqual({ total: 90, classesCounted: 3, classes: 4 })
    // e's class gave no pupil count, so e is left out of the share: 4 of 90.
    expect(figures.share).toEqual({ count: 4, of: 90, rate: 4 / 90 })
  })

  it('computes 建檔率, 入學率 and 鞏固率 by their stated definitions', () => {
    expect(figures.filing).toEqual({ count: 3, of: 5, rate: 0.6 }) // a c f made; b lacks consent, e a birth date
    expect(figures.missingFields).toEqual({ 'consent.date': 1, birthDate: 1 })
    // School age 6–15 on 2027-01-20: a (9), b (11), c (16: no), e (unknown: no), f (5: no).
    expect(figures.enrolment).toEqual({ count: 2, of: 2, rate: 1, unknown: 0 })
    // Left behind on the first day: all six; c dropped out.
    expect(figures.retention).toEqual({ count: 5, of: 6, rate: 5 / 6 })
  })

  it('counts care arrangements, age bands, risk and gender of the children left behind', () => {
    expect(figures.careArrangement).toEqual({ grandparents: 3, relatives: 1, other: 1 })
    expect(figures.ageBands).toEqual({ '6-13': 2, '14-16': 1, '': 1, '0-5': 1 })
    expect(figures.risk).toEqual({ red: 1, '': 4 })
    expect(figures.gender).toEqual({ female: 2, male: 3 })
  })

  it('counts pairings in force on the last day for coverage, and any in the period by kind', () => {
    expect(figures.pairingCoverage).toEqual({ count: 2, of: 5, rate: 0.4 }) // a and f; b's ended in October
    expect(figures.pairingsByKind).toEqual({ classTeacher: 1, caringMother: 1, cadre: 1 })
  })

  it('counts records dated in the period, the children they reached, and aid by source to the fen', () => {
    expect(figures.records).toEqual({ talk: 2, homeVisit: 1, aid: 3, parentContact: 1, activity: 2 })
    expect(figures.childrenReached).toMatchObject({ talk: 1, homeVisit: 1, aid: 3 })
    expect(figures.parentContactsByMethod).toEqual({ video: 1 })
    expect(figures.aidYuan).toEqual({ 春蕾计划: 600, '': 400.3 })
    expect(figures.aidTotalYuan).toBe(1000.3)
    expect(figures.aidChildren).toBe(3)
  })

  it('counts the records of each month by type, for the month-by-month chart', () => {
    expect(figures.recordsByMonth).toEqual({
      '2026-09': { talk: 1, parentContact: 1 },
      '2026-10': { talk: 1, activity: 2 },
      '2026-11': { homeVisit: 1 },
      '2026-12': { aid: 3 },
    })
    expect(periodMonths(PERIOD)).toEqual(['2026-09', '2026-10', '2026-11', '2026-12', '2027-01'])
  })

  it('SPEC Z7: lists the children, records and aid the figures count, and no more', () => {
    const lists = figureLists({ org: ORG, children, records, pairings, planItems, period: PERIOD })
    expect(lists.children.map((c) => c.id).sort()).toEqual(['a', 'b', 'c', 'e', 'f'])
    expect(lists.records.map((r) => r.id)).toEqual(['c/r8', 'a/r1', 'a/r2', 'a/r9', 'b/r10', 'b/r3', 'a/r4', 'b/r5', 'f/r6'])
    expect(lists.aid.map((a) => [a.childId, a.kind, a.yuan, a.source])).toEqual([
      ['a', 'bursary', 600, '春蕾计划'],
      ['b', 'schoolSupplies', 200.1, ''],
      ['f', '', 200.2, ''],
    ])
  })

  it('lists the plan activities done in the period in date order, with attendance', () => {
    expect(figures.activities.map((a) => [a.id, a.date, a.attended])).toEqual([
      ['law', '2026-10-15', 2],
      ['show', '2026-11', 0],
    ])
  })

  it('filters by school, grade and class: a child with no class only when nothing is filtered', () => {
    const s2 = computeFigures({ org: ORG, children, records, pairings, planItems, period: PERIOD, filter: { schoolId: 's2' } })
    expect([s2.leftBehind, s2.aidTotalYuan, s2.pupils.total]).toEqual([1, 200.2, 12])
    const grade3 = computeFigures({ org: ORG, children, records, pairings, period: PERIOD, filter: { grade: 3 } })
    expect(grade3.leftBehind).toBe(3)
    const unfiled = [...children, childRow({ id: 'x', docId: doc('x'), classId: '' })]
    expect(computeFigures({ org: ORG, children: unfiled, records, pairings, period: PERIOD }).leftBehind).toBe(6)
    expect(computeFigures({ org: ORG, children: unfiled, records, pairings, period: PERIOD, filter: { schoolId: 's1' } }).leftBehind).toBe(4)
  })

  it('gives no rate, not 0% or 100%, when there is nothing to divide by (SPEC Z4)', () => {
    const empty = computeFigures({ org: ORG, children: [], records: [], pairings: [], period: PERIOD })
    expect([empty.filing.rate, empty.enrolment.rate, empty.pairingCoverage.rate]).toEqual([null, null, null])
    // 90 pupils and none left behind is a real 0%; no class with a pupil count is no share at all.
    expect(empty.share.rate).toBe(0)
    const uncounted = { ...ORG, classes: ORG.classes.map(({ pupils: _pupils, ...c }) => c) }
    expect(computeFigures({ org: uncounted, children, records: [], pairings: [], period: PERIOD }).share).toEqual({ count: 0, of: 0, rate: null })
  })
})

describe('the figures of a generated workspace, against counts made independently in the test', () => {
  const gen = prng.create(20261202)
  const pick = <T,>(xs: readonly T[]): T => prng.oneOf(gen, xs as T[])
  const children: ChildRow[] = []
  const records: RecordRow[] = []
  const pairings: PairingRow[] = []
  for (let i = 0; i < 400; i++) {
    const id = `k${i}`
    const leaves = prng.int32(gen, 0, 9) === 0 ? [{ status: pick(['noLongerLeftBehind', 'movedSchool', 'finishedSchool']), since: pick(['2026-08-01', '2026-10-01', '2027-02-01']) }] : []
    children.push(
      childRow({
        id,
        docId: doc(id),
        classId: pick(['c31', 'c32', 'c51', 'w11', '']),
        gender: pick(['female', 'male', '']),
        birthDate: pick(['2008-06-01', '2011-01-20', '2014-09-09', '2019-03-03', '2022-07-07', '', 'bad']),
        careArrangement: pick(['grandparents', 'relatives', 'teacher', 'other', '']),
        schoolingStatus: pick(['enrolled', 'enrolled', 'droppedOut', 'outOfSchool', '']),
        risk: pick(['red', 'yellow', 'blue', 'green', '']),
        missing: pick([[], [], ['consent.date'], ['guardian.phone', 'consent.date']]),
        path: leaves,
      }),
    )
    for (let r = prng.int32(gen, 0, 6); r > 0; r--) {
      const type = pick(['talk', 'homeVisit', 'parentContact', 'aid', 'healthCheck'])
      records.push(recordRow({ id: `${id}-${r}`, childId: id, docId: doc(id), type, date: pick(['2026-08-15', '2026-09-01', '2026-11-11', '2027-01-20', '2027-01-21', '']), ...(type === 'aid' ? { amountYuan: prng.int32(gen, 0, 100000) / 100, source: pick(['春蕾计划', '乡政府', '']) } : {}) }))
    }
    if (prng.bool(gen)) pairings.push({ id: `${id}/p`, childId: id, docId: doc(id), pairingId: 'p', userId: '', name: 'x', kind: pick(['classTeacher', 'caringMother']), from: pick(['', '2026-12-01']), to: pick(['', '2026-10-01', '2027-06-01']) })
  }
  const figures = computeFigures({ org: ORG, children, records, pairings, period: PERIOD, filter: { schoolId: 's1' } })

  // The test's own reading of the definitions, written out as loops.
  const schoolOf: Record<string, string> = { c31: 's1', c32: 's1', c51: 's1', w11: 's2' }
  const statusAt = (c: ChildRow, day: string) => {
    let s = 'active'
    for (const p of c.path) if (p.since <= day) s = p.status
    return s
  }
  const inS1: ChildRow[] = []
  for (const c of children) if (schoolOf[c.classId] === 's1') inS1.push(c)
  const left: ChildRow[] = []
  for (const c of inS1) if (statusAt(c, '2027-01-20') === 'active') left.push(c)

  it('SPEC Z1: gives the same figures whatever order the rows come in', () => {
    const shuffled = <T,>(xs: readonly T[]) => {
      const out = [...xs]
      for (let i = out.length - 1; i > 0; i--) {
        const j = prng.int32(gen, 0, i)
        ;[out[i], out[j]] = [out[j] as T, out[i] as T]
      }
      return out
    }
    const again = computeFigures({ org: ORG, children: shuffled(children), records: shuffled(records), pairings: shuffled(pairings), period: PERIOD, filter: { schoolId: 's1' } })
    expect(again).toEqual(figures)
  })

  it('agrees on the children left behind, 建檔率 and care arrangements', () => {
    let madeFiles = 0
    const care: Record<string, number> = {}
    for (const c of left) {
      if (c.missing.length === 0) madeFiles++
      care[c.careArrangement] = (care[c.careArrangement] ?? 0) + 1
    }
    expect(figures.leftBehind).toBe(left.length)
    expect(figures.filing.count).toBe(madeFiles)
    expect(figures.careArrangement).toEqual(care)
  })

  it('agrees on age bands, with unknown and too-old children kept apart', () => {
    const bands: Record<string, number> = {}
    for (const c of left) {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(c.birthDate)
      let key = ''
      if (m) {
        let age = 2027 - Number(m[1])
        if (Number(m[2]) > 1 || (Number(m[2]) === 1 && Number(m[3]) > 20)) age--
        key = age <= 5 ? '0-5' : age <= 13 ? '6-13' : age <= 16 ? '14-16' : 'over'
      }
      bands[key] = (bands[key] ?? 0) + 1
    }
    expect(figures.ageBands).toEqual(bands)
  })

  it('agrees on the records of the period, the aid in yuan, and the pairing coverage', () => {
    const ids = new Set(inS1.map((c) => c.id))
    const types: Record<string, number> = {}
    let fen = 0
    for (const r of records) {
      if (!ids.has(r.childId) || r.date < '2026-09-01' || r.date > '2027-01-20' || r.date === '') continue
      types[r.type] = (types[r.type] ?? 0) + 1
      if (r.type === 'aid') fen += Math.round((r.amountYuan ?? 0) * 100)
    }
    expect(figures.records).toEqual(types)
    expect(Math.round(figures.aidTotalYuan * 100)).toBe(fen)
    const leftIds = new Set(left.map((c) => c.id))
    const covered = new Set<string>()
    for (const p of pairings) if (leftIds.has(p.childId) && (p.from === '' || p.from <= '2027-01-20') && (p.to === '' || p.to >= '2027-01-20')) covered.add(p.childId)
    expect(figures.pairingCoverage).toMatchObject({ count: covered.size, of: left.length })
  })

  it('SPEC Z7: the lists are as long as the figures they stand under', () => {
    const lists = figureLists({ org: ORG, children, records, pairings, period: PERIOD, filter: { schoolId: 's1' } })
    expect(lists.children.map((c) => c.id).sort()).toEqual(left.map((c) => c.id).sort())
    const byType: Record<string, number> = {}
    for (const r of lists.records) byType[r.type] = (byType[r.type] ?? 0) + 1
    expect(byType).toEqual(figures.records)
    const byMonth: Record<string, number> = {}
    for (const r of lists.records) byMonth[r.date.slice(0, 7)] = (byMonth[r.date.slice(0, 7)] ?? 0) + 1
    expect(Object.fromEntries(Object.entries(figures.recordsByMonth).map(([m, c]) => [m, Object.values(c).reduce((a, b) => a + b, 0)]))).toEqual(byMonth)
    expect(Math.round(lists.aid.reduce((sum, a) => sum + a.yuan * 100, 0))).toBe(Math.round(figures.aidTotalYuan * 100))
  })
})

describe('done against the care rules, counted by hand (SPEC Z9)', () => {
  const rule = (id: string, what: string, every: 'month' | 'term', times: number, by: CareRule['by']): CareRule => ({ id, what: { record: what as never }, every, times, by, children: { all: true }, on: true })
  const rules: CareRule[] = [
    rule('talk', 'talk', 'month', 1, { pairing: 'classTeacher' }),
    rule('visit', 'homeVisit', 'term', 2, { pairing: 'classTeacher' }),
    rule('call', 'parentContact', 'month', 1, { anyone: true }),
    { ...rule('off', 'talk', 'month', 3, { anyone: true }), on: false },
  ]
  const children: ChildRow[] = [
    childRow({ id: 'a', docId: doc('a'), classId: 'c31' }),
    childRow({ id: 'b', docId: doc('b'), classId: 'c31' }),
    // Went home in October: no task this term, as of today.
    childRow({ id: 'd', docId: doc('d'), classId: 'c31', path: [{ status: 'noLongerLeftBehind', since: '2026-10-01' }] }),
    // Another school: left out by the filter.
    childRow({ id: 'w', docId: doc('w'), classId: 'w11' }),
  ]
  const r = (id: string, childId: string, type: string, date: string, authorId = 'u9') => recordRow({ id: `${childId}/${id}`, childId, docId: doc(childId), type, date, authorId })
  const records: RecordRow[] = [
    r('1', 'a', 'talk', '2026-09-10', 'u1'),
    r('2', 'a', 'talk', '2026-10-10', 'u1'),
    // Not by a's class teacher (u1, paired by account): counts for no task of hers.
    r('3', 'a', 'talk', '2026-11-05', 'u2'),
    r('4', 'b', 'talk', '2026-09-20'),
    r('5', 'b', 'talk', '2026-11-02'),
    r('6', 'a', 'homeVisit', '2026-09-30', 'u1'),
    r('7', 'b', 'homeVisit', '2026-09-12'),
    r('8', 'b', 'homeVisit', '2026-11-01'),
    r('9', 'a', 'parentContact', '2026-10-03'),
    r('10', 'w', 'talk', '2026-10-03'),
  ]
  const pairings: PairingRow[] = [{ id: 'a/p1', childId: 'a', docId: doc('a'), pairingId: 'p1', userId: 'u1', name: '王老师', kind: 'classTeacher', from: '', to: '' }]
  const today = '2026-11-15' as IsoDate
  const of = (period: { start: IsoDate; end: IsoDate; term?: string }) =>
    computeFigures({ org: ORG, children, records, pairings, period, filter: { schoolId: 's1' }, care: { rules, today } }).rulesMet

  it('a term: every month begun by today, the term’s visits, each child’s helper; open months left out of the rate', () => {
    const term = of(PERIOD)
    // Talks: a (u1) Sep done, Oct done, Nov open (u2's talk is not hers); b (the class) Sep done, Oct missed, Nov done.
    expect(term?.talk).toEqual({ tasks: 6, met: 4, open: 1, overdue: 1, rate: { count: 4, of: 5, rate: 0.8 } })
    // Visits twice a term: a has one (open), b two (met).
    expect(term?.homeVisit).toEqual({ tasks: 2, met: 1, open: 1, overdue: 0, rate: { count: 1, of: 1, rate: 1 } })
    // Calls by anyone: a Oct met, Sep missed, Nov open; b Sep and Oct missed, Nov open.
    expect(term?.parentContact).toEqual({ tasks: 6, met: 1, open: 2, overdue: 3, rate: { count: 1, of: 4, rate: 0.25 } })
  })

  it('a month: the monthly rules only, not the term’s', () => {
    const october = of({ start: '2026-10-01' as IsoDate, end: '2026-10-31' as IsoDate })
    expect(october?.talk).toMatchObject({ tasks: 2, met: 1, overdue: 1 })
    expect(october?.homeVisit.tasks).toBe(0)
    expect(october?.parentContact).toMatchObject({ tasks: 2, met: 1, overdue: 1 })
    // Without the rules, nothing is said against them.
    expect(computeFigures({ org: ORG, children, records, pairings, period: PERIOD }).rulesMet).toBeUndefined()
  })
})
