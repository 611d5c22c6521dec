import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { IsoDate } from '../../../shared/dates'
import { createChildFile } from '../../../shared/docs/child/child'
import { addClass, addSchool, readOrganisation } from '../../../shared/docs/settings/organisation'
import { childDocumentId, toWorkspaceId } from '../../../shared/doc-id'
import { projectStored } from '../../runtime/indexes/project'
import type { ChildRow } from '../../../shared/indexes/rows'
import { shownChildren } from './child-filter'

const WS = toWorkspaceId('school-1')
const CTX = { author: { id: 'u1', name: '李老师' }, today: '2026-12-02' as IsoDate, now: 1 }

function organisation() {
  const doc = new Y.Doc()
  const id = (r: { id: string } | { errors: unknown }) => ('id' in r ? r.id : '')
  const east = id(addSchool(doc, { name: '东山镇中心小学' }))
  const west = id(addSchool(doc, { name: '西岭村教学点' }))
  const e31 = id(addClass(doc, { schoolId: east, grade: 3, section: '1', pupils: 40 }))
  const w11 = id(addClass(doc, { schoolId: west, grade: 1, section: '1', pupils: 12 }))
  return { org: readOrganisation(doc), e31, w11 }
}

/** A child's file as the device indexes it: the stored update projected with its search text. */
function indexed(id: string, fields: Record<string, string>): ChildRow {
  const doc = new Y.Doc()
  createChildFile(doc, fields, CTX)
  const row = projectStored(childDocumentId(WS, id), Y.encodeStateAsUpdate(doc)).children?.[0]
  if (!row) throw new Error('no row')
  return row
}

describe('children list search (SPEC I6, I7)', () => {
  const { org, e31, w11 } = organisation()
  const rows = [
    indexed('a', { name: '王小明', classId: e31, 'guardian.phone': '13800138000' }),
    indexed('b', { name: '曾小贤', classId: w11, 'father.phone': '13912345678' }),
    indexed('c', { name: '李娜', classId: e31, studentNumber: 'G5201234' }),
  ]
  // Class labels as a person reads them: the grade and class, not the id.
  const labels = new Map([[e31, '三年级1班'], [w11, '一年级1班']])
  const find = (query: string) =>
    shownChildren(rows, { status: 'active', query, org, labelOf: (id) => labels.get(id) ?? id, collator: new Intl.Collator('zh') }).map((c) => c.name)

  it('SPEC I6: a name is found by its pinyin initials, a surname read as a surname (曾 → z)', () => {
    expect(find('wxm')).toEqual(['王小明'])
    expect(find('WXM')).toEqual(['王小明'])
    expect(find('zxx')).toEqual(['曾小贤'])
    expect(find('ln')).toEqual(['李娜'])
  })

  it('SPEC I6: by part of a name, and by 學籍號', () => {
    expect(find('小明')).toEqual(['王小明'])
    expect(find('贤')).toEqual(['曾小贤'])
    expect(find('g520')).toEqual(['李娜'])
  })

  it('SPEC I7: by part of a phone, typed with or without its punctuation, on any of the file’s phones', () => {
    expect(find('0013')).toEqual(['王小明'])
    expect(find('138-0013 8000')).toEqual(['王小明'])
    expect(find('139 1234')).toEqual(['曾小贤'])
    expect(find('1301')).toEqual([])
  })

  it('SPEC I7: by the class’s label and by the school’s name, classes in the organisation’s order', () => {
    expect(find('三年级')).toEqual(['李娜', '王小明'])
    expect(find('西岭')).toEqual(['曾小贤'])
    // No query: every active child, 东山's 三年级 before 西岭's 一年级 as the organisation lists them.
    expect(find('')).toEqual(['李娜', '王小明', '曾小贤'])
  })

  it('SPEC I7: what matches nothing shows nothing', () => {
    expect(find('qqq')).toEqual([])
  })
})

