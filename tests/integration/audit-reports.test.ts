/**
 * A member's device cannot blind the audit trail (docs/SPEC.md N4): 500 "viewed" reports of
 * one file in a burst leave one row; reports across many files stop at the per-minute limit with
 * 429 and Retry-After; a report dated 1970 or next year keeps the relay's time; another member's
 * reports go on being stored; the trail's reader sees that reports were refused, and how many.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { REPORTS_PER_MINUTE } from '../../server/http/report-limits'
import { WORKSPACE, invite, post, setUpCoordinator } from '../helpers/accounts'
import { makeDataDir, startTestRelay, type TestRelay } from '../helpers/relay'
import { connectClient, waitFor } from '../helpers/clients'

const docOf = (id: string) => `${WORKSPACE}/child/${id}`

describe('reports that cannot blind the audit trail (SPEC N4)', () => {
  let data: ReturnType<typeof makeDataDir>
  let relay: TestRelay
  let coordinator = ''
  let other = ''

  beforeAll(async () => {
    data = makeDataDir()
    relay = await startTestRelay(data.dir)
    coordinator = (await setUpCoordinator(relay)).token
    other = (await invite(relay, coordinator, 'coordinator', 'li', '李主任')).token
  })
  afterAll(async () => {
    await relay.stop()
    data.remove()
  })

  const rowsOf = (docId: string, action: string) => relay.access.auditForDoc(WORKSPACE, docId).filter((e) => e.action === action)

  it('N4: a burst of one file’s reports is one row; a flood across files waits with 429; times a device could not have are the relay’s', async () => {
    const answers = await Promise.all(Array.from({ length: 500 }, () => post(relay, '/api/audit', { docId: docOf('a1'), action: 'viewed' }, coordinator)))
    expect(answers.every((a) => a.status === 200)).toBe(true)
    expect(rowsOf(docOf('a1'), 'viewed')).toHaveLength(1)

    const statuses: number[] = []
    let retryAfter = ''
    for (let i = 0; i < REPORTS_PER_MINUTE + 20; i++) {
      const answer = await post(relay, '/api/audit', { docId: docOf(`f${i}`), action: 'exported' }, coordinator)
      statuses.push(answer.status)
      if (answer.status === 429) retryAfter = answer.headers.get('retry-after') ?? ''
    }
    // One report was made already this minute (a1's).
    expect(statuses.filter((s) => s === 200)).toHaveLength(REPORTS_PER_MINUTE - 1)
    expect(statuses.filter((s) => s === 429)).toHaveLength(21)
    expect(Number(retryAfter)).toBeGreaterThan(0)

    // The reader of the trail, newest first, is told that reports were refused and how many:
    // one row at the 1st and one at the 10th of the 21 refused, not one per refusal.
    const page = (await (await fetch(`${relay.url}/api/admin/audit`, { headers: { authorization: `Bearer ${coordinator}` } })).json()) as {
      entries: { action: string; detail?: string; userId: string | null }[]
    }
    expect(page.entries[0]).toMatchObject({ action: 'reportsRefused', detail: '10' })
    expect(page.entries.filter((e) => e.action === 'reportsRefused').map((e) => e.detail)).toEqual(['10', '1'])
    const filtered = (await (await fetch(`${relay.url}/api/admin/audit?action=reportsRefused`, { headers: { authorization: `Bearer ${coordinator}` } })).json()) as {
      entries: unknown[]
    }
    expect(filtered.entries).toHaveLength(2)

    // Another member is not held up by the flood, and a 1970 or future date is not kept.
    const before = Date.now()
    expect((await post(relay, '/api/audit', { docId: docOf('b1'), action: 'viewed', at: 1000 }, other)).status).toBe(200)
    expect((await post(relay, '/api/audit', { docId: docOf('b2'), action: 'viewed', at: Date.now() + 365 * 86_400_000 }, other)).status).toBe(200)
    const [old] = rowsOf(docOf('b1'), 'viewed')
    const [future] = rowsOf(docOf('b2'), 'viewed')
    expect(old?.reportedAt).toBeUndefined()
    expect(old?.at).toBeGreaterThanOrEqual(before)
    expect(future?.reportedAt).toBeLessThanOrEqual(Date.now())
  })

  it('N4: fifty sockets opened on one file in a row leave one "opened" entry, not fifty; another member’s opening is its own', async () => {
    const docId = docOf('o1')
    for (let i = 0; i < 50; i++) {
      const client = connectClient(relay.url, docId, undefined, coordinator)
      await waitFor(() => client.provider.synced, 'synced')
      client.destroy()
    }
    const client = connectClient(relay.url, docId, undefined, other)
    await waitFor(() => client.provider.synced, 'synced')
    client.destroy()
    const openings = rowsOf(docId, 'opened')
    expect(openings).toHaveLength(2)
    expect(new Set(openings.map((e) => e.userId)).size).toBe(2)
  })
})

