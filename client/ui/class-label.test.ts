import i18next, { type TFunction } from 'i18next'
import { beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addClass, addSchool, readOrganisation, type ClassInfo } from '../../shared/docs/settings/organisation'
import { TRANSLATIONS } from '../i18n/resources'
import { classLabel, classLabelIn, orgErrorMessage, termLabel } from './class-label'

const ts = {} as Record<string, TFunction>

beforeAll(async () => {
  for (const lng of ['zh-Hant', 'zh-Hans', 'en']) {
    const instance = i18next.createInstance()
    await instance.init({ lng, resources: { [lng]: { translation: TRANSLATIONS[lng] ?? {} } } })
    ts[lng] = instance.t
  }
})

const cls = (grade: number, section: string): ClassInfo => ({ id: 'c', schoolId: 's', grade, section, archived: false })

describe('a class in words', () => {
  it('O1: names a class by grade and 班號 as the school writes it', () => {
    const t = ts['zh-Hant'] as TFunction
    expect(classLabel(t, cls(3, '1'))).toBe('三年級1班')
    expect(classLabel(t, cls(3, '一'))).toBe('三年級一班')
    expect(classLabel(t, cls(10, '火箭班'))).toBe('高一火箭班')
    expect(classLabel(ts['zh-Hans'] as TFunction, cls(9, '2'))).toBe('九年级2班')
    expect(classLabel(ts.en as TFunction, cls(3, '1'))).toBe('Grade 3, class 1')
    expect(classLabel(t, cls(3, '1'), { name: '村小' })).toBe('村小 · 三年級1班')
  })

  it('O1: puts the school first only when the workspace has more than one', () => {
    const t = ts['zh-Hant'] as TFunction
    const doc = new Y.Doc()
    const a = addSchool(doc, { name: '中心小學' })
    if (!('id' in a)) throw new Error('school')
    const c = addClass(doc, { schoolId: a.id, grade: 1, section: '一' })
    if (!('id' in c)) throw new Error('class')
    expect(classLabelIn(t, readOrganisation(doc), c.id)).toBe('一年級一班')
    addSchool(doc, { name: '村小' })
    expect(classLabelIn(t, readOrganisation(doc), c.id)).toBe('中心小學 · 一年級一班')
    expect(classLabelIn(t, readOrganisation(doc), 'unknown')).toBeUndefined()
  })

  it('O4: names terms and errors in the reader’s language', () => {
    expect(termLabel(ts['zh-Hant'] as TFunction, '2026-autumn')).toBe('2026年秋季學期')
    expect(termLabel(ts.en as TFunction, '2027-spring')).toBe('Spring term 2027')
    expect(orgErrorMessage(ts.en as TFunction, { code: 'overlap', params: { term: '2026-autumn' } })).toBe('These dates overlap Autumn term 2026.')
    expect(orgErrorMessage(ts.en as TFunction, { code: 'duplicate' }, 'school')).toBe('There is already a school with this name.')
    expect(orgErrorMessage(ts.en as TFunction, { code: 'required' })).toBe('This is required.')
  })
})
