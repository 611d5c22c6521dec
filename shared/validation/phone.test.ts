import { describe, expect, it } from 'vitest'
import { parsePhone } from './phone'

describe('parsePhone: mobiles', () => {
  it.each([
    ['13812345678', '13812345678'],
    ['138 1234 5678', '13812345678'],
    ['138-1234-5678', '13812345678'],
    ['  139.1234.5678  ', '13912345678'],
    ['138\u30001234\u30005678', '13812345678'],
    ['+86 138 1234 5678', '13812345678'],
    ['+86-13812345678', '13812345678'],
    ['0086 13812345678', '13812345678'],
    ['86 13812345678', '13812345678'],
    ['8615912345678', '15912345678'],
    ['19912345678', '19912345678'],
  ])('%s is the mobile %s', (raw, normalised) => {
    expect(parsePhone(raw)).toEqual({ kind: 'mobile', normalised })
  })
})

describe('parsePhone: landlines, normalised as area code, dash, number', () => {
  it.each([
    // Beijing (010) and the 02x cities have three-digit area codes, every other one four.
    ['010-12345678', '010-12345678'],
    ['01012345678', '010-12345678'],
    ['(010) 1234 5678', '010-12345678'],
    ['020-87654321', '020-87654321'],
    ['(0571)8765-4321', '0571-87654321'],
    ['（0571）8765-4321', '0571-87654321'],
    ['0755 1234567', '0755-1234567'],
    // Dashes inside the number are grouping, not an extension.
    ['0571-8765-4321', '0571-87654321'],
    ['0755\u30001234567', '0755-1234567'],
    ['+86 10 12345678', '010-12345678'],
    ['0086 571 87654321', '0571-87654321'],
  ])('%s is the landline %s', (raw, normalised) => {
    expect(parsePhone(raw)).toEqual({ kind: 'landline', normalised })
  })

  it.each([
    ['010-12345678转123', '010-12345678-123'],
    ['010-12345678轉123', '010-12345678-123'],
    ['0571-87654321 ext 12', '0571-87654321-12'],
    ['0571-87654321 EXT12', '0571-87654321-12'],
    ['0571-87654321x7', '0571-87654321-7'],
    ['0755 1234567#5', '0755-1234567-5'],
  ])('keeps the extension of %s as %s', (raw, normalised) => {
    expect(parsePhone(raw)).toEqual({ kind: 'landline', normalised })
  })

  // What is stored is read back by the same check: a stored number with an extension must not read as invalid.
  it('a normalised number parses to itself', () => {
    for (const raw of ['13812345678', '010-12345678', '0571-87654321-12', '0755-1234567']) {
      expect(parsePhone(raw)?.normalised).toBe(raw)
    }
  })
})

describe('parsePhone: refuses what is not a phone number', () => {
  it.each([
    ['10 digits', '1381234567'],
    ['12 digits', '138123456789'],
    ['12x is not a mobile prefix', '12812345678'],
    ['11x is not a mobile prefix', '11012345678'],
    ['letters', '138abcd5678'],
    ['letters only', 'grandma'],
    ['empty', ''],
    ['blank', '  \u3000 '],
    ['31 characters', '1'.repeat(31)],
    ['31 characters of a longer number', '0571-87654321-' + '1'.repeat(20)],
    ['a mobile with an extension', '13812345678转12'],
    ['an extension of seven digits', '0571-87654321转1234567'],
    ['an extension alone', '转123'],
    ['a landline too short', '0571-123456'],
    ['a landline too long', '0571-123456789'],
    ['86 before a landline', '86 010 12345678'],
  ])('%s: %s', (_why, raw) => {
    expect(parsePhone(raw)).toBeUndefined()
  })
})
