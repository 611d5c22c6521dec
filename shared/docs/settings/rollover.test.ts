import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { IsoDate } from '../../dates'
import { addClass, addSchool, addTerm, readOrganisation, setCurrentTerm } from './organisation'
import {
  applyRolloverSettings, copySourceOf, isRolloverEmpty, nextTermCode, planRollover, readRolloverState,
  type RolloverChild, type RolloverInput, type RolloverPreview,
} from './rollover'
import type { TermCode } from './term-code'

const TODAY = '2026-08-25' as IsoDate

/** Two schools: 石門小學 with grades 1–6 and 河東中學 with 7–9, one class a grade; the spring term current. */
function fixture() {
  const doc = new Y.Doc()
  const id = (r: { id: string } | { errors: unknown }) => {
    if (!('id' in r)) throw new Error(JSON.stringify(r.errors))
    return r.id
  }
  const primary = id(addSchool(doc, { name: '石門小學' }))
  const middle = id(addSchool(doc, { name: '河東中學' }))
  const cls: Record<string, string> = {}
  for (let g = 1; g <= 6; g++) cls[`p${g}`] = id(addClass(doc, { schoolId: primary, grade: g, section: '1' }))
  for (let g = 7; g <= 9; g++) cls[`m${g}`] = id(addClass(doc, { schoolId: middle, grade: g, section: '1' }))
  addTerm(doc, { code: '2025-autumn', start: '2025-09-01', end: '2026-01-20' })
  addTerm(doc, { code: '2026-spring', start: '2026-02-20', end: '2026-07-10' })
  setCurrentTerm(doc, '2026-spring')
  const children: RolloverChild[] = [
    { id: 'a', name: '李小紅', classId: cls.p6 as string, status: 'active' },
    { id: 'b', name: '王小明', classId: cls.p6 as string, status: 'movedSchool' },
    { id: 'c', name: '趙麗', classId: cls.p5 as string, status: 'active' },
    { id: 'd', name: '陳大勇', classId: cls.m9 as string, status: 'active' },
    { id: 'e', name: '劉芳', classId: cls.m9 as string, status: 'finishedSchool' },
    { id: 'f', name: '周杰', classId: cls.m7 as string, status: 'active' },
  ]
  return { doc, primary, middle, cls, children }
}

const autumn = (over: Partial<RolloverInput> = {}): RolloverInput => ({
  term: { code: '2026-autumn', start: '2026-09-01', end: '2027-01-20' },
  plan: 'template',
  nextPlanCreated: false,
  sourcePlanCreated: false,
  today: TODAY,
  ...over,
})

function preview(doc: Y.Doc, children: readonly RolloverChild[], input: RolloverInput): RolloverPreview {
  const plan = planRollover(readRolloverState(doc), children, input)
  if (!plan.ok) throw new Error(JSON.stringify(plan.errors))
  return plan.preview
}

const gradesOf = (doc: Y.Doc) => Object.fromEntries(readOrganisation(doc).classes.map((c) => [c.id, [c.grade, c.archived]]))

describe('the turn of the year (SPEC Y)', () => {
  it('Y1: the preview of an autumn start says every class move, the leaving classes, the leavers, the new term and the plan', () => {
    const { doc, primary, middle, cls, children } = fixture()
    const before = gradesOf(doc)
    const p = preview(doc, children, autumn())
    expect(p.done).toBe(false)
    expect(p.term).toEqual({ code: '2026-autumn', start: '2026-09-01', end: '2027-01-20', exists: false })
    expect(p.moves.map((m) => [m.cls.id, m.from, m.to])).toEqual([
      [cls.p1, 1, 2], [cls.p2, 2, 3], [cls.p3, 3, 4], [cls.p4, 4, 5], [cls.p5, 5, 6],
      [cls.m7, 7, 8], [cls.m8, 8, 9],
    ])
    expect(p.leaving.map((c) => c.id)).toEqual([cls.p6, cls.m9])
    // Finished as of the last term's end, which is past.
    expect(p.leavers).toEqual([
      { childId: 'a', name: '李小紅', classId: cls.p6, since: '2026-07-10' },
      { childId: 'd', name: '陳大勇', classId: cls.m9, since: '2026-07-10' },
    ])
    expect(p.plan).toEqual({ how: 'template' })
    expect(p.attention).toEqual([
      { code: 'noIntake', schoolId: primary, grade: 1 },
      { code: 'noIntake', schoolId: middle, grade: 7 },
    ])
    // A preview changes nothing.
    expect(gradesOf(doc)).toEqual(before)
    expect(readOrganisation(doc).currentTerm).toBe('2026-spring')
  })

  it('Y2: a child who already moved school or finished keeps that status, and is shown as kept', () => {
    const { doc, children } = fixture()
    const p = preview(doc, children, autumn())
    expect(p.kept.map((k) => [k.childId, k.status])).toEqual([['b', 'movedSchool'], ['e', 'finishedSchool']])
    expect(p.leavers.map((l) => l.childId)).not.toContain('b')
  })

  it('Y2: applied, grades move up keeping their ids, the last grades are archived and the term is current', () => {
    const { doc, cls, children } = fixture()
    const p = preview(doc, children, autumn())
    let updates = 0
    doc.on('update', () => updates++)
    expect(applyRolloverSettings(doc, p)).toEqual({})
    // One transaction: a peer never sees the grades moved and the term not yet current.
    expect(updates).toBe(1)
    const org = readOrganisation(doc)
    const byId = Object.fromEntries(org.classes.map((c) => [c.id, c]))
    expect([1, 2, 3, 4, 5].map((g) => byId[cls[`p${g}`] as string]?.grade)).toEqual([2, 3, 4, 5, 6])
    expect([7, 8].map((g) => byId[cls[`m${g}`] as string]?.grade)).toEqual([8, 9])
    expect(byId[cls.p6 as string]).toMatchObject({ grade: 6, archived: true })
    expect(byId[cls.m9 as string]).toMatchObject({ grade: 9, archived: true })
    expect(org.currentTerm).toBe('2026-autumn')
    expect(readRolloverState(doc).rolledTo).toBe('2026-autumn')
  })

  it('Y3: a spring start moves nobody up and nobody leaves; the term is added and current', () => {
    const { doc, children } = fixture()
    applyRolloverSettings(doc, preview(doc, children, autumn()))
    const before = gradesOf(doc)
    const p = preview(doc, children, autumn({ term: { code: '2027-spring', start: '2027-02-20', end: '2027-07-10' } }))
    expect(p.moves).toEqual([])
    expect(p.leaving).toEqual([])
    expect(p.leavers).toEqual([])
    expect(p.attention).toEqual([])
    expect(p.term?.code).toBe('2027-spring')
    applyRolloverSettings(doc, p)
    expect(gradesOf(doc)).toEqual(before)
    expect(readOrganisation(doc).currentTerm).toBe('2027-spring')
  })

  it('Y4: planning again after the step was applied yields nothing to do, and applying again writes nothing', () => {
    const { doc, cls, children } = fixture()
    applyRolloverSettings(doc, preview(doc, children, autumn()))
    // The index may not have the leavers' new statuses yet: still nobody leaves again.
    const again = preview(doc, children, autumn({ nextPlanCreated: true }))
    expect(again).toMatchObject({ done: true, moves: [], leaving: [], leavers: [], kept: [] })
    expect(again.term).toBeUndefined()
    expect(isRolloverEmpty(again)).toBe(true)
    // The class that moved into grade 6 is not taken for a leaving one.
    expect(again.leaving.map((c) => c.id)).not.toContain(cls.p5)
    let updates = 0
    doc.on('update', () => updates++)
    expect(applyRolloverSettings(doc, again)).toEqual({})
    expect(updates).toBe(0)
  })

  it('Y4: a run stopped after the settings leaves only the plan to make', () => {
    const { doc, children } = fixture()
    applyRolloverSettings(doc, preview(doc, children, autumn()))
    const again = preview(doc, children, autumn({ plan: 'copy', sourcePlanCreated: true }))
    expect(again.done).toBe(true)
    // The term before the new current one is copied.
    expect(again.plan).toEqual({ how: 'copy', from: '2026-spring' })
    expect(isRolloverEmpty(again)).toBe(false)
  })

  it('Y1: a copy of the current term’s plan when it has one; the template, said so, when it has none', () => {
    const { doc, children } = fixture()
    expect(copySourceOf(readRolloverState(doc), '2026-autumn' as TermCode)).toBe('2026-spring')
    expect(preview(doc, children, autumn({ plan: 'copy', sourcePlanCreated: true })).plan).toEqual({ how: 'copy', from: '2026-spring' })
    const none = preview(doc, children, autumn({ plan: 'copy' }))
    expect(none.plan).toEqual({ how: 'template' })
    expect(none.attention).toContainEqual({ code: 'noPlanToCopy' })
    expect(preview(doc, children, autumn({ nextPlanCreated: true })).plan).toBeUndefined()
  })

  it('Y1: bad dates, an unknown code or a term before the current one are refused and nothing is written', () => {
    const { doc, children } = fixture()
    const state = readRolloverState(doc)
    expect(planRollover(state, children, autumn({ term: { code: '2026-summer', start: '', end: '' } }))).toEqual({ ok: false, errors: { code: { code: 'invalidTerm' } } })
    expect(planRollover(state, children, autumn({ term: { code: '2025-autumn', start: '2025-09-01', end: '2026-01-20' } }))).toMatchObject({
      ok: false,
      errors: { code: { code: 'notAfterCurrent' } },
    })
    expect(planRollover(state, children, autumn({ term: { code: '2026-autumn', start: '2026-09-01', end: '2026-08-01' } }))).toMatchObject({
      ok: false,
      errors: { end: { code: 'endBeforeStart' } },
    })
    expect(planRollover(state, children, autumn({ term: { code: '2026-autumn', start: '2026-07-01', end: '2027-01-20' } }))).toMatchObject({
      ok: false,
      errors: { end: { code: 'overlap' } },
    })
  })

  it('Y1: a term added by hand before the step is made current with the confirmed dates, not added twice', () => {
    const { doc, children } = fixture()
    addTerm(doc, { code: '2026-autumn', start: '2026-09-02', end: '2027-01-15' })
    const p = preview(doc, children, autumn())
    expect(p.term).toMatchObject({ exists: true, start: '2026-09-01' })
    applyRolloverSettings(doc, p)
    const org = readOrganisation(doc)
    expect(org.terms.filter((t) => t.code === '2026-autumn')).toMatchObject([{ start: '2026-09-01', end: '2027-01-20' }])
    expect(org.currentTerm).toBe('2026-autumn')
  })

  it('Y2: a leaver finishes today when the last term has not ended yet', () => {
    const { doc, children } = fixture()
    const p = preview(doc, children, autumn({ today: '2026-07-01' as IsoDate }))
    expect(p.leavers.map((l) => l.since)).toEqual(['2026-07-01', '2026-07-01'])
  })

  it('Y5: two coordinators rolling over offline at once end with the grades moved once', () => {
    const { doc, children } = fixture()
    const other = new Y.Doc()
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc))
    applyRolloverSettings(doc, preview(doc, children, autumn()))
    applyRolloverSettings(other, preview(other, children, autumn()))
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other))
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc))
    expect(gradesOf(doc)).toEqual(gradesOf(other))
    expect(Object.values(gradesOf(doc)).map(([g]) => g).sort((a, b) => Number(a) - Number(b))).toEqual([2, 3, 4, 5, 6, 6, 8, 9, 9])
    expect(readOrganisation(doc).terms.map((t) => t.code)).toEqual(['2025-autumn', '2026-spring', '2026-autumn'])
  })

  it('the term after a term: autumn then spring of the next year', () => {
    expect(nextTermCode('2026-spring' as TermCode)).toBe('2026-autumn')
    expect(nextTermCode('2026-autumn' as TermCode)).toBe('2027-spring')
  })
})
