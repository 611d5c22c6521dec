/**
 * The malformed benchmark's attackers, in a process of their own (bench/attackers.ts starts it):
 * building and sending hostile frames costs the sender too, and in the benchmark's own process it
 * would slow the honest clients whose round trip is measured, as if the relay had. Reads its
 * orders (AttackOrders, JSON) from stdin; writes `progress <n>` lines while it sends, then one
 * `tally <json>` line, and exits.
 */
import * as prng from 'lib0/prng'
import { closingFrame, type HostileFrame } from './hostile-frames'
import { attack, emptyTally } from './hostile-socket'
import { refusedFrame, type Target } from './refused-frames'
import type { AttackOrders, SentTally } from './attackers'

async function readOrders(): Promise<AttackOrders> {
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as AttackOrders
}

const orders = await readOrders()
const gen = prng.create(20)
const tally = emptyTally()
const started = performance.now()
let i = 0
let reported = 0
const more = () => i < orders.frames && performance.now() - started < orders.budgetMs
const counted = (frame: HostileFrame | undefined) => {
  if (frame && ++i >= reported + 1000) {
    reported = i - (i % 1000)
    process.stdout.write(`progress ${reported}\n`)
  }
  return frame
}
const wsUrl = (docId: string) => `${orders.relayUrl.replace(/^http/, 'ws')}/sync/${docId}`
const runs: Promise<void>[] = []
for (const [a, attacker] of orders.attackers.entries()) {
  for (let s = 0; s < orders.steadySockets; s++) {
    const docId = orders.targets[(a * orders.steadySockets + s) % orders.targets.length] as string
    const target: Target = { author: attacker.author, deletions: (orders.deletions[docId] ?? []).map((b) => Buffer.from(b, 'base64')) }
    let own = 0
    runs.push(attack(wsUrl(docId), [attacker.token], () => (more() ? counted(refusedFrame(gen, own++, target)) : undefined), tally, more))
  }
}
const tokens = orders.attackers.map((x) => x.token)
let closingI = 0
for (let c = 0; c < orders.closingSockets; c++) {
  // Each closing socket starts as a different account and moves on to the next when refused.
  const turn = [...tokens.slice(c % tokens.length), ...tokens.slice(0, c % tokens.length)]
  runs.push(attack(wsUrl(orders.targets[c % orders.targets.length] as string), turn, () => (more() ? counted(closingFrame(gen, closingI++)) : undefined), tally, more))
}
await Promise.all(runs)
const sent: SentTally = { ...tally, byKind: [...tally.byKind.entries()], seconds: (performance.now() - started) / 1000 }
process.stdout.write(`tally ${JSON.stringify(sent)}\n`)
process.exit(0)
