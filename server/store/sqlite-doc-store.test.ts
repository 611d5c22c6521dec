/**
 * What only the SQLite store has: its file, its schema version and its migrations. How it
 * behaves as a DocStore is the contract's to check (tests/contract/doc-store.contract.ts).
 */
import Database from 'better-sqlite3'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { DocStore } from './doc-store'
import { DOC_STORE_SCHEMA_VERSION, openSqliteDocStore } from './sqlite-doc-store'

function textUpdate(text: string, clientID = 1): Uint8Array {
  const doc = new Y.Doc()
  doc.clientID = clientID
  doc.getText('notes').insert(0, text)
  return Y.encodeStateAsUpdate(doc)
}

describe('SqliteDocStore: the file and its schema', () => {
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

  it('creates its folder, and keeps its schema version when reopened, without running migrations again', async () => {
    expect(existsSync(file)).toBe(true)
    const [seq] = await store.append([{ docId: 'w/child/a', update: textUpdate('kept') }])
    await store.close()
    store = openSqliteDocStore({ file })
    expect((await store.load('w/child/a')).lastSeq).toBe(seq)

    const db = new Database(file, { readonly: true })
    expect(db.pragma('user_version', { simple: true })).toBe(DOC_STORE_SCHEMA_VERSION)
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    db.close()
  })

  it('refuses a data folder written by a newer schema, and leaves it as it was', async () => {
    await store.close()
    const db = new Database(file)
    db.pragma('user_version = 99')
    db.close()
    expect(() => openSqliteDocStore({ file })).toThrow(/newer Shouwang/)
    const check = new Database(file, { readonly: true })
    expect(check.pragma('user_version', { simple: true })).toBe(99)
    check.close()
    store = openSqliteDocStore({ file: ':memory:' })
  })

  // SPEC E5
  it('forgets an erased document in the file and its WAL, not only in the table, and keeps the others', async () => {
    const secret = '李小紅的秘密 13812345678'
    const bytesOf = (path: string) => (existsSync(path) ? readFileSync(path) : Buffer.alloc(0))
    const holds = (text: string) => [file, `${file}-wal`].some((path) => bytesOf(path).includes(Buffer.from(text, 'utf8')))
    for (let i = 0; i < 50; i++) await store.append([{ docId: 'w/child/a', update: textUpdate(`${secret} #${i}`, i + 1) }])
    await store.append([{ docId: 'w/child/b', update: textUpdate('王小明 stays', 99) }])
    const before = await store.load('w/child/a')
    await store.compact('w/child/a', Y.mergeUpdates(before.updates), before.lastSeq)
    expect(holds(secret)).toBe(true)

    await store.erase('w/child/a')
    expect(holds(secret)).toBe(false)
    expect(holds('王小明 stays')).toBe(true)
    expect(bytesOf(`${file}-wal`).length).toBe(0)
  })

  // SPEC S10, S11: the cost of a catch-up page does not grow with the workspace.
  it('reads catch-up pages by a range of the primary key, a document by its index, never a scan of the log', async () => {
    await store.append([{ docId: 'w/child/a', update: textUpdate('a') }])
    const db = new Database(file, { readonly: true })
    const plan = (sql: string, ...params: unknown[]) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join(' | ')
    const since = plan(
      `SELECT seq, doc_id, data, covers_from FROM updates WHERE seq > @afterSeq AND substr(doc_id, 1, length(@prefix)) = @prefix ORDER BY seq LIMIT @limit`,
      { afterSeq: 0, prefix: 'w/', limit: 10 },
    )
    expect(since).toMatch(/USING INTEGER PRIMARY KEY \(rowid>\?\)/)
    expect(plan('SELECT seq, data FROM updates WHERE doc_id = ? ORDER BY seq', 'w/child/a')).toMatch(/USING (COVERING )?INDEX updates_by_doc/)
    db.close()
  })
})
