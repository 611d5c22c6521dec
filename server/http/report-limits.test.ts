import { describe, expect, it } from 'vitest'
import { REFUSED_WINDOW_MS, ReportLimits } from './report-limits'

describe('refused reports, as the trail shows them (SPEC N4)', () => {
  it('N4: a row at the 1st, 10th and 100th refusal of a person in the window, counting again once it has passed', () => {
    let now = 5_000_000
    const limits = new ReportLimits(() => now)
    const rows: number[] = []
    for (let i = 0; i < 150; i++) {
      const row = limits.refusedRow('u1')
      if (row !== undefined) rows.push(row)
    }
    expect(rows).toEqual([1, 10, 100])
    // Another person's count is their own.
    expect(limits.refusedRow('u2')).toBe(1)
    now += REFUSED_WINDOW_MS
    expect(limits.refusedRow('u1')).toBe(1)
  })
})
