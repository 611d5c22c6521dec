import { toBase64 } from 'lib0/buffer'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { POISON_UPDATE } from '../tests/fixtures/poison-update'
import { toWorkspaceId } from './doc-id'
import { MAX_KEPT_ASIDE_FILE_BYTES, readKeptAsideFile, writeKeptAsideFile, type KeptChanges } from './kept-aside-file'

const WS = toWorkspaceId('school-1')

function keptDoc(text: string): Uint8Array {
  const doc = new Y.Doc()
  doc.getText('notes').insert(0, text)
  return Y.encodeStateAsUpdate(doc)
}

const KEPT: KeptChanges[] = [
  { docId: 'school-1/child/c1', name: '李小紅', at: Date.UTC(2026, 2, 1), pendingCount: 3, update: keptDoc('家訪記錄') },
  { docId: 'school-1/settings', name: '', at: Date.UTC(2026, 2, 2), pendingCount: 1, update: keptDoc('設定') },
]

/** The saved file, with one entry changed. */
function fileWith(change: Record<string, unknown>, index = 0): string {
  const entries = JSON.parse(writeKeptAsideFile(KEPT)) as Record<string, unknown>[]
  entries[index] = { ...entries[index], ...change }
  return JSON.stringify(entries)
}

describe('the kept-aside file', () => {
  // SPEC A13
  it('A13: reads back exactly what was written: each document and its changes', () => {
    const read = readKeptAsideFile(writeKeptAsideFile(KEPT), WS)
    expect(read.ok).toBe(true)
    if (!read.ok) return
    expect(read.entries.map((e) => [e.docId, e.name])).toEqual([
      ['school-1/child/c1', '李小紅'],
      ['school-1/settings', ''],
    ])
    const doc = new Y.Doc()
    Y.applyUpdate(doc, read.entries[0]?.update ?? new Uint8Array())
    expect(doc.getText('notes').toString()).toBe('家訪記錄')
  })

  it('is the shape the app has always saved, so files saved before this version open too', () => {
    const entries = JSON.parse(writeKeptAsideFile(KEPT)) as unknown[]
    expect(entries[0]).toEqual({ docId: 'school-1/child/c1', name: '李小紅', keptAt: '2026-03-01T00:00:00.000Z', changes: 3, update: toBase64(KEPT[0]?.update ?? new Uint8Array()) })
  })

  // SPEC A13
  it.each<[string, string, string]>([
    ['not JSON', '{"docId": ', 'notKeptAsideFile'],
    ['another JSON', JSON.stringify({ rows: [] }), 'notKeptAsideFile'],
    ['entries of another shape', JSON.stringify([{ id: 'school-1/child/c1', data: 'AAA=' }]), 'notKeptAsideFile'],
    ['no entries', '[]', 'empty'],
    ['a document id the app does not know', fileWith({ docId: 'school-1/child/../settings' }), 'badDocument'],
    ['another workspace', fileWith({ docId: 'other-school/child/c1' }), 'otherWorkspace'],
    ['changes that are not base64', fileWith({ update: 'not base64!' }), 'badUpdate'],
    ['bytes Yjs cannot read', fileWith({ update: toBase64(Uint8Array.from([0xff, 0xff, 0xff, 0x0f, 1])) }, 1), 'badUpdate'],
    ['an update Yjs reads but cannot apply', fileWith({ update: toBase64(POISON_UPDATE) }), 'badUpdate'],
  ])('A13: refuses %s, whole', (_name, text, code) => {
    const read = readKeptAsideFile(text, WS)
    expect(read.ok).toBe(false)
    if (!read.ok) expect(read.problem.code).toBe(code)
  })

  it('names the file whose entry is bad, so the person knows which', () => {
    const read = readKeptAsideFile(fileWith({ update: toBase64(Uint8Array.from([0xff, 0xff, 0xff, 0x0f, 1])) }), WS)
    expect(read).toEqual({ ok: false, problem: { code: 'badUpdate', name: '李小紅' } })
  })

  it('refuses a file too large to read before parsing it', () => {
    expect(readKeptAsideFile(' '.repeat(MAX_KEPT_ASIDE_FILE_BYTES + 1), WS)).toEqual({ ok: false, problem: { code: 'tooLarge' } })
  })
})
