/**
 * Bench item 5 (`npm run bench -- catchup`): a helper's device with 300 files comes back after
 * colleagues made 500 edits, and catches up through a real relay with accounts (docs/SPEC.md
 * S10–S12). Measured side by side in one run: on the loopback, over a weak link (256 kbit/s,
 * 400 ms, bench/weak-link.ts), and over the weak link cut at half way and dropping now and then,
 * each against the bytes of the updates it missed; and an idle round with 10 and 1,000 files (SPEC
 * S13). Figures go to bench/results.json, key "catchup".
 */
import 'fake-indexeddb/auto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { setUpCoordinator } from '../tests/helpers/accounts'
import { editFiles, writeFiles } from '../tests/helpers/catchup-scenario'
import { countingFetch, makeTraffic } from '../tests/helpers/catchup-traffic'
import { makeDataDir, startTestRelay } from '../tests/helpers/relay'
import { fetchWithBearer, makeWorkspace } from '../tests/helpers/workspace'
import * as Y from 'yjs'
import { ChangesResponse, PullResponse, encodeBytes } from '../shared/api'
import { loadStoredUpdate } from '../client/runtime/store/doc-persistence'
import { loadCursor } from '../client/runtime/store/sync-cursor'
import type { Workspace } from '../client/runtime/workspace'
import { weakLink } from './weak-link'

const FILES = 300
const EDITS = 500
const RESULTS = resolve('bench/results.json')

interface Figure {
  requests: number
  bytes: number
  ratio: number
  ms: number
}

/**
 * What the round of the release before this one asked for the same catch-up, replayed over the
 * same device's store: the filing classes, the directory, /api/access for every file, then
 * /api/changes and /api/pull 100 files at a time with state vectors, in JSON and base64.
 */
async function previousRound(w: Workspace, relayUrl: string, token: string): Promise<Figure> {
  const traffic = makeTraffic()
  const send = countingFetch(traffic)(fetchWithBearer(token))
  const start = performance.now()
  const get = async (path: string, body?: unknown) => {
    const response = await send(`${relayUrl}${path}`, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
    return (await response.json()) as unknown
  }
  await get('/api/auth/classes')
  await get('/api/members/directory')
  const held = [...new Set((await w.db.updates.toArray()).map((r) => r.docId))]
  for (let i = 0; i < held.length; i += 500) await get('/api/access', { docIds: held.slice(i, i + 500) })
  const { cursor } = await loadCursor(w.db, w.workspaceId)
  const changes = ChangesResponse.parse(await get(`/api/changes?workspace=${w.workspaceId}&after=${cursor}`))
  const ids = changes.changes.map((c) => c.docId)
  for (let i = 0; i < ids.length; i += 100) {
    const docs = await Promise.all(
      ids.slice(i, i + 100).map(async (docId) => {
        const stored = await loadStoredUpdate(w.db, docId)
        return { docId, stateVector: encodeBytes(stored ? Y.encodeStateVectorFromUpdate(stored) : Y.encodeStateVector(new Y.Doc())) }
      }),
    )
    PullResponse.parse(await get('/api/pull', { docs }))
  }
  return { requests: traffic.requests, bytes: traffic.received + traffic.sent, ratio: 0, ms: performance.now() - start }
}

/** The sizes an idle round is measured at: its questions must not grow with the files (SPEC S13). */
const IDLE_SIZES = [10, 1000] as const

interface IdleFigure {
  files: number
  requests: number
  paths: string[]
  bytes: number
  ms: number
}

/**
 * An idle round of a device that has every file, at each size in turn on one relay: what it asks
 * and moves when nothing changed (the first round, which fetched everything, is not counted).
 */
async function idleRounds(): Promise<IdleFigure[]> {
  const data = makeDataDir()
  const relay = await startTestRelay(data.dir)
  const figures: IdleFigure[] = []
  try {
    const session = await setUpCoordinator(relay)
    let written = 0
    for (const files of IDLE_SIZES) {
      await writeFiles({ relayUrl: relay.url, session }, files - written, written)
      written = files
      const traffic = makeTraffic()
      const w = makeWorkspace(relay.url, undefined, session, { wrapFetch: countingFetch(traffic), backgroundIntervalMs: 3_600_000 })
      try {
        await w.background.run()
        traffic.reset()
        const start = performance.now()
        await w.background.run()
        figures.push({ files, requests: traffic.requests, paths: traffic.paths, bytes: traffic.received + traffic.sent, ms: performance.now() - start })
      } finally {
        w.close()
      }
    }
    return figures
  } finally {
    await relay.stop()
    data.remove()
  }
}

function mergeResults(key: string, value: unknown): void {
  const all: Record<string, unknown> = existsSync(RESULTS) ? (JSON.parse(readFileSync(RESULTS, 'utf8')) as Record<string, unknown>) : {}
  all[key] = value
  writeFileSync(RESULTS, `${JSON.stringify(all, null, 2)}\n`)
}

export async function catchupBenchmark(): Promise<void> {
  const data = makeDataDir()
  const relay = await startTestRelay(data.dir)
  const devices: { close(): void }[] = []
  try {
    const session = await setUpCoordinator(relay)
    const colleague = { relayUrl: relay.url, session }
    const files = await writeFiles(colleague, FILES)
    const lanTraffic = makeTraffic()
    const steady = weakLink()
    const cut = weakLink({ dropChance: 0.15, seed: 7 })
    const device = (wrapFetch: (f: typeof fetch) => typeof fetch) => {
      const w = makeWorkspace(relay.url, undefined, session, { wrapFetch, backgroundIntervalMs: 3_600_000 })
      devices.push(w)
      return w
    }
    const lan = device(countingFetch(lanTraffic))
    const weak = device(steady.wrap)
    const weakCut = device(cut.wrap)
    const before = device((f) => f)
    // Each device has the 300 files before it goes away.
    steady.on = false
    cut.on = false
    for (const w of [lan, weak, weakCut, before]) await w.background.run()
    steady.on = true
    cut.on = true
    const missing = await editFiles(colleague, files, EDITS)

    const previous = await previousRound(before, relay.url, session.token)
    lanTraffic.reset()
    let start = performance.now()
    await lan.background.run()
    const lanFigure: Figure = { requests: lanTraffic.requests, bytes: lanTraffic.received + lanTraffic.sent, ratio: 0, ms: performance.now() - start }

    start = performance.now()
    await weak.background.run()
    const weakFigure: Figure = { requests: steady.requests, bytes: steady.received + steady.sent, ratio: 0, ms: performance.now() - start }

    cut.cutAt = Math.floor(steady.received / 2)
    start = performance.now()
    let rounds = 0
    for (;;) {
      rounds++
      try {
        await weakCut.background.run()
        break
      } catch {
        // The link dropped: the next round starts at once, as the device's retry would.
      }
      if (rounds > 50) throw new Error('the catch-up over the weak link made no progress in 50 rounds')
    }
    const cutFigure = { requests: cut.requests, bytes: cut.received + cut.sent, ratio: 0, ms: performance.now() - start, rounds, drops: cut.drops }
    for (const f of [previous, lanFigure, weakFigure, cutFigure]) f.ratio = f.bytes / missing
    const resent = (cutFigure.bytes - weakFigure.bytes) / weakFigure.bytes

    console.log(`catch-up: ${FILES} files, ${EDITS} edits made elsewhere, ${missing} bytes of missing updates`)
    const line = (name: string, f: Figure, extra = '') =>
      console.log(`${name.padEnd(40)} ${String(f.requests).padStart(3)} requests ${String(f.bytes).padStart(8)} B  ${f.ratio.toFixed(2)}× missing  ${(f.ms / 1000).toFixed(1).padStart(6)} s${extra}`)
    line('before: changes + pull (JSON), loopback', previous)
    line('loopback', lanFigure)
    line('weak link (256 kbit/s, 400 ms)', weakFigure)
    line('weak link, cut at half way + drops', cutFigure, `  ${rounds} rounds, ${cut.drops} drops, ${(resent * 100).toFixed(1)}% sent again`)
    const idle = await idleRounds()
    for (const f of idle) console.log(`${`idle round, ${f.files} files`.padEnd(40)} ${String(f.requests).padStart(3)} requests ${String(f.bytes).padStart(8)} B  ${(f.ms / 1000).toFixed(2).padStart(6)} s  ${f.paths.join(' ')}`)
    mergeResults('catchup', {
      date: new Date().toISOString(),
      files: FILES,
      edits: EDITS,
      missingBytes: missing,
      previousRelease: previous,
      loopback: lanFigure,
      weakLink: weakFigure,
      weakLinkCut: { ...cutFigure, resentShare: resent },
      idleRounds: idle,
      targets: { requests: 5, ratio: 1.2, resentShare: 0.05, idleRequests: 2 },
    })
  } finally {
    for (const w of devices) w.close()
    await relay.stop()
    data.remove()
  }
}
