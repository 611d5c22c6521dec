import { describe, expect, it } from 'vitest'
import { CHILDREN, ORG, PAIRINGS, SCOPE } from '../../tests/fixtures/forms-workspace'
import { periodOf, reportDayOf } from './form-scope'
import { ROSTER_COLUMNS, rosterForm } from './roster-form'
import type { IsoDate } from '../dates'

const CLASS_ORDER = ['e1', 'e3a', 'e3b', 'e6', 'e8', 'w2', 'w4', 'w5', 's1']
const names = new Intl.Collator('zh', { numeric: true })

describe('the roster (花名冊)', () => {
  const form = rosterForm(CHILDREN, PAIRINGS, ORG, SCOPE)

  it('SPEC V2: one row per child left behind on the day, numbered from 1, by school, class (grade, 班號) and name; a child of no known class last', () => {
    const byHand = CHILDREN.filter((c) => !['home', 'moved'].includes(c.id)).sort((a, b) => {
      const rank = (id: string) => (CLASS_ORDER.includes(id) ? CLASS_ORDER.indexOf(id) : 99)
      return rank(a.classId) - rank(b.classId) || names.compare(a.name, b.name)
    })
    expect(form.rows.map((r) => r.childId)).toEqual(byHand.map((c) => c.id))
    expect(form.rows.map((r) => r.n)).toEqual(byHand.map((_, i) => i + 1))
    expect(form.rows.at(-1)).toMatchObject({ childId: 'lost', schoolName: '', cls: undefined })
  })

  it('SPEC V2: a row carries what the county asks, age on the report day, the helpers in force that day, and no ID number', () => {
    const first = form.rows.find((r) => r.childId === 'c00')
    expect(first).toEqual({
      n: expect.any(Number),
      childId: 'c00',
      name: '王小明',
      gender: 'female',
      birthDate: '2024-01-10',
      age: 3,
      schoolName: '东山镇中心小学',
      cls: { grade: 1, section: '1' },
      parentsAway: 'both',
      careArrangement: 'grandparents',
      guardian: { name: '监护人0', relation: 'grandmother', phone: '13800000000' },
      father: { workplace: '广东东莞', phone: '13900000011' },
      mother: { workplace: '浙江义乌', phone: '13700000022' },
      boarding: true,
      schoolingStatus: 'enrolled',
      risk: 'red',
      // Both pairings are in force on the day; in name order.
      helpers: ['爱心妈妈李', '张老师'].sort(names.compare),
    })
    expect(form.rows.find((r) => r.childId === 'c02')?.helpers).toEqual([])
    expect(form.rows.find((r) => r.childId === 'c04')?.helpers).toEqual(['赵阿姨'])
    expect(ROSTER_COLUMNS.map((c) => c.id).join(' ')).not.toMatch(/id(Number|Card)|national/i)
  })

  it('SPEC V1: a school chosen: its children only', () => {
    const west = rosterForm(CHILDREN, PAIRINGS, ORG, { ...SCOPE, schoolId: 'west' })
    expect(west.schoolName).toBe('西山村小')
    expect(new Set(west.rows.map((r) => r.schoolName))).toEqual(new Set(['西山村小']))
    expect(west.rows).toHaveLength(CHILDREN.filter((c) => ['w2', 'w4', 'w5'].includes(c.classId) && c.id !== 'home').length)
  })

  it('SPEC V1: a term’s forms are made for its last day, or today while it runs; the period starts with the term', () => {
    const term = ORG.terms[0]
    if (!term) throw new Error('the fixture has a term')
    expect(reportDayOf(term, '2027-09-01' as IsoDate)).toBe('2027-07-10')
    expect(reportDayOf(term, '2027-05-01' as IsoDate)).toBe('2027-05-01')
    expect(reportDayOf(term, '2027-01-01' as IsoDate)).toBe('2027-02-20')
    expect(periodOf(ORG.terms, '2027-05-01' as IsoDate).from).toBe('2027-02-20')
    expect(periodOf(ORG.terms, '2027-08-15' as IsoDate)).toEqual({ from: '2027-01-01' })
  })
})
