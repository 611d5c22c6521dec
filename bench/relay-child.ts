/**
 * What the reliability benchmarks share: the relay as `npm start` runs it (a child process with
 * accounts), its first coordinator, a free port to restart it on, and its memory as the kernel
 * counts it. Figures only: nothing here decides whether the relay passed.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import type { SessionResponse } from '../shared/auth-api'
import { waitFor } from '../tests/helpers/clients'
import type { RelayProcess } from '../tests/helpers/relay-process'

export const WORKSPACE = 'school-1'

/** The first coordinator, through the setup link the relay printed on its first start. */
export async function signUpCoordinator(relay: RelayProcess): Promise<SessionResponse> {
  await waitFor(() => relay.setupToken() !== undefined, 'the setup link')
  const response = await fetch(`${relay.url}/api/auth/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token: relay.setupToken(), workspace: WORKSPACE, username: 'wang', displayName: '王校長', password: 'coordinator-pass' }),
  })
  if (!response.ok) throw new Error(`setup answered ${response.status}: ${await response.text()}`)
  return (await response.json()) as SessionResponse
}

/** A port nobody listens on right now, so a relay restarted on it is found again by its clients. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))))
    })
  })
}

/**
 * The resident memory of the relay, in MB: the largest process of its group (tsx's launcher is a
 * small node of its own in front of the relay, not counted). Linux only; 0 elsewhere.
 */
export function relayRssMb(relay: RelayProcess): number {
  let largest = 0
  let entries: string[]
  try {
    entries = readdirSync('/proc')
  } catch {
    return 0
  }
  for (const pid of entries) {
    if (!/^\d+$/.test(pid)) continue
    try {
      // The group id is the 5th field of /proc/<pid>/stat, after "(command)" which may hold spaces.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      if (Number(fields[2]) !== relay.group) continue
      const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
      if (rss) largest = Math.max(largest, Number(rss[1]) / 1024)
    } catch {
      // The process ended while being read.
    }
  }
  return largest
}

/** The value below which `share` of the sorted samples lie. */
export function percentile(samples: readonly number[], share: number): number {
  if (samples.length === 0) return Number.NaN
  const sorted = [...samples].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] as number
}

/** A count of a budget, read from the environment (a benchmark shortened for a quick look). */
export function envCount(name: string, fallback: number): number {
  const raw = process.env[name]
  const value = raw === undefined ? fallback : Number(raw)
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number, not ${raw}`)
  return value
}

/** A further coordinator, invited by `coordinator` through the API (an attacker of its own account). */
export async function inviteCoordinator(relay: RelayProcess, coordinator: SessionResponse, username: string, displayName: string): Promise<SessionResponse> {
  const post = async <T>(path: string, body: unknown, token?: string): Promise<T> => {
    const response = await fetch(`${relay.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    })
    if (!response.ok) throw new Error(`${path} answered ${response.status}: ${await response.text()}`)
    return (await response.json()) as T
  }
  const { token } = await post<{ token: string }>('/api/admin/invites', { role: 'coordinator' }, coordinator.token)
  return post('/api/auth/invites/accept', { token, username, displayName, password: `${username}-password` })
}
