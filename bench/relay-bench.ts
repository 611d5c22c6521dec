/**
 * The relay at the knee (issue 13, bench items 1-3): this relay against @hocuspocus/server with its
 * defaults and a bare forwarder, each server in a process of its own and the load in another
 * (bench/bench-server.ts, bench/load-child.ts), side by side in one run.
 *
 * - fanout: 500 clients over 1, 10 and 50 documents, 10% typing 5×/s: delivered against offered,
 *   p50/p99 from an edit to every other client, server CPU and memory, the load's CPU.
 * - saturation: 100 clients on one document, all typing, at rising rates: the highest write rate
 *   each server sustains with every edit delivered and p99 under 50 ms.
 * - join: a document with 2 MB of history, one joiner (p50 of several) and 20 at once.
 *
 * Memory: what each connection adds (fan-out) and what the 2 MB document adds once open (join),
 * from the server's resident set. The machine's load average is written beside each figure: on a
 * shared 2-core machine, figures taken above a load of 2 include waiting for the CPU.
 *
 * - memory per open document (with fanout): N documents with one client each, the server's
 *   resident set grown over N.
 *
 * Durations from the environment: BENCH_FANOUT_MS (typing time per case, default 8000),
 * BENCH_CLIENTS (500), BENCH_STEP_MS (saturation step, 4000), BENCH_DOCS (documents opened for
 * memory per document, 500), BENCH_FANOUT_DOCS (the fan-out's document counts, "1,10,50"). Writes its figures under "relay"
 * in bench/results.json, keeping what other benchmarks wrote there.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { createInterface } from 'node:readline'
import { envCount } from './relay-child'
import type { FanoutPlan, FanoutResult, JoinPlan, JoinResult, ServerKind } from './load-child'

const SERVERS: ServerKind[] = ['shouwang', 'hocuspocus', 'forwarder']
const RESULTS = new URL('./results.json', import.meta.url)
const TICKS_PER_SECOND = 100

interface Child {
  process: ChildProcess
  lines: AsyncIterator<string>
}

function start(script: string, args: string[]): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', new URL(script, import.meta.url).pathname, ...args], { stdio: ['ignore', 'pipe', 'inherit'] })
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream })[Symbol.asyncIterator]()
  return { process: child, lines }
}

async function lineStarting(child: Child, prefix: string): Promise<string> {
  for (;;) {
    const next = await child.lines.next()
    if (next.done) throw new Error(`the child ended before printing ${prefix}`)
    if (next.value.startsWith(prefix)) return next.value.slice(prefix.length).trim()
  }
}

/** CPU seconds used so far by a process, from /proc (Linux). */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND
}

function rssMb(pid: number): number {
  const found = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
  return found ? Number(found[1]) / 1024 : 0
}

async function withServer<T>(kind: ServerKind, fn: (port: number, pid: number) => Promise<T>): Promise<T> {
  const server = start('./bench-server.ts', [kind])
  try {
    const port = Number(await lineStarting(server, 'PORT'))
    return await fn(port, server.process.pid as number)
  } finally {
    server.process.kill('SIGTERM')
    await new Promise((resolve) => (server.process.exitCode !== null ? resolve(undefined) : server.process.once('exit', resolve)))
  }
}

export interface FanoutFigures extends FanoutResult {
  serverCpuShare: number
  serverRssMb: number
  idleRssMb: number
  /** What each connection adds to the server's memory, in KB. */
  perConnectionKb: number
  /** The machine's 1-minute load average as the case ended (2 cores: above 2, others wait too). */
  machineLoad: number
}

async function runFanout(kind: ServerKind, plan: Omit<FanoutPlan, 'kind' | 'port' | 'mode'>): Promise<FanoutFigures> {
  return withServer(kind, async (port, pid) => {
    const idleRssMb = rssMb(pid)
    const load = start('./load-child.ts', [JSON.stringify({ mode: 'fanout', kind, port, ...plan } satisfies FanoutPlan)])
    await lineStarting(load, 'READY')
    const cpu0 = cpuSeconds(pid)
    const wall0 = performance.now()
    await lineStarting(load, 'TYPED')
    const serverCpuShare = (cpuSeconds(pid) - cpu0) / ((performance.now() - wall0) / 1000)
    const serverRssMb = rssMb(pid)
    const result = JSON.parse(await lineStarting(load, 'RESULT')) as FanoutResult
    const perConnectionKb = ((serverRssMb - idleRssMb) * 1024) / plan.clients
    return { ...result, serverCpuShare, serverRssMb, idleRssMb, perConnectionKb, machineLoad: loadavg()[0] as number }
  })
}

async function runJoin(kind: ServerKind): Promise<JoinResult & { serverRssMb: number; idleRssMb: number; machineLoad: number }> {
  return withServer(kind, async (port, pid) => {
    const idleRssMb = rssMb(pid)
    const load = start('./load-child.ts', [JSON.stringify({ mode: 'join', kind, port, historyBytes: 2 * 1024 * 1024, singles: 7, crowd: 20 } satisfies JoinPlan)])
    const result = JSON.parse(await lineStarting(load, 'RESULT')) as JoinResult
    return { ...result, serverRssMb: rssMb(pid), idleRssMb, machineLoad: loadavg()[0] as number }
  })
}

const f = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '—')

function saveRelay(section: Record<string, unknown>): void {
  const all = existsSync(RESULTS) ? (JSON.parse(readFileSync(RESULTS, 'utf8')) as Record<string, unknown>) : {}
  const relay = (all.relay ?? {}) as Record<string, unknown>
  all.relay = { ...relay, ...section, measuredAt: new Date().toISOString() }
  writeFileSync(RESULTS, `${JSON.stringify(all, null, 2)}\n`)
}

export async function fanoutBenchmark(): Promise<void> {
  const clients = envCount('BENCH_CLIENTS', 500)
  const durationMs = envCount('BENCH_FANOUT_MS', 8000)
  const figures: Record<string, Record<string, FanoutFigures>> = {}
  console.log(`fan-out: ${clients} clients, 10% typing 5×/s for ${durationMs} ms`)
  console.log('docs  server       delivered/offered   p50 ms   p99 ms  server CPU  server MB (idle)  KB/conn  load CPU  machine load')
  const docCounts = (process.env.BENCH_FANOUT_DOCS ?? '1,10,50').split(',').map(Number)
  for (const docs of docCounts) {
    for (const kind of SERVERS) {
      const r = await runFanout(kind, { clients, docs, typists: Math.round(clients / 10), rate: 5, durationMs, drainMs: 10_000 })
      ;(figures[`${clients}/${docs}`] ??= {})[kind] = r
      console.log(
        `${String(docs).padStart(4)}  ${kind.padEnd(11)} ${`${r.delivered}/${r.offered}`.padStart(18)} ${f(r.p50).padStart(8)} ${f(r.p99).padStart(8)} ${`${f(r.serverCpuShare * 100, 0)}%`.padStart(11)} ${`${f(r.serverRssMb, 0)} (${f(r.idleRssMb, 0)})`.padStart(17)} ${f(r.perConnectionKb, 0).padStart(8)} ${`${f(r.loadCpuShare * 100, 0)}%`.padStart(9)} ${f(r.machineLoad).padStart(13)}`,
      )
    }
  }
  saveRelay({ fanout: figures, memoryPerDocument: await memoryPerDocument() })
}

/**
 * Memory per open document: N documents, one client each, each client writing twice so that its
 * document holds something and is stored; what the server's resident set grew by, over N. The
 * connection's own cost is in it (the fan-out's KB/conn above says how much that is alone).
 * The forwarder keeps no documents: not measured.
 */
async function memoryPerDocument(): Promise<Record<string, unknown>> {
  const docs = envCount('BENCH_DOCS', 500)
  const figures: Record<string, unknown> = {}
  console.log(`memory per open document: ${docs} documents, one client each`)
  for (const kind of ['shouwang', 'hocuspocus'] as const) {
    const r = await runFanout(kind, { clients: docs, docs, typists: docs, rate: 1, durationMs: 1500, drainMs: 0 })
    const perDocumentKb = ((r.serverRssMb - r.idleRssMb) * 1024) / docs
    figures[kind] = { documents: docs, perDocumentKb, serverRssMb: r.serverRssMb, idleRssMb: r.idleRssMb, machineLoad: r.machineLoad }
    console.log(`  ${kind.padEnd(11)} ${f(perDocumentKb, 0)} KB per open document (server ${f(r.serverRssMb, 0)} MB, ${f(r.idleRssMb, 0)} idle), machine load ${f(r.machineLoad)}`)
  }
  return figures
}

export async function saturationBenchmark(): Promise<void> {
  const stepMs = envCount('BENCH_STEP_MS', 4000)
  const clients = 100
  const rates = [0.5, 1, 2, 4, 8, 16]
  const sustained: Record<string, number> = {}
  const steps: Record<string, unknown[]> = {}
  console.log(`saturation: ${clients} clients on one document, all typing; writes/s sustained with p99 < 50 ms`)
  for (const kind of SERVERS) {
    sustained[kind] = 0
    steps[kind] = []
    for (const rate of rates) {
      const r = await runFanout(kind, { clients, docs: 1, typists: clients, rate, durationMs: stepMs, drainMs: 5000 })
      const ok = r.delivered >= r.offered && r.p99 < 50
      steps[kind].push({ writesPerSecond: clients * rate, ...r, ok })
      console.log(`  ${kind.padEnd(11)} ${String(clients * rate).padStart(5)} writes/s: ${r.delivered}/${r.offered}, p99 ${f(r.p99)} ms, server CPU ${f(r.serverCpuShare * 100, 0)}%${ok ? '' : '  (not sustained)'}`)
      if (!ok) break
      sustained[kind] = clients * rate
    }
  }
  console.log(`  sustained: ${SERVERS.map((k) => `${k} ${sustained[k]}/s`).join(', ')}`)
  saveRelay({ saturation: { clients, sustained, steps } })
}

export async function joinBenchmark(): Promise<void> {
  const figures: Record<string, unknown> = {}
  console.log('join: a document with 2 MB of history (the forwarder keeps no state: not measured)')
  for (const kind of ['shouwang', 'hocuspocus'] as const) {
    const r = await runJoin(kind)
    figures[kind] = r
    console.log(`  ${kind.padEnd(11)} history ${f(r.historyBytes / 1024 / 1024, 2)} MB: one joiner p50 ${f(r.singleP50)} ms, 20 at once all synced ${f(r.crowdAllMs)} ms, server ${f(r.serverRssMb, 0)} MB (${f(r.idleRssMb, 0)} before the document was opened), machine load ${f(r.machineLoad)}`)
  }
  saveRelay({ join: figures })
}
