/**
 * The promise "an update the relay confirmed saved is never lost", under the worst a server
 * meets: the relay (`npm start`, accounts on) is killed with SIGKILL `BENCH_KILLS` times (200)
 * while four stock y-websocket clients file records into three children's files, each keeping
 * the list of records the relay confirmed saved (confirmed-writer.ts). After every kill, before
 * the restart: SQLite's integrity check of each file of the data folder, and every record
 * confirmed until then is looked for in the data folder as a restarted relay opens it. At the end,
 * through a last restart, every confirmed record must be there.
 *
 * The time of a kill-and-restart cycle is a ratio against plain restarts of an idle relay.
 */
import Database from 'better-sqlite3'
import * as prng from 'lib0/prng'
import { docsFileIn, accessFileIn } from '../server/store/data-dir'
import { waitFor } from '../tests/helpers/clients'
import { makeDataDir } from '../tests/helpers/relay'
import { spawnRelay, type RelayProcess } from '../tests/helpers/relay-process'
import { loadDocFromDataDir } from '../tests/helpers/stored-doc'
import { ConfirmedWriter, missingRecords } from './confirmed-writer'
import { envCount, freePort, percentile, relayRssMb, signUpCoordinator, WORKSPACE } from './relay-child'

const DOCS = ['bench-durable-0', 'bench-durable-1', 'bench-durable-2'].map((key) => `${WORKSPACE}/child/${key}`)
const WRITERS = 4
const WRITE_EVERY_MS = 200
const REFERENCE_RESTARTS = 5
/** A kill lands at a random moment within this long after every writer was confirmed again. */
const KILL_JITTER_MS = 250
/** Only so that a relay that never confirms again ends the run with a message, not a hang. */
const STALL_MS = 60_000

interface Cycle {
  /** SIGKILL until the process is gone, integrity checks, and the restart until it listens. */
  restartMs: number
  /** From listening until every writer has synced again. */
  resyncMs: number
}

/** `PRAGMA integrity_check` of each SQLite file of the folder: the failures, as SQLite words them. */
function integrityFailures(dataDir: string): string[] {
  const failures: string[] = []
  for (const file of [docsFileIn(dataDir), accessFileIn(dataDir)]) {
    const db = new Database(file, { fileMustExist: true })
    try {
      const result = db.pragma('integrity_check', { simple: true })
      if (result !== 'ok') failures.push(`${file}: ${String(result)}`)
    } finally {
      db.close()
    }
  }
  return failures
}

/** SIGKILL, the checks a restart must survive, and the restart: its time, without the record check. */
async function killAndRestart(relay: RelayProcess, dataDir: string, staticDir: string, port: number, between: () => Promise<void>) {
  const start = performance.now()
  relay.kill('SIGKILL')
  await relay.exited
  const failures = integrityFailures(dataDir)
  const checked = performance.now()
  await between()
  const resumed = performance.now()
  const next = await spawnRelay(dataDir, staticDir, 30_000, port)
  return { next, failures, restartMs: performance.now() - resumed + (checked - start) }
}

export async function durabilityBenchmark(): Promise<void> {
  const kills = envCount('BENCH_KILLS', 200)
  const data = makeDataDir()
  const staticDir = makeDataDir()
  const port = await freePort()
  const gen = prng.create(10)
  const writers: ConfirmedWriter[] = []
  let relay = await spawnRelay(data.dir, staticDir.dir, 30_000, port)
  try {
    const session = await signUpCoordinator(relay)

    // The reference: the same relay killed and restarted with no one connected.
    const reference: number[] = []
    for (let i = 0; i < REFERENCE_RESTARTS; i++) {
      const cycle = await killAndRestart(relay, data.dir, staticDir.dir, port, async () => {})
      relay = cycle.next
      reference.push(cycle.restartMs)
    }

    for (let i = 0; i < WRITERS; i++) {
      writers.push(new ConfirmedWriter(relay.url, DOCS[i % DOCS.length] as string, session, `w${i}`))
    }
    await waitFor(() => writers.every((w) => w.synced), 'every writer to sync', STALL_MS)
    for (const w of writers) w.start(WRITE_EVERY_MS)

    const cycles: Cycle[] = []
    const integrity: string[] = []
    let lostAtKill = 0
    const rssBefore = relayRssMb(relay)
    let rssLast = rssBefore
    const began = performance.now()
    for (let kill = 1; kill <= kills; kill++) {
      // Steady writes confirmed on the new socket of every writer, then a kill at any moment.
      const marks = writers.map((w) => w.confirmed)
      await waitFor(() => writers.every((w, i) => w.confirmed > (marks[i] as number)), `kill ${kill}: every writer confirmed again`, STALL_MS)
      await new Promise((r) => setTimeout(r, prng.int32(gen, 0, KILL_JITTER_MS)))
      rssLast = relayRssMb(relay)

      const cycle = await killAndRestart(relay, data.dir, staticDir.dir, port, async () => {
        // Answers the relay sent before it died may still be on their way: confirmed too.
        await waitFor(() => writers.every((w) => !w.synced), 'the writers to lose the dead relay', STALL_MS)
        for (const docId of DOCS) {
          const stored = await loadDocFromDataDir(data.dir, docId)
          for (const w of writers) if (w.docId === docId) lostAtKill += missingRecords(stored, w.written.slice(0, w.confirmed)).length
          stored.destroy()
        }
      })
      relay = cycle.next
      integrity.push(...cycle.failures.map((f) => `kill ${kill}: ${f}`))
      const listening = performance.now()
      await waitFor(() => writers.every((w) => w.synced), `kill ${kill}: every writer to sync again`, STALL_MS)
      cycles.push({ restartMs: cycle.restartMs, resyncMs: performance.now() - listening })
      if (kill % 10 === 0 || kill === kills) {
        const confirmed = writers.reduce((sum, w) => sum + w.confirmed, 0)
        console.log(`  durability: ${kill}/${kills} kills, ${confirmed} records confirmed, lost so far ${lostAtKill}, ${((performance.now() - began) / 1000).toFixed(0)} s`)
      }
    }

    // The last records: written, then confirmed through the last relay, before it stops.
    for (const w of writers) w.stop()
    await waitFor(() => writers.every((w) => w.synced), 'every writer to sync at the end', STALL_MS)
    for (const w of writers) w.checkpoint()
    await waitFor(() => writers.every((w) => w.confirmed === w.written.length || w.refusals.length > 0), 'the last records to be confirmed', STALL_MS)
    for (const w of writers) w.destroy()
    await relay.stop()

    // Through one more restart, as a stock client that starts empty would find the files.
    let lostAtEnd = 0
    let unconfirmedStored = 0
    for (const docId of DOCS) {
      const stored = await loadDocFromDataDir(data.dir, docId)
      for (const w of writers) {
        if (w.docId !== docId) continue
        lostAtEnd += missingRecords(stored, w.written.slice(0, w.confirmed)).length
        unconfirmedStored += w.written.length - w.confirmed - missingRecords(stored, w.written.slice(w.confirmed)).length
      }
      stored.destroy()
    }
    integrity.push(...integrityFailures(data.dir).map((f) => `at the end: ${f}`))

    const refusals = writers.flatMap((w) => w.refusals)
    const written = writers.reduce((sum, w) => sum + w.written.length, 0)
    const confirmed = writers.reduce((sum, w) => sum + w.confirmed, 0)
    const restart = percentile(cycles.map((c) => c.restartMs), 0.5)
    const idle = percentile(reference, 0.5)
    console.log(`durability: relay killed with SIGKILL ${cycles.length} times under ${WRITERS} writers in ${DOCS.length} files`)
    console.log(`  confirmed then lost: ${lostAtEnd} (at the kills: ${lostAtKill})`)
    console.log(`  records written ${written}, confirmed saved ${confirmed}, refused ${refusals.length}${refusals.length ? ` (${[...new Set(refusals)].join(', ')})` : ''}`)
    console.log(`  integrity check failures: ${integrity.length}`)
    for (const failure of integrity.slice(0, 10)) console.log(`    ${failure}`)
    console.log(`  kill-restart cycle (median) ${restart.toFixed(0)} ms = ${(restart / idle).toFixed(2)} × an idle relay's (${idle.toFixed(0)} ms)`)
    console.log(`  writers synced again (median / p99) ${percentile(cycles.map((c) => c.resyncMs), 0.5).toFixed(0)} / ${percentile(cycles.map((c) => c.resyncMs), 0.99).toFixed(0)} ms after the relay listened`)
    console.log(`  relay RSS ${rssBefore.toFixed(0)} MB after its first restart, ${rssLast.toFixed(0)} MB before its last kill`)
    console.log(`  (written but never confirmed, yet stored: ${unconfirmedStored})`)
  } finally {
    for (const w of writers) w.destroy()
    await relay.stop()
    data.remove()
    staticDir.remove()
  }
}
