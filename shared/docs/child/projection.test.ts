import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { todayIsoDate } from '../../dates'
import { toWorkspaceId, type DocumentId } from '../../doc-id'
import { editChild, writeChild } from '../../../tests/helpers/child-file'
import { projectDocument } from '../registry'
import { createChildFile } from './child'
import { currentWrite } from './field-log'
import { projectChild } from './projection'
import { addRecord, deleteRecord } from './records'

const TODAY = todayIsoDate(new Date(2025, 8, 1))
const DOC = 'school-1/child/child1' as DocumentId
const REF = { docId: DOC, workspace: toWorkspaceId('school-1'), key: 'child1' }

function childDoc(): Y.Doc {
  const doc = new Y.Doc()
  writeChild(doc, { name: '王小明', classId: 'class-3-2', gender: 'male', birthDate: '2016-02-29' }, TODAY)
  return doc
}

describe('the child file as index rows', () => {
  it('gives one children row with the list fields', () => {
    const [row] = projectChild(childDoc(), REF).children ?? []
    expect(row).toMatchObject({ id: 'child1', docId: DOC, name: '王小明', classId: 'class-3-2', gender: 'male', birthDate: '2016-02-29', priority: '', status: 'active', studentNumber: '' })
    expect(row).toMatchObject({ risk: '', careArrangement: '', boarding: null, flags: [], path: [], iepReview: '' })
    // Without why, who cares, how to reach them and consent, the file does not count as made (建檔率).
    expect(row?.missing).toEqual(['parentsAway', 'careArrangement', 'guardian.name', 'guardian.phone', 'consent.date'])
    expect(row?.createdAt).toBeGreaterThan(0)
  })

  it('gives the figures and the due list what they count by: risk, care, flags, completeness, the path by date', async () => {
    const { changePath } = await import('./child-path')
    const doc = new Y.Doc()
    const ctx = { author: { id: 'u1', name: '王老師' }, today: '2026-11-29' as never, now: 1_000 }
    createChildFile(
      doc,
      {
        name: '李小紅', gender: 'female', birthDate: '2015-03-01', classId: 'c1', parentsAway: 'both', careArrangement: 'grandparents',
        'guardian.name': '李奶奶', 'guardian.phone': '13800000000', 'consent.date': '2026-09-01', 'flags.risk': 'yellow',
        'flags.health': true, 'flags.safety': false, boarding: false, 'iep.reviewDate': '2026-12-15',
      },
      ctx,
    )
    changePath(doc, { status: 'noLongerLeftBehind', since: '2026-11-01' }, { ...ctx, now: 2_000 })
    changePath(doc, { status: 'active', since: '2026-10-01' }, { ...ctx, now: 3_000 })
    const [row] = projectChild(doc, REF).children ?? []
    expect(row).toMatchObject({ risk: 'yellow', careArrangement: 'grandparents', parentsAway: 'both', boarding: false, flags: ['health'], missing: [], iepReview: '2026-12-15' })
    expect(row?.guardian).toEqual({ name: '李奶奶', relation: '', phone: '13800000000' })
    // The status now is the change made last (H1); the path by date is what a period's figures read.
    expect(row?.status).toBe('active')
    expect(row?.path).toEqual([{ status: 'active', since: '2026-10-01' }, { status: 'noLongerLeftBehind', since: '2026-11-01' }])
  })

  it('gives an aid record its kind, amount and source, and a contact its method', () => {
    const doc = new Y.Doc()
    const ctx = { author: { id: 'u1', name: '王老師' }, today: '2026-11-29' as never, now: 1 }
    createChildFile(doc, { name: '李小紅' }, ctx)
    addRecord(doc, { type: 'aid', date: '2026-10-01', fields: { kind: 'bursary', amountYuan: '600', source: '春蕾計畫' } }, ctx)
    addRecord(doc, { type: 'parentContact', date: '2026-10-02', fields: { method: 'video' } }, ctx)
    const rows = projectChild(doc, REF).records ?? []
    expect(rows.find((r) => r.type === 'aid')).toMatchObject({ method: 'bursary', amountYuan: 600, source: '春蕾計畫', authorName: '王老師' })
    expect(rows.find((r) => r.type === 'parentContact')).toMatchObject({ method: 'video', amountYuan: null, source: '' })
  })

  it('reads missing or badly written fields as empty strings, never throwing', () => {
    const doc = childDoc()
    editChild(doc, { gender: undefined, birthDate: '' }, TODAY)
    const history = doc.getArray<unknown>('history')
    const p = currentWrite(doc.getMap('profile'), history, 'classId')?.w ?? null
    history.push([{ field: 'classId', v: { written: 'by a faulty peer' }, by: 'x', byId: 'u-x', at: Date.now() + 1e9, w: 'faulty', p }])
    expect(projectChild(doc, REF).children?.[0]).toMatchObject({ name: '王小明', classId: '', gender: '', birthDate: '' })
  })

  it('has no rows for a document that is not (yet) a child file', () => {
    expect(projectChild(new Y.Doc(), REF)).toEqual({ children: [], records: [], pairings: [], recordSets: [] })
    const plan = new Y.Doc()
    plan.getMap('meta').set('kind', 'plan')
    plan.getMap('profile').set('name', 'not a child')
    expect(projectChild(plan, REF)).toEqual({ children: [], records: [], pairings: [], recordSets: [] })
  })

  it('gives one records row per record, and none for one in the bin (SPEC D1)', () => {
    const doc = new Y.Doc()
    const ctx = { author: { id: 'u1', name: '王老師' }, today: '2026-11-29' as never, now: 1 }
    createChildFile(doc, { name: '李小紅', 'flags.priority': 'hardship' }, ctx)
    const first = addRecord(doc, { type: 'talk', date: '2026-11-01' }, ctx)
    addRecord(doc, { type: 'aid', date: '2026-10-01', fields: { amountYuan: '600' } }, ctx)
    const rows = projectChild(doc, REF)
    expect(rows.records?.map((r) => r.type).sort()).toEqual(['aid', 'talk'])
    expect(rows.children?.[0]?.priority).toBe('hardship')
    if ('id' in first) deleteRecord(doc, first.id, ctx)
    expect(projectChild(doc, REF).records?.map((r) => [r.type, r.date, r.authorId, r.childId, r.docId])).toEqual([['aid', '2026-10-01', 'u1', 'child1', DOC]])
  })

  it('is what the registry gives for a child document id, and nothing for another kind or a junk id', () => {
    const doc = childDoc()
    expect(projectDocument(DOC, doc)).toEqual(projectChild(doc, REF))
    expect(projectDocument('school-1/settings', doc)).toEqual({})
    expect(projectDocument('not a document', doc)).toEqual({})
  })
})

describe('the pairings index (SPEC P2)', () => {
  it('gives one pairings row per pairing not in the bin, with its account if it has one', async () => {
    const { pairAccount, addPairing } = await import('./pairings')
    const doc = new Y.Doc()
    const ctx = { author: { id: 'u-wang', name: '王校長' }, today: '2025-09-01' as never, now: 1 }
    const { createChildFile } = await import('./child')
    createChildFile(doc, { name: '李小紅', classId: 'class-3-1' }, ctx)
    const made = pairAccount(doc, { userId: 'u-zhang', name: '張媽媽', kind: 'caringMother', from: '2025-09-01' as never }, ctx)
    addPairing(doc, { kind: 'peerBuddy', name: '王小明' }, ctx)
    const rows = projectChild(doc, REF).pairings ?? []
    expect(rows.map((r) => [r.userId, r.name, r.kind, r.from])).toEqual([
      ['u-zhang', '張媽媽', 'caringMother', '2025-09-01'],
      ['', '王小明', 'peerBuddy', ''],
    ])
    expect(rows.find((r) => r.userId)?.pairingId).toBe('id' in made ? made.id : '')
  })
})
