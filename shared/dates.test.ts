import { afterEach, describe, expect, it } from 'vitest'
import { parseIsoDate, todayIsoDate, type IsoDate } from './dates'

describe('parseIsoDate', () => {
  it.each(['2025-09-01', '2016-02-29', '2000-02-29', '1900-01-01', '2024-12-31'])('accepts %s', (raw) => {
    expect(parseIsoDate(raw)).toBe(raw)
  })

  it.each([
    ['a leap day in a common year', '2015-02-29'],
    ['a leap day in a century year not divisible by 400', '1900-02-29'],
    ['the 30th of February', '2015-02-30'],
    ['the 31st of April', '2015-04-31'],
    ['month 13', '2015-13-01'],
    ['month 0', '2015-00-10'],
    ['day 0', '2015-01-00'],
    ['a year before 1900', '1899-12-31'],
    ['a two-digit year', '0099-01-01'],
    ['unpadded fields', '2015-1-1'],
    ['a timestamp', '2015-01-01T00:00:00Z'],
    ['surrounding space', ' 2015-01-01'],
    ['a trailing newline', '2015-01-01\n'],
    ['slashes', '2015/01/01'],
    ['full-width digits', '２０１５-01-01'],
    ['a five-digit year', '20150-01-01'],
    ['the empty string', ''],
    ['letters', 'abc'],
  ])('rejects %s', (_why, raw) => {
    expect(parseIsoDate(raw)).toBeUndefined()
  })

  it.each([
    ['a number', 20150101],
    ['null', null],
    ['undefined', undefined],
    ['a Date', new Date(2015, 0, 1)],
    ['an object', { toString: () => '2015-01-01' }],
    ['an array', ['2015-01-01']],
  ])('rejects %s', (_why, raw) => {
    expect(parseIsoDate(raw)).toBeUndefined()
  })

  it('ISO dates sort as strings in calendar order', () => {
    const dates = ['2016-02-29', '1999-12-31', '2016-03-01', '2000-01-01']
    expect([...dates].sort()).toEqual(['1999-12-31', '2000-01-01', '2016-02-29', '2016-03-01'])
  })
})

describe('todayIsoDate', () => {
  const savedTz = process.env['TZ']
  afterEach(() => {
    if (savedTz === undefined) delete process.env['TZ']
    else process.env['TZ'] = savedTz
  })

  it('formats the given date’s local calendar fields, zero-padded', () => {
    expect(todayIsoDate(new Date(2025, 0, 5, 0, 0))).toBe('2025-01-05')
    expect(todayIsoDate(new Date(2025, 11, 31, 23, 59, 59))).toBe('2025-12-31')
    expect(todayIsoDate(new Date(2016, 1, 29, 12))).toBe('2016-02-29')
  })

  it('uses the local day, not the UTC day, east and west of Greenwich', () => {
    process.env['TZ'] = 'Asia/Shanghai'
    // The time zone must really have changed, or this test proves nothing.
    expect(new Date(Date.UTC(2025, 0, 31, 20)).getTimezoneOffset()).toBe(-480)
    // 20:00 UTC on 31 January is 04:00 on 1 February in Shanghai.
    expect(todayIsoDate(new Date(Date.UTC(2025, 0, 31, 20)))).toBe('2025-02-01')

    process.env['TZ'] = 'America/Los_Angeles'
    expect(new Date(Date.UTC(2025, 0, 1, 3)).getTimezoneOffset()).toBe(480)
    // 03:00 UTC on 1 January is still 31 December in Los Angeles.
    expect(todayIsoDate(new Date(Date.UTC(2025, 0, 1, 3)))).toBe('2024-12-31')
  })

  it('gives a date parseIsoDate accepts, for now too', () => {
    expect(parseIsoDate(todayIsoDate())).toBeDefined()
    expect(parseIsoDate(todayIsoDate(new Date(1900, 0, 1)))).toBe('1900-01-01')
  })
})

describe('ages and the age bands of the county forms', () => {
  it('counts whole years, with the birthday itself counting', async () => {
    const { ageOn, ageBandOf } = await import('./dates')
    const day = '2026-09-01' as IsoDate
    expect(ageOn('2020-09-01', day)).toBe(6)
    expect(ageOn('2020-09-02', day)).toBe(5)
    expect(ageOn('2012-02-29', '2026-02-28' as IsoDate)).toBe(13)
    expect(ageOn('2012-02-29', '2026-03-01' as IsoDate)).toBe(14)
    expect(ageOn('2027-01-01', day)).toBeUndefined()
    expect(ageOn('not a date', day)).toBeUndefined()
    expect([0, 5, 6, 13, 14, 16, 17].map(ageBandOf)).toEqual(['0-5', '0-5', '6-13', '6-13', '14-16', '14-16', undefined])
  })
})
