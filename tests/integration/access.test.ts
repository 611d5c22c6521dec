/**
 * Access enforced by the relay, through real sockets: every role against every kind of
 * document, read and write; refusals before any document byte; revocation within five
 * seconds; presence that carries the identity the relay knows.
 */
import * as encoding from 'lib0/encoding'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import * as Y from 'yjs'
import { encodeBytes } from '../../shared/api'
import type { Access, Role } from '../../shared/access'
import { SESSION_COOKIE } from '../../shared/auth-api'
import { CloseCode, writeAwareness } from '../../shared/protocol'
import { publishFigures, readReport } from '../../shared/docs/report/report'
import { computeFigures } from '../../shared/figures/figures'
import type { IsoDate } from '../../shared/dates'
import { WORKSPACE, authorOf, invite, postOk, setUpCoordinator } from '../helpers/accounts'
import { connectClient, hearDenied, waitFor, type TestClient } from '../helpers/clients'
import { makeDataDir, startTestRelay, type TestRelay } from '../helpers/relay'
import { loadStoredDoc } from '../helpers/stored-doc'

const DOCS = {
  settings: `${WORKSPACE}/settings`,
  plan: `${WORKSPACE}/plan/2026-1`,
  ownChild: `${WORKSPACE}/child/c1`,
  otherChild: `${WORKSPACE}/child/c2`,
  report: `${WORKSPACE}/report/2026-1`,
} as const
type DocName = keyof typeof DOCS

/**
 * How the test writes a mark into a document and finds it there: a text for most kinds; for a
 * report, an edition signed by its writer (its rules take nothing else: SPEC J3), for a school
 * named by the mark.
 */
interface Content {
  write(doc: Y.Doc, mark: string, author: { id: string; name: string }): void
  has(doc: Y.Doc, mark: string): boolean
}
const TEXT: Content = {
  write: (doc, mark) => doc.getText('text:profile.habits').insert(0, mark),
  has: (doc, mark) => doc.getText('text:profile.habits').toString().includes(mark),
}
const PERIOD = { start: '2026-02-20' as IsoDate, end: '2026-07-10' as IsoDate }
const EDITION: Content = {
  write: (doc, mark, author) => {
    const figures = computeFigures({ org: { schools: [], classes: [], terms: [] }, children: [], records: [], pairings: [], period: PERIOD, filter: { schoolId: mark } })
    publishFigures(doc, { figures, scope: { kind: 'school', schoolId: mark, schoolName: mark } }, { author, now: Date.now() })
  },
  has: (doc, mark) => readReport(doc).editions.some((e) => e.scope.kind === 'school' && e.scope.schoolId === mark),
}
const contentOf = (doc: DocName): Content => (doc === 'report' ? EDITION : TEXT)

// For the teacher, "ownChild" is in their class; for the helper, "otherChild" is paired with them.
const EXPECTED: Record<Role, Record<DocName, Access>> = {
  coordinator: { settings: 'write', plan: 'write', ownChild: 'write', otherChild: 'write', report: 'write' },
  teacher: { settings: 'read', plan: 'write', ownChild: 'write', otherChild: 'none', report: 'read' },
  helper: { settings: 'read', plan: 'read', ownChild: 'none', otherChild: 'write', report: 'read' },
  supervisor: { settings: 'read', plan: 'none', ownChild: 'none', otherChild: 'none', report: 'read' },
}

/** Opens a raw socket and reports whether the relay upgraded it, or the HTTP status it answered. */
function tryOpen(relay: TestRelay, docId: string, headers: Record<string, string>): Promise<{ opened: boolean; status?: number; bytes: number }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${relay.url.replace('http', 'ws')}/sync/${docId}`, { headers })
    let bytes = 0
    ws.on('message', (data: Buffer) => (bytes += data.length))
    ws.on('unexpected-response', (_req, res) => {
      resolve({ opened: false, status: res.statusCode ?? 0, bytes })
      ws.terminate()
    })
    ws.on('open', () => {
      setTimeout(() => {
        resolve({ opened: true, bytes })
        ws.close()
      }, 50)
    })
    ws.on('error', () => resolve({ opened: false, bytes }))
  })
}

describe('access enforced by the relay', () => {
  let data: ReturnType<typeof makeDataDir>
  let relay: TestRelay
  const tokens = {} as Record<Role, string>
  const ids = {} as Record<Role, string>
  const authors = {} as Record<Role, { id: string; name: string }>
  const clients: TestClient[] = []

  beforeAll(async () => {
    data = makeDataDir()
    relay = await startTestRelay(data.dir)
    const coordinator = await setUpCoordinator(relay)
    tokens.coordinator = coordinator.token
    ids.coordinator = coordinator.user.id
    authors.coordinator = authorOf(coordinator)
    for (const [role, name] of [['teacher', '李老師'], ['helper', '張媽媽'], ['supervisor', '趙督導']] as const) {
      const member = await invite(relay, coordinator.token, role, `${role}1`, name)
      tokens[role] = member.token
      ids[role] = member.user.id
      authors[role] = authorOf(member)
    }
    await postOk(relay, '/api/admin/classes', { userId: ids.teacher, classId: 'class-1', assigned: true }, tokens.coordinator)
    await postOk(relay, '/api/admin/child-class', { childId: 'c1', classId: 'class-1' }, tokens.coordinator)
    await postOk(relay, '/api/admin/child-class', { childId: 'c2', classId: 'class-2' }, tokens.coordinator)
    await postOk(relay, '/api/admin/pairings', { userId: ids.helper, childId: 'c2', paired: true }, tokens.coordinator)
    // Every document has content, written by the coordinator.
    for (const [name, docId] of Object.entries(DOCS) as [DocName, string][]) {
      const c = connectClient(relay.url, docId, new Y.Doc(), tokens.coordinator)
      clients.push(c)
      await waitFor(() => c.provider.synced, `coordinator synced ${docId}`)
      contentOf(name).write(c.doc, 'seed', authors.coordinator)
      await waitFor(async () => contentOf(name).has(await loadStoredDoc(relay.store, docId), 'seed'), `seed stored in ${docId}`)
    }
  })
  afterAll(async () => {
    for (const c of clients) c.destroy()
    await relay.stop()
    data.remove()
  })

  const roles = Object.keys(EXPECTED) as Role[]
  const cases = roles.flatMap((role) => (Object.keys(DOCS) as DocName[]).map((doc) => [role, doc, EXPECTED[role][doc]] as const))

  // SPEC A7 SPEC A8 SPEC O6 (a supervisor reads the settings and cannot write them)
  it.each(cases)('%s on %s: %s', async (role, doc, expected) => {
    const docId = DOCS[doc]
    if (expected === 'none') {
      const attempt = await tryOpen(relay, docId, { authorization: `Bearer ${tokens[role]}` })
      expect(attempt).toEqual({ opened: false, status: 403, bytes: 0 })
      return
    }
    const client = connectClient(relay.url, docId, new Y.Doc(), tokens[role])
    clients.push(client)
    const denied = hearDenied(client)
    const content = contentOf(doc)
    await waitFor(() => client.provider.synced && content.has(client.doc, 'seed'), `${role} reads ${doc}`)
    const mark = `${role}-wrote`
    content.write(client.doc, mark, authors[role])
    if (expected === 'write') {
      await waitFor(async () => content.has(await loadStoredDoc(relay.store, docId), mark), `${role}'s write stored`)
      expect(denied).toEqual([])
    } else {
      await waitFor(() => denied.length > 0, `${role}'s write refused`)
      expect(denied[0]).toBe('read-only')
      expect(content.has(await loadStoredDoc(relay.store, docId), mark)).toBe(false)
    }
  })

  // SPEC A7
  it('refuses thousands of unauthorised attempts before any document byte, and logs no token', async () => {
    const expired = await invite(relay, tokens.coordinator, 'helper', 'leaver', '離開的人')
    await postOk(relay, `/api/admin/users/${expired.user.id}/end-sessions`, {}, tokens.coordinator)
    const forged = 'A'.repeat(43)
    const attempts: { headers: Record<string, string>; docId: string; status: number }[] = [
      { headers: {}, docId: DOCS.ownChild, status: 401 },
      { headers: { authorization: `Bearer ${expired.token}` }, docId: DOCS.otherChild, status: 401 },
      { headers: { cookie: `${SESSION_COOKIE}=${forged}` }, docId: DOCS.ownChild, status: 401 },
      { headers: { authorization: 'Bearer not-a-token' }, docId: DOCS.ownChild, status: 401 },
      { headers: { authorization: `Bearer ${tokens.helper}` }, docId: `other-school/child/c2`, status: 403 },
      { headers: { authorization: `Bearer ${tokens.helper}` }, docId: DOCS.ownChild, status: 403 },
      { headers: { authorization: `Bearer ${tokens.teacher}` }, docId: DOCS.otherChild, status: 403 },
      { headers: { cookie: `${SESSION_COOKIE}=${tokens.supervisor}` }, docId: DOCS.plan, status: 403 },
    ]
    let refused = 0
    for (let round = 0; round < 250; round++) {
      const batch = await Promise.all(attempts.map((a) => tryOpen(relay, a.docId, a.headers)))
      batch.forEach((result, i) => {
        expect(result).toEqual({ opened: false, status: attempts[i]!.status, bytes: 0 })
        refused++
      })
    }
    expect(refused).toBe(2000)
    const log = relay.logs.join('\n')
    for (const token of [...Object.values(tokens), expired.token, forged]) expect(log).not.toContain(token)
  })

  // SPEC A9
  it('closes a helper\'s connection within five seconds of the pairing\'s end', async () => {
    const helper = connectClient(relay.url, DOCS.otherChild, new Y.Doc(), tokens.helper)
    clients.push(helper)
    await waitFor(() => helper.provider.synced, 'helper synced')
    let closedWith: number | undefined
    helper.provider.on('connection-close', (event: CloseEvent | null) => (closedWith ??= event?.code))
    const start = Date.now()
    await postOk(relay, '/api/admin/pairings', { userId: ids.helper, childId: 'c2', paired: false }, tokens.coordinator)
    await waitFor(() => closedWith !== undefined, 'the helper to be cut off', 5000)
    expect(closedWith).toBe(CloseCode.accessEnded)
    expect(Date.now() - start).toBeLessThan(5000)
    // And it cannot come back.
    expect((await tryOpen(relay, DOCS.otherChild, { authorization: `Bearer ${tokens.helper}` })).status).toBe(403)
    await postOk(relay, '/api/admin/pairings', { userId: ids.helper, childId: 'c2', paired: true }, tokens.coordinator)
  })

  // SPEC A11
  it('background catch-up lists, pulls and pushes only the files the caller may read, refusing a request that names another whole', async () => {
    const asHelper = (path: string, body?: unknown) =>
      fetch(`${relay.url}${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { authorization: `Bearer ${tokens.helper}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      })
    const listed = (await (await asHelper(`/api/changes?workspace=${WORKSPACE}&after=0`)).json()) as { changes: { docId: string }[] }
    const children = listed.changes.map((c) => c.docId).filter((id) => id.includes('/child/'))
    expect(children).toEqual([DOCS.otherChild])
    const emptyVector = encodeBytes(Y.encodeStateVector(new Y.Doc()))
    const pull = await asHelper('/api/pull', { docs: [{ docId: DOCS.otherChild, stateVector: emptyVector }, { docId: DOCS.ownChild, stateVector: emptyVector }] })
    expect(pull.status).toBe(403)
    const before = (await loadStoredDoc(relay.store, DOCS.ownChild)).getText('text:profile.habits').toString()
    const intruder = new Y.Doc()
    intruder.getText('text:profile.habits').insert(0, 'not yours')
    const push = await asHelper('/api/push', { updates: [{ docId: DOCS.ownChild, update: encodeBytes(Y.encodeStateAsUpdate(intruder)) }] })
    expect(push.status).toBe(403)
    expect((await loadStoredDoc(relay.store, DOCS.ownChild)).getText('text:profile.habits').toString()).toBe(before)
    // And the supervisor, who reads no child at all, is listed none.
    const supervisor = (await (await fetch(`${relay.url}/api/changes?workspace=${WORKSPACE}&after=0`, { headers: { authorization: `Bearer ${tokens.supervisor}` } })).json()) as { changes: { docId: string }[] }
    expect(supervisor.changes.filter((c) => c.docId.includes('/child/'))).toEqual([])
  })

  // SPEC A10
  it('presence carries the identity the relay knows; one connection speaks for one presence only', async () => {
    const watcher = connectClient(relay.url, DOCS.settings, new Y.Doc(), tokens.coordinator)
    clients.push(watcher)
    const liar = connectClient(relay.url, DOCS.settings, new Y.Doc(), tokens.helper)
    clients.push(liar)
    await waitFor(() => watcher.provider.synced && liar.provider.synced, 'both synced')
    liar.provider.awareness.setLocalStateField('user', { name: '王校長', id: ids.coordinator, color: '#112233' })
    const seen = () => watcher.provider.awareness.getStates().get(liar.doc.clientID) as { user?: { name: string; id: string; color?: string } } | undefined
    await waitFor(() => seen()?.user !== undefined, 'the watcher to see the liar')
    expect(seen()?.user).toEqual({ id: ids.helper, name: '張媽媽', color: '#112233' })

    // Many presence states from one connection: only its first client id counts, under its real name.
    const flood = new WebSocket(`${relay.url.replace('http', 'ws')}/sync/${DOCS.settings}`, { headers: { authorization: `Bearer ${tokens.helper}` } })
    await new Promise<void>((resolve) => {
      flood.on('open', () => {
        for (const clientId of [101, 102, 103, 104, 105]) {
          const inner = encoding.createEncoder()
          encoding.writeVarUint(inner, 1)
          encoding.writeVarUint(inner, clientId)
          encoding.writeVarUint(inner, 1)
          encoding.writeVarString(inner, JSON.stringify({ user: { name: `fake${clientId}` } }))
          flood.send(writeAwareness(encoding.toUint8Array(inner)))
        }
        resolve()
      })
    })
    await waitFor(() => watcher.provider.awareness.getStates().has(101), 'the first presence to arrive')
    // A later state from a well-behaved client proves the relay handled the whole flood first.
    liar.provider.awareness.setLocalStateField('cursor', 1)
    await waitFor(() => (seen() as { cursor?: number } | undefined)?.cursor === 1, 'a later presence')
    const states = watcher.provider.awareness.getStates()
    expect([102, 103, 104, 105].some((id) => states.has(id))).toBe(false)
    expect((states.get(101) as { user?: { name?: string } }).user?.name).toBe('張媽媽')
    flood.close()
  })
})
