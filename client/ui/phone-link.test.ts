import { describe, expect, it } from 'vitest'
import { telHref } from './PhoneLink'

describe('phones to tap (SPEC H7)', () => {
  it('H7: a mobile dials its digits, a landline its area code and number, an extension after a pause', () => {
    expect(telHref('138 0013 8000')).toBe('tel:13800138000')
    expect(telHref('+86 139-0013-9000')).toBe('tel:13900139000')
    expect(telHref('0731-8888 6666')).toBe('tel:073188886666')
    expect(telHref('010-12345678 转 123')).toBe('tel:01012345678,123')
  })

  it('H7: a number that does not parse is never a link', () => {
    expect(telHref('1380013')).toBeUndefined()
    expect(telHref('javascript:alert(1)')).toBeUndefined()
  })
})
