/**
 * Publishing a term's figures to supervisors, end to end through a real relay with accounts:
 * the coordinator's device computes the figures from its index and publishes them (stored on
 * the device first, sent by background sync); the supervisor's device receives the report and
 * reads its figures. What the supervisor was served is checked at the relay, not by trusting
 * their device: every document the relay granted their account (listed, pulled, opened) is
 * recorded by a hook in the relay's composition, and the audit trail is read.
 */
import { WebSocket } from 'ws'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { encodeBytes } from '../../shared/api'
import type { SessionResponse } from '../../shared/auth-api'
import { childDocumentId, parseDocumentId, reportDocumentId, settingsDocumentId, toWorkspaceId } from '../../shared/doc-id'
import { createChildFile } from '../../shared/docs/child/child'
import type { ReportScope } from '../../shared/docs/report/edition'
import { publishFigures, readReport, toPublishedFigures } from '../../shared/docs/report/report'
import { addClass, addSchool, addTerm, readOrganisation } from '../../shared/docs/settings/organisation'
import { computeFigures, type Figures } from '../../shared/figures/figures'
import type { IsoDate } from '../../shared/dates'
import type { Authorizer, Caller } from '../../server/auth/authorizer'
import type { Workspace } from '../../client/runtime/workspace'
import { storedDocumentIds } from '../../client/runtime/store/documents'
import { WORKSPACE, authorOf, invite, setUpCoordinator } from '../helpers/accounts'
import { connectClient, hearDenied, waitFor, waitSynced, type TestClient } from '../helpers/clients'
import { makeDataDir, startTestRelay, type TestRelay } from '../helpers/relay'
import { loadStoredDoc } from '../helpers/stored-doc'
import { makeWorkspace } from '../helpers/workspace'

const WS = toWorkspaceId(WORKSPACE)
const TERM = '2026-autumn'
const PERIOD = { start: '2026-09-01' as IsoDate, end: '2027-01-20' as IsoDate, term: TERM }
const REPORT = reportDocumentId(WS, TERM)
const SETTINGS = settingsDocumentId(WS)
const WHOLE: ReportScope = { kind: 'workspace' }
const CHILDREN = [
  ['c-li', '李小紅', 'female', '2017-05-01'],
  ['c-wang', '王小明', 'male', '2016-01-01'],
  ['c-zhang', '張偉', 'male', '2012-03-03'],
] as const

/** Every document the relay told each account it may read or write, by account id. */
const granted = new Map<string, Set<string>>()
function recordGrants(inner: Authorizer): Authorizer {
  const wrap = (caller: Caller): Caller => ({
    ...caller,
    access: (docId) => {
      const access = caller.access(docId)
      if (access !== 'none') (granted.get(caller.identity.id) ?? granted.set(caller.identity.id, new Set()).get(caller.identity.id))?.add(docId)
      return access
    },
    again: () => {
      const again = caller.again()
      return again && wrap(again)
    },
  })
  return {
    ...inner,
    callerOf: (c) => {
      const who = inner.callerOf(c)
      return who && wrap(who)
    },
  }
}

/** Opens a raw socket: the HTTP status of a refused upgrade and the bytes received. */
function tryOpen(relay: TestRelay, docId: string, token: string): Promise<{ status: number; bytes: number }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${relay.url.replace('http', 'ws')}/sync/${docId}`, { headers: { authorization: `Bearer ${token}` } })
    let bytes = 0
    ws.on('message', (data: Buffer) => (bytes += data.length))
    ws.on('unexpected-response', (_req, res) => {
      resolve({ status: res.statusCode ?? 0, bytes })
      ws.terminate()
    })
    ws.on('open', () => {
      resolve({ status: 101, bytes })
      ws.close()
    })
    ws.on('error', () => resolve({ status: 0, bytes }))
  })
}

describe('publishing a term’s figures to supervisors (SPEC J)', () => {
  let data: ReturnType<typeof makeDataDir>
  let relay: TestRelay
  let coordinator: SessionResponse
  let supervisor: SessionResponse
  let teacher: SessionResponse
  let helper: SessionResponse
  let office: Workspace
  let figures: Figures
  const devices: Workspace[] = []
  const clients: TestClient[] = []

  const post = (path: string, body: unknown, token: string) =>
    fetch(`${relay.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) })
  const device = (name: string, session: SessionResponse) => {
    const w = makeWorkspace(relay.url, name, session)
    devices.push(w)
    return w
  }
  const editionsOnRelay = async () => readReport(await loadStoredDoc(relay.store, REPORT)).editions
  /** An update appending an edition to the relay's report, signed as `author`. */
  const forgedUpdate = async (author: { id: string; name: string }) => {
    const copy = await loadStoredDoc(relay.store, REPORT)
    const before = Y.encodeStateVector(copy)
    publishFigures(copy, { figures, scope: WHOLE }, { author, now: Date.now() })
    return encodeBytes(Y.encodeStateAsUpdate(copy, before))
  }

  beforeAll(async () => {
    data = makeDataDir()
    relay = await startTestRelay(data.dir, 0, { wrapAuthorizer: recordGrants })
    coordinator = await setUpCoordinator(relay)
    supervisor = await invite(relay, coordinator.token, 'supervisor', 'zhao', '趙督導')
    teacher = await invite(relay, coordinator.token, 'teacher', 'li', '李老師')
    helper = await invite(relay, coordinator.token, 'helper', 'zhang', '張媽媽')

    // The coordinator's device: the organisation, three children's files, all sent.
    office = device('office', coordinator)
    let classId = ''
    await office.createDocument(SETTINGS, (doc) => {
      const school = addSchool(doc, { name: '东山镇中心小学' })
      if (!('id' in school)) throw new Error('no school')
      const cls = addClass(doc, { schoolId: school.id, grade: 3, section: '1', pupils: 40 })
      if (!('id' in cls)) throw new Error('no class')
      classId = cls.id
      addTerm(doc, { code: TERM, start: PERIOD.start, end: PERIOD.end })
    })
    const ctx = { author: authorOf(coordinator), today: '2026-09-10' as IsoDate, now: Date.now() }
    for (const [id, name, gender, birthDate] of CHILDREN) {
      await office.createDocument(childDocumentId(WS, id), (doc) => createChildFile(doc, { name, gender, birthDate, classId }, ctx))
    }
    await office.background.run()
    const settings = await office.readStored(SETTINGS)
    if (!settings) throw new Error('no settings')
    figures = computeFigures({ org: readOrganisation(settings), ...(await office.queries.indexRows()), period: PERIOD })
  })
  afterAll(async () => {
    for (const w of devices.splice(0)) w.close()
    for (const c of clients.splice(0)) c.destroy()
    await relay.stop()
    data.remove()
  })

  it('J1, J4: the coordinator’s device publishes from its index: kept on the device first, then sent by background sync', async () => {
    expect(figures.leftBehind).toBe(3)
    await office.createDocument(REPORT, (doc) => publishFigures(doc, { figures, scope: WHOLE }, { author: office.author.getAuthor(), now: Date.now() }))
    expect(await office.db.pending.where('docId').equals(REPORT).count()).toBeGreaterThan(0)
    expect(await editionsOnRelay()).toEqual([])
    await office.background.run()
    const onRelay = await editionsOnRelay()
    expect(onRelay).toHaveLength(1)
    expect(onRelay[0]?.figures).toEqual(toPublishedFigures(figures))
    expect(onRelay[0]?.by).toBe('王校長')
    expect(await office.db.pending.where('docId').equals(REPORT).count()).toBe(0)
  })

  it('J2: the supervisor’s device receives the report and reads its figures, and stores no child’s file or plan', async () => {
    const phone = device('supervisor-phone', supervisor)
    await phone.start()
    await phone.background.run()
    const stored = await phone.queries.storedUnder(`${WS}/report/`)
    expect(stored.map((s) => s.docId)).toEqual([REPORT])
    const doc = new Y.Doc()
    Y.applyUpdate(doc, stored[0]?.update ?? new Uint8Array())
    const report = readReport(doc)
    expect(report.latest[0]?.figures.leftBehind).toBe(3)
    expect(report.latest[0]?.figures.gender).toEqual({ female: 1, male: 2 })
    expect(report.latest[0]?.figures).toEqual(toPublishedFigures(figures))
    const held = await storedDocumentIds(phone.db)
    expect(held.map((id) => parseDocumentId(id)?.kind).sort()).toEqual(['report', 'settings'])
    expect(await phone.db.children.count()).toBe(0)
    expect(await phone.db.records.count()).toBe(0)
  })

  it('J2: checked at the relay: the supervisor was listed, served and opened only the settings and the report; a child’s file is refused', async () => {
    const child = childDocumentId(WS, CHILDREN[0][0])
    // Asked for it anyway: refused before the upgrade, and whole over HTTP.
    expect(await tryOpen(relay, child, supervisor.token)).toEqual({ status: 403, bytes: 0 })
    const emptyVector = encodeBytes(Y.encodeStateVector(new Y.Doc()))
    expect((await post('/api/pull', { docs: [{ docId: REPORT, stateVector: emptyVector }, { docId: child, stateVector: emptyVector }] }, supervisor.token)).status).toBe(403)
    expect((await post('/api/pull', { docs: [{ docId: REPORT, stateVector: emptyVector }] }, supervisor.token)).status).toBe(200)

    expect([...(granted.get(supervisor.user.id) ?? [])].sort()).toEqual([REPORT, SETTINGS].sort())
    // The hook sees what the others are granted, so an empty record would not pass for the supervisor's.
    expect(granted.get(coordinator.user.id)).toContain(child)
    for (const [id] of CHILDREN) {
      expect(relay.access.auditForDoc(WORKSPACE, childDocumentId(WS, id)).filter((e) => e.userId === supervisor.user.id)).toEqual([])
    }
  })

  it('J3: a helper’s forged publish is refused, over HTTP and over a socket, and stores nothing', async () => {
    const forged = await forgedUpdate(authorOf(coordinator))
    const push = await post('/api/push', { updates: [{ docId: REPORT, update: forged }] }, helper.token)
    expect(push.status).toBe(403)
    const client = connectClient(relay.url, REPORT, new Y.Doc(), helper.token)
    clients.push(client)
    const denied = hearDenied(client)
    await waitSynced(client)
    publishFigures(client.doc, { figures, scope: WHOLE }, { author: authorOf(coordinator), now: Date.now() })
    await waitFor(() => denied.length > 0, 'the relay to refuse the helper’s edition')
    expect(await editionsOnRelay()).toHaveLength(1)
  })

  it('J3: a coordinator publishing in another member’s name is refused notTheWriter; in their own, it is taken', async () => {
    const push = await post('/api/push', { updates: [{ docId: REPORT, update: await forgedUpdate(authorOf(supervisor)) }] }, coordinator.token)
    expect(push.status).toBe(403)
    expect(((await push.json()) as { message: string }).message).toBe('notTheWriter')
    expect(await editionsOnRelay()).toHaveLength(1)
    const own = await post('/api/push', { updates: [{ docId: REPORT, update: await forgedUpdate(authorOf(coordinator)) }] }, coordinator.token)
    expect(own.status).toBe(200)
    expect(await editionsOnRelay()).toHaveLength(2)
  })

  it('J2: a teacher’s device reads the report too; a supervisor asking what a child’s file is to them hears none', async () => {
    const phone = device('teacher-phone', teacher)
    await phone.background.run()
    expect((await phone.queries.storedUnder(`${WS}/report/`)).map((s) => s.docId)).toEqual([REPORT])
    const access = (await (await post('/api/access', { docIds: [REPORT, childDocumentId(WS, 'c-li'), `${WS}/plan/${TERM}`] }, supervisor.token)).json()) as { access: Record<string, string> }
    expect(access.access).toEqual({ [REPORT]: 'read', [childDocumentId(WS, 'c-li')]: 'none', [`${WS}/plan/${TERM}`]: 'none' })
  })
})

