/**
 * A round's progress (docs/SPEC.md S16) against a real relay with accounts: the relay counts only
 * the files the caller may read, and a device's round tells how far it is, page by page, up to
 * that count, and then that it is over.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { decodeCatchupPage } from '../../shared/sync/catchup-page'
import type { SyncProgress } from '../../client/runtime/sync/catchup'
import type { Workspace } from '../../client/runtime/workspace'
import { invite, postOk, setUpCoordinator } from '../helpers/accounts'
import { writeFiles } from '../helpers/catchup-scenario'
import { makeDataDir, startTestRelay, type TestRelay } from '../helpers/relay'
import { makeWorkspace } from '../helpers/workspace'

describe('how far a round is', () => {
  let data: ReturnType<typeof makeDataDir>
  let relay: TestRelay
  const workspaces: Workspace[] = []

  beforeEach(async () => {
    data = makeDataDir()
    relay = await startTestRelay(data.dir)
  })
  afterEach(async () => {
    for (const w of workspaces.splice(0)) w.close()
    await relay.stop()
    data.remove()
  })

  const firstPage = async (token: string) => {
    const response = await fetch(`${relay.url}/api/catchup?workspace=school-1&after=0&count=1`, { headers: { authorization: `Bearer ${token}` } })
    expect(response.status).toBe(200)
    return decodeCatchupPage(new Uint8Array(await response.arrayBuffer()))
  }

  it('SPEC S16: the relay counts the files the caller may read, never the others; a round tells how far it is, then that it is over', async () => {
    const session = await setUpCoordinator(relay)
    const files = await writeFiles({ relayUrl: relay.url, session }, 300)
    const helper = await invite(relay, session.token, 'helper', 'helper1', '張媽媽')
    for (const i of [1, 2, 3]) await postOk(relay, '/api/admin/pairings', { userId: helper.user.id, childId: `child-${i.toString(36).padStart(4, '0')}`, paired: true }, session.token)

    const all = (await firstPage(session.token)).files
    expect(all).toBeGreaterThanOrEqual(300)
    // The helper hears of their three children's files (and the workspace's own documents), nothing of the 297 others.
    const mine = await firstPage(helper.token)
    expect(mine.files).toBeGreaterThanOrEqual(3)
    expect(mine.files).toBeLessThan(10)
    expect(mine.entries.filter((e) => files.ids.includes(e.docId as (typeof files.ids)[number]))).toHaveLength(3)
    // Only the page that asks is counted.
    const next = await fetch(`${relay.url}/api/catchup?workspace=school-1&after=0`, { headers: { authorization: `Bearer ${session.token}` } })
    expect(decodeCatchupPage(new Uint8Array(await next.arrayBuffer())).files).toBe(0)

    const device = makeWorkspace(relay.url, undefined, session, { backgroundIntervalMs: 3_600_000 })
    workspaces.push(device)
    const told: (SyncProgress | undefined)[] = []
    device.syncProgress.subscribe(() => told.push(device.syncProgress.getSnapshot()))
    await device.background.run()
    const steps = told.filter((p): p is SyncProgress => p !== undefined)
    expect(steps.length).toBeGreaterThan(1)
    expect(steps.every((p) => p.total === all)).toBe(true)
    const received = steps.map((p) => p.received)
    expect(received).toEqual([...received].sort((a, b) => a - b))
    expect(received.at(-1)).toBe(all)
    expect(told.at(-1)).toBeUndefined()
  }, 120_000)
})
