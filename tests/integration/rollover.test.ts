/**
 * SPEC Y2, Y4, Y6 through a real relay with accounts: a coordinator's device rolls a workspace
 * of two schools (a 6-grade primary, a 3-grade middle school) over to the autumn term. On the
 * relay the grades moved and the last grades are archived, the leavers' files say
 * finishedSchool, a teacher still opens the children of her class (now a grade up), the new
 * term's plan exists, and the trail has one rolledOver row; a second run changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { workspaceToday } from '../../shared/dates'
import { childDocumentId, planDocumentId, settingsDocumentId, toWorkspaceId } from '../../shared/doc-id'
import { changePath, currentPath } from '../../shared/docs/child/child-path'
import { createChildFile } from '../../shared/docs/child/child'
import { isPlanCreated, readPlan } from '../../shared/docs/plan/plan'
import { addClass, addSchool, addTerm, readOrganisation, setCurrentTerm } from '../../shared/docs/settings/organisation'
import { copySourceOf, isRolloverEmpty, planRollover, readRolloverState, type RolloverPreview } from '../../shared/docs/settings/rollover'
import { ApiPath } from '../../shared/auth-api'
import { applyRollover, planExists } from '../../client/features/rollover/apply-rollover'
import type { Workspace } from '../../client/runtime/workspace'
import { WORKSPACE, invite, post, postOk, setUpCoordinator } from '../helpers/accounts'
import { makeDataDir, startTestRelay, type TestRelay } from '../helpers/relay'
import { loadStoredDoc } from '../helpers/stored-doc'
import { makeWorkspace } from '../helpers/workspace'

const ws = toWorkspaceId(WORKSPACE)
const SETTINGS = settingsDocumentId(ws)
const TERM = { code: '2026-autumn', start: '2026-09-01', end: '2027-01-20' }

describe('Y: the turn of the year through a real relay', () => {
  let data: ReturnType<typeof makeDataDir>
  let relay: TestRelay
  let coordinator: { token: string; author: { id: string; name: string } }
  let teacher: { token: string; id: string }
  let office: Workspace
  const devices: Workspace[] = []
  const cls: Record<string, string> = {}

  const device = (name: string, token: string) => {
    const d = makeWorkspace(relay.url, name, token)
    devices.push(d)
    return d
  }
  const ctx = () => ({ author: coordinator.author, today: workspaceToday(), now: () => Date.now() })

  /** The preview as the page plans it: the settings, the device's index, the plans it holds. */
  const preview = async (): Promise<RolloverPreview> => {
    const { doc } = await office.open(SETTINGS)
    const state = readRolloverState(doc)
    office.release(SETTINGS)
    const source = copySourceOf(state, TERM.code as never)
    const plan = planRollover(state, await office.queries.children(), {
      term: TERM,
      plan: 'template',
      nextPlanCreated: await planExists(office, TERM.code),
      sourcePlanCreated: source ? await planExists(office, source) : false,
      today: workspaceToday(),
    })
    if (!plan.ok) throw new Error(JSON.stringify(plan.errors))
    return plan.preview
  }

  /** Every document of the workspace as the relay stores it. */
  const relayState = async () => {
    const ids = (await relay.store.changesSince(`${WORKSPACE}/`, 0, 1000)).map((c) => c.docId).sort()
    return Promise.all(ids.map(async (id) => [id, Y.encodeStateVector(await loadStoredDoc(relay.store, id)).join(',')]))
  }

  beforeAll(async () => {
    data = makeDataDir()
    relay = await startTestRelay(data.dir)
    const c = await setUpCoordinator(relay)
    coordinator = { token: c.token, author: { id: c.user.id, name: c.user.displayName } }
    const member = await invite(relay, coordinator.token, 'teacher', 'li', '李老師')
    teacher = { token: member.token, id: member.user.id }

    office = device('office', coordinator.token)
    await office.start()
    await office.editDocument(SETTINGS, (doc) => {
      const id = (r: { id: string } | { errors: unknown }) => ('id' in r ? r.id : '')
      const primary = id(addSchool(doc, { name: '石門小學' }))
      const middle = id(addSchool(doc, { name: '河東中學' }))
      for (let g = 1; g <= 6; g++) cls[`p${g}`] = id(addClass(doc, { schoolId: primary, grade: g, section: '1' }))
      for (let g = 7; g <= 9; g++) cls[`m${g}`] = id(addClass(doc, { schoolId: middle, grade: g, section: '1' }))
      addTerm(doc, { code: '2026-spring', start: '2026-02-20', end: '2026-07-10' })
      setCurrentTerm(doc, '2026-spring')
    })
    // 李老師 teaches 五年級一班, which becomes 六年級一班.
    await postOk(relay, '/api/admin/classes', { userId: teacher.id, classId: cls.p5, assigned: true }, coordinator.token)
    const children: [string, string, string, string?][] = [
      ['a', '李小紅', 'p6'],
      ['b', '王小明', 'p6', 'movedSchool'],
      ['c', '趙麗', 'p5'],
      ['d', '陳大勇', 'm9'],
      ['e', '劉芳', 'm7'],
    ]
    for (const [id, name, key, status] of children) {
      await office.createDocument(childDocumentId(ws, id), (doc) => {
        createChildFile(doc, { name, classId: cls[key] }, { author: coordinator.author, today: workspaceToday(), now: Date.now() })
        if (status) changePath(doc, { status, since: '2026-05-01' }, { author: coordinator.author, today: workspaceToday(), now: Date.now() })
      })
    }
    await office.background.run()
    await office.background.run()
  })
  afterAll(async () => {
    for (const d of devices) d.close()
    await relay.stop()
    data.remove()
  })

  // SPEC Y2, Y4, Y6
  it('Y2: grades move up, leavers get finishedSchool, the teacher keeps her moved class, the plan exists, one audit row', async () => {
    const p = await preview()
    expect(p.leavers.map((l) => l.childId).sort()).toEqual(['a', 'd'])
    expect(p.kept.map((k) => k.childId)).toEqual(['b'])
    const progress: number[] = []
    expect(await applyRollover(office, p, ctx(), ({ done }) => progress.push(done))).toEqual({ ok: true })
    // Two statuses, the settings, the plan.
    expect(progress).toEqual([0, 1, 2, 3, 4])
    await office.background.run()

    const org = readOrganisation(await loadStoredDoc(relay.store, SETTINGS))
    const byId = new Map(org.classes.map((c) => [c.id, c]))
    expect([1, 2, 3, 4, 5].map((g) => byId.get(cls[`p${g}`] as string)?.grade)).toEqual([2, 3, 4, 5, 6])
    expect([7, 8].map((g) => byId.get(cls[`m${g}`] as string)?.grade)).toEqual([8, 9])
    expect(byId.get(cls.p6 as string)).toMatchObject({ grade: 6, archived: true })
    expect(byId.get(cls.m9 as string)).toMatchObject({ grade: 9, archived: true })
    expect(org.currentTerm).toBe('2026-autumn')

    const status = async (id: string) => currentPath(await loadStoredDoc(relay.store, childDocumentId(ws, id)))
    expect(await status('a')).toMatchObject({ status: 'finishedSchool', since: '2026-07-10' })
    expect(await status('d')).toMatchObject({ status: 'finishedSchool', since: '2026-07-10' })
    expect((await status('b')).status).toBe('movedSchool')
    expect((await status('c')).status).toBe('active')

    const plan = await loadStoredDoc(relay.store, planDocumentId(ws, '2026-autumn'))
    expect(isPlanCreated(plan)).toBe(true)
    expect(readPlan(plan).items.length).toBeGreaterThan(0)

    // The relay's access follows the class id: 李老師 still opens 趙麗, now in 六年級一班.
    const phone = device('teacher-phone', teacher.token)
    await phone.background.run()
    expect((await phone.queries.children()).map((c) => c.name)).toEqual(['趙麗'])
    expect(byId.get(cls.p5 as string)?.grade).toBe(6)
    expect(relay.access.childClass(WORKSPACE, 'c')).toBe(cls.p5)

    const trail = await relay.access.auditForDoc(WORKSPACE, SETTINGS)
    expect(trail.filter((e) => e.action === 'rolledOver').map((e) => [e.userId, e.detail])).toEqual([[coordinator.author.id, '2026-autumn']])
    // The statuses' rows are the relay's own, one for each leaver.
    for (const id of ['a', 'd']) {
      expect((await relay.access.auditForDoc(WORKSPACE, childDocumentId(ws, id))).filter((e) => e.action === 'statusChanged')).toHaveLength(1)
    }
  })

  // SPEC Y4
  it('Y4: a second run has nothing to do and changes nothing on the relay', async () => {
    const before = await relayState()
    const p = await preview()
    expect(isRolloverEmpty(p)).toBe(true)
    expect(await applyRollover(office, p, ctx())).toEqual({ ok: true })
    await office.background.run()
    expect(await relayState()).toEqual(before)
    expect((await relay.access.auditForDoc(WORKSPACE, SETTINGS)).filter((e) => e.action === 'rolledOver')).toHaveLength(1)
  })

  // SPEC Y6
  it('Y6: the relay takes a rolledOver report from coordinators only', async () => {
    const refused = await post(relay, ApiPath.audit, { docId: SETTINGS, action: 'rolledOver', term: '2027-spring' }, teacher.token)
    expect(refused.status).toBe(403)
    const noTerm = await post(relay, ApiPath.audit, { docId: SETTINGS, action: 'rolledOver' }, coordinator.token)
    expect(noTerm.status).toBe(403)
    const onAFile = await post(relay, ApiPath.audit, { docId: childDocumentId(ws, 'c'), action: 'rolledOver', term: '2027-spring' }, coordinator.token)
    expect(onAFile.status).toBe(403)
    expect((await relay.access.auditForDoc(WORKSPACE, SETTINGS)).filter((e) => e.action === 'rolledOver')).toHaveLength(1)
  })
})
