import Dexie from 'dexie'
import { afterEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { POISON_UPDATE } from '../../../tests/fixtures/poison-update'
import { todayIsoDate } from '../../../shared/dates'
import { childDocumentId, toWorkspaceId } from '../../../shared/doc-id'
import { createChildFile, type EditContext } from '../../../shared/docs/child/child'
import type { ChildFieldKey } from '../../../shared/docs/child/child-fields'
import { currentWrite } from '../../../shared/docs/child/field-log'
import { addPairing } from '../../../shared/docs/child/pairings'
import { openDb, type ShouwangDb } from '../../runtime/store/db'
import { readStoredDocument } from '../../runtime/store/documents'
import { Indexer } from '../../runtime/indexes/indexer'
import { appendUpdate } from '../../runtime/store/doc-persistence'
import { childRows } from '../../runtime/store/index-rows'
import { loadChildCard, loadClassCards, readContactCard, type CardSource } from './card-data'
import { childRow } from '../../../shared/indexes/rows'

const TODAY = todayIsoDate(new Date(2025, 8, 1))
const CTX: EditContext = { author: { id: '', name: 'x' }, today: TODAY, now: 0 }
const WS = toWorkspaceId('school-1')

/** The cards' readers over one device's store, as the workspace gives them. */
const sourceOf = (db: ShouwangDb): CardSource => ({
  workspaceId: WS,
  readStored: (docId) => readStoredDocument(db, docId),
  queries: { childrenInClass: (classId) => childRows.inClass(db, classId) },
})

/** A child's file as a helper would have filled it in; `overrides` change or blank fields. */
function buildChildDoc(overrides: Partial<Record<ChildFieldKey, string>> = {}): Y.Doc {
  const doc = new Y.Doc()
  const fields: Partial<Record<ChildFieldKey, string>> = {
    name: '王小明',
    classId: 'class-3-2',
    'father.name': '王大山',
    'father.workplace': '广东东莞长安镇电子厂',
    'father.phone': '13800138000',
    'mother.name': '李春花',
    'mother.workplace': '浙江义乌',
    'mother.phone': '13900139000',
    'guardian.name': '王奶奶',
    'guardian.relation': 'grandmother',
    'guardian.phone': '0851-12345678',
    ...overrides,
  }
  const errors = createChildFile(doc, fields, CTX)
  expect(errors).toEqual({})
  return doc
}

describe('readContactCard', () => {
  it('reads the parents, the guardian and the class teacher', () => {
    const doc = buildChildDoc()
    addPairing(doc, { kind: 'classTeacher', name: '张老师', phone: '13700137000' }, CTX)
    addPairing(doc, { kind: 'caringMother', name: '刘阿姨', userId: 'u-liu' }, CTX)
    addPairing(doc, { kind: 'peerBuddy', name: '旧伙伴', from: '2024-09-01', to: '2025-01-01' }, CTX)
    expect(readContactCard(doc, 'c1', TODAY)).toEqual({
      childId: 'c1',
      name: '王小明',
      classId: 'class-3-2',
      father: { name: '王大山', workplace: '广东东莞长安镇电子厂', phone: '13800138000' },
      mother: { name: '李春花', workplace: '浙江义乌', phone: '13900139000' },
      guardian: { name: '王奶奶', relation: 'grandmother', phone: '0851-12345678' },
      classTeacher: { name: '张老师', phone: '13700137000' },
      // The pairings in force print with their kind; an ended one does not.
      helpers: [{ name: '刘阿姨', kind: 'caringMother', phone: '', userId: 'u-liu' }],
    })
  })

  it('leaves what nobody filled in empty, for a line to write on', () => {
    const doc = buildChildDoc({ 'mother.name': '', 'mother.workplace': '', 'mother.phone': '', 'guardian.relation': '' })
    const card = readContactCard(doc, 'c1', TODAY)
    expect(card.mother).toEqual({ name: '', workplace: '', phone: '' })
    expect(card.guardian.relation).toBe('')
    expect(card.classTeacher).toEqual({ name: '', phone: '' })
  })

  it('prints the class teacher of today, not one whose pairing ended or has not begun', () => {
    const doc = buildChildDoc()
    addPairing(doc, { kind: 'classTeacher', name: '旧老师', phone: '13600136000', from: '2023-09-01', to: '2025-07-01' }, CTX)
    addPairing(doc, { kind: 'classTeacher', name: '新学期老师', from: '2025-09-10' }, CTX)
    addPairing(doc, { kind: 'caringMother', name: '爱心妈妈', phone: '13500135000' }, CTX)
    expect(readContactCard(doc, 'c1', TODAY).classTeacher).toEqual({ name: '', phone: '' })
    addPairing(doc, { kind: 'classTeacher', name: '张老师', phone: '13700137000', from: '2025-08-25' }, CTX)
    expect(readContactCard(doc, 'c1', TODAY).classTeacher).toEqual({ name: '张老师', phone: '13700137000' })
  })

  it('leaves a value another peer wrote badly blank instead of printing it', () => {
    const doc = buildChildDoc()
    // A faulty peer's writes, each replacing the value it saw, so they win.
    const history = doc.getArray<unknown>('history')
    for (const [field, v] of [['guardian.phone', 'call grandma'], ['guardian.relation', 'aunt']] as const) {
      const p = currentWrite(doc.getMap('profile'), history, field)?.w ?? null
      history.push([{ field, v, by: 'x', byId: 'u-x', at: Date.now() + 1e9, w: `bad-${field}`, p }])
    }
    const card = readContactCard(doc, 'c1', TODAY)
    expect(card.guardian).toEqual({ name: '王奶奶', relation: '', phone: '' })
  })
})

describe('loading cards from the local store', () => {
  const opened: ShouwangDb[] = []
  afterEach(async () => {
    for (const db of opened.splice(0)) {
      db.close()
      await Dexie.delete(db.name)
    }
  })
  const freshDb = () => {
    const db = openDb(`card-data-test-${crypto.randomUUID()}`)
    opened.push(db)
    return db
  }
  /** Stores a child's document and its index row, as background sync leaves them. */
  const storeChild = async (db: ShouwangDb, childId: string, doc: Y.Doc) => {
    const docId = childDocumentId(WS, childId)
    // Stored and indexed as background sync would: the indexer reads the children's rows from it.
    await appendUpdate(db, docId, Y.encodeStateAsUpdate(doc))
    await new Indexer(db).flush()
  }

  it('reads every child of the class and no one else', async () => {
    const db = freshDb()
    await storeChild(db, 'a', buildChildDoc({ name: '甲', 'guardian.phone': '13100000001' }))
    await storeChild(db, 'b', buildChildDoc({ name: '乙', 'guardian.phone': '13100000002' }))
    await storeChild(db, 'c', buildChildDoc({ name: '丙', classId: 'class-4-1' }))
    const { cards, unreadable } = await loadClassCards(sourceOf(db), 'class-3-2', TODAY)
    expect(cards.map((c) => [c.childId, c.guardian.phone]).sort()).toEqual([
      ['a', '13100000001'],
      ['b', '13100000002'],
    ])
    expect(unreadable).toEqual([])
  })

  it('trusts the document over an index row that has not caught up with a class change', async () => {
    const db = freshDb()
    const doc = buildChildDoc()
    await storeChild(db, 'a', doc)
    const moved = buildChildDoc({ classId: 'class-4-1' })
    await db.updates.where('docId').equals(childDocumentId(WS, 'a')).delete()
    await db.updates.add({ docId: childDocumentId(WS, 'a'), update: Y.encodeStateAsUpdate(moved) })
    expect((await loadClassCards(sourceOf(db), 'class-3-2', TODAY)).cards).toEqual([])
  })

  it('reads one child, and nothing for a child this device does not have', async () => {
    const db = freshDb()
    await storeChild(db, 'a', buildChildDoc())
    expect((await loadChildCard(sourceOf(db), 'a', TODAY)).cards.map((c) => c.name)).toEqual(['王小明'])
    expect(await loadChildCard(sourceOf(db), 'nobody', TODAY)).toEqual({ cards: [], unreadable: [] })
  })

  it('names a child whose stored document cannot be read, so the sheet is not silently short', async () => {
    const db = freshDb()
    await storeChild(db, 'a', buildChildDoc())
    await db.updates.add({ docId: childDocumentId(WS, 'b'), update: POISON_UPDATE })
    await db.children.put(childRow({ id: 'b', docId: childDocumentId(WS, 'b'), name: '乙', classId: 'class-3-2', gender: '', birthDate: '', priority: '', status: 'active', studentNumber: '' }))
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const { cards, unreadable } = await loadClassCards(sourceOf(db), 'class-3-2', TODAY)
    expect(cards.map((c) => c.childId)).toEqual(['a'])
    expect(unreadable).toEqual(['b'])
    expect(warn).toHaveBeenCalledWith('contact card: stored document unreadable', 'b', expect.any(Error))
    warn.mockRestore()
  })
})
