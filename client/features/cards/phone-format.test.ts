import { describe, expect, it } from 'vitest'
import { groupPhone } from './phone-format'

describe('groupPhone', () => {
  it.each([
    ['13800138000', '138 0013 8000'],
    ['+86 139-1234-5678', '139 1234 5678'],
    ['008615912345678', '159 1234 5678'],
  ])('groups a mobile 3-4-4: %s', (raw, number) => {
    expect(groupPhone(raw)).toEqual({ number })
  })

  it.each([
    ['010-12345678', '010-1234 5678'],
    ['(0571) 8765432', '0571-876 5432'],
    ['0755 2345 6789', '0755-2345 6789'],
  ])('groups a landline after its area code: %s', (raw, number) => {
    expect(groupPhone(raw)).toEqual({ number })
  })

  it('keeps the extension apart, to be worded in the reader language', () => {
    expect(groupPhone('010-12345678转123')).toEqual({ number: '010-1234 5678', ext: '123' })
  })

  it('splits Beijing and 02x area codes after three digits, others after four', () => {
    expect(groupPhone('01012345678')).toEqual({ number: '010-1234 5678' })
    expect(groupPhone('02087654321')).toEqual({ number: '020-8765 4321' })
    expect(groupPhone('08511234567')).toEqual({ number: '0851-123 4567' })
  })

  it('shows a number it cannot read as it was written, never drops it', () => {
    expect(groupPhone(' 12345 ')).toEqual({ number: '12345' })
  })
})
