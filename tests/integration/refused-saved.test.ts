/**
 * "Saved" must mean stored (SPEC S7): a read-only connection's update is refused, so no
 * checkpoint after it on that connection may be answered saved, and the device must keep the
 * refused changes pending rather than drop them as if they were on the relay's disk.
 */
import * as decoding from 'lib0/decoding'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { childDocumentId, settingsDocumentId, toWorkspaceId, type DocumentId } from '../../shared/doc-id'
import { Origin } from '../../shared/origin'
import { MessageType, readNotSaved, readPermissionDenied, readSaved, writeCheckpoint } from '../../shared/protocol'
import type { Workspace } from '../../client/runtime/workspace'
import { WORKSPACE, invite, postOk } from '../helpers/accounts'
import { childProfile, writeChild } from '../helpers/child-file'
import { connectClient, waitFor, type TestClient } from '../helpers/clients'
import { makeDataDir, startTestRelay, type TestRelay } from '../helpers/relay'
import { loadStoredDoc } from '../helpers/stored-doc'
import { makeWorkspace, type SignedIn } from '../helpers/workspace'

/** The answers to checkpoints a socket heard, in order. */
type Answer = { type: 'saved' | 'notSaved'; n: number }

function listenForAnswers(ws: WebSocket | null, answers: Answer[]): void {
  ws?.addEventListener('message', (event: MessageEvent) => {
    const decoder = decoding.createDecoder(new Uint8Array(event.data as ArrayBuffer))
    const type = decoding.readVarUint(decoder)
    if (type === MessageType.saved) answers.push({ type: 'saved', n: readSaved(decoder) })
    if (type === MessageType.notSaved) answers.push({ type: 'notSaved', n: readNotSaved(decoder) })
  })
}

// SPEC S7 SPEC A8
describe('S7: a refused change is never answered saved', () => {
  let data: ReturnType<typeof makeDataDir>
  let relay: TestRelay
  let teacher: string
  let coordinator: string
  let teacherId: string
  let teacherSession: SignedIn
  const settings = settingsDocumentId(toWorkspaceId(WORKSPACE)) as DocumentId
  const cleanup: (() => void)[] = []

  beforeEach(async () => {
    data = makeDataDir()
    relay = await startTestRelay(data.dir)
    coordinator = await relay.setUpCoordinator()
    // The workspace's settings are read-only for a teacher (shared/access.ts).
    const member = await invite(relay, coordinator, 'teacher', 'li', '李老師')
    teacher = member.token
    teacherId = member.user.id
    teacherSession = member
  })
  afterEach(async () => {
    for (const stop of cleanup.splice(0)) stop()
    await relay.stop()
    data.remove()
  })

  it('A8: a reader who reconnects after a coordinator overwrote a setting is not refused: its answer holds only deletions the relay has', async () => {
    const writer = connectClient(relay.url, settings, new Y.Doc(), coordinator)
    const reader: TestClient = connectClient(relay.url, settings, new Y.Doc(), teacher)
    cleanup.push(() => writer.destroy(), () => reader.destroy())
    const denied: string[] = []
    const answers: Answer[] = []
    reader.provider.messageHandlers[MessageType.auth] = (_e, decoder) => void denied.push(readPermissionDenied(decoder))
    reader.provider.messageHandlers[MessageType.saved] = (_e, decoder) => void answers.push({ type: 'saved', n: readSaved(decoder) })
    reader.provider.messageHandlers[MessageType.notSaved] = (_e, decoder) => void answers.push({ type: 'notSaved', n: readNotSaved(decoder) })
    await waitFor(() => writer.provider.synced && reader.provider.synced, 'both synced')
    // A rule switched off, then on again: the second value deletes the first.
    writer.doc.getMap('careRules').set('talk-monthly-teacher', 'off')
    writer.doc.getMap('careRules').set('talk-monthly-teacher', 'on')
    await waitFor(() => reader.doc.getMap('careRules').get('talk-monthly-teacher') === 'on', 'the reader to hear it')
    reader.provider.disconnect()
    reader.provider.connect()
    await waitFor(() => reader.provider.wsconnected && reader.provider.synced, 'the reader synced again')
    reader.provider.ws?.send(writeCheckpoint(1))
    await waitFor(() => answers.length === 1, 'the checkpoint answered')
    expect(answers).toEqual([{ type: 'saved', n: 1 }])
    expect(denied).toEqual([])
  })

  it('a stock client: after permission denied, its checkpoint is answered not saved, never saved', async () => {
    const client: TestClient = connectClient(relay.url, settings, new Y.Doc(), teacher)
    cleanup.push(() => client.destroy())
    const denied: string[] = []
    const answers: Answer[] = []
    client.provider.messageHandlers[MessageType.auth] = (_e, decoder) => void denied.push(readPermissionDenied(decoder))
    client.provider.messageHandlers[MessageType.saved] = (_e, decoder) => void answers.push({ type: 'saved', n: readSaved(decoder) })
    client.provider.messageHandlers[MessageType.notSaved] = (_e, decoder) => void answers.push({ type: 'notSaved', n: readNotSaved(decoder) })
    await waitFor(() => client.provider.synced, 'the teacher synced')
    client.provider.ws?.send(writeCheckpoint(1))
    await waitFor(() => answers.length === 1, 'the first checkpoint answered')
    client.doc.getText('t').insert(0, '老師寫的')
    await waitFor(() => denied.length > 0, 'the write refused')
    client.provider.ws?.send(writeCheckpoint(2))
    await waitFor(() => answers.length === 2, 'the second checkpoint answered')
    expect(answers).toEqual([
      { type: 'saved', n: 1 },
      { type: 'notSaved', n: 2 },
    ])
    expect((await loadStoredDoc(relay.store, settings)).getText('t').toString()).toBe('')
  })

  it("the device: its checkpoint is never answered saved, its pending rows stay, and the file is marked refused", async () => {
    const device: Workspace = makeWorkspace(relay.url, 'teacher-phone', teacher)
    cleanup.push(() => device.close())
    const { doc, provider } = await device.open(settings)
    await waitFor(() => provider.synced, 'the settings synced')
    const answers: Answer[] = []
    listenForAnswers(provider.ws, answers)
    doc.transact(() => doc.getMap('probe').set('note', '老師改的'), Origin.localEdit)
    await device.flushed(settings)
    const pendingBefore = await device.db.pending.where('docId').equals(settings).count()
    expect(pendingBefore).toBeGreaterThan(0)

    await waitFor(() => device.refused.getSnapshot().some((f) => f.docId === settings && f.refusal === 'readOnly'), 'the device to mark the file refused')
    // The device's own checkpoint, 300 ms after the edit, is answered; it must not be "saved".
    await waitFor(() => answers.length > 0, "the device's checkpoint answered")
    expect(answers.every((a) => a.type === 'notSaved')).toBe(true)
    await device.flushed(settings)
    expect(await device.db.pending.where('docId').equals(settings).count()).toBe(pendingBefore)
    expect((await loadStoredDoc(relay.store, settings)).getMap('probe').get('note')).toBeUndefined()
  })

  it('background catch-up does not push a read-only file, keeps its pending rows, and pushes the others', async () => {
    const device: Workspace = makeWorkspace(relay.url, 'teacher-laptop', teacherSession)
    cleanup.push(() => device.close())
    const { doc } = await device.open(settings)
    doc.transact(() => doc.getMap('probe').set('note', '離線改的'), Origin.localEdit)
    await device.flushed(settings)
    device.release(settings)
    await postOk(relay, '/api/admin/classes', { userId: teacherId, classId: 'class-1', assigned: true }, coordinator)
    const child = childDocumentId(toWorkspaceId(WORKSPACE), 'c1')
    await device.createDocument(child, (d) => writeChild(d, { name: '王小明', classId: 'class-1' }, undefined, device.author.getAuthor()))

    const round = await device.background.run()
    expect(round.pushed).toBe(1)
    expect(childProfile(await loadStoredDoc(relay.store, child)).name).toBe('王小明')
    expect(await device.db.pending.where('docId').equals(child).count()).toBe(0)
    expect(await device.db.pending.where('docId').equals(settings).count()).toBeGreaterThan(0)
    expect(device.refused.getSnapshot()).toEqual([{ docId: settings, refusal: 'readOnly' }])
    expect((await loadStoredDoc(relay.store, settings)).getMap('probe').get('note')).toBeUndefined()
  })
})
