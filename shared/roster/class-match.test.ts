import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addClass, addSchool, archiveClass } from '../docs/settings/organisation'
import { readOrganisation } from '../docs/settings/organisation-read'
import { matchClass, parseClassText } from './class-match'

const idOf = (result: { id: string } | { errors: unknown }) => {
  if (!('id' in result)) throw new Error('not written')
  return result.id
}

/** Two schools: 石門 has 三年級一班 and 初一二班; 河東 has 三年級二班 and its own 初一二班. */
function organisation() {
  const doc = new Y.Doc()
  const shimen = idOf(addSchool(doc, { name: '石門學校' }))
  const hedong = idOf(addSchool(doc, { name: '河東學校' }))
  const ids = {
    three1: idOf(addClass(doc, { schoolId: shimen, grade: 3, section: '一' })),
    three2: idOf(addClass(doc, { schoolId: hedong, grade: 3, section: '2' })),
    seven2Shimen: idOf(addClass(doc, { schoolId: shimen, grade: 7, section: '2' })),
    seven2Hedong: idOf(addClass(doc, { schoolId: hedong, grade: 7, section: '2' })),
    old: idOf(addClass(doc, { schoolId: shimen, grade: 5, section: '1' })),
  }
  archiveClass(doc, ids.old)
  return { doc, ids }
}

describe('a roster class cell matched to the organisation (SPEC H8)', () => {
  it('H8: reads the ways schools write a class: 三年級1班, 三年级一班, 3年级1班, 三(1)班, 3-1, 初一(2)班, 高二3班', () => {
    expect(parseClassText('三年級1班')).toEqual({ grade: 3, section: '1' })
    expect(parseClassText('三年级一班')).toEqual({ grade: 3, section: '一' })
    expect(parseClassText(' 3年级（1）班 ')).toEqual({ grade: 3, section: '1' })
    expect(parseClassText('三(1)班')).toEqual({ grade: 3, section: '1' })
    expect(parseClassText('3-1')).toEqual({ grade: 3, section: '1' })
    expect(parseClassText('初一(2)班')).toEqual({ grade: 7, section: '2' })
    expect(parseClassText('高二3班')).toEqual({ grade: 11, section: '3' })
    expect(parseClassText('火箭班')).toBeUndefined()
  })

  it('H8: 1 and 一 are one 班號; a class only one school has is found, whichever way it is written', () => {
    const { doc, ids } = organisation()
    const org = readOrganisation(doc)
    for (const text of ['三年級1班', '三年级一班', '3-1', '三(一)班']) expect(matchClass(text, org)).toEqual({ ok: true, classId: ids.three1 })
    expect(matchClass('三年級二班', org)).toEqual({ ok: true, classId: ids.three2 })
  })

  it('H8: never guesses: a class two schools have, a class nobody has, an archived class, or a bare 一班 is the importer’s to settle', () => {
    const { doc } = organisation()
    const org = readOrganisation(doc)
    expect(matchClass('初一(2)班', org)).toEqual({ ok: false, code: 'ambiguousClass' })
    expect(matchClass('四年級1班', org)).toEqual({ ok: false, code: 'unknownClass' })
    expect(matchClass('五年級1班', org)).toEqual({ ok: false, code: 'unknownClass' })
    expect(matchClass('一班', org)).toEqual({ ok: false, code: 'unknownClass' })
  })
})
