import { describe, expect, it } from 'vitest'
import { computeFigures } from '../../shared/figures/figures'
import { fixtureInput } from '../../tests/fixtures/figures-workspace'
import { translator } from '../../tests/helpers/summary-fixture'
import { figureRows, formatDay, formatRate } from './figure-rows'

describe('the figures as a person reads them (SPEC Z4, Z5)', () => {
  const figures = computeFigures(fixtureInput())

  it('writes counts, rates and yuan in the reader’s language, each with its definition', async () => {
    const rows = figureRows(figures, { t: await translator('en'), language: 'en' })
    const row = (key: string) => rows.find((r) => r.key === key)
    expect(row('filing')).toMatchObject({ label: 'File-creation rate (建檔率)', value: { text: '60%', detail: '3 of 5' } })
    expect(row('filing')?.definition).toContain('No national formula exists for 建檔率')
    expect(row('aidTotalYuan')?.value?.text).toBe('¥1,000.30')
    expect(row('careArrangement.grandparents')).toMatchObject({ level: 1, label: 'Grandparents', value: { text: '3', raw: 3 } })
    // Every heading and every single figure has its definition; the values under a heading share it.
    for (const r of rows) if (r.level === 0) expect(r.definition, r.key).toBeTruthy()
    expect(formatRate(12_345 / 100_000, 'zh-Hans')).toBe('12.3%')
    expect(formatDay('2026-11', 'zh-Hant')).toBe('2026年11月')
  })

  it('SPEC Z4: gives — for a rate with nothing to divide by', async () => {
    const rows = figureRows(computeFigures({ ...fixtureInput(), children: [] }), { t: await translator('zh-Hant'), language: 'zh-Hant' })
    expect(rows.find((r) => r.key === 'filing')?.value).toMatchObject({ text: '—', raw: null, detail: '0 / 0' })
  })
})
