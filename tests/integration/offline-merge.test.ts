import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { todayIsoDate } from '../../shared/dates'
import { Origin } from '../../shared/origin'
import { notesFragment } from '../../shared/docs/child/child'
import { authorOf, setUpCoordinator } from '../helpers/accounts'
import { writeChild, editChild, childProfile } from '../helpers/child-file'
import { connectClient, waitFor, waitSynced, type TestClient } from '../helpers/clients'
import { makeDataDir, startTestRelay, type TestRelay } from '../helpers/relay'
import { loadDocFromDataDir } from '../helpers/stored-doc'

const TODAY = todayIsoDate(new Date(2025, 8, 1))

/** The notes as one string per paragraph, the way a reader sees them. */
function paragraphs(doc: Y.Doc): string[] {
  return notesFragment(doc)
    .toArray()
    .map((node) => (node instanceof Y.XmlElement ? node.toArray().map(String).join('') : String(node)))
}

function firstParagraphText(doc: Y.Doc): Y.XmlText {
  const paragraph = notesFragment(doc).get(0)
  const text = paragraph instanceof Y.XmlElement ? paragraph.get(0) : undefined
  if (!(text instanceof Y.XmlText)) throw new Error('the notes have no first paragraph')
  return text
}

function appendParagraph(doc: Y.Doc, text: string): void {
  doc.transact(() => {
    const paragraph = new Y.XmlElement('paragraph')
    paragraph.insert(0, [new Y.XmlText(text)])
    const notes = notesFragment(doc)
    notes.insert(notes.length, [paragraph])
  }, Origin.localEdit)
}

/** What a person would compare: the notes and the profile, not the encoding. */
function content(doc: Y.Doc) {
  return { notes: paragraphs(doc), profile: childProfile(doc) }
}

// SPEC S6
describe('offline merge: edits made while the relay is down reach everyone once it is back', () => {
  let data: ReturnType<typeof makeDataDir>
  let relay: TestRelay | undefined
  const clients: TestClient[] = []

  beforeEach(() => {
    data = makeDataDir()
  })
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy()
    await relay?.stop()
    relay = undefined
    data.remove()
  })

  it('merges both clients’ offline edits to the same notes and profile, on both, in a late joiner and in storage', async () => {
    const docId = 'school-1/child/offline1'
    const first = await startTestRelay(data.dir)
    relay = first
    // The session is in access.db: the clients reconnect with it to the restarted relay.
    const session = await setUpCoordinator(first)
    const token = session.token
    // Both sign as the account they connect with, as the relay's rules expect (docs/SPEC.md R1).
    const author = authorOf(session)
    const a = connectClient(first.url, docId, undefined, token)
    const b = connectClient(first.url, docId, undefined, token)
    clients.push(a, b)
    await Promise.all([waitSynced(a), waitSynced(b)])

    writeChild(a.doc, { name: '王小明', classId: 'class-3-2' }, TODAY, author)
    appendParagraph(a.doc, '奶奶身體好。')
    await waitFor(() => paragraphs(b.doc).length === 1 && childProfile(b.doc).name === '王小明', 'b to have the file')

    await first.stop()
    relay = undefined
    await waitFor(() => !a.provider.wsconnected && !b.provider.wsconnected, 'both clients to see the relay gone')

    // The same paragraph from both ends, a new paragraph from each, the same field, different fields.
    a.doc.transact(() => firstParagraphText(a.doc).insert(0, '十一月：'), Origin.localEdit)
    b.doc.transact(() => {
      const text = firstParagraphText(b.doc)
      text.insert(text.length, '需要複診。')
    }, Origin.localEdit)
    appendParagraph(a.doc, 'A：已聯絡班主任。')
    appendParagraph(b.doc, 'B：已寄出補助申請。')
    editChild(a.doc, { classId: 'class-4-1', gender: 'male' }, TODAY, author)
    editChild(b.doc, { classId: 'class-4-2', birthDate: '2016-04-12' }, TODAY, author)
    // Really offline: neither has the other's edit yet.
    expect(paragraphs(a.doc)).toEqual(['十一月：奶奶身體好。', 'A：已聯絡班主任。'])
    expect(childProfile(a.doc).birthDate).toBeUndefined()

    relay = await startTestRelay(data.dir, first.port)
    const back = relay
    // The stock providers reconnect by themselves; nothing here tells them to.
    await waitFor(
      () => JSON.stringify(content(a.doc)) === JSON.stringify(content(b.doc)) && paragraphs(a.doc).length === 3,
      'both clients to converge after the relay returns',
    )

    const merged = content(a.doc)
    expect(merged.notes[0]).toBe('十一月：奶奶身體好。需要複診。')
    // Two paragraphs appended at the same place: both kept, in an order every peer agrees on.
    expect([...merged.notes.slice(1)].sort()).toEqual(['A：已聯絡班主任。', 'B：已寄出補助申請。'])
    expect(merged.profile.gender).toBe('male')
    expect(merged.profile.birthDate).toBe('2016-04-12')
    expect(merged.profile.name).toBe('王小明')
    // The same field written on both sides: last writer wins, identically everywhere.
    expect(['class-4-1', 'class-4-2']).toContain(merged.profile.classId)
    expect(content(b.doc)).toEqual(merged)

    const late = connectClient(back.url, docId, undefined, token)
    clients.push(late)
    await waitSynced(late)
    await waitFor(() => JSON.stringify(content(late.doc)) === JSON.stringify(merged), 'the late joiner to get everything')

    // Both offline edits reached the stored document, not only the live room.
    await back.stop()
    relay = undefined
    const stored = await loadDocFromDataDir(data.dir, docId)
    expect(content(stored)).toEqual(merged)
    expect(Y.decodeStateVector(Y.encodeStateVector(stored))).toEqual(Y.decodeStateVector(Y.encodeStateVector(a.doc)))
    stored.destroy()
  })
})
