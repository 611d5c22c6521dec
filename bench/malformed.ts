/**
 * The promise "one bad message closes one connection, never the process, and stores nothing":
 * `BENCH_FRAMES` (100,000) hostile frames against the relay as `npm start` runs it, into an
 * honest file and three others (two with records, one never written), while an honest writer
 * and reader (the first coordinator) keep a round trip going in the honest file. The attackers
 * are `BENCH_ATTACKERS` further coordinator accounts, run in a process of their own (attackers.ts),
 * so that building and sending frames does not slow the measured round trip. Each holds `BENCH_STEADY_SOCKETS` sockets
 * sending kinds the relay refuses with the socket open (refused-frames.ts), and the accounts
 * share `BENCH_CLOSING_SOCKETS` sockets sending kinds it closes the socket for (hostile-frames.ts):
 * those cost a strike each, so an account is soon refused upgrades for a while (SPEC Q7), and the
 * closing socket goes on as another account, or waits; the steady sockets stay open meanwhile.
 * Figures: relay crashes, what the files hold before and after (the attacked files' stored
 * state; the honest file must hold exactly what the honest writer wrote), the relay's memory,
 * and the honest round trip during the attack as a ratio of the one before it.
 */
import * as Y from 'yjs'
import { openSqliteDocStore } from '../server/store/sqlite-doc-store'
import { connectClient, waitFor, type TestClient } from '../tests/helpers/clients'
import { dbFileIn, makeDataDir } from '../tests/helpers/relay'
import { spawnRelay, type RelayProcess } from '../tests/helpers/relay-process'
import { loadDocFromDataDir } from '../tests/helpers/stored-doc'
import { ConfirmedWriter, missingRecords } from './confirmed-writer'
import { startAttackers } from './attackers'
import { CLOSING_KINDS, FRAME_KINDS, HOSTILE_TEXT } from './hostile-frames'
import { recordDeletions } from './refused-frames'
import { envCount, inviteCoordinator, percentile, relayRssMb, signUpCoordinator, WORKSPACE } from './relay-child'

const HONEST = `${WORKSPACE}/child/bench-honest`
const ATTACKED = ['bench-attacked-0', 'bench-attacked-1', 'bench-never-written'].map((key) => `${WORKSPACE}/child/${key}`)
const ATTACKERS = envCount('BENCH_ATTACKERS', 4)
const STEADY_SOCKETS = envCount('BENCH_STEADY_SOCKETS', 4)
const CLOSING_SOCKETS = envCount('BENCH_CLOSING_SOCKETS', 2)
const ROUND_TRIPS_BEFORE = 200
const SEED_RECORDS = 20
const WAIT_MS = 60_000

/** What a file stores, as its stored updates' bytes and as the state they make (compaction rewrites the first, never the second). */
interface Stored {
  bytes: string
  state: string
  doc: Y.Doc
}

/** Every stored file of `docIds`: anything taken from the attack would show in its state. */
async function storedFiles(dataDir: string, docIds: readonly string[]): Promise<Map<string, Stored>> {
  const store = openSqliteDocStore({ file: dbFileIn(dataDir) })
  try {
    const files = new Map<string, Stored>()
    for (const docId of docIds) {
      const updates = (await store.load(docId)).updates
      const doc = new Y.Doc()
      for (const u of updates) Y.applyUpdate(doc, u)
      // Pending changes are in no encoded state: they count as a change of their own.
      const pending = doc.store.pendingStructs !== null || doc.store.pendingDs !== null
      const state = `${Buffer.from(Y.encodeStateAsUpdate(doc)).toString('hex')}${pending ? '+pending' : ''}`
      files.set(docId, { bytes: updates.map((u) => Buffer.from(u).toString('hex')).join('|'), state, doc })
    }
    return files
  } finally {
    await store.close()
  }
}

/** One record from the honest writer until the honest reader holds it, in milliseconds. */
async function roundTrip(writer: ConfirmedWriter, reader: TestClient): Promise<number> {
  const records = reader.doc.getMap('records')
  const start = performance.now()
  writer.write()
  const id = writer.written.at(-1) as string
  await new Promise<void>((done) => {
    if (records.has(id)) return done()
    const seen = () => {
      if (!records.has(id)) return
      reader.doc.off('update', seen)
      done()
    }
    reader.doc.on('update', seen)
  })
  return performance.now() - start
}

async function seedFiles(relay: RelayProcess, session: Awaited<ReturnType<typeof signUpCoordinator>>): Promise<void> {
  const writers = ATTACKED.slice(0, 2).map((docId, i) => new ConfirmedWriter(relay.url, docId, session, `seed${i}`))
  await waitFor(() => writers.every((w) => w.synced), 'the seeding writers to sync', WAIT_MS)
  for (const w of writers) for (let i = 0; i < SEED_RECORDS; i++) w.write()
  await waitFor(() => writers.every((w) => w.confirmed === SEED_RECORDS), 'the seed records to be saved', WAIT_MS)
  for (const w of writers) w.destroy()
}

export async function malformedBenchmark(): Promise<void> {
  const frames = envCount('BENCH_FRAMES', 100_000)
  // Each refused frame costs a connection, and each connection an audit entry on disk: the run
  // stops at this many seconds if the frames have not all gone by then (and says so).
  const budgetMs = envCount('BENCH_MALFORMED_SECONDS', 600) * 1000
  const data = makeDataDir()
  const staticDir = makeDataDir()
  let relay = await spawnRelay(data.dir, staticDir.dir)
  const clients: { destroy(): void }[] = []
  try {
    const session = await signUpCoordinator(relay)
    await seedFiles(relay, session)
    const attackers = []
    for (let a = 0; a < ATTACKERS; a++) attackers.push(await inviteCoordinator(relay, session, `attacker${a}`, `攻擊者${a}`))
    await relay.stop()
    const before = await storedFiles(data.dir, ATTACKED)
    relay = await spawnRelay(data.dir, staticDir.dir)
    let crashes = 0
    void relay.exited.then(() => crashes++)

    const writer = new ConfirmedWriter(relay.url, HONEST, session, 'honest')
    const reader = connectClient(relay.url, HONEST, new Y.Doc(), session.token)
    clients.push(writer, reader)
    await waitFor(() => writer.synced && reader.provider.synced, 'the honest clients to sync', WAIT_MS)
    const quiet: number[] = []
    for (let i = 0; i < ROUND_TRIPS_BEFORE; i++) quiet.push(await roundTrip(writer, reader))
    const rssBefore = relayRssMb(relay)
    const started = performance.now()
    const attackSecondsSoFar = () => (performance.now() - started) / 1000

    const targets = [HONEST, ...ATTACKED]
    const deletions = Object.fromEntries(ATTACKED.map((docId) => [docId, recordDeletions(before.get(docId)?.doc ?? new Y.Doc()).map((u) => Buffer.from(u).toString('base64'))]))
    const attack = startAttackers({
      relayUrl: relay.url,
      targets,
      attackers: attackers.map((a) => ({ token: a.token, author: { id: a.user.id, name: a.user.displayName } })),
      deletions,
      steadySockets: STEADY_SOCKETS,
      closingSockets: CLOSING_SOCKETS,
      frames,
      budgetMs,
    })
    let attacking = true
    const attacks = attack.done
      .catch((error: unknown) => {
        console.log(`  the attackers ended without a tally: ${error instanceof Error ? error.message : String(error)}`)
        return undefined
      })
      .finally(() => {
        attacking = false
      })
    const during: number[] = []
    let rssPeak = rssBefore
    let progress = 0
    const died = relay.exited.then(() => {
      attack.stop()
      return Number.NaN
    })
    while (attacking && crashes === 0) {
      const ms = await Promise.race([roundTrip(writer, reader), died])
      if (!Number.isNaN(ms)) during.push(ms)
      if (during.length % 50 === 0) rssPeak = Math.max(rssPeak, relayRssMb(relay))
      if (attack.progress() > progress) {
        progress = attack.progress()
        console.log(`  malformed: ${progress}/${frames} frames, ${attackSecondsSoFar().toFixed(0)} s`)
      }
    }
    const tally = await attacks
    const attackSeconds = tally?.seconds ?? attackSecondsSoFar()
    const rssAfter = relayRssMb(relay)
    const crashed = crashes
    const errorLines = relay.logs.filter((line) => line.includes('"level":"error"'))

    // Everything the honest writer wrote is confirmed saved before the relay stops.
    writer.checkpoint()
    if (crashed === 0) await waitFor(() => writer.confirmed === writer.written.length, 'the honest writes to be confirmed', WAIT_MS)
    const honestState = Y.encodeStateVector(writer.client.doc)
    const honestRecords = [...writer.client.doc.getMap('records').keys()]
    for (const c of clients.splice(0)) c.destroy()
    await relay.stop()

    const after = await storedFiles(data.dir, ATTACKED)
    const attackedChanged = ATTACKED.filter((docId) => before.get(docId)?.state !== after.get(docId)?.state)
    const rewritten = ATTACKED.filter((docId) => before.get(docId)?.bytes !== after.get(docId)?.bytes).length
    const hostileInAttacked = ATTACKED.filter((docId) => JSON.stringify(after.get(docId)?.doc.toJSON()).includes(HOSTILE_TEXT)).length
    for (const f of [...before.values(), ...after.values()]) f.doc.destroy()
    const stored = await loadDocFromDataDir(data.dir, HONEST)
    const honestLost = missingRecords(stored, honestRecords).length
    const honestExtra = [...stored.getMap('records').keys()].filter((id) => !honestRecords.includes(id)).length
    const sameState = Buffer.from(Y.encodeStateVector(stored)).equals(Buffer.from(honestState))
    const hostileInHonest = JSON.stringify(stored.toJSON()).includes(HOSTILE_TEXT)
    // Updates Yjs keeps pending (their dependencies never came) are in no state vector: look at the bytes.
    const honestPending = stored.store.pendingStructs !== null || stored.store.pendingDs !== null
    stored.destroy()

    const byKind = new Map(tally?.byKind ?? [])
    const sent = [...byKind.values()].reduce((sum, k) => sum + k.sent, 0)
    const p50 = percentile(quiet, 0.5)
    const p99 = percentile(quiet, 0.99)
    const closingSent = [...byKind.entries()].filter(([kind]) => (CLOSING_KINDS as readonly string[]).includes(kind)).reduce((sum, [, k]) => sum + k.sent, 0)
    console.log(`malformed: ${sent} hostile frames in ${attackSeconds.toFixed(0)} s (${(sent / attackSeconds).toFixed(0)} frames/s) over ${tally?.connections ?? 0} connections, the attackers in a process of their own`)
    console.log(`  attackers: ${ATTACKERS} accounts × ${STEADY_SOCKETS} sockets of refused kinds, ${CLOSING_SOCKETS} sockets of closing kinds; ${sent - closingSent} refused with the socket open, ${closingSent} closed it`)
    if (sent < frames) console.log(`  stopped at the time budget, ${frames - sent} frames short of ${frames} (BENCH_MALFORMED_SECONDS)`)
    console.log(`  relay crashes: ${crashed}; error lines in its log: ${errorLines.length}; frames it hung on: ${tally?.unanswered ?? 0}`)
    console.log(`  attacked files' stored state changed: ${attackedChanged.length} of ${ATTACKED.length}${attackedChanged.length ? ` (${attackedChanged.join(', ')})` : ''}; hostile text in them: ${hostileInAttacked}; stored bytes rewritten by compaction: ${rewritten}`)
    console.log(`  honest file: ${honestLost} honest records lost, ${honestExtra} records not the writer's, same state as the writer: ${sameState}, hostile text: ${hostileInHonest}, pending garbage: ${honestPending}`)
    console.log(`  relay RSS ${rssBefore.toFixed(0)} MB before, ${rssPeak.toFixed(0)} MB at most during, ${rssAfter.toFixed(0)} MB after`)
    console.log(`  honest round trip p50 ${percentile(during, 0.5).toFixed(1)} ms = ${(percentile(during, 0.5) / p50).toFixed(2)} × before (${p50.toFixed(1)} ms); p99 ${percentile(during, 0.99).toFixed(1)} ms = ${(percentile(during, 0.99) / p99).toFixed(2)} × before (${p99.toFixed(1)} ms); ${during.length} round trips during`)
    const refused = Object.entries(tally?.refusedUpgrades ?? {}).map(([status, n]) => `${status}: ${n}`)
    if (refused.length) console.log(`  upgrades refused: ${refused.join(', ')}`)
    console.log('  kind                            sent   taken   closed with / refused as')
    for (const kind of FRAME_KINDS) {
      const k = byKind.get(kind)
      if (!k) continue
      const closed = [...Object.entries(k.closed), ...Object.entries(k.refusedAs)].map(([code, n]) => `${code}×${n}`).join(' ')
      console.log(`  ${kind.padEnd(30)} ${String(k.sent).padStart(6)} ${String(k.taken).padStart(7)}   ${closed}`)
    }
    for (const line of errorLines.slice(0, 5)) console.log(`  relay error: ${line.slice(0, 300)}`)
  } finally {
    for (const c of clients) c.destroy()
    await relay.stop()
    data.remove()
    staticDir.remove()
  }
}
