import { describe, expect, it } from 'vitest'
import { changeOf, draftOf, formatYuan } from './round-draft'

describe('a round as the aid page edits it (SPEC G1)', () => {
  it('G1: one amount for all, changed for one child, a source of its own; a child taken off is removed', () => {
    const saved = [{ childId: 'c1', amountYuan: 100 }, { childId: 'c9', amountYuan: 100 }]
    const change = changeOf({ chosen: ['c1', 'c2', 'c3'], amount: '200.50', amounts: { c3: '80' }, sources: { c2: ' 爱心企业 ', c1: '' } }, saved)
    expect(change).toEqual({
      set: [{ childId: 'c1', amountYuan: 200.5 }, { childId: 'c2', amountYuan: 200.5, source: '爱心企业' }, { childId: 'c3', amountYuan: 80 }],
      remove: ['c9'],
    })
  })

  it('G1: a bad or missing amount names the child and changes nothing', () => {
    expect(changeOf({ chosen: ['c1', 'c2', 'c3'], amount: '50', amounts: { c2: '12.345', c3: '' }, sources: {} }, [])).toEqual({
      errors: { c2: { code: 'tooManyDecimals', params: { decimals: 2 } }, c3: { code: 'required' } },
    })
    expect(changeOf({ chosen: ['c1'], amount: '-1', amounts: {}, sources: {} }, [])).toMatchObject({ errors: { c1: { code: 'outOfRange' } } })
  })

  it('G1: a saved round reads back as its draft; totals are in the reader’s money format', () => {
    expect(draftOf([{ childId: 'a', amountYuan: 5 }, { childId: 'b', amountYuan: 5, source: 'x' }])).toEqual({ chosen: ['a', 'b'], amount: '5', amounts: {}, sources: { b: 'x' } })
    expect(draftOf([{ childId: 'a', amountYuan: 5 }, { childId: 'b', amountYuan: 6 }]).amounts).toEqual({ a: '5', b: '6' })
    expect(formatYuan(25612.8, 'zh-Hans')).toBe('¥25,612.80')
    expect(formatYuan(25612.8, 'en')).toBe('¥25,612.80')
  })
})
