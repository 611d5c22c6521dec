/**
 * A child's class and pairings are one fact, the file's (docs/SPEC.md P1–P5): the relay's
 * access follows whatever device changed them, refuses who may not change them, and tells
 * the devices concerned at once.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { Access } from '../../shared/access'
import { dayBefore, workspaceToday } from '../../shared/dates'
import { childDocumentId, type DocumentId } from '../../shared/doc-id'
import { readChildClass } from '../../shared/docs/child/access-facts'
import { createChildFile, setChildFields, type EditContext } from '../../shared/docs/child/child'
import { endPairing, pairAccount, readPairings } from '../../shared/docs/child/pairings'
import { MessageType, readPermissionDenied } from '../../shared/protocol'
import type { Workspace } from '../../client/runtime/workspace'
import { loadClassCards } from '../../client/features/cards/card-data'
import { addClass, addSchool } from '../../shared/docs/settings/organisation'
import { readOrganisation } from '../../shared/docs/settings/organisation-read'
import { WORKSPACE, invite, postOk, setUpCoordinator } from '../helpers/accounts'
import { connectClient, waitFor, type TestClient } from '../helpers/clients'
import { makeDataDir, startTestRelay, type TestRelay } from '../helpers/relay'
import { loadStoredDoc } from '../helpers/stored-doc'
import { makeWorkspace } from '../helpers/workspace'

const docOf = (childId: string) => childDocumentId(WORKSPACE as never, childId) as DocumentId
/** No background round fires by the clock during a test: what arrives, arrives because the relay said so. */
const NEVER = 3_600_000

describe('one class and one pairing: the file is the fact', () => {
  let data: ReturnType<typeof makeDataDir>
  let relay: TestRelay
  let coordinator: { token: string; id: string }
  const clients: TestClient[] = []
  const devices: Workspace[] = []
  const today = workspaceToday()
  const ctx = (id: string, name: string): EditContext => ({ author: { id, name }, today, now: Date.now() })

  beforeEach(async () => {
    data = makeDataDir()
    relay = await startTestRelay(data.dir)
    const c = await setUpCoordinator(relay)
    coordinator = { token: c.token, id: c.user.id }
  })
  afterEach(async () => {
    for (const d of devices.splice(0)) d.close()
    for (const c of clients.splice(0)) c.destroy()
    await relay.stop()
    data.remove()
  })

  const connect = async (docId: string, token: string) => {
    const client = connectClient(relay.url, docId, new Y.Doc(), token)
    clients.push(client)
    await waitFor(() => client.provider.synced, `synced ${docId}`)
    return client
  }
  /** A child's file as a coordinator's device writes it, stored on the relay. */
  const seed = async (childId: string, name: string, classId: string) => {
    const client = await connect(docOf(childId), coordinator.token)
    createChildFile(client.doc, { name, classId }, ctx(coordinator.id, '王校長'))
    await waitFor(async () => readChildClass(await loadStoredDoc(relay.store, docOf(childId))) === classId, `${name} on the relay`)
    return client
  }
  const teacherOf = async (username: string, classId: string) => {
    const t = await invite(relay, coordinator.token, 'teacher', username, username)
    await postOk(relay, '/api/admin/classes', { userId: t.user.id, classId, assigned: true }, coordinator.token)
    return t
  }
  const device = (token: string) => {
    const d = makeWorkspace(relay.url, undefined, token, { backgroundIntervalMs: NEVER })
    devices.push(d)
    return d
  }
  const accessOf = async (token: string, childId: string): Promise<Access> => {
    const answer = await postOk<{ access: Record<string, Access> }>(relay, '/api/access', { docIds: [docOf(childId)] }, token)
    return answer.access[docOf(childId)] ?? 'none'
  }

  // SPEC P1
  it('P1: two schools with the same class names are two classes: a teacher gets exactly their own class’s children', async () => {
    // Both schools have a 一年級一班; the settings give each its own id.
    const settings = new Y.Doc()
    const [east, west] = ['東山小學', '西山小學'].map((name) => {
      const school = addSchool(settings, { name })
      if (!('id' in school)) throw new Error('school')
      const cls = addClass(settings, { schoolId: school.id, grade: 1, section: '一' })
      if (!('id' in cls)) throw new Error('class')
      return cls.id
    }) as [string, string]
    expect(readOrganisation(settings).classes.map((c) => [c.grade, c.section])).toEqual([[1, '一'], [1, '一']])
    const teacher = await teacherOf('li', east)
    await seed('c1', '李小紅', east)
    await seed('c2', '王小明', west)
    await seed('c3', '陳靜', east)
    const phone = device(teacher.token)
    await phone.background.run()
    expect((await phone.db.children.toArray()).map((c) => [c.name, c.classId]).sort()).toEqual([['李小紅', east], ['陳靜', east]].sort())
    // The class's contact cards, printed on the coordinator's device that holds both schools: exactly its children.
    const office = device(coordinator.token)
    await office.background.run()
    expect((await loadClassCards(office, east, today)).cards.map((c) => c.name).sort()).toEqual(['李小紅', '陳靜'].sort())
    expect((await loadClassCards(office, west, today)).cards.map((c) => c.name)).toEqual(['王小明'])
  })

  // SPEC P1 SPEC P4
  it('P4: a child moved on a coordinator’s device offline: once it syncs, the old teacher’s device drops the file and the new one’s gets it, at once', async () => {
    const oldTeacher = await teacherOf('li', 'class-3-1')
    const newTeacher = await teacherOf('zhao', 'class-3-2')
    await seed('c1', '李小紅', 'class-3-1')
    const oldPhone = device(oldTeacher.token)
    const newPhone = device(newTeacher.token)
    for (const d of [oldPhone, newPhone]) {
      await d.start()
      d.startSync()
    }
    await waitFor(async () => (await oldPhone.db.children.get('c1')) !== undefined, 'the old teacher has the file')
    expect(await newPhone.db.children.get('c1')).toBeUndefined()

    const laptop = device(coordinator.token)
    const open = await laptop.open(docOf('c1'))
    await waitFor(() => open.provider.synced && readChildClass(open.doc) === 'class-3-1', 'the coordinator’s copy')
    laptop.setNetworkAllowed(false)
    setChildFields(open.doc, { classId: 'class-3-2' }, ctx(coordinator.id, '王校長'))
    await laptop.flushed(docOf('c1'))
    laptop.setNetworkAllowed(true)

    // Well within the first background interval (an hour here): the relay told both devices.
    await waitFor(async () => (await oldPhone.db.children.get('c1')) === undefined && (await oldPhone.db.updates.where('docId').equals(docOf('c1')).count()) === 0, 'the old teacher’s device drops the file')
    await waitFor(async () => (await newPhone.db.children.get('c1'))?.classId === 'class-3-2', 'the new teacher’s device gets it')
    const moved = relay.access.auditForDoc(WORKSPACE, docOf('c1')).filter((e) => e.action === 'moved')
    expect(moved).toMatchObject([{ userId: coordinator.id, detail: 'class-3-1 → class-3-2' }])
  })

  // SPEC P3
  it('P3: a helper’s change of the class, and a helper’s pairing of an account, are refused with a reason, and nothing is stored', async () => {
    await seed('c1', '李小紅', 'class-3-1')
    const helper = await invite(relay, coordinator.token, 'helper', 'zhang', '張媽媽')
    await postOk(relay, '/api/admin/pairings', { userId: helper.user.id, childId: 'c1', paired: true }, coordinator.token)
    const denied: string[] = []
    // Each attempt from a fresh copy: a change made after a refused one depends on it, and is never applied.
    const attempt = async (change: (doc: Y.Doc) => void, what: string) => {
      const client = await connect(docOf('c1'), helper.token)
      client.provider.messageHandlers[MessageType.auth] = (_e, decoder) => void denied.push(readPermissionDenied(decoder))
      await waitFor(() => readChildClass(client.doc) === 'class-3-1', 'the helper has the file')
      const before = denied.length
      change(client.doc)
      await waitFor(() => denied.length > before, what)
      client.destroy()
    }
    await attempt((doc) => setChildFields(doc, { classId: 'class-9-9' }, ctx(helper.user.id, '張媽媽')), 'the move refused')
    await attempt((doc) => pairAccount(doc, { userId: helper.user.id, name: '張媽媽', kind: 'proxyParent', from: today }, ctx(helper.user.id, '張媽媽')), 'the pairing refused')
    expect(denied).toEqual(['notYourClassToChange', 'accountPairingsCoordinatorOnly'])

    const stored = await loadStoredDoc(relay.store, docOf('c1'))
    expect(readChildClass(stored)).toBe('class-3-1')
    expect(readPairings(stored).map((p) => p.kind)).toEqual(['caringMother'])
    expect(relay.access.childClass(WORKSPACE, 'c1')).toBe('class-3-1')
  })

  // SPEC P2 SPEC P5
  it('P2, P5: a pairing a coordinator writes into the file grants the helper access; ending it or binning it takes it away; the pairings API writes the file', async () => {
    const coordinatorCopy = await seed('c1', '李小紅', 'class-3-1')
    const helper = await invite(relay, coordinator.token, 'helper', 'zhang', '張媽媽')
    expect(await accessOf(helper.token, 'c1')).toBe('none')

    const started = '2025-01-01' as never
    const made = pairAccount(coordinatorCopy.doc, { userId: helper.user.id, name: '張媽媽', kind: 'caringMother', from: started }, ctx(coordinator.id, '王校長'))
    const id = 'id' in made ? made.id : ''
    await waitFor(async () => (await accessOf(helper.token, 'c1')) === 'write', 'the helper may open the file')
    // Ended yesterday: its last day is past.
    endPairing(coordinatorCopy.doc, id, dayBefore(today), ctx(coordinator.id, '王校長'))
    await waitFor(async () => (await accessOf(helper.token, 'c1')) === 'none', 'the ended pairing no longer opens it')

    // Made today and binned today: never took effect.
    const again = pairAccount(coordinatorCopy.doc, { userId: helper.user.id, name: '張媽媽', kind: 'cadre', from: today }, ctx(coordinator.id, '王校長'))
    await waitFor(async () => (await accessOf(helper.token, 'c1')) === 'write', 'paired again')
    endPairing(coordinatorCopy.doc, 'id' in again ? again.id : '', dayBefore(today), ctx(coordinator.id, '王校長'))
    await waitFor(async () => (await accessOf(helper.token, 'c1')) === 'none', 'the binned pairing no longer opens it')
    const actions = relay.access.auditForDoc(WORKSPACE, docOf('c1')).filter((e) => e.action === 'paired' || e.action === 'unpaired')
    expect(actions.map((e) => [e.action, e.detail])).toEqual([
      ['paired', helper.user.id],
      ['unpaired', helper.user.id],
      ['paired', helper.user.id],
      ['unpaired', helper.user.id],
    ])

    // Through the coordinators' API: the pairing is in the file, on the relay and on live copies.
    const other = await invite(relay, coordinator.token, 'helper', 'chen', '陳幹部')
    await postOk(relay, '/api/admin/pairings', { userId: other.user.id, childId: 'c1', paired: true, kind: 'cadre' }, coordinator.token)
    const inFile = (doc: Y.Doc) => readPairings(doc).find((p) => p.userId === other.user.id)
    expect(inFile(await loadStoredDoc(relay.store, docOf('c1')))).toMatchObject({ name: '陳幹部', kind: 'cadre', from: today })
    await waitFor(() => inFile(coordinatorCopy.doc) !== undefined, 'the live copy has it')
    expect(await accessOf(other.token, 'c1')).toBe('write')
    await postOk(relay, '/api/admin/pairings', { userId: other.user.id, childId: 'c1', paired: false }, coordinator.token)
    expect(await accessOf(other.token, 'c1')).toBe('none')
  })
})
