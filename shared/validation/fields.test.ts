import { describe, expect, it } from 'vitest'
import type { IsoDate } from '../dates'
import { bool, checkValue, choice, date, longText, number, phone, text, type CheckContext, type FieldKind } from './fields'

const TODAY = '2025-09-01' as IsoDate
const ctx: CheckContext = { today: TODAY }

const ok = (value: unknown) => ({ ok: true, value })
const err = (code: string, params?: Record<string, string | number>) =>
  params ? { ok: false, error: { code, params } } : { ok: false, error: { code } }

const KINDS: [string, FieldKind][] = [
  ['text', text(40)],
  ['longText', longText(100)],
  ['choice', choice(['a', 'b'])],
  ['date', date()],
  ['phone', phone],
  ['number', number(0, 10)],
  ['bool', bool],
]

describe('checkValue: empty input is "no value" for every kind', () => {
  it.each(KINDS)('%s: empty string, blank, null and undefined give null', (_name, kind) => {
    for (const raw of ['', '   ', '\u3000', '\t\n', null, undefined]) {
      expect(checkValue(kind, raw, ctx)).toEqual(ok(null))
    }
  })
})

describe('checkValue: text', () => {
  it('trims the value', () => {
    expect(checkValue(text(40), '  王小明\u3000', ctx)).toEqual(ok('王小明'))
  })

  it('counts code points: 40 CJK characters fit in 40, 41 do not', () => {
    expect(checkValue(text(40), '王'.repeat(40), ctx)).toEqual(ok('王'.repeat(40)))
    expect(checkValue(text(40), '王'.repeat(41), ctx)).toEqual(err('tooLong', { max: 40 }))
    // Outside the BMP: two UTF-16 units each, one character to the person typing.
    expect(checkValue(text(40), '𠮷'.repeat(40), ctx)).toEqual(ok('𠮷'.repeat(40)))
    expect(checkValue(text(40), '𠮷'.repeat(41), ctx)).toEqual(err('tooLong', { max: 40 }))
    expect(checkValue(text(3), '👍🏽a', ctx)).toEqual(ok('👍🏽a'))
  })

  it('counts after trimming', () => {
    expect(checkValue(text(3), '  abc  ', ctx)).toEqual(ok('abc'))
  })

  it.each([[42], [true], [{ v: 'x' }], [['a']]])('refuses a value that is not a string: %j', (raw) => {
    expect(checkValue(text(40), raw, ctx).ok).toBe(false)
  })
})

describe('checkValue: longText', () => {
  it('keeps surrounding spaces and line breaks', () => {
    expect(checkValue(longText(100), '  第一段\n\n第二段  \n', ctx)).toEqual(ok('  第一段\n\n第二段  \n'))
  })

  it('refuses more than max code points', () => {
    expect(checkValue(longText(5), '𠮷'.repeat(5), ctx)).toEqual(ok('𠮷'.repeat(5)))
    expect(checkValue(longText(5), '𠮷'.repeat(6), ctx)).toEqual(err('tooLong', { max: 5 }))
  })

  it('defaults to 20 000 characters', () => {
    expect(checkValue(longText(), 'a'.repeat(20_000), ctx).ok).toBe(true)
    expect(checkValue(longText(), 'a'.repeat(20_001), ctx)).toEqual(err('tooLong', { max: 20_000 }))
  })

  it('refuses a value that is not a string', () => {
    expect(checkValue(longText(), 12, ctx).ok).toBe(false)
  })
})

describe('checkValue: choice', () => {
  const kind = choice(['female', 'male'])

  it('accepts only the listed options, exactly', () => {
    expect(checkValue(kind, 'female', ctx)).toEqual(ok('female'))
    for (const raw of ['Female', 'other', ' female', 1, true, ['female']]) {
      expect(checkValue(kind, raw, ctx)).toEqual(err('invalidChoice'))
    }
  })

  it('does not take properties of the options array for options', () => {
    expect(checkValue(kind, 'length', ctx)).toEqual(err('invalidChoice'))
  })
})

describe('checkValue: date', () => {
  it('accepts an ISO date, trimmed', () => {
    expect(checkValue(date(), '2016-02-29', ctx)).toEqual(ok('2016-02-29'))
    expect(checkValue(date(), ' 2016-02-29 ', ctx)).toEqual(ok('2016-02-29'))
  })

  it.each([['2015-02-29'], ['2015-13-01'], ['2015-2-3'], ['01/02/2015'], ['1899-12-31'], [20150101], [true]])(
    'invalidDate for %j',
    (raw) => {
      expect(checkValue(date(), raw, ctx)).toEqual(err('invalidDate'))
    },
  )

  it('refuses a future date when notFuture, today is fine', () => {
    expect(checkValue(date(), '2025-09-02', ctx)).toEqual(err('futureDate'))
    expect(checkValue(date(), TODAY, ctx)).toEqual(ok(TODAY))
  })

  it('accepts a future date when not notFuture (a review date)', () => {
    expect(checkValue(date(false), '2026-03-01', ctx)).toEqual(ok('2026-03-01'))
  })

  it('beforeBirth for a date before notBefore, the day itself is fine', () => {
    const born = { today: TODAY, notBefore: '2016-02-29' as IsoDate }
    expect(checkValue(date(), '2016-02-28', born)).toEqual(err('beforeBirth'))
    expect(checkValue(date(), '2016-02-29', born)).toEqual(ok('2016-02-29'))
    expect(checkValue(date(false), '2010-01-01', born)).toEqual(err('beforeBirth'))
  })
})

describe('checkValue: phone', () => {
  it('stores the normalised number', () => {
    expect(checkValue(phone, ' +86 138-1234-5678 ', ctx)).toEqual(ok('13812345678'))
    expect(checkValue(phone, '(0571)8765-4321', ctx)).toEqual(ok('0571-87654321'))
    expect(checkValue(phone, '010-12345678转123', ctx)).toEqual(ok('010-12345678-123'))
  })

  it('invalidPhone for what does not parse, or is not a string', () => {
    for (const raw of ['12345', '12812345678', 'abc', 13812345678, { v: '13812345678' }]) {
      expect(checkValue(phone, raw, ctx)).toEqual(err('invalidPhone'))
    }
  })
})

describe('checkValue: number', () => {
  const age = number(10, 110)
  const height = number(50, 210, 1)
  const yuan = number(0, 1_000_000, 2)

  it('accepts integers, as numbers or strings', () => {
    expect(checkValue(age, 45, ctx)).toEqual(ok(45))
    expect(checkValue(age, '45', ctx)).toEqual(ok(45))
    expect(checkValue(age, ' 45 ', ctx)).toEqual(ok(45))
  })

  it('accepts decimals up to the limit, tooManyDecimals past it', () => {
    expect(checkValue(height, 120.5, ctx)).toEqual(ok(120.5))
    // Forms give strings: '12.5' reads as 12.5 where one decimal is allowed, and is refused where none is.
    expect(checkValue(number(0, 100, 1), '12.5', ctx)).toEqual(ok(12.5))
    expect(checkValue(number(0, 100), '12.5', ctx)).toEqual(err('tooManyDecimals', { decimals: 0 }))
    expect(checkValue(height, '120.5', ctx)).toEqual(ok(120.5))
    expect(checkValue(height, 120.55, ctx)).toEqual(err('tooManyDecimals', { decimals: 1 }))
    expect(checkValue(age, 45.5, ctx)).toEqual(err('tooManyDecimals', { decimals: 0 }))
    expect(checkValue(yuan, 0.07, ctx)).toEqual(ok(0.07))
    expect(checkValue(yuan, '1234.56', ctx)).toEqual(ok(1234.56))
    expect(checkValue(yuan, '12.345', ctx)).toEqual(err('tooManyDecimals', { decimals: 2 }))
  })

  it('outOfRange with the range, both ends included', () => {
    expect(checkValue(age, 10, ctx)).toEqual(ok(10))
    expect(checkValue(age, 110, ctx)).toEqual(ok(110))
    expect(checkValue(age, 9, ctx)).toEqual(err('outOfRange', { min: 10, max: 110 }))
    expect(checkValue(age, '111', ctx)).toEqual(err('outOfRange', { min: 10, max: 110 }))
    expect(checkValue(yuan, -1, ctx)).toEqual(err('outOfRange', { min: 0, max: 1_000_000 }))
    expect(checkValue(yuan, '-0.5', ctx)).toEqual(err('outOfRange', { min: 0, max: 1_000_000 }))
  })

  it.each([['1e3'], ['12.5.1'], ['+5'], ['.5'], ['5.'], ['0x10'], ['12 岁'], ['1,000'], ['abc']])(
    'notNumber for the string %j',
    (raw) => {
      expect(checkValue(yuan, raw, ctx)).toEqual(err('notNumber'))
    },
  )

  it.each([[NaN], [Infinity], [-Infinity], [true], [{ n: 1 }], [[5]]])('notNumber for %j', (raw) => {
    expect(checkValue(yuan, raw, ctx)).toEqual(err('notNumber'))
  })
})

describe('checkValue: bool', () => {
  it.each([
    [true, true],
    [false, false],
    ['是', true],
    ['否', false],
    ['yes', true],
    ['No', false],
    [' YES ', true],
    ['1', true],
    ['0', false],
    ['true', true],
    ['false', false],
    ['有', true],
    ['无', false],
  ])('%j is %j', (raw, value) => {
    expect(checkValue(bool, raw, ctx)).toEqual(ok(value))
  })

  it.each([['maybe'], ['2'], ['是的'], [1], [0], [{}], [['yes']]])('invalidBool for %j', (raw) => {
    expect(checkValue(bool, raw, ctx)).toEqual(err('invalidBool'))
  })
})
