/**
 * The relay's log compacted on open (docs/SPEC.md S15): each document's many updates merged into
 * one, one document per SQLite transaction, so a relay killed half way (SIGKILL, no chance to
 * tidy up) loses nothing: every document reads as it did, compacted or not.
 */
import { spawn } from 'node:child_process'
import { join, resolve } from 'node:path'
import * as Y from 'yjs'
import { afterEach, describe, expect, it } from 'vitest'
import { openSqliteDocStore } from '../../server/store/sqlite-doc-store'
import { makeDataDir } from '../helpers/relay'

const DOCS = 300
const EDITS = 120

describe('compaction of the relay’s log', () => {
  let data: ReturnType<typeof makeDataDir> | undefined
  afterEach(() => data?.remove())

  it('SPEC S15: a relay killed mid-compaction loses nothing, and what it compacted reads the same', async () => {
    data = makeDataDir()
    const file = join(data.dir, 'docs.db')
    const store = openSqliteDocStore({ file })
    const expected = new Map<string, string>()
    const entries: { docId: string; update: Uint8Array }[] = []
    for (let d = 0; d < DOCS; d++) {
      const docId = `school-1/child/c${d}`
      const doc = new Y.Doc()
      doc.on('update', (update: Uint8Array) => entries.push({ docId, update }))
      const text = doc.getText('text:profile.habits')
      for (let i = 0; i < EDITS; i++) text.insert(text.length, `${d}:${i};`)
      expected.set(docId, text.toString())
    }
    await store.append(entries)
    await store.close()

    // Node itself with tsx as its loader: a tsx launcher in front could not pass the SIGKILL on.
    const child = spawn(process.execPath, ['--import', 'tsx', resolve('tests/helpers/compact-child.ts'), file, '50'], { stdio: ['ignore', 'pipe', 'inherit'] })
    let said = ''
    const exited = new Promise<void>((done) => child.on('exit', () => done()))
    await new Promise<void>((killed) => {
      child.stdout.on('data', (chunk: Buffer) => {
        said += chunk.toString()
        if (said.includes('compacted')) {
          child.kill('SIGKILL')
          killed()
        }
      })
    })
    await exited
    expect(said).not.toContain('done')

    const after = openSqliteDocStore({ file })
    let compacted = 0
    for (const [docId, text] of expected) {
      const { updates } = await after.load(docId)
      if (updates.length === 1) compacted++
      else expect(updates.length).toBe(EDITS)
      const doc = new Y.Doc()
      Y.applyUpdate(doc, Y.mergeUpdates(updates))
      expect(doc.getText('text:profile.habits').toString(), docId).toBe(text)
    }
    expect(compacted).toBeGreaterThan(0)
    expect(compacted).toBeLessThan(DOCS)
    await after.close()

    // Opened again with compaction, it finishes the work: every document one row, reading the same.
    const again = openSqliteDocStore({ file, compactAbove: 50 })
    for (const [docId, text] of expected) {
      const { updates } = await again.load(docId)
      expect(updates.length).toBe(1)
      const doc = new Y.Doc()
      Y.applyUpdate(doc, updates[0] as Uint8Array)
      expect(doc.getText('text:profile.habits').toString()).toBe(text)
    }
    await again.close()
  })
})
