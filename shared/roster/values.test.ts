import { describe, expect, it } from 'vitest'
import { excelSerialToIso, matchChoice, normaliseCell } from './values'

describe('dates', () => {
  it.each([
    ['2015-09-01', '2015-09-01'],
    ['2015/9/1', '2015-09-01'],
    ['2015.9.1', '2015-09-01'],
    ['2015年9月1日', '2015-09-01'],
    ['2015 年 9 月 1 日', '2015-09-01'],
    ['２０１５年９月１日', '2015-09-01'],
    ['20150901', '2015-09-01'],
    ['2015-09-01 00:00:00', '2015-09-01'],
    ['42248', '2015-09-01'],
  ])('reads the text %s', (raw, iso) => {
    expect(normaliseCell('birthDate', raw)).toEqual({ ok: true, value: iso })
  })

  it('reads Excel serial numbers, and 20150901 typed as a number', () => {
    expect(normaliseCell('birthDate', 42248)).toEqual({ ok: true, value: '2015-09-01' })
    expect(normaliseCell('birthDate', 42248.75)).toEqual({ ok: true, value: '2015-09-01' })
    expect(normaliseCell('birthDate', 20150901)).toEqual({ ok: true, value: '2015-09-01' })
  })

  it('counts Excel days as Excel does, around its 29 February 1900', () => {
    expect(excelSerialToIso(1)).toBe('1900-01-01')
    expect(excelSerialToIso(59)).toBe('1900-02-28')
    expect(excelSerialToIso(61)).toBe('1900-03-01')
    expect(excelSerialToIso(45658)).toBe('2025-01-01')
    expect(excelSerialToIso(0)).toBeUndefined()
    expect(excelSerialToIso(-3)).toBeUndefined()
  })

  it('says a year and month without a day is not a date of birth', () => {
    expect(normaliseCell('birthDate', '2015.09')).toEqual({ ok: false, code: 'dateWithoutDay' })
    expect(normaliseCell('birthDate', '2015年9月')).toEqual({ ok: false, code: 'dateWithoutDay' })
    expect(normaliseCell('birthDate', '201509')).toEqual({ ok: false, code: 'dateWithoutDay' })
  })

  it.each(['9/1/2015', '去年', 'abc', '2015-9'])('refuses %s', (raw) => {
    expect(normaliseCell('birthDate', raw).ok).toBe(false)
  })
})

describe('choices', () => {
  it.each([
    ['gender', '男', 'male'],
    ['gender', '女', 'female'],
    ['gender', 'M', 'male'],
    ['gender', 'f', 'female'],
    ['gender', '女生', 'female'],
    ['careArrangement', '祖輩看護', 'grandparents'],
    ['careArrangement', '祖辈看护', 'grandparents'],
    ['careArrangement', 'Grandparents', 'grandparents'],
    ['guardian.relation', '奶奶', 'grandmother'],
    ['guardian.relation', '祖父/外祖父', 'grandfather'],
    ['parentsAway', '父母都外出', 'both'],
    ['father.contactFrequency', '每週', 'weekly'],
    ['flags.priority', 'Problem (問題留守兒童)', 'problem'],
    ['schoolingStatus', '輟學', 'droppedOut'],
    ['schoolingStatus', 'droppedOut', 'droppedOut'],
  ] as const)('%s: %s → %s', (field, raw, value) => {
    expect(matchChoice(field, raw)).toBe(value)
    expect(normaliseCell(field, raw)).toEqual({ ok: true, value })
  })

  it('refuses a word it does not know', () => {
    expect(normaliseCell('gender', '未知')).toEqual({ ok: false, code: 'invalidChoice' })
    expect(normaliseCell('gender', 'X')).toEqual({ ok: false, code: 'invalidChoice' })
  })
})

describe('yes and no', () => {
  it.each([
    ['是', true],
    ['否', false],
    ['√', true],
    ['×', false],
    ['Yes', true],
    ['N', false],
    ['住校', true],
    ['走讀', false],
    [true, true],
  ] as const)('boarding: %s → %s', (raw, value) => {
    expect(normaliseCell('boarding', raw)).toEqual({ ok: true, value })
  })

  it('refuses other words', () => {
    expect(normaliseCell('boarding', '也许')).toEqual({ ok: false, code: 'invalidBool' })
  })
})

describe('other kinds', () => {
  it('gives empty cells as no value', () => {
    expect(normaliseCell('name', null)).toEqual({ ok: true, value: null })
    expect(normaliseCell('birthDate', '  ')).toEqual({ ok: true, value: null })
  })

  it('gives numbers as text for text and phone fields', () => {
    expect(normaliseCell('classId', 3)).toEqual({ ok: true, value: '3' })
    expect(normaliseCell('father.phone', 13800138000)).toEqual({ ok: true, value: '13800138000' })
  })

  it('takes the padding out of a name, and nothing else', () => {
    expect(normaliseCell('name', '王　伟')).toEqual({ ok: true, value: '王伟' })
    expect(normaliseCell('father.name', ' 王 大 伟 ')).toEqual({ ok: true, value: '王大伟' })
    expect(normaliseCell('name', 'Anna Li')).toEqual({ ok: true, value: 'Anna Li' })
    expect(normaliseCell('classId', 'class-3-2')).toEqual({ ok: true, value: 'class-3-2' })
  })

  it('reads an age written with its unit', () => {
    expect(normaliseCell('guardian.age', '65岁')).toEqual({ ok: true, value: '65' })
    expect(normaliseCell('guardian.age', 65)).toEqual({ ok: true, value: 65 })
  })
})
