/**
 * The load of the relay benchmarks, in a process of its own (its CPU is reported beside the
 * server's): `node --import tsx bench/load-child.ts '<json plan>'`. Clients speak the y-protocols
 * sync protocol over raw websockets, framed as each server wants (Hocuspocus: the document name
 * before every message, an auth message first). Typists insert marks `#writer.seq;` into a long
 * text of their own Y.Doc; every other client finds them in the bytes it receives, without
 * applying anything, so that the load costs little. Prints `READY` once every client is synced,
 * `TYPED` when typing stops, then `RESULT <json>`.
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import WebSocket from 'ws'
import * as Y from 'yjs'

export type ServerKind = 'shouwang' | 'hocuspocus' | 'forwarder'

export interface FanoutPlan {
  mode: 'fanout'
  kind: ServerKind
  port: number
  clients: number
  docs: number
  typists: number
  /** Edits per typist per second. */
  rate: number
  durationMs: number
  drainMs: number
}

export interface JoinPlan {
  mode: 'join'
  kind: ServerKind
  port: number
  historyBytes: number
  singles: number
  crowd: number
}

export interface FanoutResult {
  offered: number
  delivered: number
  p50: number
  p99: number
  loadCpuShare: number
}

export interface JoinResult {
  historyBytes: number
  singleP50: number
  crowdAllMs: number
  loadCpuShare: number
}

const TEXT = 'text:profile.habits'
const EMPTY_UPDATE = Y.encodeStateAsUpdate(new Y.Doc())

function docName(i: number): string {
  return `b/child/bench${i}`
}

class WireClient {
  readonly ws: WebSocket
  synced = false
  onSynced: () => void = () => {}
  onUpdate: (bytes: Uint8Array) => void = () => {}
  onStep2: (update: Uint8Array) => void = () => {}

  constructor(
    private readonly kind: ServerKind,
    port: number,
    private readonly name: string,
    private readonly doc?: Y.Doc,
  ) {
    const path = kind === 'shouwang' ? `/sync/${encodeURIComponent(name)}` : kind === 'forwarder' ? `/${name}` : '/'
    this.ws = new WebSocket(`ws://127.0.0.1:${port}${path}`)
    this.ws.binaryType = 'nodebuffer'
    this.ws.on('open', () => {
      if (kind === 'forwarder') {
        this.markSynced()
        return
      }
      if (kind === 'hocuspocus') {
        this.sendRaw(this.frame((e) => {
          encoding.writeVarUint(e, 2)
          encoding.writeVarUint(e, 0)
          encoding.writeVarString(e, 'token')
        }))
      }
      const sv = doc ? Y.encodeStateVector(doc) : new Uint8Array([0])
      this.sendRaw(this.frame((e) => {
        encoding.writeVarUint(e, 0)
        encoding.writeVarUint(e, 0)
        encoding.writeVarUint8Array(e, sv)
      }))
    })
    this.ws.on('message', (data: Buffer) => this.receive(new Uint8Array(data.buffer, data.byteOffset, data.byteLength)))
  }

  sendUpdate(update: Uint8Array): void {
    this.sendRaw(this.frame((e) => {
      encoding.writeVarUint(e, 0)
      encoding.writeVarUint(e, 2)
      encoding.writeVarUint8Array(e, update)
    }))
  }

  close(): void {
    this.ws.close()
  }

  private frame(write: (e: encoding.Encoder) => void): Uint8Array {
    const e = encoding.createEncoder()
    if (this.kind === 'hocuspocus') encoding.writeVarString(e, this.name)
    write(e)
    return encoding.toUint8Array(e)
  }

  private sendRaw(data: Uint8Array): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(data)
  }

  private markSynced(): void {
    if (this.synced) return
    this.synced = true
    this.onSynced()
  }

  private receive(data: Uint8Array): void {
    if (this.kind === 'forwarder') {
      this.onUpdate(data)
      return
    }
    const d = decoding.createDecoder(data)
    if (this.kind === 'hocuspocus') decoding.readVarString(d)
    const type = decoding.readVarUint(d)
    if (type !== 0 && type !== 4) return
    const step = decoding.readVarUint(d)
    if (step === 0) {
      const sv = decoding.readVarUint8Array(d)
      const answer = this.doc ? Y.encodeStateAsUpdate(this.doc, sv) : EMPTY_UPDATE
      this.sendRaw(this.frame((e) => {
        encoding.writeVarUint(e, 0)
        encoding.writeVarUint(e, 1)
        encoding.writeVarUint8Array(e, answer)
      }))
    } else if (step === 1) {
      this.onStep2(decoding.readVarUint8Array(d))
      this.markSynced()
    } else if (step === 2) {
      this.onUpdate(data)
    }
  }
}

function percentile(sorted: number[], share: number): number {
  if (sorted.length === 0) return Number.NaN
  return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] as number
}

function until(check: () => boolean, what: string, timeoutMs: number): Promise<void> {
  const start = Date.now()
  return new Promise((resolve, reject) => {
    const tick = () => {
      if (check()) resolve()
      else if (Date.now() - start > timeoutMs) reject(new Error(`timed out waiting for ${what}`))
      else setTimeout(tick, 5)
    }
    tick()
  })
}

function cpuShare(startCpu: NodeJS.CpuUsage, startWall: number): number {
  const used = process.cpuUsage(startCpu)
  return (used.user + used.system) / 1000 / (performance.now() - startWall)
}

async function fanout(plan: FanoutPlan): Promise<FanoutResult> {
  const cpu0 = process.cpuUsage()
  const wall0 = performance.now()
  const sent: number[][] = []
  const latencies: number[] = []
  const clients: WireClient[] = []
  const docs: Y.Doc[] = []
  const members = new Array<number>(plan.docs).fill(0)
  for (let i = 0; i < plan.clients; i++) members[i % plan.docs] = (members[i % plan.docs] ?? 0) + 1
  for (let i = 0; i < plan.clients; i++) {
    const typist = i < plan.typists
    const own = typist ? new Y.Doc() : undefined
    if (own) docs.push(own)
    const client = new WireClient(plan.kind, plan.port, docName(i % plan.docs), own)
    const seen = new Map<number, number>()
    const mark = /#(\d+)\.(\d+);/g
    client.onUpdate = (bytes) => {
      const now = performance.now()
      const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1')
      for (const m of text.matchAll(mark)) {
        const w = Number(m[1])
        const s = Number(m[2])
        // A server that echoes an edit to its writer (Hocuspocus does) delivers nothing new.
        if (w === i) continue
        const last = seen.get(w) ?? -1
        if (s <= last) continue
        const times = sent[w]
        for (let k = last + 1; k <= s; k++) {
          const at = times?.[k]
          if (at !== undefined) latencies.push(now - at)
        }
        seen.set(w, s)
      }
    }
    clients.push(client)
    if (i % 50 === 49) await until(() => clients.every((c) => c.synced), 'clients to sync', 60_000)
  }
  await until(() => clients.every((c) => c.synced), 'clients to sync', 60_000)
  console.log('READY')
  let offered = 0
  const timers: ReturnType<typeof setInterval>[] = []
  for (let w = 0; w < plan.typists; w++) {
    const client = clients[w] as WireClient
    const doc = docs[w] as Y.Doc
    const text = doc.getText(TEXT)
    const times: number[] = []
    sent[w] = times
    doc.on('update', (u: Uint8Array) => client.sendUpdate(u))
    const others = (members[w % plan.docs] as number) - 1
    const type = () => {
      const seq = times.length
      times.push(performance.now())
      offered += others
      text.insert(text.length, `#${w}.${seq};`)
    }
    setTimeout(() => {
      type()
      timers.push(setInterval(type, 1000 / plan.rate))
    }, Math.random() * (1000 / plan.rate))
  }
  await new Promise((resolve) => setTimeout(resolve, plan.durationMs))
  for (const t of timers) clearInterval(t)
  console.log('TYPED')
  await until(() => latencies.length >= offered, 'deliveries', plan.drainMs).catch(() => {})
  for (const c of clients) c.close()
  latencies.sort((a, b) => a - b)
  return { offered, delivered: latencies.length, p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99), loadCpuShare: cpuShare(cpu0, wall0) }
}

async function joinOnce(plan: JoinPlan, expected: number, timeoutMs = 60_000): Promise<number> {
  const start = performance.now()
  const doc = new Y.Doc()
  const client = new WireClient(plan.kind, plan.port, docName(9999), doc)
  let done = 0
  client.onStep2 = (update) => {
    Y.applyUpdate(doc, update)
    if (doc.getText(TEXT).length >= expected) done = performance.now()
  }
  try {
    await until(() => done > 0, 'the joiner to sync', timeoutMs)
  } finally {
    client.close()
  }
  return done - start
}

async function join(plan: JoinPlan): Promise<JoinResult> {
  const cpu0 = process.cpuUsage()
  const wall0 = performance.now()
  const doc = new Y.Doc()
  const seeder = new WireClient(plan.kind, plan.port, docName(9999), doc)
  await until(() => seeder.synced, 'the seeder', 30_000)
  doc.on('update', (u: Uint8Array) => seeder.sendUpdate(u))
  const text = doc.getText(TEXT)
  const chunk = '記'.repeat(340)
  let written = 0
  while (written < plan.historyBytes) {
    text.insert(text.length, chunk)
    written += Buffer.byteLength(chunk)
    if (written % (100 * 1024) < 1100) await new Promise((resolve) => setImmediate(resolve))
  }
  const expected = text.length
  // Warm: joins until one sees the whole history (the server has taken all of it).
  for (let tries = 0; ; tries++) {
    try {
      await joinOnce(plan, expected, 3000)
      break
    } catch (error) {
      if (tries > 20) throw error
    }
  }
  const singles: number[] = []
  for (let i = 0; i < plan.singles; i++) singles.push(await joinOnce(plan, expected))
  singles.sort((a, b) => a - b)
  const crowdStart = performance.now()
  await Promise.all(Array.from({ length: plan.crowd }, () => joinOnce(plan, expected)))
  const crowdAllMs = performance.now() - crowdStart
  seeder.close()
  return { historyBytes: Y.encodeStateAsUpdate(doc).byteLength, singleP50: percentile(singles, 0.5), crowdAllMs, loadCpuShare: cpuShare(cpu0, wall0) }
}

const plan = JSON.parse(process.argv[2] ?? '{}') as FanoutPlan | JoinPlan
const result = plan.mode === 'fanout' ? await fanout(plan) : await join(plan)
console.log(`RESULT ${JSON.stringify(result)}`)
process.exit(0)
