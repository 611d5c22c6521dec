import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addClass, addSchool, readOrganisation } from '../../shared/docs/settings/organisation'
import { classIdOrder } from './class-sort'

describe('classIdOrder', () => {
  it('lists classes by grade as the organisation orders them, not as text; unknown ids after, no class last', () => {
    const doc = new Y.Doc()
    const school = addSchool(doc, { name: '东山小学' })
    if (!('id' in school)) throw new Error('no school')
    const ids = ['六', '二', '一'].map((_, i) => {
      const added = addClass(doc, { schoolId: school.id, grade: [6, 2, 1][i], section: '1' })
      if (!('id' in added)) throw new Error('no class')
      return added.id
    })
    const [six, two, one] = ids as [string, string, string]
    const order = classIdOrder(readOrganisation(doc))
    expect(['', 'old-class', six, one, two].sort(order)).toEqual([one, two, six, 'old-class', ''])
  })
})
