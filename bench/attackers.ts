/**
 * Starts the malformed benchmark's attackers in a process of their own (attack-child.ts), so that
 * what sending costs is not counted against the honest round trip, and hears how far they got.
 */
import { spawn } from 'node:child_process'
import { resolve } from 'node:path'
import { createInterface } from 'node:readline'
import type { AttackTally, KindTally } from './hostile-socket'
import type { FrameKind } from './hostile-frames'

export interface AttackOrders {
  relayUrl: string
  /** Files attacked: each steady socket takes the next. */
  targets: string[]
  /** Each attacker account: its session, and whom it signs as. */
  attackers: { token: string; author: { id: string; name: string } }[]
  /** Per file, updates (base64) each deleting one of its records. */
  deletions: Record<string, string[]>
  steadySockets: number
  closingSockets: number
  frames: number
  budgetMs: number
}

/** What the attackers sent, as the child reports it. */
export interface SentTally extends Omit<AttackTally, 'byKind'> {
  byKind: [FrameKind, KindTally][]
  seconds: number
}

export interface Attack {
  /** Frames sent so far, to the last thousand. */
  progress(): number
  /** Resolves with the tally once the attackers are done. */
  done: Promise<SentTally>
  /** Ends the attackers at once (the relay crashed). */
  stop(): void
}

export function startAttackers(orders: AttackOrders): Attack {
  const child = spawn(resolve('node_modules/.bin/tsx'), ['bench/attack-child.ts'], { cwd: resolve('.'), stdio: ['pipe', 'pipe', 'inherit'] })
  let progress = 0
  let tally: SentTally | undefined
  const stdout = child.stdout
  if (!stdout || !child.stdin) throw new Error('the attackers have no pipes')
  createInterface({ input: stdout }).on('line', (line) => {
    if (line.startsWith('progress ')) progress = Number(line.slice('progress '.length))
    else if (line.startsWith('tally ')) tally = JSON.parse(line.slice('tally '.length)) as SentTally
  })
  const done = new Promise<SentTally>((resolveTally, reject) => {
    child.once('close', (code) => (tally ? resolveTally(tally) : reject(new Error(`the attackers exited with ${code} before their tally`))))
  })
  child.stdin.end(JSON.stringify(orders))
  return { progress: () => progress, done, stop: () => child.kill('SIGKILL') }
}
