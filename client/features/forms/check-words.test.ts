import i18next, { type TFunction } from 'i18next'
import { beforeAll, describe, expect, it } from 'vitest'
import { runCrossChecks } from '../../../shared/forms/cross-checks'
import { statisticsTable } from '../../../shared/forms/statistics-table'
import { childRow } from '../../../shared/indexes/rows'
import { BROKEN, CHILDREN, ORG, PAIRINGS, RECORDS, SCOPE } from '../../../tests/fixtures/forms-workspace'
import { TRANSLATIONS } from '../../i18n/resources'
import { failureNote, gapGroupsOf, headlineOf } from './check-words'

const ts: Record<string, TFunction> = {}

beforeAll(async () => {
  for (const lng of ['zh-Hans', 'zh-Hant', 'en']) {
    const instance = i18next.createInstance()
    await instance.init({ lng, resources: { [lng]: { translation: TRANSLATIONS[lng] ?? {} } }, interpolation: { escapeValue: false } })
    ts[lng] = instance.t
  }
})

const broken = () => runCrossChecks(statisticsTable([...CHILDREN, ...BROKEN], RECORDS, PAIRINGS, ORG, SCOPE))

describe('the cross-checks in words', () => {
  it('SPEC V4: the failed check, its rows and sums, and each reason with its children, in each language', () => {
    const [ages] = broken()
    if (!ages) throw new Error('the age check ran')
    expect(headlineOf(ts['zh-Hant'] as TFunction, ages, 'zh-Hant')).toBe(
      // The schools' names are the workspace's own, as written.
      '第1欄 = 第2欄 + 第5欄 + 第8欄（總數等於三個年齡段之和）不成立：东山镇中心小学 28 ≠ 27；西山村小 13 ≠ 12；合計 42 ≠ 40。',
    )
    expect(gapGroupsOf(ts.en as TFunction, ages).map((g) => g.text)).toEqual([
      '1 child has no date of birth and cannot be put in an age band: ',
      '1 child is 17, outside 0–16: ',
    ])
    expect(headlineOf(ts.en as TFunction, ages, 'en')).toBe(
      'column 1 = column 2 + column 5 + column 8 (the total equals the three age bands) does not hold: 东山镇中心小学 28 ≠ 27; 西山村小 13 ≠ 12; Total 42 ≠ 40.',
    )
  })

  it('SPEC V4: children of one reason counted together, aged 17 and 18 apart; a long list cut in the note, with how many in all', () => {
    const many = Array.from({ length: 35 }, (_, i) => childRow({ id: `n${i}`, docId: `ws/child/n${i}`, name: `无日${i}`, classId: 'e1' }))
    const older = [17, 17, 18].map((age, i) => childRow({ id: `o${i}`, docId: `ws/child/o${i}`, name: `大${i}`, classId: 'w2', birthDate: `${2027 - age}-01-01` }))
    const [ages] = runCrossChecks(statisticsTable([...many, ...older], [], [], ORG, SCOPE))
    if (!ages) throw new Error('the age check ran')
    const t = ts['zh-Hans'] as TFunction
    expect(gapGroupsOf(t, ages).map((g) => [g.text, g.children.length])).toEqual([
      ['35 名儿童没有出生日期，无法计入年龄段：', 35],
      ['2 名儿童 17 岁，超出 0–16 岁：', 2],
      ['1 名儿童 18 岁，超出 0–16 岁：', 1],
    ])
    const note = failureNote(t, ages, 'zh-Hans', false)
    expect(note).toContain('无日29（一年级1班）等 35 名')
    expect(note).not.toContain('无日30（')
    expect(failureNote(ts.en as TFunction, ages, 'en', false)).toContain(', and 5 more (35 in all)')
  })
})
