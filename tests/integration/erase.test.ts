/**
 * A coordinator erases a child's file: from the relay's files, byte for byte, and from every
 * device that held it, with nothing kept aside; the audit trail keeps that it existed and was
 * erased; the relay refuses the id from then on, across restarts.
 */
import { existsSync, readFileSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import * as Y from 'yjs'
import { FilePath, encodeBytes } from '../../shared/api'
import { childDocumentId, toWorkspaceId, type DocumentId } from '../../shared/doc-id'
import { readChildFile, setChildText } from '../../shared/docs/child/child'
import { Origin } from '../../shared/origin'
import { CloseCode } from '../../shared/protocol'
import { WORKSPACE, authorOf, invite, post, postOk, setUpCoordinator } from '../helpers/accounts'
import { connectClient, waitFor, type TestClient } from '../helpers/clients'
import { accessFileIn, dbFileIn, makeDataDir, startTestRelay, type TestRelay } from '../helpers/relay'
import { loadStoredDoc } from '../helpers/stored-doc'
import { WHOLE_FILE, writeWholeFile } from '../helpers/whole-file'
import { makeWorkspace } from '../helpers/workspace'
import { memoryStorage } from '../helpers/memory-storage'
import { UnloadJournal } from '../../client/runtime/store/unload-journal'
import type { Workspace } from '../../client/runtime/workspace'

const docId = childDocumentId(toWorkspaceId(WORKSPACE), 'c1')
const otherId = childDocumentId(toWorkspaceId(WORKSPACE), 'c2')
const OTHER_NAME = '王小明留守'

/** Every file SQLite keeps for the data folder's two databases. */
const sqliteFiles = (dataDir: string) => [dbFileIn(dataDir), accessFileIn(dataDir)].flatMap((db) => [db, `${db}-wal`, `${db}-shm`]).filter((f) => existsSync(f))
/** The files (of those) whose bytes hold `text` as UTF-8, as Yjs stores strings. */
const filesHolding = (dataDir: string, text: string) => sqliteFiles(dataDir).filter((file) => readFileSync(file).includes(Buffer.from(text, 'utf8')))

/** Whether the relay upgraded a socket to `docId`, or the HTTP status it answered instead. */
function upgrade(url: string, id: string, token: string): Promise<{ opened: true } | { status: number }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/sync/${id}`, { headers: { authorization: `Bearer ${token}` } })
    ws.on('unexpected-response', (_request, response) => {
      resolve({ status: response.statusCode ?? 0 })
      ws.terminate()
    })
    ws.on('open', () => {
      resolve({ opened: true })
      ws.close()
    })
    ws.on('error', () => {})
  })
}

describe("erase: a child's file, from the relay and every device", () => {
  let data: ReturnType<typeof makeDataDir>
  let relay: TestRelay
  let coordinator: string
  let coordinatorAuthor: { id: string; name: string }
  let helper: { token: string; id: string }
  let teacher: { token: string; id: string }
  const clients: TestClient[] = []
  /** A stock client on the file that stays connected, and the codes its socket was closed with. */
  let live: TestClient
  const closeCodes: number[] = []

  const seed = async (id: DocumentId, write: (doc: Y.Doc) => void) => {
    const client = connectClient(relay.url, id, new Y.Doc(), coordinator)
    clients.push(client)
    await waitFor(() => client.provider.synced, 'the coordinator synced')
    write(client.doc)
    return client
  }

  beforeEach(async () => {
    data = makeDataDir()
    relay = await startTestRelay(data.dir)
    const session = await setUpCoordinator(relay)
    coordinator = session.token
    coordinatorAuthor = authorOf(session)
    const h = await invite(relay, coordinator, 'helper', 'zhang', '張媽媽')
    helper = { token: h.token, id: h.user.id }
    const t = await invite(relay, coordinator, 'teacher', 'li', '李老師')
    teacher = { token: t.token, id: t.user.id }
    await postOk(relay, '/api/admin/pairings', { userId: helper.id, childId: 'c1', paired: true }, coordinator)
    await postOk(relay, '/api/admin/classes', { userId: teacher.id, classId: WHOLE_FILE.classId, assigned: true }, coordinator)
    await postOk(relay, '/api/admin/child-class', { childId: 'c1', classId: WHOLE_FILE.classId }, coordinator)

    live = await seed(docId, (doc) => writeWholeFile(doc, coordinatorAuthor))
    live.provider.on('connection-close', (event) => {
      if (event) closeCodes.push(event.code)
      // A refused reconnection would only be noise.
      live.provider.shouldConnect = false
    })
    // Many small edits, so the file is in many rows, pages and WAL frames, and compacted once.
    for (let i = 0; i < 240; i++) setChildText(live.doc, 'profile.habits', `第${i}次：${WHOLE_FILE.interests}`, { author: coordinatorAuthor, today: '2024-11-01' as never, now: Date.now(), origin: Origin.localEdit })
    await seed(otherId, (doc) => doc.getText('text:profile.character').insert(0, OTHER_NAME))
    await waitFor(async () => (await loadStoredDoc(relay.store, docId)).getText('text:profile.habits').toString().startsWith('第239次'), 'every edit on the relay')
    await waitFor(async () => (await loadStoredDoc(relay.store, otherId)).getText('text:profile.character').length > 0, 'the other file on the relay')
  })
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy()
    closeCodes.length = 0
    await relay.stop()
    data.remove()
  })

  const erase = (token?: string) => post(relay, FilePath.erase, { docId }, token)

  // SPEC E5
  it('E5: leaves no byte of the file in either SQLite file or its WAL; the audit trail keeps that it was opened, changed and erased', async () => {
    const facts = [WHOLE_FILE.name, WHOLE_FILE.fatherPhone, WHOLE_FILE.recordText, WHOLE_FILE.helperPhone, WHOLE_FILE.interests, WHOLE_FILE.notes]
    // The search finds them before: it reads the right bytes.
    for (const fact of facts) expect(filesHolding(data.dir, fact).length, fact).toBeGreaterThan(0)

    const response = await erase(coordinator)
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ erased: docId })

    for (const fact of facts) expect(filesHolding(data.dir, fact), fact).toEqual([])
    // The other child's file is whole.
    expect(filesHolding(data.dir, OTHER_NAME).length).toBeGreaterThan(0)
    expect((await loadStoredDoc(relay.store, otherId)).getText('text:profile.character').toString()).toBe(OTHER_NAME)
    expect(await relay.store.load(docId)).toEqual({ updates: [], lastSeq: 0 })

    const trail = relay.access.auditForDoc(WORKSPACE, docId)
    const actions = new Set(trail.map((e) => e.action))
    expect(actions.has('opened') && actions.has('changed')).toBe(true)
    expect(trail.at(-1)).toMatchObject({ action: 'erased', userId: relay.access.userByName('wang')?.id, docId })
    // Its class and its pairings are gone from access.db.
    expect(relay.access.childClass(WORKSPACE, 'c1')).toBeUndefined()
    expect(relay.access.isPaired(WORKSPACE, helper.id, 'c1')).toBe(false)
    expect(relay.access.raw.prepare("SELECT COUNT(*) AS n FROM pairings WHERE child_id = 'c1'").get()).toEqual({ n: 0 })
    for (const fact of facts) expect(relay.logs.join('\n')).not.toContain(fact)
  })

  // SPEC E6
  it('E6: closes the live socket with 4410, and refuses the id from then on: upgrade, pull, push, filing, pairing, export; /api/access says erased', async () => {
    expect((await erase(coordinator)).status).toBe(200)
    await waitFor(() => closeCodes.includes(CloseCode.erased), 'the live socket closed with 4410')

    expect(await upgrade(relay.url, docId, coordinator)).toEqual({ status: 403 })
    expect(await upgrade(relay.url, docId, helper.token)).toEqual({ status: 403 })
    const update = new Y.Doc()
    update.getText('text:profile.habits').insert(0, WHOLE_FILE.name)
    const push = await post(relay, '/api/push', { updates: [{ docId, update: encodeBytes(Y.encodeStateAsUpdate(update)) }] }, coordinator)
    expect(push.status).toBe(403)
    expect(await push.json()).toMatchObject({ error: 'erased' })
    const pull = await post(relay, '/api/pull', { docs: [{ docId, stateVector: encodeBytes(Y.encodeStateVector(new Y.Doc())) }] }, coordinator)
    expect(pull.status).toBe(403)
    expect(await relay.store.load(docId)).toEqual({ updates: [], lastSeq: 0 })

    for (const [path, body] of [
      ['/api/admin/child-class', { childId: 'c1', classId: WHOLE_FILE.classId }],
      ['/api/admin/pairings', { userId: helper.id, childId: 'c1', paired: true }],
      ['/api/audit', { docId, action: 'viewed' }],
      [FilePath.export, { docId }],
      [FilePath.erase, { docId }],
    ] as const) {
      const refused = await post(relay, path, body, coordinator)
      expect(refused.status, path).toBe(403)
      expect(await refused.json(), path).toMatchObject({ error: 'erased' })
    }
    expect(relay.access.childClass(WORKSPACE, 'c1')).toBeUndefined()

    for (const token of [coordinator, helper.token]) {
      expect(await postOk(relay, '/api/access', { docIds: [docId, otherId] }, token)).toEqual({
        access: { [docId]: 'none', [otherId]: token === coordinator ? 'write' : 'none' },
        erased: [docId],
      })
    }

    // A restarted relay remembers.
    const port = relay.port
    await relay.stop()
    relay = await startTestRelay(data.dir, port)
    expect(await upgrade(relay.url, docId, coordinator)).toEqual({ status: 403 })
    expect(await postOk(relay, '/api/access', { docIds: [docId] }, coordinator)).toMatchObject({ erased: [docId] })
  })

  it('only a coordinator may erase: the paired helper and the class teacher get 403, no one signed in 401, and the file stays', async () => {
    expect((await erase(helper.token)).status).toBe(403)
    expect((await erase(teacher.token)).status).toBe(403)
    expect((await erase()).status).toBe(401)
    expect((await post(relay, FilePath.erase, { docId: 'school-2/child/c1' }, coordinator)).status).toBe(403)
    expect(filesHolding(data.dir, WHOLE_FILE.name).length).toBeGreaterThan(0)
    expect(relay.access.auditForDoc(WORKSPACE, docId).some((e) => e.action === 'erased')).toBe(false)
    expect(closeCodes).toEqual([])
  })

  describe('on the devices', () => {
    const devices: Workspace[] = []
    const device = (name: string, token: string, deviceStorage?: ReturnType<typeof memoryStorage>) => {
      const d = makeWorkspace(relay.url, name, token, deviceStorage ? { deviceStorage } : {})
      devices.push(d)
      return d
    }
    afterEach(() => {
      for (const d of devices.splice(0)) d.close()
    })
    const ctx = { author: { id: 'h', name: '張媽媽' }, today: '2024-11-01' as never, now: Date.now() }
    /** Everything the device keeps of the file, table by table. */
    const heldBy = async (d: Workspace) => ({
      updates: await d.db.updates.where('docId').equals(docId).count(),
      pending: await d.db.pending.where('docId').equals(docId).count(),
      dirty: await d.db.dirty.where('docId').equals(docId).count(),
      children: await d.db.children.where('docId').equals(docId).count(),
      records: await d.db.records.where('docId').equals(docId).count(),
      keptAside: await d.db.keptAside.count(),
      open: d.isOpen(docId),
    })
    const NOTHING = { updates: 0, pending: 0, dirty: 0, children: 0, records: 0, keptAside: 0, open: false }

    /** Opens the file on the device, waits for it to sync, then cuts its socket and writes something unsent. */
    const writeOffline = async (d: Workspace, text: string) => {
      const open = await d.open(docId)
      await waitFor(() => open.provider.synced && readChildFile(open.doc).fields.name?.value === WHOLE_FILE.name, 'the file on the device')
      open.provider.disconnect()
      setChildText(open.doc, 'profile.academic', text, ctx)
      await d.flushed(docId)
      expect((await heldBy(d)).pending).toBeGreaterThan(0)
    }

    // SPEC E7
    it('E7: a device with unsent changes drops the file at its next round, keeping nothing aside; a live one on 4410', async () => {
      const storage = memoryStorage()
      const helperPhone = device('helper-phone', helper.token, storage)
      await helperPhone.background.run()
      expect(await helperPhone.db.children.get('c1')).toMatchObject({ name: WHOLE_FILE.name })
      expect((await heldBy(helperPhone)).records).toBe(1)
      await writeOffline(helperPhone, '離線寫的：數學進步了')
      // Typed and not yet in the file, and journalled by a page that closed: on the device only.
      helperPhone.drafts.put(docId, 'field:guardian.name', '還沒寫進檔案的名字')
      new UnloadJournal(storage).add(docId, new Uint8Array([0, 0]), true)
      expect([...storage.entries().keys()].filter((k) => k.includes(docId))).toHaveLength(2)

      const teacherPhone = device('teacher-phone', teacher.token)
      const open = await teacherPhone.open(docId)
      await waitFor(() => open.provider.synced && readChildFile(open.doc).fields.name?.value === WHOLE_FILE.name, 'the teacher has it open')
      await teacherPhone.flushed(docId)
      const heard: string[] = []
      teacherPhone.onAccessEnded((id, why) => id === docId && heard.push(why))

      expect((await erase(coordinator)).status).toBe(200)

      // Live: the socket's close code says erased, and the file goes at once.
      await waitFor(() => heard.includes('erased'), 'the teacher’s device to hear 4410')
      expect(await heldBy(teacherPhone)).toEqual(NOTHING)
      // Offline, then back: its next round learns it from /api/access.
      await helperPhone.background.run()
      expect(await heldBy(helperPhone)).toEqual(NOTHING)
      expect([...storage.entries().keys()].filter((k) => k.includes(docId))).toEqual([])
      expect(await helperPhone.db.outbox.filter((e) => (e.body as { docId?: string }).docId === docId).count()).toBe(0)
      // And the relay never got the unsent change back.
      expect(filesHolding(data.dir, '離線寫的：數學進步了')).toEqual([])
      expect(await relay.store.load(docId)).toEqual({ updates: [], lastSeq: 0 })
    })

    it('a copy kept aside when access ended earlier is forgotten once the file is erased', async () => {
      const helperPhone = device('helper-phone-2', helper.token)
      await helperPhone.background.run()
      await writeOffline(helperPhone, '留在手機上的一句')
      await postOk(relay, '/api/admin/pairings', { userId: helper.id, childId: 'c1', paired: false }, coordinator)
      await helperPhone.background.run()
      expect((await heldBy(helperPhone)).keptAside).toBe(1)

      expect((await erase(coordinator)).status).toBe(200)
      await helperPhone.background.run()
      expect(await heldBy(helperPhone)).toEqual(NOTHING)
    })

    it('the coordinator’s own device erases through the relay, then forgets its copy', async () => {
      const office = device('office-pc', coordinator)
      await office.background.run()
      expect((await heldBy(office)).updates).toBeGreaterThan(0)
      await office.eraseFile(docId as DocumentId)
      expect(await heldBy(office)).toEqual(NOTHING)
      expect(await relay.store.erasedAmong([docId])).toEqual(new Set([docId]))
      // A helper's device cannot: the relay refuses, and nothing is forgotten.
      const helperPhone = device('helper-phone-3', helper.token)
      await expect(helperPhone.eraseFile(otherId as DocumentId)).rejects.toThrow()
    })
  })
})
