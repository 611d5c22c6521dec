/**
 * On the device, when access to a child's file ends: unsent changes are kept aside, not
 * lost, and the local copy of the file is removed; live or after being offline.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { childDocumentId, type DocumentId } from '../../shared/doc-id'
import { todayIsoDate } from '../../shared/dates'
import { createChildFile, readChildFile, setChildText, type EditContext } from '../../shared/docs/child/child'
import type { Workspace } from '../../client/runtime/workspace'
import { WORKSPACE, authorOf, invite, postOk, setUpCoordinator } from '../helpers/accounts'
import { connectClient, waitFor, type TestClient } from '../helpers/clients'
import { makeDataDir, startTestRelay, type TestRelay } from '../helpers/relay'
import { loadStoredDoc } from '../helpers/stored-doc'
import { makeWorkspace } from '../helpers/workspace'

// SPEC A6
describe('device: access to a file ends', () => {
  let data: ReturnType<typeof makeDataDir>
  let relay: TestRelay
  let coordinator: string
  let helper: { token: string; id: string }
  let device: Workspace
  let seeded: TestClient
  const docId = childDocumentId(WORKSPACE as never, 'c1') as DocumentId
  const when = { today: todayIsoDate(), now: Date.now() }
  /** Each signs as the account they connect with (docs/SPEC.md R1). */
  let ctx: EditContext
  let officeCtx: EditContext

  beforeEach(async () => {
    data = makeDataDir()
    relay = await startTestRelay(data.dir)
    const office = await setUpCoordinator(relay)
    coordinator = office.token
    officeCtx = { ...when, author: authorOf(office) }
    const member = await invite(relay, coordinator, 'helper', 'zhang', '張媽媽')
    helper = { token: member.token, id: member.user.id }
    ctx = { ...when, author: authorOf(member) }
    await postOk(relay, '/api/admin/pairings', { userId: helper.id, childId: 'c1', paired: true }, coordinator)
    seeded = connectClient(relay.url, docId, new Y.Doc(), coordinator)
    await waitFor(() => seeded.provider.synced, 'seed synced')
    createChildFile(seeded.doc, { name: '李小紅' }, officeCtx)
    device = makeWorkspace(relay.url, 'helper-phone', helper.token)
  })
  afterEach(async () => {
    device.close()
    seeded.destroy()
    await relay.stop()
    data.remove()
  })

  const pendingFor = () => device.db.pending.where('docId').equals(docId).count()

  it('offline: the unsent change is kept aside, the file leaves the device, the relay never gets it', async () => {
    const open = await device.open(docId)
    await waitFor(() => readChildFile(open.doc).fields.name?.value === '李小紅', 'the file on the device')
    open.provider.disconnect()
    setChildText(open.doc, 'profile.interests', '喜歡畫畫（離線寫的）', ctx)
    await device.flushed(docId)
    expect(await pendingFor()).toBeGreaterThan(0)

    await postOk(relay, '/api/admin/pairings', { userId: helper.id, childId: 'c1', paired: false }, coordinator)
    await device.background.run()

    const kept = await device.db.keptAside.toArray()
    expect(kept).toHaveLength(1)
    const copy = new Y.Doc()
    Y.applyUpdate(copy, kept[0]!.update)
    expect(readChildFile(copy).texts['profile.interests']).toBe('喜歡畫畫（離線寫的）')
    expect(await device.db.updates.where('docId').equals(docId).count()).toBe(0)
    expect(await pendingFor()).toBe(0)
    expect(await device.db.children.get('c1')).toBeUndefined()
    expect(device.isOpen(docId)).toBe(false)
    expect(readChildFile(await loadStoredDoc(relay.store, docId)).texts['profile.interests']).toBe('')
  })

  it('live: the relay closes the file, and the device removes its copy; nothing was unsent, nothing kept', async () => {
    const open = await device.open(docId)
    await waitFor(() => open.provider.synced && readChildFile(open.doc).fields.name?.value === '李小紅', 'synced')
    await device.flushed(docId)
    let n = -1
    await waitFor(() => {
      void pendingFor().then((c) => (n = c))
      return n === 0
    }, 'nothing pending')
    let ended: string | undefined
    device.onAccessEnded((id) => (ended = id))
    await postOk(relay, '/api/admin/pairings', { userId: helper.id, childId: 'c1', paired: false }, coordinator)
    await waitFor(() => ended === docId, 'the device to hear the access ended', 5000)
    expect(await device.db.updates.where('docId').equals(docId).count()).toBe(0)
    expect(await device.db.keptAside.count()).toBe(0)
    expect(device.isOpen(docId)).toBe(false)
  })

  /** A second child's file on the relay, written by the coordinator. */
  const seedChild = async (childId: string, fields: { name: string; classId?: string }) => {
    const id = childDocumentId(WORKSPACE as never, childId) as DocumentId
    const client = connectClient(relay.url, id, new Y.Doc(), coordinator)
    await waitFor(() => client.provider.synced, 'the coordinator synced')
    createChildFile(client.doc, fields, officeCtx)
    await waitFor(async () => readChildFile(await loadStoredDoc(relay.store, id)).fields.name?.value === fields.name, 'the file on the relay')
    client.destroy()
  }

  // SPEC S4
  it('a child paired after the device caught up arrives at the next round, though the cursor had passed it', async () => {
    await seedChild('c2', { name: '王小明' })
    const rounds = device.background
    await rounds.run()
    expect((await device.db.children.get('c1'))?.name).toBe('李小紅')
    expect(await device.db.children.get('c2')).toBeUndefined()

    await postOk(relay, '/api/admin/pairings', { userId: helper.id, childId: 'c2', paired: true }, coordinator)
    await rounds.run()
    expect((await device.db.children.get('c2'))?.name).toBe('王小明')
    // Nothing changed since: the next round starts from its cursor, and pulls nothing.
    expect(await rounds.run()).toEqual({ pulled: 0, pushed: 0 })
  })

  it("a child filed in a teacher's class after the teacher's device caught up arrives at the next round", async () => {
    const teacher = await invite(relay, coordinator, 'teacher', 'li', '李老師')
    await postOk(relay, '/api/admin/classes', { userId: teacher.user.id, classId: 'class-3', assigned: true }, coordinator)
    // A file naming no class yet: the relay knows it in no class (a file's own class is learnt at once: SPEC P1).
    await seedChild('c3', { name: '張偉' })
    const phone = makeWorkspace(relay.url, 'teacher-phone-2', teacher.token)
    const rounds = phone.background
    await rounds.run()
    expect(await phone.db.children.get('c3')).toBeUndefined()

    // The coordinator's device tells the relay the child's class (as its background round does).
    await postOk(relay, '/api/admin/child-class', { childId: 'c3', classId: 'class-3' }, coordinator)
    await rounds.run()
    expect((await phone.db.children.get('c3'))?.name).toBe('張偉')
    phone.close()
  })

  it('live, typing as the pairing ends: the change is either on the relay or kept aside, never lost', async () => {
    const open = await device.open(docId)
    await waitFor(() => open.provider.synced && readChildFile(open.doc).fields.name?.value === '李小紅', 'synced')
    let ended: string | undefined
    device.onAccessEnded((id) => (ended = id))
    setChildText(open.doc, 'profile.interests', '最後一句話', ctx)
    await postOk(relay, '/api/admin/pairings', { userId: helper.id, childId: 'c1', paired: false }, coordinator)
    await waitFor(() => ended === docId, 'the device to hear the access ended', 5000)
    const onRelay = readChildFile(await loadStoredDoc(relay.store, docId)).texts['profile.interests'] === '最後一句話'
    const kept = await device.db.keptAside.toArray()
    const keptText = kept.map((k) => {
      const copy = new Y.Doc()
      Y.applyUpdate(copy, k.update)
      return readChildFile(copy).texts['profile.interests']
    })
    expect(onRelay || keptText.includes('最後一句話')).toBe(true)
    expect(await device.db.updates.where('docId').equals(docId).count()).toBe(0)
  })

  // SPEC X1
  it('a file viewed offline reaches the audit trail once back online, with the time it was viewed', async () => {
    const viewedAt = Date.now()
    const port = relay.port
    await relay.stop()
    await device.reportAudit(docId as DocumentId, 'viewed')
    await expect(device.background.run()).rejects.toThrow()
    expect(await device.db.outbox.count()).toBe(1)
    relay = await startTestRelay(data.dir, port)
    await device.background.run()
    expect(await device.db.outbox.count()).toBe(0)
    const trail = relay.access.auditForDoc(WORKSPACE, docId)
    const viewed = trail.filter((e) => e.action === 'viewed')
    expect(viewed).toHaveLength(1)
    expect(viewed[0]?.userId).toBe(helper.id)
    expect(viewed[0]?.reportedAt).toBeGreaterThanOrEqual(viewedAt)
    expect(viewed[0]?.reportedAt).toBeLessThanOrEqual(viewed[0]?.at ?? 0)
  })

  it("a teacher's new child, created offline in their class, is filed with the relay and synced, not dropped", async () => {
    const teacher = await invite(relay, coordinator, 'teacher', 'li', '李老師')
    await postOk(relay, '/api/admin/classes', { userId: teacher.user.id, classId: 'class-3', assigned: true }, coordinator)
    const phone = makeWorkspace(relay.url, 'teacher-phone', teacher.token)
    const newId = childDocumentId(WORKSPACE as never, 'new-child') as DocumentId
    await phone.createDocument(newId, (doc) => createChildFile(doc, { name: '王小明', classId: 'class-3' }, { ...when, author: authorOf(teacher) }))
    const round = await phone.background.run()
    expect(round.pushed).toBe(1)
    expect(await phone.db.keptAside.count()).toBe(0)
    expect(readChildFile(await loadStoredDoc(relay.store, newId)).fields.name?.value).toBe('王小明')
    phone.close()
  })
})
