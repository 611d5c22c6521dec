import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { IsoDate } from '../../dates'
import { FUTURE_SLACK_MS, MEMBERSHIP_SLACK_MS, signedName, type AuthenticatedWriter } from '../write-rules'
import { moveToBin, restoreFromBin } from './bin'
import { createChildFile, notesFragment, setChildFields, setChildText, type EditContext } from './child'
import { changePath } from './child-path'
import { childKind } from './kind'
import { addPairing, deletePairing, endPairing, pairAccount, updatePairing } from './pairings'
import { addRecord, deleteRecord, updateRecord } from './records'

const TODAY = '2026-03-10' as IsoDate
const NOW = Date.UTC(2026, 2, 10, 8)
const DAY = 24 * 60 * 60 * 1000
const COORDINATOR: AuthenticatedWriter = { id: 'u-wang', role: 'coordinator', classTeacher: false, name: '王校長', memberSince: NOW - 300 * DAY }
const TEACHER: AuthenticatedWriter = { id: 'u-li', role: 'teacher', classTeacher: true, name: '李老師', memberSince: NOW - 100 * DAY }
const HELPER: AuthenticatedWriter = { id: 'u-zhang', role: 'helper', classTeacher: false, name: '張媽媽', memberSince: NOW - 10 * DAY }

/** What the writer's device signs with. */
const ctxOf = (w: AuthenticatedWriter, now = NOW): EditContext => ({ author: { id: w.id, name: signedName(w.name) }, today: TODAY, now })

function file(): Y.Doc {
  const doc = new Y.Doc()
  createChildFile(doc, { name: '李小紅', classId: 'class-3-1', birthDate: '2016-05-01' }, ctxOf(COORDINATOR))
  return doc
}

/** The update `change` makes on a copy of `base`. */
function updateOf(base: Y.Doc, change: (copy: Y.Doc) => void): Uint8Array {
  const copy = new Y.Doc()
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(base))
  const before = Y.encodeStateVector(copy)
  change(copy)
  return Y.encodeStateAsUpdate(copy, before)
}

/** The relay's verdict on an update, by its guard copy of `base`, for this writer at the relay's `now`. */
function refusal(base: Y.Doc, update: Uint8Array, writer: AuthenticatedWriter, now = NOW): string | undefined {
  const guard = new Y.Doc()
  Y.applyUpdate(guard, Y.encodeStateAsUpdate(base))
  return childKind.inspectWrite?.(guard, () => Y.applyUpdate(guard, update), writer, now).refused
}

/** A file with one of everything, each by the coordinator. */
function fullFile() {
  const doc = file()
  const c = ctxOf(COORDINATOR)
  const record = addRecord(doc, { type: 'talk', date: '2026-03-01', fields: { mood: '開心' } }, c)
  const pairing = addPairing(doc, { kind: 'peerBuddy', name: '王小明', from: '2026-03-01' }, c)
  const account = pairAccount(doc, { userId: HELPER.id, name: '張媽媽', kind: 'caringMother', from: '2026-03-01' as IsoDate }, c)
  if (!('id' in record) || !('id' in pairing) || !('id' in account)) throw new Error('not written')
  return { doc, record: record.id, pairing: pairing.id, account: account.id }
}

describe('the device’s every write passes the relay’s rules for its own writer (SPEC R1, R5)', () => {
  const { doc, record, pairing, account } = fullFile()
  // Each device write function of the child's file, made by `w` with their own signature.
  const writes: [string, AuthenticatedWriter, (copy: Y.Doc, ctx: EditContext) => unknown][] = [
    ['createChildFile', COORDINATOR, (copy, ctx) => createChildFile(copy, { name: '王小明' }, ctx)],
    ['setChildFields', HELPER, (copy, ctx) => setChildFields(copy, { 'guardian.name': '王奶奶', 'flags.health': true }, ctx)],
    ['setChildText', HELPER, (copy, ctx) => setChildText(copy, 'profile.habits', '早睡早起', ctx)],
    ['addRecord', HELPER, (copy, ctx) => addRecord(copy, { type: 'homeVisit', date: '2026-03-09', fields: { visited: '奶奶' } }, ctx)],
    ['updateRecord', HELPER, (copy, ctx) => updateRecord(copy, record, { date: '2026-03-02', notes: '補記', fields: { mood: '平靜' } }, ctx)],
    ['deleteRecord', COORDINATOR, (copy, ctx) => deleteRecord(copy, record, ctx)],
    ['moveToBin', TEACHER, (copy, ctx) => moveToBin(copy, 'pairings', pairing, ctx)],
    ['addPairing', HELPER, (copy, ctx) => addPairing(copy, { kind: 'peerBuddy', name: '趙小芳' }, ctx)],
    ['updatePairing', HELPER, (copy, ctx) => updatePairing(copy, pairing, { phone: '13800138000' }, ctx)],
    ['deletePairing', COORDINATOR, (copy, ctx) => deletePairing(copy, pairing, ctx)],
    ['pairAccount', COORDINATOR, (copy, ctx) => pairAccount(copy, { userId: 'u-zhao', name: '趙老師', kind: 'subjectTeacher', from: TODAY }, ctx)],
    ['endPairing', COORDINATOR, (copy, ctx) => endPairing(copy, account, TODAY, ctx)],
    ['changePath', TEACHER, (copy, ctx) => changePath(copy, { status: 'movedSchool', since: '2026-03-09', note: '隨父母去廣州' }, ctx)],
    ['notes (Tiptap)', HELPER, (copy) => notesFragment(copy).insert(0, [new Y.XmlElement('paragraph')])],
  ]

  it.each(writes)('R1: %s by its writer is stored; the same signed as someone else is refused', (_name, w, write) => {
    const honest = updateOf(doc, (copy) => write(copy, ctxOf(w)))
    expect(refusal(doc, honest, w)).toBeUndefined()
    // The same update from another member's connection names someone else: refused, unless it signs nothing.
    const signsNothing = ['setChildText', 'notes (Tiptap)', 'updatePairing', 'updateRecord', 'endPairing'].includes(_name)
    expect(refusal(doc, honest, { ...COORDINATOR, id: 'u-other', name: '別人' })).toBe(signsNothing ? undefined : 'notTheWriter')
  })

  it('R5: restoring from the bin, a Y.Text of a record and a paragraph of the notes pass too', () => {
    const binned = fullFile()
    deleteRecord(binned.doc, binned.record, ctxOf(HELPER))
    expect(refusal(binned.doc, updateOf(binned.doc, (copy) => restoreFromBin(copy, 'records', binned.record)), COORDINATOR)).toBeUndefined()
    const para = updateOf(binned.doc, (copy) => {
      const p = new Y.XmlElement('paragraph')
      p.insert(0, [new Y.XmlText('家訪記錄')])
      notesFragment(copy).insert(0, [p])
    })
    expect(refusal(binned.doc, para, HELPER)).toBeUndefined()
  })
})

describe('the seen attack: a helper signing as the coordinator, back-dated, erasing history (SPEC R1–R3)', () => {
  it('R1: a field value signed with the coordinator’s id and name is refused as notTheWriter', () => {
    const doc = file()
    const forged = updateOf(doc, (copy) => setChildFields(copy, { 'guardian.name': '假名字' }, ctxOf(COORDINATOR, NOW - DAY)))
    expect(refusal(doc, forged, HELPER)).toBe('notTheWriter')
    // Their own id with the coordinator's name is no better.
    const halfForged = updateOf(doc, (copy) => setChildFields(copy, { 'guardian.name': '假名字' }, { ...ctxOf(HELPER), author: { id: HELPER.id, name: '王校長' } }))
    expect(refusal(doc, halfForged, HELPER)).toBe('notTheWriter')
  })

  it('R2: a time in the future beyond the slack, or before the writer’s membership, is refused as badTime; within the slack it is stored', () => {
    const doc = file()
    const at = (now: number) => updateOf(doc, (copy) => setChildFields(copy, { 'guardian.name': '王奶奶' }, ctxOf(HELPER, now)))
    expect(refusal(doc, at(NOW + FUTURE_SLACK_MS + 1), HELPER)).toBe('badTime')
    expect(refusal(doc, at(NOW + 365 * DAY), HELPER)).toBe('badTime')
    expect(refusal(doc, at(HELPER.memberSince - MEMBERSHIP_SLACK_MS - 1), HELPER)).toBe('badTime')
    expect(refusal(doc, at(NOW - DAY), HELPER)).toBeUndefined()
    expect(refusal(doc, at(NOW + FUTURE_SLACK_MS), HELPER)).toBeUndefined()
    expect(refusal(doc, at(HELPER.memberSince - MEMBERSHIP_SLACK_MS), HELPER)).toBeUndefined()
    // A record, a bin marker and a path entry are dated by the same rule.
    const rec = updateOf(doc, (copy) => addRecord(copy, { type: 'talk', date: '2026-03-01' }, ctxOf(TEACHER, NOW + 2 * DAY)))
    expect(refusal(doc, rec, TEACHER)).toBe('badTime')
    const path = updateOf(doc, (copy) => changePath(copy, { status: 'archived', since: '2026-03-01' }, ctxOf(TEACHER, 0)))
    expect(refusal(doc, path, TEACHER)).toBe('badTime')
  })

  it('R3: taking entries out of the history is refused as historyRewritten, whoever asks', () => {
    const doc = file()
    setChildFields(doc, { 'guardian.name': '王奶奶' }, ctxOf(HELPER))
    const erase = updateOf(doc, (copy) => copy.getArray('history').delete(0, copy.getArray('history').length))
    expect(refusal(doc, erase, HELPER)).toBe('historyRewritten')
    expect(refusal(doc, erase, COORDINATOR)).toBe('historyRewritten')
  })

  it('R3: a record’s author, name, time or type never change, nor is a record replaced whole', () => {
    const { doc, record, pairing } = fullFile()
    const entry = (copy: Y.Doc, root: string, id: string) => copy.getMap(root).get(id) as Y.Map<unknown>
    expect(refusal(doc, updateOf(doc, (copy) => entry(copy, 'records', record).set('authorName', '張媽媽')), COORDINATOR)).toBe('historyRewritten')
    expect(refusal(doc, updateOf(doc, (copy) => entry(copy, 'records', record).set('createdAt', NOW - DAY)), COORDINATOR)).toBe('historyRewritten')
    expect(refusal(doc, updateOf(doc, (copy) => entry(copy, 'records', record).set('type', 'aid')), COORDINATOR)).toBe('historyRewritten')
    expect(refusal(doc, updateOf(doc, (copy) => entry(copy, 'pairings', pairing).delete('authorId')), COORDINATOR)).toBe('removeEntry')
    const replaced = updateOf(doc, (copy) => {
      const fresh = new Y.Map<unknown>()
      copy.getMap('records').set(record, fresh)
      fresh.set('type', 'talk')
      fresh.set('authorId', HELPER.id)
      fresh.set('authorName', signedName(HELPER.name))
      fresh.set('createdAt', NOW)
    })
    expect(refusal(doc, replaced, HELPER)).toBe('historyRewritten')
  })
})

describe('a coordinator re-applies what a member signed (SPEC R1, R2)', () => {
  const members = new Map([HELPER, TEACHER].map((m) => [m.id, { name: m.name, memberSince: m.memberSince }]))
  const member = (id: string) => members.get(id)
  const office: AuthenticatedWriter = { ...COORDINATOR, member }

  it('R1: a coordinator’s connection may push a member’s signed entries, not a stranger’s nor a member under another name', () => {
    const doc = file()
    // The helper's kept-aside change: a field, a record, a bin marker, each signed by the helper.
    const kept = updateOf(doc, (copy) => {
      setChildFields(copy, { 'guardian.name': '王奶奶' }, ctxOf(HELPER, NOW - DAY))
      const added = addRecord(copy, { type: 'talk', date: '2026-03-09' }, ctxOf(HELPER, NOW - DAY))
      if ('id' in added) deleteRecord(copy, added.id, ctxOf(HELPER, NOW - DAY))
    })
    expect(refusal(doc, kept, office)).toBeUndefined()
    // The same from the helper's own connection, and not from another helper's or a teacher's.
    expect(refusal(doc, kept, HELPER)).toBeUndefined()
    expect(refusal(doc, kept, { ...TEACHER, member })).toBe('notTheWriter')
    const stranger = updateOf(doc, (copy) => setChildFields(copy, { 'guardian.name': '王奶奶' }, { ...ctxOf(HELPER), author: { id: 'u-nobody', name: '路人' } }))
    expect(refusal(doc, stranger, office)).toBe('notTheWriter')
    const renamed = updateOf(doc, (copy) => setChildFields(copy, { 'guardian.name': '王奶奶' }, { ...ctxOf(HELPER), author: { id: HELPER.id, name: '李老師' } }))
    expect(refusal(doc, renamed, office)).toBe('notTheWriter')
  })

  it('R2: the member’s entries are dated by the member’s membership and the relay’s now', () => {
    const doc = file()
    const at = (now: number) => updateOf(doc, (copy) => setChildFields(copy, { 'guardian.name': '王奶奶' }, ctxOf(HELPER, now)))
    // Before the helper joined, though after the coordinator did: refused.
    expect(refusal(doc, at(HELPER.memberSince - MEMBERSHIP_SLACK_MS - 1), office)).toBe('badTime')
    expect(refusal(doc, at(NOW + FUTURE_SLACK_MS + 1), office)).toBe('badTime')
    expect(refusal(doc, at(HELPER.memberSince), office)).toBeUndefined()
  })
})

describe('the file keeps its shape (SPEC R4)', () => {
  const doc = file()
  const cases: [string, (copy: Y.Doc) => void, string][] = [
    ['a root the kind does not declare', (copy) => copy.getMap('secrets').set('x', 1), 'unknownPart'],
    ['a long text of no known field', (copy) => copy.getText('text:diary').insert(0, 'x'), 'unknownPart'],
    ['a map written as a list', (copy) => copy.getArray('profile').push([1]), 'badShape'],
    ['a list written as a map', (copy) => copy.getMap('history').set('x', 1), 'badShape'],
    ['a profile key of no field', (copy) => copy.getMap('profile').set('salary', { v: 1, by: '張媽媽', byId: 'u-zhang', at: NOW, w: 'w1', p: null }), 'badShape'],
    ['a profile value not a written value', (copy) => copy.getMap('profile').set('guardian.name', '王奶奶'), 'badShape'],
    ['a history entry of no field', (copy) => copy.getArray('history').push([{ field: 'salary', v: 1, by: '張媽媽', byId: 'u-zhang', at: NOW, w: 'w1', p: null }]), 'badShape'],
    ['a record that is not a map', (copy) => copy.getMap('records').set('r1', { type: 'talk' }), 'badShape'],
    ['a record of no known type', (copy) => {
      const r = new Y.Map<unknown>()
      copy.getMap('records').set('r1', r)
      r.set('type', 'gossip')
      r.set('authorId', HELPER.id)
    }, 'badShape'],
    ['a file that says it is another kind', (copy) => copy.getMap('meta').set('kind', 'plan'), 'badShape'],
  ]
  it.each(cases)('R4: %s is refused as %s', (_name, change, reason) => {
    expect(refusal(doc, updateOf(doc, change), HELPER)).toBe(reason)
  })
})
