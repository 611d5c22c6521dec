import Database from 'better-sqlite3'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { DocStore } from './doc-store'
import { openSqliteDocStore } from './sqlite-doc-store'

/** A real update: `text` typed into the notes by a peer with its own client id. */
function textUpdate(text: string, clientID = 1): Uint8Array {
  const doc = new Y.Doc()
  doc.clientID = clientID
  doc.getText('notes').insert(0, text)
  return Y.encodeStateAsUpdate(doc)
}

function notesOf(updates: Uint8Array[]): string {
  const doc = new Y.Doc()
  for (const update of updates) Y.applyUpdate(doc, update)
  return doc.getText('notes').toString()
}

describe('SqliteDocStore', () => {
  let dir: string
  let file: string
  let store: DocStore

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'shouwang-store-'))
    file = join(dir, 'nested', 'shouwang.db')
    store = openSqliteDocStore({ file })
  })
  afterEach(async () => {
    await store.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('gives every appended entry a larger sequence number than any before, across documents and calls', async () => {
    const first = await store.append([
      { docId: 'w/child/a', update: textUpdate('a1') },
      { docId: 'w/child/b', update: textUpdate('b1') },
      { docId: 'w/child/a', update: textUpdate('a2', 2) },
    ])
    const second = await store.append([{ docId: 'w/child/b', update: textUpdate('b2', 2) }])
    const seqs = [...first, ...second]
    expect(seqs).toHaveLength(4)
    for (let i = 1; i < seqs.length; i++) expect(seqs[i]).toBeGreaterThan(seqs[i - 1] as number)
    expect(await store.append([])).toEqual([])
  })

  it('loads a document’s updates byte for byte, in commit order, with the newest seq', async () => {
    const updates = [textUpdate('one', 1), textUpdate('two', 2), textUpdate('three', 3)]
    const [s1] = await store.append([{ docId: 'w/child/a', update: updates[0] as Uint8Array }])
    await store.append([{ docId: 'w/child/other', update: textUpdate('not mine', 9) }])
    const [, s3] = await store.append([
      { docId: 'w/child/a', update: updates[1] as Uint8Array },
      { docId: 'w/child/a', update: updates[2] as Uint8Array },
    ])
    const loaded = await store.load('w/child/a')
    expect(loaded.updates.map((u) => [...u])).toEqual(updates.map((u) => [...u]))
    expect(loaded.lastSeq).toBe(s3)
    expect(s1).toBeLessThan(s3 as number)
    expect(await store.updateCount('w/child/a')).toBe(3)
  })

  it('loads an unknown document as empty, with seq 0', async () => {
    expect(await store.load('w/child/none')).toEqual({ updates: [], lastSeq: 0 })
    expect(await store.updateCount('w/child/none')).toBe(0)
  })

  it('compaction keeps the content and the seq, keeps later updates, and is not a change', async () => {
    const seqs = await store.append([
      { docId: 'w/child/a', update: textUpdate('A', 1) },
      { docId: 'w/child/a', update: textUpdate('B', 2) },
      { docId: 'w/child/b', update: textUpdate('other', 3) },
      { docId: 'w/child/a', update: textUpdate('C', 4) },
    ])
    const before = await store.load('w/child/a')
    const throughSeq = seqs[1] as number
    await store.compact('w/child/a', Y.mergeUpdates(before.updates.slice(0, 2)), throughSeq)

    const after = await store.load('w/child/a')
    expect(after.updates).toHaveLength(2)
    expect(after.lastSeq).toBe(before.lastSeq)
    expect(notesOf(after.updates)).toBe(notesOf(before.updates))
    expect((await store.load('w/child/b')).updates).toHaveLength(1)
    expect(await store.changesSince('w/', seqs[3] as number, 10)).toEqual([])
    // New updates still come after everything compacted.
    const [next] = await store.append([{ docId: 'w/child/a', update: textUpdate('D', 5) }])
    expect(next).toBeGreaterThan(seqs[3] as number)

    await store.compact('w/child/a', Y.mergeUpdates((await store.load('w/child/a')).updates), next as number)
    expect(await store.load('w/child/a')).toMatchObject({ lastSeq: next })
    expect(await store.updateCount('w/child/a')).toBe(1)
  })

  it('lists changed documents under a prefix, after a seq, oldest change first, up to a limit', async () => {
    const [a1, b1, , a2, underscore, letter] = await store.append([
      { docId: 'w1/child/a', update: textUpdate('a1') },
      { docId: 'w1/child/b', update: textUpdate('b1') },
      { docId: 'w10/child/a', update: textUpdate('not under w1/') },
      { docId: 'w1/child/a', update: textUpdate('a2', 2) },
      { docId: 'w1/child/a_b', update: textUpdate('underscore') },
      { docId: 'w1/child/aXb', update: textUpdate('no LIKE wildcards') },
    ])

    // A document is listed once, at its newest change, and ordered by it.
    expect(await store.changesSince('w1/', 0, 10)).toEqual([
      { docId: 'w1/child/b', seq: b1 },
      { docId: 'w1/child/a', seq: a2 },
      { docId: 'w1/child/a_b', seq: underscore },
      { docId: 'w1/child/aXb', seq: letter },
    ])
    expect((await store.changesSince('w1/', b1 as number, 10)).map((c) => c.docId)).toEqual([
      'w1/child/a',
      'w1/child/a_b',
      'w1/child/aXb',
    ])
    expect((await store.changesSince('w1/', 0, 2)).map((c) => c.docId)).toEqual(['w1/child/b', 'w1/child/a'])
    expect((await store.changesSince('w1/child/a_', 0, 10)).map((c) => c.docId)).toEqual(['w1/child/a_b'])
    expect((await store.changesSince('w10/', a1 as number, 10)).map((c) => c.docId)).toEqual(['w10/child/a'])
    expect(await store.changesSince('w2/', 0, 10)).toEqual([])
    expect((await store.changesSince('', underscore as number, 10)).map((c) => c.docId)).toEqual(['w1/child/aXb'])
  })

  it('keeps its data and its schema version when reopened, without running migrations again', async () => {
    const [seq] = await store.append([{ docId: 'w/child/a', update: textUpdate('kept') }])
    await store.close()
    store = openSqliteDocStore({ file })
    expect(notesOf((await store.load('w/child/a')).updates)).toBe('kept')
    expect((await store.load('w/child/a')).lastSeq).toBe(seq)
    const [after] = await store.append([{ docId: 'w/child/a', update: textUpdate('more', 2) }])
    expect(after).toBeGreaterThan(seq as number)

    const db = new Database(file, { readonly: true })
    expect(db.pragma('user_version', { simple: true })).toBe(1)
    db.close()
  })

  it('refuses a data folder written by a newer schema, and leaves it as it was', async () => {
    store.close()
    const db = new Database(file)
    db.pragma('user_version = 99')
    db.close()
    expect(() => openSqliteDocStore({ file })).toThrow(/newer Shouwang/)
    const check = new Database(file, { readonly: true })
    expect(check.pragma('user_version', { simple: true })).toBe(99)
    check.close()
    store = openSqliteDocStore({ file: ':memory:' })
  })

  it.each([
    ['a missing document id', { docId: null as unknown as string, update: textUpdate('bad') }],
    ['an update that is not bytes', { docId: 'w/child/a', update: undefined as unknown as Uint8Array }],
  ])('stores nothing of a batch containing %s, and keeps working', async (_name, bad) => {
    const [kept] = await store.append([{ docId: 'w/child/a', update: textUpdate('before') }])
    await expect(
      store.append([
        { docId: 'w/child/a', update: textUpdate('lost 1', 2) },
        { docId: 'w/child/b', update: textUpdate('lost 2', 3) },
        bad,
      ]),
    ).rejects.toThrow()
    expect(await store.load('w/child/a')).toMatchObject({ lastSeq: kept })
    expect(notesOf((await store.load('w/child/a')).updates)).toBe('before')
    expect((await store.load('w/child/b')).updates).toEqual([])
    expect(await store.changesSince('', 0, 10)).toEqual([{ docId: 'w/child/a', seq: kept }])
    const [next] = await store.append([{ docId: 'w/child/b', update: textUpdate('after') }])
    expect(next).toBeGreaterThan(kept as number)
  })
})
