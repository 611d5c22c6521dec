/**
 * SPEC D1–D3 through a real relay: a helper's deletion of someone else's record is refused
 * by the relay (over the socket and over HTTP) and reaches nobody; the author's own deletion
 * is stored, shows in the bin on a second device with who and when, and a coordinator restores
 * it from there; the audit trail records both.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { encodeBytes } from '../../shared/api'
import { moveToBin, readBin, restoreFromBin } from '../../shared/docs/child/bin'
import { createChildFile } from '../../shared/docs/child/child'
import { addRecord, readRecords } from '../../shared/docs/child/records'
import { WORKSPACE, invite, post, postOk, setUpCoordinator } from '../helpers/accounts'
import { connectClient, hearDenied, waitFor, type TestClient } from '../helpers/clients'
import { makeDataDir, startTestRelay, type TestRelay } from '../helpers/relay'
import { loadStoredDoc } from '../helpers/stored-doc'
import { makeWorkspace } from '../helpers/workspace'
import type { DocumentId } from '../../shared/doc-id'

const DOC = `${WORKSPACE}/child/bin1`
const TODAY = '2026-11-29' as never

describe('the bin, enforced by the relay (SPEC D1, D2, D3)', () => {
  let data: ReturnType<typeof makeDataDir>
  let relay: TestRelay
  const clients: TestClient[] = []
  const people = {} as Record<'coordinator' | 'helper' | 'other', { token: string; author: { id: string; name: string } }>

  beforeAll(async () => {
    data = makeDataDir()
    relay = await startTestRelay(data.dir)
    const coordinator = await setUpCoordinator(relay)
    const helper = await invite(relay, coordinator.token, 'helper', 'helper1', '張媽媽')
    const other = await invite(relay, coordinator.token, 'helper', 'helper2', '劉阿姨')
    for (const [key, s] of [['coordinator', coordinator], ['helper', helper], ['other', other]] as const) {
      people[key] = { token: s.token, author: { id: s.user.id, name: s.user.displayName } }
      if (key !== 'coordinator') await postOk(relay, '/api/admin/pairings', { userId: s.user.id, childId: 'bin1', paired: true }, coordinator.token)
    }
  })
  afterAll(async () => {
    for (const c of clients) c.destroy()
    await relay.stop()
    data.remove()
  })

  const open = async (who: keyof typeof people) => {
    const client = connectClient(relay.url, DOC, new Y.Doc(), people[who].token)
    clients.push(client)
    const denied = hearDenied(client)
    await waitFor(() => client.provider.synced, `${who} synced`)
    return { client, denied }
  }
  const ctx = (who: keyof typeof people) => ({ author: people[who].author, today: TODAY, now: Date.now() })
  const stored = () => loadStoredDoc(relay.store, DOC)

  it('refuses a helper’s deletion of the coordinator’s record, over the socket and over HTTP; nobody sees it', async () => {
    const coordinator = await open('coordinator')
    createChildFile(coordinator.client.doc, { name: '李小紅' }, ctx('coordinator'))
    const added = addRecord(coordinator.client.doc, { type: 'activity', date: '2026-11-01', fields: { title: '六一联欢' } }, ctx('coordinator'))
    if (!('id' in added)) throw new Error('not added')
    await waitFor(async () => readRecords(await stored()).length === 1, 'the record stored')

    const helper = await open('other')
    await waitFor(() => readRecords(helper.client.doc).length === 1, 'the helper has the record')
    moveToBin(helper.client.doc, 'records', added.id, ctx('other'))
    await waitFor(() => helper.denied.length > 0, 'the relay to refuse')
    expect(helper.denied).toEqual(['notYoursToDelete'])
    // Outright removal is refused too, from a copy without the refused move (this one's removal
    // would build on what the relay never took, and be refused for that: SPEC Q8).
    const again = await open('other')
    again.client.doc.getMap('records').delete(added.id)
    await waitFor(() => again.denied.length > 0, 'the relay to refuse the removal')
    expect(again.denied).toEqual(['removeEntry'])
    expect(readRecords(await stored()).map((r) => r.id)).toEqual([added.id])
    expect(readBin(await stored())).toEqual([])
    expect(readRecords(coordinator.client.doc).map((r) => r.id)).toEqual([added.id])

    // The same deletion pushed over HTTP (background sync) is refused whole, with a reason.
    const copy = new Y.Doc()
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(await stored()))
    const before = Y.encodeStateVector(copy)
    moveToBin(copy, 'records', added.id, ctx('other'))
    const response = await post(relay, '/api/push', { updates: [{ docId: DOC, update: encodeBytes(Y.encodeStateAsUpdate(copy, before)) }] }, people.other.token)
    expect(response.status).toBe(403)
    expect(await response.json()).toMatchObject({ error: 'refused_write', message: 'notYoursToDelete' })
    expect(readBin(await stored())).toEqual([])
  })

  it('stores the author’s own deletion; a second device shows it in the bin, and a coordinator restores it there', async () => {
    const author = await open('helper')
    const added = addRecord(author.client.doc, { type: 'talk', date: '2026-11-20', notes: '最近有进步。' }, ctx('helper'))
    if (!('id' in added)) throw new Error('not added')
    await waitFor(async () => readRecords(await stored()).some((r) => r.id === added.id), 'the talk stored')
    moveToBin(author.client.doc, 'records', added.id, ctx('helper'))
    await waitFor(async () => readBin(await stored()).some((b) => b.id === added.id), 'the deletion stored')
    expect(author.denied).toEqual([])

    const second = await open('coordinator')
    await waitFor(() => readBin(second.client.doc).some((b) => b.id === added.id), 'the bin on the second device')
    const entry = readBin(second.client.doc).find((b) => b.id === added.id)
    expect(entry?.deletion.by).toBe('張媽媽')
    expect(readRecords(second.client.doc).some((r) => r.id === added.id)).toBe(false)
    restoreFromBin(second.client.doc, 'records', added.id)
    await waitFor(async () => readRecords(await stored()).some((r) => r.id === added.id), 'the restoration stored')
    await waitFor(() => readRecords(author.client.doc).find((r) => r.id === added.id)?.notes === '最近有进步。', 'the author sees it back, words and all')

    const trail = (await relay.access.auditForDoc(WORKSPACE, DOC)).map((e) => [e.userId, e.action])
    expect(trail).toContainEqual([people.helper.author.id, 'deleted'])
    expect(trail).toContainEqual([people.coordinator.author.id, 'restored'])
    expect(trail.filter(([, action]) => action === 'deleted')).toHaveLength(1)
  })

  it('the device hears why: the refused file carries the rule broken, over its socket and over a background push (SPEC D3)', async () => {
    const coordinator = await open('coordinator')
    const added = addRecord(coordinator.client.doc, { type: 'talk', date: '2026-11-21', notes: '协调人写的' }, ctx('coordinator'))
    if (!('id' in added)) throw new Error('not added')
    await waitFor(async () => readRecords(await stored()).some((r) => r.id === added.id), 'the record stored')

    const dbName = `other-phone-${Date.now()}`
    const live = makeWorkspace(relay.url, 'other-phone', people.other.token, { dbName })
    try {
      const { doc, provider } = await live.open(DOC as DocumentId)
      await waitFor(() => provider.synced && readRecords(doc).some((r) => r.id === added.id), 'the phone has the record')
      moveToBin(doc, 'records', added.id, ctx('other'))
      await waitFor(() => live.refused.getSnapshot().length > 0, 'the phone to mark the file refused')
      expect(live.refused.getSnapshot()).toEqual([{ docId: DOC, refusal: 'rules', reason: 'notYoursToDelete' }])
      await live.flushed(DOC as DocumentId)
    } finally {
      live.close()
    }
    // The app started again (the list of refused files is kept in memory only): its catch-up
    // pushes the change that is still pending, and the relay's 403 names the rule again.
    const again = makeWorkspace(relay.url, 'other-phone', people.other.token, { dbName })
    try {
      await again.background.run()
      expect(again.refused.getSnapshot()).toEqual([{ docId: DOC, refusal: 'rules', reason: 'notYoursToDelete' }])
    } finally {
      again.close()
    }
    expect(readBin(await stored()).some((b) => b.id === added.id)).toBe(false)
  })
})
