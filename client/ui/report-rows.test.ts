import { describe, expect, it } from 'vitest'
import type { IsoDate } from '../../shared/dates'
import { editionOf } from '../../shared/docs/report/report'
import { computeFigures, type Figures } from '../../shared/figures/figures'
import { childRow, recordRow } from '../../shared/indexes/rows'
import { translator } from '../../tests/helpers/summary-fixture'
import { figureRows } from './figure-rows'
import { figuresOfEdition, reportRows } from './report-rows'

const PERIOD = { start: '2026-09-01' as IsoDate, end: '2027-01-20' as IsoDate, term: '2026-autumn' }
const ORG = { schools: [{ id: 's1', name: '东山镇中心小学', order: 0 }], classes: [{ id: 'c31', schoolId: 's1', grade: 3, section: '1', pupils: 40, archived: false }], terms: [] }
const AUTHOR = { author: { id: 'u-wang', name: '王校長' }, now: Date.UTC(2027, 0, 20) }

function figuresOf(talks: number, missing: string[]): Figures {
  return computeFigures({
    org: ORG,
    children: [
      childRow({ id: 'a', docId: 'ws/child/a', name: '李小红', classId: 'c31', gender: 'female', risk: 'red', missing }),
      childRow({ id: 'b', docId: 'ws/child/b', name: '王小明', classId: 'c31', gender: 'male' }),
    ],
    records: [
      ...Array.from({ length: talks }, (_, i) => recordRow({ id: `r${i}`, childId: 'a', docId: 'ws/child/a', type: 'talk', date: '2026-10-01' })),
      recordRow({ id: 'aid', childId: 'b', docId: 'ws/child/b', type: 'aid', date: '2026-12-01', amountYuan: 300, source: '春蕾计划' }),
    ],
    pairings: [],
    period: PERIOD,
  })
}

describe('a published report’s rows, for the page and the .xlsx (SPEC J5)', () => {
  it('J5: an edition reads as the figures page reads the figures it was published from', async () => {
    const words = { t: await translator('zh-Hans'), language: 'zh-Hans' }
    const figures = figuresOf(3, ['consent.date'])
    const edition = editionOf({ figures, scope: { kind: 'workspace' } }, AUTHOR)
    const page = figureRows(figures, words)
    expect(figureRows(figuresOfEdition(edition), words)).toEqual(page)
    expect(reportRows([edition], words).map((r) => [r.key, r.label, r.values?.[0]?.text])).toEqual(page.map((r) => [r.key, r.label, r.value?.text]))
  })

  it('J5: two terms side by side: one value per term on each row, a row only one term has kept in its place', async () => {
    const words = { t: await translator('zh-Hans'), language: 'zh-Hans' }
    const autumn = editionOf({ figures: figuresOf(3, ['consent.date']), scope: { kind: 'workspace' } }, AUTHOR)
    const spring = editionOf({ figures: figuresOf(1, []), scope: { kind: 'workspace' } }, AUTHOR)
    const rows = reportRows([autumn, spring], words)
    const row = (key: string) => rows.find((r) => r.key === key)
    expect(row('leftBehind')?.values?.map((v) => v?.raw)).toEqual([2, 2])
    expect(row('records.talk')?.values?.map((v) => v?.raw)).toEqual([3, 1])
    expect(row('filing')?.values?.map((v) => v?.text)).toEqual(['50%', '100%'])
    // A field missing in autumn only: its row is under its heading, and spring has no value there.
    const keys = rows.map((r) => r.key)
    expect(keys.indexOf('missingFields.consent.date')).toBe(keys.indexOf('missingFields') + 1)
    expect(row('missingFields.consent.date')?.values?.map((v) => v?.raw)).toEqual([1, undefined])
    expect(row('missingFields')?.values).toBeNull()
    expect(JSON.stringify(rows)).not.toMatch(/李小红|王小明/)
  })
})
