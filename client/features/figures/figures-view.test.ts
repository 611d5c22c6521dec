import { describe, expect, it } from 'vitest'
import type { IsoDate } from '../../../shared/dates'
import { computeFigures } from '../../../shared/figures/figures'
import { fixtureInput, ORG } from '../../../tests/fixtures/figures-workspace'
import { translator } from '../../../tests/helpers/summary-fixture'
import { figureRows } from '../../ui/figure-rows'
import { againstRules } from './against-rules'
import { compareRows, currentMonth, gradesOf, narrowFilter, periodOf, scopeOrganisation } from './figures-view'

const TERM = ORG.terms[0]
if (!TERM) throw new Error('the fixture has a term')

describe('the figures page’s choices (SPEC Z5)', () => {
  it('names a term, a month of it cut to its days, or from/to within a term', () => {
    expect(periodOf({ kind: 'term', term: '2026-autumn' }, ORG)).toEqual({ start: '2026-09-01', end: '2027-01-20', term: '2026-autumn' })
    expect(periodOf({ kind: 'month', term: '2026-autumn', month: '2027-01' }, ORG)).toEqual({ start: '2027-01-01', end: '2027-01-20', term: '2026-autumn' })
    expect(periodOf({ kind: 'month', term: '2026-autumn', month: '2027-03' }, ORG)).toBeUndefined()
    expect(periodOf({ kind: 'range', from: '2026-10-01', to: '2026-10-31' }, ORG)).toEqual({ start: '2026-10-01', end: '2026-10-31', term: '2026-autumn' })
    // Past the term's end: no term, so no plan activities are counted.
    expect(periodOf({ kind: 'range', from: '2026-10-01', to: '2027-03-01' }, ORG)).toEqual({ start: '2026-10-01', end: '2027-03-01' })
    expect(periodOf({ kind: 'range', from: '2026-10-31', to: '2026-10-01' }, ORG)).toBeUndefined()
    expect(periodOf({ kind: 'term', term: '2025-spring' }, ORG)).toBeUndefined()
  })

  it('takes "this month" within the term, clamped to its first or last month', () => {
    expect(currentMonth(TERM, '2026-12-02' as IsoDate)).toEqual({ start: '2026-12-01', end: '2026-12-31', term: '2026-autumn' })
    expect(currentMonth(TERM, '2027-06-01' as IsoDate).start).toBe('2027-01-01')
    expect(currentMonth(TERM, '2026-07-01' as IsoDate).start).toBe('2026-09-01')
  })

  it('takes a teacher’s figures over their own classes, pupils too', () => {
    const mine = scopeOrganisation(ORG, ['c32'])
    expect([mine.classes.map((c) => c.id), mine.schools.map((s) => s.id)]).toEqual([['c32'], ['s1']])
    expect(computeFigures({ ...fixtureInput(), org: mine }).pupils.total).toBe(38)
    expect(scopeOrganisation(ORG, 'any')).toBe(ORG)
  })

  it('offers a school’s grades in order, and drops a class the school or grade no longer holds', () => {
    expect(gradesOf(ORG, undefined)).toEqual([1, 3, 5])
    expect(gradesOf(ORG, 's1')).toEqual([3, 5])
    expect(narrowFilter(ORG, { schoolId: 's2', classId: 'c31' })).toEqual({ schoolId: 's2' })
    expect(narrowFilter(ORG, { grade: 3, classId: 'c32' })).toEqual({ grade: 3, classId: 'c32' })
  })

  it('shows another period’s value beside each figure with the change, in points for a rate', async () => {
    const words = { t: await translator('zh-Hans'), language: 'zh-Hans' }
    const now = figureRows(computeFigures(fixtureInput()), words)
    const before = figureRows(computeFigures({ ...fixtureInput(), children: fixtureInput().children.slice(0, 3) }), words)
    const compared = compareRows(now, before, words)
    const row = (key: string) => compared.find((c) => c.row.key === key)
    expect([row('leftBehind')?.other, row('leftBehind')?.change]).toEqual(['3', '+2'])
    // 60% now, 2 of 3 (66.7%) before.
    expect(row('filing')?.change).toBe('-6.7 个百分点')
    expect(row('careArrangement')?.change).toBeUndefined()
    const none = compareRows(now, figureRows(computeFigures({ ...fixtureInput(), children: [] }), words), words)
    expect(none.find((c) => c.row.key === 'filing')).toMatchObject({ other: '—', change: '' })
  })
})

describe('against the rules (SPEC Z9)', () => {
  it('lays out the records made, the children reached, and the rules met once computeFigures is given the rules', () => {
    const without = computeFigures(fixtureInput())
    expect(againstRules(without)).toEqual([
      { type: 'talk', done: 2, children: 1 },
      { type: 'homeVisit', done: 1, children: 1 },
      { type: 'parentContact', done: 1, children: 1 },
    ])
    const met = { tasks: 4, met: 1, open: 1, overdue: 2, rate: { count: 1, of: 3, rate: 1 / 3 } }
    const none = { tasks: 0, met: 0, open: 0, overdue: 0, rate: { count: 0, of: 0, rate: null } }
    const withRules = againstRules({ ...without, rulesMet: { talk: met, homeVisit: none, parentContact: none } })
    expect(withRules[0]).toEqual({ type: 'talk', done: 2, children: 1, rules: met })
    // No rule asks for home visits here: nothing is said about them.
    expect(withRules[1]).toEqual({ type: 'homeVisit', done: 1, children: 1 })
  })
})
