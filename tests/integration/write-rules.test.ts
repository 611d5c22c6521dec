/**
 * SPEC R1–R5 through a real relay: the attack of issue 10 (a paired helper writes a field value
 * signed as the coordinator, dated the day before, then far in the future, then before their
 * membership, and erases the field's history) is refused with its reason over the socket and with
 * 403 over HTTP; nothing of it is stored, after a restart either, nor reaches a second client;
 * the class teacher writing to the same file at the same time is stored and forwarded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { encodeBytes } from '../../shared/api'
import { createChildFile, fieldHistory, readChildFile, setChildFields, type EditContext } from '../../shared/docs/child/child'
import { signedName } from '../../shared/docs/write-rules'
import { WORKSPACE, invite, post, postOk, setUpCoordinator } from '../helpers/accounts'
import { connectClient, hearDenied, waitFor, type TestClient } from '../helpers/clients'
import { makeDataDir, startTestRelay, type TestRelay } from '../helpers/relay'
import { loadDocFromDataDir, loadStoredDoc } from '../helpers/stored-doc'

const DOC = `${WORKSPACE}/child/forged1`
const TODAY = '2026-11-29' as never
const DAY = 24 * 60 * 60 * 1000

type Who = 'coordinator' | 'helper' | 'teacher'

describe('writes checked against the writer, through the relay (SPEC R1, R2, R3, R5)', () => {
  let data: ReturnType<typeof makeDataDir>
  let relay: TestRelay
  const clients: TestClient[] = []
  const people = {} as Record<Who, { token: string; author: { id: string; name: string } }>

  beforeAll(async () => {
    data = makeDataDir()
    relay = await startTestRelay(data.dir)
    const coordinator = await setUpCoordinator(relay)
    const helper = await invite(relay, coordinator.token, 'helper', 'helper1', '張媽媽')
    const teacher = await invite(relay, coordinator.token, 'teacher', 'teacher1', '李老師')
    for (const [key, s] of [['coordinator', coordinator], ['helper', helper], ['teacher', teacher]] as const) {
      people[key] = { token: s.token, author: { id: s.user.id, name: signedName(s.user.displayName) } }
    }
    await postOk(relay, '/api/admin/classes', { userId: teacher.user.id, classId: 'class-3', assigned: true }, coordinator.token)
    await postOk(relay, '/api/admin/pairings', { userId: helper.user.id, childId: 'forged1', paired: true }, coordinator.token)
  })
  afterAll(async () => {
    for (const c of clients) c.destroy()
    await relay.stop()
    data.remove()
  })

  const open = async (who: Who) => {
    const client = connectClient(relay.url, DOC, new Y.Doc(), people[who].token)
    clients.push(client)
    const denied = hearDenied(client)
    await waitFor(() => client.provider.synced, `${who} synced`)
    return { client, denied }
  }
  const ctx = (who: Who, now = Date.now()): EditContext => ({ author: people[who].author, today: TODAY, now })
  const stored = () => loadStoredDoc(relay.store, DOC)

  /** An update made on a copy of what the relay stores. */
  const forge = async (change: (copy: Y.Doc) => void) => {
    const copy = new Y.Doc()
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(await stored()))
    const before = Y.encodeStateVector(copy)
    change(copy)
    return Y.encodeStateAsUpdate(copy, before)
  }
  /** Sends a raw update over the helper's socket, as a modified device would. */
  const sendRaw = (client: TestClient, update: Uint8Array) => Y.applyUpdate(client.doc, update, 'forger')

  it('R1 R2 R3 R5: the helper’s forged, back-dated, future, pre-membership and history-erasing writes are refused; the teacher’s are stored', async () => {
    const coordinator = await open('coordinator')
    createChildFile(coordinator.client.doc, { name: '李小紅', classId: 'class-3', 'guardian.name': '王奶奶' }, ctx('coordinator'))
    await waitFor(async () => readChildFile(await stored()).fields['guardian.name']?.value === '王奶奶', 'the file stored')
    const teacher = await open('teacher')
    const watcher = await open('coordinator')
    const helper = await open('helper')
    await waitFor(() => readChildFile(helper.client.doc).fields.name?.value === '李小紅', 'the helper has the file')

    // The seen attack and its variants, each refused with its reason over the socket.
    const attacks: [string, (copy: Y.Doc) => void, string][] = [
      ['signed as the coordinator, the day before', (copy) => setChildFields(copy, { 'guardian.name': '假的' }, ctx('coordinator', Date.now() - DAY)), 'notTheWriter'],
      ['far in the future', (copy) => setChildFields(copy, { 'guardian.name': '未來的' }, ctx('helper', Date.now() + 365 * DAY)), 'badTime'],
      ['before their membership', (copy) => setChildFields(copy, { 'guardian.name': '從前的' }, ctx('helper', Date.now() - 30 * DAY)), 'badTime'],
      ['erasing the history', (copy) => copy.getArray('history').delete(0, copy.getArray('history').length), 'historyRewritten'],
    ]
    for (const [n, [, attack, reason]] of attacks.entries()) {
      const update = await forge(attack)
      // A fresh connection each: the last one's refused write is in its copy, and what it sends next
      // would delete that write, which the relay never stored (refused missingDependencies, SPEC Q8).
      const helper = await open('helper')
      await waitFor(() => readChildFile(helper.client.doc).fields.name?.value === '李小紅', 'the helper has the file')
      const heard = helper.denied.length
      sendRaw(helper.client, update)
      // The honest teacher writes to the same file at the same time.
      setChildFields(teacher.client.doc, { 'guardian.phone': `1380013800${n}` }, ctx('teacher'))
      await waitFor(() => helper.denied.length > heard, `the relay to refuse (${reason})`)
      expect(helper.denied[heard]).toBe(reason)
      await waitFor(() => readChildFile(watcher.client.doc).fields['guardian.phone']?.value === `1380013800${n}`, 'the teacher’s write forwarded')
    }

    // Over HTTP (background sync) the same is refused whole, 403 with the reason.
    for (const [, attack, reason] of attacks) {
      const response = await post(relay, '/api/push', { updates: [{ docId: DOC, update: encodeBytes(await forge(attack)) }] }, people.helper.token)
      expect(response.status).toBe(403)
      expect(await response.json()).toMatchObject({ error: 'refused_write', message: reason })
    }

    // Nothing of it is stored, reopened from the data folder either, nor reached the second client.
    for (const doc of [await stored(), await loadDocFromDataDir(data.dir, DOC), watcher.client.doc]) {
      const file = readChildFile(doc)
      expect(file.fields['guardian.name']).toMatchObject({ value: '王奶奶', byId: people.coordinator.author.id })
      expect(fieldHistory(doc, 'guardian.name').map((e) => e.v)).toEqual(['王奶奶'])
      expect(file.fields['guardian.phone']).toMatchObject({ value: '13800138003', byId: people.teacher.author.id })
    }
    expect(teacher.denied).toEqual([])
    // The helper's own honest write, signed as themselves now, is stored.
    const honest = await forge((copy) => setChildFields(copy, { 'guardian.relation': 'grandmother' }, ctx('helper')))
    const response = await post(relay, '/api/push', { updates: [{ docId: DOC, update: encodeBytes(honest) }] }, people.helper.token)
    expect(response.status).toBe(200)
    await waitFor(() => readChildFile(watcher.client.doc).fields['guardian.relation']?.value === 'grandmother', 'the helper’s own write forwarded')
  })
})
