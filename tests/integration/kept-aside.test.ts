/**
 * Nothing stuck aside: changes kept aside when access to a file ended reach the relay, either
 * when the same person's access comes back or when a coordinator imports the saved file.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { childDocumentId, toWorkspaceId, type DocumentId } from '../../shared/doc-id'
import { todayIsoDate } from '../../shared/dates'
import { createChildFile, readChildFile, setChildFields, setChildText, type EditContext } from '../../shared/docs/child/child'
import { readKeptAsideFile, writeKeptAsideFile } from '../../shared/kept-aside-file'
import type { Workspace } from '../../client/runtime/workspace'
import { WORKSPACE, authorOf, invite, postOk, setUpCoordinator } from '../helpers/accounts'
import { connectClient, waitFor } from '../helpers/clients'
import { makeDataDir, startTestRelay, type TestRelay } from '../helpers/relay'
import { loadStoredDoc } from '../helpers/stored-doc'
import { makeWorkspace } from '../helpers/workspace'

const docId = childDocumentId(toWorkspaceId(WORKSPACE), 'c1') as DocumentId
const when = { today: todayIsoDate(), now: Date.now() }
const interestsOnRelay = async (relay: TestRelay) => readChildFile(await loadStoredDoc(relay.store, docId)).texts['profile.interests']

describe('changes kept aside reach the relay', () => {
  let data: ReturnType<typeof makeDataDir>
  let relay: TestRelay
  let coordinator: string
  let helper: { token: string; id: string }
  /** The helper signs as their account, the coordinator as theirs (docs/SPEC.md R1). */
  let ctx: EditContext
  let device: Workspace
  const pair = (paired: boolean) => postOk(relay, '/api/admin/pairings', { userId: helper.id, childId: 'c1', paired }, coordinator)

  beforeEach(async () => {
    data = makeDataDir()
    relay = await startTestRelay(data.dir)
    const office = await setUpCoordinator(relay)
    coordinator = office.token
    const member = await invite(relay, coordinator, 'helper', 'zhang', '張媽媽')
    helper = { token: member.token, id: member.user.id }
    ctx = { ...when, author: authorOf(member) }
    await pair(true)
    const seed = connectClient(relay.url, docId, new Y.Doc(), coordinator)
    await waitFor(() => seed.provider.synced, 'seed synced')
    createChildFile(seed.doc, { name: '李小紅', classId: 'class-1' }, { ...when, author: authorOf(office) })
    await waitFor(async () => readChildFile(await loadStoredDoc(relay.store, docId)).fields.name?.value === '李小紅', 'the file on the relay')
    seed.destroy()

    // Offline, the helper writes; the pairing ends before the device is back: the change is kept aside.
    device = makeWorkspace(relay.url, 'helper-phone', member)
    await device.background.run()
    const open = await device.open(docId)
    open.provider.disconnect()
    setChildText(open.doc, 'profile.interests', '喜歡畫畫（離線寫的）', ctx)
    // A field too: its history entry is signed by the helper, whoever pushes it later.
    setChildFields(open.doc, { 'guardian.name': '李奶奶' }, ctx)
    await device.flushed(docId)
    await pair(false)
    await device.background.run()
    expect(await device.db.keptAside.count()).toBe(1)
    expect(await interestsOnRelay(relay)).toBe('')
  })
  afterEach(async () => {
    device.close()
    await relay.stop()
    data.remove()
  })

  // SPEC A12
  it('A12: the same person paired again gets the kept change back at the next round, pushed to the relay', async () => {
    await pair(true)
    await device.background.run()
    expect(await interestsOnRelay(relay)).toBe('喜歡畫畫（離線寫的）')
    expect(await device.db.keptAside.count()).toBe(0)
    expect(await device.db.pending.count()).toBe(0)
    // The file is on the device again, and in its list.
    expect((await device.db.children.get('c1'))?.name).toBe('李小紅')
    const back = await device.readStored(docId)
    expect(readChildFile(back as Y.Doc).texts['profile.interests']).toBe('喜歡畫畫（離線寫的）')
  })

  // SPEC A12
  it('while access is still ended, the change stays aside; a file opened meanwhile gets it through its socket', async () => {
    await device.background.run()
    expect(await device.db.keptAside.count()).toBe(1)

    await pair(true)
    // The person opened the file (a link) before the round: the kept change goes into the open document.
    const open = await device.open(docId)
    await waitFor(() => open.provider.synced && readChildFile(open.doc).fields.name?.value === '李小紅', 'the file open and synced')
    await device.background.run()
    expect(await device.db.keptAside.count()).toBe(0)
    expect(readChildFile(open.doc).texts['profile.interests']).toBe('喜歡畫畫（離線寫的）')
    await waitFor(async () => (await interestsOnRelay(relay)) === '喜歡畫畫（離線寫的）', 'the change on the relay')
    await waitFor(async () => (await device.db.pending.count()) === 0, 'nothing pending')
    device.release(docId)
  })

  // SPEC A13
  // SPEC R1
  it('A13: a coordinator imports the saved file, and the kept change reaches the relay as theirs, still signed by the helper', async () => {
    // What "Save to a file" on the helper's phone writes.
    const saved = writeKeptAsideFile(await device.db.keptAside.toArray())
    const office = makeWorkspace(relay.url, 'coordinator-laptop', coordinator)
    try {
      // The coordinator's laptop has every file already (its background rounds pulled them).
      await office.background.run()
      const read = readKeptAsideFile(saved, office.workspaceId)
      if (!read.ok) throw new Error(`the saved file was refused: ${read.problem.code}`)
      const imported = await office.importKeptAside(read.entries)
      expect(imported).toEqual({ ok: true, labels: [{ kind: 'child', name: '李小紅' }] })
      expect(await office.db.pending.where('docId').equals(docId).count()).toBeGreaterThan(0)
      await office.background.run()
      expect(await interestsOnRelay(relay)).toBe('喜歡畫畫（離線寫的）')
      expect(await office.db.pending.count()).toBe(0)
      // The helper's field, as the helper wrote and signed it (a coordinator may push a member's entries).
      const stored = readChildFile(await loadStoredDoc(relay.store, docId)).fields['guardian.name']
      expect([stored?.value, stored?.byId, stored?.by]).toEqual(['李奶奶', helper.id, '張媽媽'])
      // Nothing else of the file changed: the name the coordinator wrote is still there.
      expect(readChildFile(await loadStoredDoc(relay.store, docId)).fields.name?.value).toBe('李小紅')
    } finally {
      office.close()
    }
  })

  // SPEC A13
  it('A13: a coordinator device that never had the file imports it too, and a refused file changes nothing', async () => {
    const saved = writeKeptAsideFile(await device.db.keptAside.toArray())
    const phone = makeWorkspace(relay.url, 'coordinator-phone', coordinator)
    try {
      const other = readKeptAsideFile(saved.replaceAll(`${WORKSPACE}/`, 'other-school/'), phone.workspaceId)
      expect(other).toEqual({ ok: false, problem: { code: 'otherWorkspace', name: '李小紅' } })
      expect(await phone.db.updates.count()).toBe(0)

      const read = readKeptAsideFile(saved, phone.workspaceId)
      if (!read.ok) throw new Error(`the saved file was refused: ${read.problem.code}`)
      expect((await phone.importKeptAside(read.entries)).ok).toBe(true)
      await phone.background.run()
      expect(await interestsOnRelay(relay)).toBe('喜歡畫畫（離線寫的）')
      expect(await phone.db.pending.count()).toBe(0)
    } finally {
      phone.close()
    }
  })
})
