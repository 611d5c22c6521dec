/**
 * `npm run bench`, or `npm run bench -- <name>` for one of them (mechanics, durability,
 * malformed, catchup, fanout, saturation, join, client). Machines here are shared and noisy, so every figure is a ratio against a
 * reference measured in the same run, on the same machine, a moment before.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as Y from 'yjs'
import { listenRelay } from '../server/app'
import { allowAll } from '../server/auth/allow-all'
import { createMemoryLogger } from '../server/log'
import { openSqliteDocStore } from '../server/store/sqlite-doc-store'
import { connectClient, waitFor } from '../tests/helpers/clients'
import { catchupBenchmark } from './catchup'
import { clientBenchmark } from './client-scale'
import { durabilityBenchmark } from './durability'
import { indexBenchmarks } from './index'
import { malformedBenchmark } from './malformed'
import { median, report } from './measure'
import { fanoutBenchmark, joinBenchmark, saturationBenchmark } from './relay-bench'

const dir = mkdtempSync(join(tmpdir(), 'shouwang-bench-'))

/** A long text of the child's file: what the relay's rules let a typist write (docs/SPEC.md R4). */
const TYPED = 'text:profile.habits'

/** Small updates of one typist, as a keystroke each. */
function keystrokes(n: number): Uint8Array[] {
  const doc = new Y.Doc()
  const updates: Uint8Array[] = []
  doc.on('update', (u: Uint8Array) => updates.push(u))
  const text = doc.getText(TYPED)
  for (let i = 0; i < n; i++) text.insert(text.length, '字')
  return updates
}

async function storeAppend() {
  const updates = keystrokes(1000)
  let k = 0
  const single = await median(3, async () => {
    const store = openSqliteDocStore({ file: join(dir, `single-${k++}.db`) })
    for (const update of updates) await store.append([{ docId: 'b/child/x', update }])
    await store.close()
  })
  const grouped = await median(3, async () => {
    const store = openSqliteDocStore({ file: join(dir, `group-${k++}.db`) })
    for (let i = 0; i < updates.length; i += 50) {
      await store.append(updates.slice(i, i + 50).map((update) => ({ docId: 'b/child/x', update })))
    }
    await store.close()
  })
  report('store: 1,000 updates, 50 per transaction', grouped, 'one per transaction', single)
}

async function relayRoundTrip() {
  const n = 500
  const updates = keystrokes(n)
  const reference = await median(3, () => {
    const a = new Y.Doc()
    const b = new Y.Doc()
    for (const u of updates) {
      Y.applyUpdate(a, u)
      Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)))
    }
  })
  const store = openSqliteDocStore({ file: join(dir, 'relay.db') })
  // The mechanics alone: who may do what is not what this measures.
  const relay = await listenRelay({ store, authorizer: allowAll, port: 0, log: createMemoryLogger() })
  let round = 0
  const viaRelay = await median(3, async () => {
    const docId = `b/child/round${round++}`
    const writer = connectClient(relay.url, docId)
    const reader = connectClient(relay.url, docId)
    await waitFor(() => writer.provider.synced && reader.provider.synced, 'sync', 30_000)
    const text = writer.doc.getText(TYPED)
    for (let i = 0; i < n; i++) text.insert(text.length, '字')
    await waitFor(() => reader.doc.getText(TYPED).length === n, 'all keystrokes at the reader', 60_000)
    writer.destroy()
    reader.destroy()
  })
  await relay.close()
  await store.close()
  report(`relay: ${n} keystrokes writer → disk → reader`, viaRelay, 'two Y.Docs in memory', reference)
}

async function syncLargeDocument() {
  const doc = new Y.Doc()
  const records = doc.getMap('records')
  doc.transact(() => {
    for (let i = 0; i < 5000; i++) records.set(`r${i}`, { type: 'talk', date: '2026-11-01', notes: '談心記錄'.repeat(5) })
  })
  const merged = Y.encodeStateAsUpdate(doc)
  const peer = new Y.Doc()
  Y.applyUpdate(peer, merged)
  peer.getMap('records').set('new', { type: 'homeVisit' })
  const sv = Y.encodeStateVector(peer)
  const reference = await median(9, () => void Y.encodeStateAsUpdate(doc, sv))
  const relayWay = await median(9, () => void Y.diffUpdate(merged, sv))
  report('sync step 2 from encoded updates (5,000 rec.)', relayWay, 'from a live Y.Doc', reference)
}

async function mechanics(): Promise<void> {
  try {
    console.log('Shouwang benchmarks (ratio < 1 means faster than the reference)')
    await storeAppend()
    await syncLargeDocument()
    await relayRoundTrip()
    await indexBenchmarks()
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

const BENCHMARKS: Record<string, () => Promise<void>> = {
  mechanics,
  durability: durabilityBenchmark,
  malformed: malformedBenchmark,
  fanout: fanoutBenchmark,
  saturation: saturationBenchmark,
  join: joinBenchmark,
  catchup: catchupBenchmark,
  client: clientBenchmark,
}
const asked = process.argv.slice(2)
const unknown = asked.filter((name) => !Object.hasOwn(BENCHMARKS, name))
if (unknown.length > 0) {
  console.error(`unknown benchmark ${unknown.join(', ')}: choose from ${Object.keys(BENCHMARKS).join(', ')}`)
  process.exit(2)
}
try {
  for (const name of asked.length > 0 ? asked : Object.keys(BENCHMARKS)) await (BENCHMARKS[name] as () => Promise<void>)()
} finally {
  rmSync(dir, { recursive: true, force: true })
}
process.exit(0)
