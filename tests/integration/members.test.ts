/**
 * Members against a real relay with accounts (docs/SPEC.md M1–M7): removing a member ends their
 * sessions and sockets and keeps their name; the last coordinator stays; invites can be listed
 * and revoked; the audit trail reads newest first, in pages, filtered, one row per opening.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { SessionResponse } from '../../shared/auth-api'
import type { AuditPage, DirectoryEntry, MemberSummary, OpenInvite } from '../../shared/members-api'
import { CloseCode } from '../../shared/protocol'
import { WORKSPACE, invite, post, postOk } from '../helpers/accounts'
import { connectClient, waitFor } from '../helpers/clients'
import { makeDataDir, startTestRelay, type TestRelay } from '../helpers/relay'

describe('members', () => {
  let data: ReturnType<typeof makeDataDir>
  let relay: TestRelay
  let coordinator: string
  let coordinatorId: string

  const get = async <T,>(path: string, token: string): Promise<{ status: number; body: T }> => {
    const r = await fetch(`${relay.url}${path}`, { headers: { authorization: `Bearer ${token}` } })
    return { status: r.status, body: (await r.json()) as T }
  }
  const errorOf = async (r: Response) => ((await r.json()) as { error: string }).error
  const directory = async () => (await get<DirectoryEntry[]>('/api/members/directory', coordinator)).body

  beforeAll(async () => {
    data = makeDataDir()
    relay = await startTestRelay(data.dir)
    coordinator = await relay.setUpCoordinator()
    coordinatorId = (await get<{ user: { id: string } }>('/api/auth/me', coordinator)).body.user.id
  })
  afterAll(async () => {
    await relay.stop()
    data.remove()
  })

  it('M1: keeps a member\'s own phone, checked as every phone is, from the invite and later', async () => {
    const { token } = await postOk<{ token: string }>(relay, '/api/admin/invites', { role: 'helper' }, coordinator)
    const body = { token, username: 'liu', displayName: '劉媽媽', password: 'liu-password' }
    const bad = await post(relay, '/api/auth/invites/accept', { ...body, phone: '12345' })
    expect(bad.status).toBe(400)
    const liu = await postOk<SessionResponse>(relay, '/api/auth/invites/accept', { ...body, phone: '138 0013 8000' })
    expect((await directory()).find((m) => m.id === liu.user.id)?.phone).toBe('13800138000')
    expect((await post(relay, '/api/account/phone', { phone: 'call me' }, liu.token)).status).toBe(400)
    await postOk(relay, '/api/account/phone', { phone: '0571-87654321' }, liu.token)
    expect((await directory()).find((m) => m.id === liu.user.id)?.phone).toBe('0571-87654321')
    await postOk(relay, '/api/account/phone', { phone: null }, liu.token)
    expect((await directory()).find((m) => m.id === liu.user.id)?.phone).toBeUndefined()
  })

  it('M2: gives the directory to every member but supervisors', async () => {
    const teacher = await invite(relay, coordinator, 'teacher', 'chen', '陳老師')
    const supervisor = await invite(relay, coordinator, 'supervisor', 'du', '督導')
    const seen = await get<DirectoryEntry[]>('/api/members/directory', teacher.token)
    expect(seen.status).toBe(200)
    expect(seen.body.map((m) => m.displayName)).toEqual(expect.arrayContaining(['王校長', '陳老師', '劉媽媽']))
    const refused = await fetch(`${relay.url}/api/members/directory`, { headers: { authorization: `Bearer ${supervisor.token}` } })
    expect(refused.status).toBe(403)
  })

  it('M3: removing a member ends their sessions and sockets, refuses them with member_removed, and keeps their name', async () => {
    const helper = await invite(relay, coordinator, 'helper', 'zhao', '趙阿姨')
    await postOk(relay, '/api/admin/pairings', { userId: helper.user.id, childId: 'c1', paired: true }, coordinator)
    const members = (await get<MemberSummary[]>('/api/admin/members', coordinator)).body
    expect(members.find((m) => m.id === helper.user.id)).toMatchObject({ role: 'helper', pairs: 1 })
    const socket = connectClient(relay.url, `${WORKSPACE}/child/c1`, new Y.Doc(), helper.token)
    await waitFor(() => socket.provider.synced, 'the helper synced')
    let closedWith: number | undefined
    socket.provider.on('connection-close', (event: CloseEvent | null) => (closedWith ??= event?.code))

    await postOk(relay, `/api/admin/members/${helper.user.id}/remove`, {}, coordinator)

    await waitFor(() => closedWith !== undefined, 'the socket to close')
    expect([CloseCode.sessionEnded, CloseCode.accessEnded]).toContain(closedWith)
    socket.destroy()
    const me = await fetch(`${relay.url}/api/auth/me`, { headers: { authorization: `Bearer ${helper.token}` } })
    expect(me.status).toBe(403)
    expect(await errorOf(me)).toBe('member_removed')
    const login = await post(relay, '/api/auth/login', { username: 'zhao', password: 'zhao-password' })
    expect(login.status).toBe(403)
    expect(await errorOf(login)).toBe('member_removed')
    // A wrong password learns nothing about the account.
    expect(await errorOf(await post(relay, '/api/auth/login', { username: 'zhao', password: 'wrong-password' }))).toBe('bad_credentials')
    expect((await post(relay, '/api/audit', { docId: `${WORKSPACE}/child/c1`, action: 'viewed' }, helper.token)).status).toBe(403)
    expect((await get<MemberSummary[]>('/api/admin/members', coordinator)).body.map((m) => m.id)).not.toContain(helper.user.id)
    expect((await directory()).find((m) => m.id === helper.user.id)).toEqual({ id: helper.user.id, displayName: '趙阿姨', role: 'helper', removed: true })
    // Removed once is removed: the coordinator's tools no longer reach them.
    expect((await post(relay, `/api/admin/members/${helper.user.id}/remove`, {}, coordinator)).status).toBe(404)
  })

  it('M4: never leaves the workspace without a coordinator', async () => {
    const demote = await post(relay, '/api/admin/roles', { userId: coordinatorId, role: 'teacher' }, coordinator)
    expect(demote.status).toBe(409)
    expect(await errorOf(demote)).toBe('last_coordinator')
    const remove = await post(relay, `/api/admin/members/${coordinatorId}/remove`, {}, coordinator)
    expect(await errorOf(remove)).toBe('last_coordinator')
    expect((await get<{ role: string }>('/api/auth/me', coordinator)).body.role).toBe('coordinator')
    // With a second coordinator, one may step down; then the other is the last.
    const second = await invite(relay, coordinator, 'coordinator', 'sun', '孫主任')
    await postOk(relay, '/api/admin/roles', { userId: second.user.id, role: 'teacher' }, second.token)
    expect(await errorOf(await post(relay, '/api/admin/roles', { userId: coordinatorId, role: 'helper' }, coordinator))).toBe('last_coordinator')
  })

  it('M5: lists open invites and revokes one, which can then not be accepted', async () => {
    const { token } = await postOk<{ token: string }>(relay, '/api/admin/invites', { role: 'teacher' }, coordinator)
    const open = (await get<OpenInvite[]>('/api/admin/invites', coordinator)).body
    const mine = open.filter((i) => i.role === 'teacher')
    expect(mine).toHaveLength(1)
    expect(mine[0]).toMatchObject({ createdBy: coordinatorId, expiresAt: expect.any(Number) })
    await postOk(relay, '/api/admin/invites/revoke', { id: mine[0]?.id }, coordinator)
    expect((await get<OpenInvite[]>('/api/admin/invites', coordinator)).body.filter((i) => i.role === 'teacher')).toEqual([])
    const accept = await post(relay, '/api/auth/invites/accept', { token, username: 'late', displayName: '遲到', password: 'late-password' })
    expect(accept.status).toBe(404)
    expect(await errorOf(accept)).toBe('invite_invalid')
    expect((await post(relay, '/api/admin/invites/revoke', { id: mine[0]?.id }, coordinator)).status).toBe(404)
  })

  // SPEC M6, M7
  it('M6, M7: reads the trail newest first, in pages, filtered, one row per opening', async () => {
    const teacher = await invite(relay, coordinator, 'teacher', 'wu', '吳老師')
    await postOk(relay, '/api/admin/classes', { userId: teacher.user.id, classId: 'class-3-1', assigned: true }, coordinator)
    await postOk(relay, '/api/admin/child-class', { childId: 'c9', classId: 'class-3-1' }, coordinator)
    const docId = `${WORKSPACE}/child/c9`
    const audit = async (query: string) => (await get<AuditPage>(`/api/admin/audit?${query}`, coordinator)).body

    // One look online: the socket opens (the relay's 'opened') and the page reports 'viewed'.
    const look = connectClient(relay.url, docId, new Y.Doc(), teacher.token)
    await waitFor(() => look.provider.synced, 'the teacher synced')
    await postOk(relay, '/api/audit', { docId, action: 'viewed' }, teacher.token)
    look.destroy()
    // A look long ago, offline, reported now; and an export.
    const dayAgo = Date.now() - 24 * 3600 * 1000
    await postOk(relay, '/api/audit', { docId, action: 'viewed', at: dayAgo }, teacher.token)
    await postOk(relay, '/api/audit', { docId, action: 'exported' }, coordinator)
    // The coordinator's own socket opens without a device report: that opening stays.
    const coordinatorLook = connectClient(relay.url, docId, new Y.Doc(), coordinator)
    await waitFor(() => coordinatorLook.provider.synced, 'the coordinator synced')
    coordinatorLook.destroy()
    let all: AuditPage = { entries: [] }
    await waitFor(async () => {
      all = await audit('child=c9')
      return all.entries.some((e) => e.action === 'opened')
    }, 'the coordinator\'s opening in the trail')

    const rows = all.entries.map((e) => [e.action, e.userId])
    expect(rows).toEqual([
      ['opened', coordinatorId],
      ['exported', coordinatorId],
      ['viewed', teacher.user.id],
      ['viewed', teacher.user.id],
    ])
    const seqs = all.entries.map((e) => e.seq)
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a))
    // Pages of two follow one another by the cursor and end.
    const first = await audit('child=c9&limit=2')
    expect(first.entries.map((e) => e.seq)).toEqual(seqs.slice(0, 2))
    const second = await audit(`child=c9&limit=2&before=${first.next}`)
    expect(second.entries.map((e) => e.seq)).toEqual(seqs.slice(2, 4))
    const third = await audit(`child=c9&limit=2&before=${second.next}`)
    expect(third).toEqual({ entries: [] })
    // Filters: who, what, when (the time it happened on the device).
    expect((await audit(`user=${teacher.user.id}&action=viewed`)).entries).toHaveLength(2)
    expect((await audit(`child=c9&action=exported`)).entries.map((e) => e.userId)).toEqual([coordinatorId])
    expect((await audit(`child=c9&to=${dayAgo + 1000}`)).entries.map((e) => e.reportedAt)).toEqual([dayAgo])
    expect((await audit(`child=c9&from=${dayAgo + 1000}&user=${teacher.user.id}`)).entries).toHaveLength(1)
    expect((await get<unknown>('/api/admin/audit?limit=201', coordinator)).status).toBe(400)
    expect((await get<unknown>('/api/admin/audit?action=stolen', coordinator)).status).toBe(400)
    expect((await get<unknown>('/api/admin/audit', teacher.token)).status).toBe(403)
    // The stored trail keeps every connection; only the reading folds them.
    expect(relay.access.auditForDoc(WORKSPACE, docId).filter((e) => e.action === 'opened')).toHaveLength(2)
  })
})
