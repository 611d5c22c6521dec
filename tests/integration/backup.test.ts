/**
 * `npm run admin -- backup` while the relay runs and three stock clients keep writing, then
 * `npm run admin -- restore` into an empty folder and a relay started on it: the commands run
 * as a person runs them, in processes of their own beside the relay.
 */
import Database from 'better-sqlite3'
import { spawn } from 'node:child_process'
import { join, resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { SessionResponse } from '../../shared/auth-api'
import { postOk } from '../helpers/accounts'
import { connectClient, waitFor, waitSynced, type TestClient } from '../helpers/clients'
import { makeDataDir, startTestRelay, type TestRelay } from '../helpers/relay'
import { loadStoredDoc } from '../helpers/stored-doc'

const WRITERS = 3
// A plan, whose kind has no write rules: the backup's mechanics, not the child's file's rules.
const docOf = (i: number) => `school-1/plan/writer${i}`

/** `npm run admin -- …` as its own process, with the relay's DATA_DIR. */
function admin(dataDir: string, ...argv: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(resolve('node_modules/.bin/tsx'), ['server/admin.ts', ...argv], {
    cwd: resolve('.'),
    env: { ...process.env, DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  return new Promise((done) => child.once('close', (code) => done({ code, stdout, stderr })))
}

/** The log each document holds in a backup's shouwang.db, read without changing the file. */
function logsInBackup(folder: string): number[][] {
  const db = new Database(join(folder, 'shouwang.db'), { readonly: true, fileMustExist: true })
  try {
    const select = db.prepare<[string], { data: Buffer }>('SELECT data FROM updates WHERE doc_id = ? ORDER BY seq')
    return Array.from({ length: WRITERS }, (_, i) => {
      const doc = new Y.Doc()
      for (const { data } of select.all(docOf(i))) Y.applyUpdate(doc, new Uint8Array(data))
      return doc.getArray<number>('log').toArray()
    })
  } finally {
    db.close()
  }
}

/** A writer: pushes 0, 1, 2, … into its document's log, one update each, until stopped. */
function startWriting(client: TestClient) {
  const log = client.doc.getArray<number>('log')
  let stopped = false
  const tick = () => {
    if (stopped) return
    log.push([log.length])
    setTimeout(tick, 1)
  }
  tick()
  return {
    get sent() {
      return log.length
    },
    stop: () => void (stopped = true),
  }
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i)

describe('backup while the relay writes, and restore', () => {
  let data: ReturnType<typeof makeDataDir>
  let elsewhere: ReturnType<typeof makeDataDir>
  let relay: TestRelay
  let restored: TestRelay | undefined
  let token: string
  const clients: TestClient[] = []

  beforeEach(async () => {
    data = makeDataDir()
    elsewhere = makeDataDir()
    relay = await startTestRelay(data.dir)
    token = await relay.setUpCoordinator()
    // A school's worth of files, so the copy takes long enough for writes to land while it runs.
    const fillers = Array.from({ length: 300 }, (_, i) => {
      const filler = new Y.Doc()
      filler.getText('text:profile.habits').insert(0, `${i}:${'留守兒童檔案'.repeat(1000)}`)
      return { docId: `school-1/child/filler${i}`, update: Y.encodeStateAsUpdate(filler) }
    })
    await relay.store.append(fillers)
  })
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy()
    await restored?.stop()
    restored = undefined
    await relay.stop()
    data.remove()
    elsewhere.remove()
  })

  const committed = async (i: number) => (await loadStoredDoc(relay.store, docOf(i))).getArray('log').length

  // SPEC E1, SPEC E2
  it('E1: the backup is every document at one moment: each writer’s first N writes, no gaps; restored, a relay serves it and the coordinator signs in', async () => {
    for (let i = 0; i < WRITERS; i++) clients.push(connectClient(relay.url, docOf(i), new Y.Doc(), token))
    await Promise.all(clients.map(waitSynced))
    const writers = clients.map(startWriting)
    await waitFor(async () => (await Promise.all(range(WRITERS).map(committed))).every((n) => n >= 20), 'every writer to have writes on the relay')

    const before = await Promise.all(range(WRITERS).map(committed))
    const folder = join(elsewhere.dir, 'backup')
    const backup = await admin(data.dir, 'backup', folder)
    const sentAfter = writers.map((w) => w.sent)
    expect(backup.stderr).toBe('')
    expect(backup.code).toBe(0)
    expect(backup.stdout).toMatch(/^Backed up shouwang\.db .* and access\.db .* to /)
    // Writing went on after the backup, so it ran in the middle of it.
    await waitFor(async () => (await Promise.all(range(WRITERS).map(committed))).every((n, i) => n > (sentAfter[i] as number)), 'writes after the backup')
    for (const w of writers) w.stop()

    const logs = logsInBackup(folder)
    logs.forEach((log, i) => {
      // Exactly the first N writes of this writer, in order: nothing missing, nothing out of place.
      expect(log).toEqual(range(log.length))
      expect(log.length).toBeGreaterThanOrEqual(before[i] as number)
      expect(log.length).toBeLessThanOrEqual(sentAfter[i] as number)
    })
    const check = new Database(join(folder, 'shouwang.db'), { readonly: true })
    expect(check.pragma('integrity_check', { simple: true })).toBe('ok')
    check.close()

    // SPEC E2: into an empty data folder, and a relay started on it serves what the backup holds.
    const target = join(elsewhere.dir, 'restored-data')
    const restore = await admin(target, 'restore', folder)
    expect(restore.stderr).toBe('')
    expect(restore.code).toBe(0)
    restored = await startTestRelay(target)
    const session = await postOk<SessionResponse>(restored, '/api/auth/login', { username: 'wang', password: 'coordinator-pass' })
    for (let i = 0; i < WRITERS; i++) {
      const reader = connectClient(restored.url, docOf(i), new Y.Doc(), session.token)
      clients.push(reader)
      await waitSynced(reader)
      expect(reader.doc.getArray<number>('log').toArray()).toEqual(logs[i])
    }
    expect((await loadStoredDoc(restored.store, 'school-1/child/filler299')).getText('text:profile.habits').length).toBeGreaterThan(0)

    // Not while that relay holds the folder, even to replace it.
    const refused = await admin(target, 'restore', '--replace', folder)
    expect(refused.code).toBe(1)
    expect(refused.stderr).toMatch(new RegExp(`^shouwang admin: cannot restore now: a relay \\(process ${process.pid}, .*stop it first`))
    expect(refused.stderr.trim().split('\n')).toHaveLength(1)
  })
})
