import type { TFunction } from 'i18next'
import { describe, expect, it } from 'vitest'
import type { IsoDate } from '../../shared/dates'
import { toPublishedFigures } from '../../shared/docs/report/report'
import { computeFigures } from '../../shared/figures/figures'
import { childRow, recordRow } from '../../shared/indexes/rows'
import { figureRows, type FigureValue } from './figure-rows'

/** The key itself, with its values: enough to find a row, and to see no child's name reaches one. */
const t = ((key: string, options?: Record<string, unknown>) => (options ? `${key} ${JSON.stringify(options)}` : key)) as unknown as TFunction
const PERIOD = { start: '2026-09-01' as IsoDate, end: '2027-01-20' as IsoDate }
const ORG = { schools: [{ id: 's1', name: '东山镇中心小学', order: 0 }], classes: [{ id: 'c31', schoolId: 's1', grade: 3, section: '1', pupils: 40, archived: false }], terms: [] }

const figuresOf = (talks: number) =>
  toPublishedFigures(
    computeFigures({
      org: ORG,
      children: [
        childRow({ id: 'a', docId: 'ws/child/a', name: '李小红', classId: 'c31', gender: 'female', risk: 'red' }),
        childRow({ id: 'b', docId: 'ws/child/b', name: '王小明', classId: 'c31', gender: 'male' }),
      ],
      records: [
        ...Array.from({ length: talks }, (_, i) => recordRow({ id: `r${i}`, childId: 'a', docId: 'ws/child/a', type: 'talk', date: '2026-10-01' })),
        recordRow({ id: 'aid', childId: 'b', docId: 'ws/child/b', type: 'aid', date: '2026-12-01', amountYuan: 300, source: '春蕾计划' }),
      ],
      pairings: [],
      period: PERIOD,
    }),
  )

const valueOf = (rows: ReturnType<typeof figureRows>, key: string) => rows.find((r) => r.key === key)?.values

describe('a report’s figures as rows, for the page and the .xlsx (SPEC J5)', () => {
  it('J5: every figure has its label and definition, and its values are the published numbers, one column per term', () => {
    const autumn = figuresOf(3)
    const spring = figuresOf(1)
    const rows = figureRows(t, 'zh-Hans', [autumn, spring])
    const n = (v: number): FigureValue => ({ shape: 'number', n: v })
    expect(valueOf(rows, 'leftBehind')).toEqual([n(2), n(2)])
    expect(valueOf(rows, 'records.talk')).toEqual([n(3), n(1)])
    expect(valueOf(rows, 'gender.female')).toEqual([n(1), n(1)])
    expect(valueOf(rows, 'risk.red')).toEqual([n(1), n(1)])
    expect(valueOf(rows, 'risk.')).toEqual([n(1), n(1)])
    expect(valueOf(rows, 'share')).toEqual([{ shape: 'ratio', count: 2, of: 40, rate: 0.05 }, { shape: 'ratio', count: 2, of: 40, rate: 0.05 }])
    expect(valueOf(rows, 'aid.total')).toEqual([{ shape: 'yuan', n: 300 }, { shape: 'yuan', n: 300 }])
    expect(valueOf(rows, 'aid.source.春蕾计划')).toEqual([{ shape: 'yuan', n: 300 }, { shape: 'yuan', n: 300 }])
    const figure = rows.find((r) => r.key === 'filing')
    expect(figure).toMatchObject({ label: 'figures.labels.filing', definition: 'figures.definitions.filing', level: 0 })
    // Every figure's own row has a definition; every row has one value per column or none (a heading).
    for (const row of rows) {
      if (row.level === 0) expect(row.definition).toMatch(/^figures\.definitions\./)
      if (row.values) expect(row.values).toHaveLength(2)
    }
    expect(JSON.stringify(rows)).not.toMatch(/李小红|王小明/)
  })
})
