/**
 * Two teachers work on one term's plan offline, on their own devices (the browser's Workspace in
 * Node), through a real relay: they reorder, edit and move items and record one activity's
 * attendance, then reconnect (issue 11's Must-show; docs/SPEC.md T3, T5, T11, T12).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { workspaceToday } from '../../shared/dates'
import { childDocumentId, planDocumentId, type DocumentId } from '../../shared/doc-id'
import { readChildClass } from '../../shared/docs/child/access-facts'
import { createChildFile, type EditContext } from '../../shared/docs/child/child'
import { readRecords } from '../../shared/docs/child/records'
import { activityRecordId, readAttendance, setAttendance, syncActivityRecords } from '../../shared/docs/plan/attendance'
import { addItem, createPlanFromTemplate, editItem, moveItem, readPlan, type Plan } from '../../shared/docs/plan/plan'
import { templateItemId, type Month } from '../../shared/docs/plan/template'
import type { Workspace } from '../../client/runtime/workspace'
import type { OpenDoc } from '../../client/runtime/sync/live-docs'
import { attendanceChange, chosenOf, stepIndex } from '../../client/features/plan/plan-view'
import { WORKSPACE, invite, postOk, setUpCoordinator } from '../helpers/accounts'
import { connectClient, waitFor, type TestClient } from '../helpers/clients'
import { makeDataDir, startTestRelay, type TestRelay } from '../helpers/relay'
import { loadStoredDoc } from '../helpers/stored-doc'
import { makeWorkspace } from '../helpers/workspace'

const TERM = '2027-spring'
const CLASS = 'class-3-1'
const PLAN = planDocumentId(WORKSPACE as never, TERM)
const docOf = (childId: string) => childDocumentId(WORKSPACE as never, childId) as DocumentId
const TALENT = templateItemId('talentShow')

/** What a teacher sees of the plan: every item with its fields, in the one order. */
const seen = (plan: Plan) => plan.items.map(({ createdBy: _created, ...rest }) => rest)

describe('the term plan, edited by two teachers offline (SPEC T3, T5, T11, T12)', () => {
  let data: ReturnType<typeof makeDataDir>
  let relay: TestRelay
  let coordinator: { token: string; id: string }
  const clients: TestClient[] = []
  const devices: Workspace[] = []
  const today = workspaceToday()

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

  const seed = async (childId: string, name: string) => {
    const client = connectClient(relay.url, docOf(childId), new Y.Doc(), coordinator.token)
    clients.push(client)
    await waitFor(() => client.provider.synced, `synced ${childId}`)
    createChildFile(client.doc, { name, classId: CLASS }, { author: { id: coordinator.id, name: '王校長' }, today, now: Date.now() })
    await waitFor(async () => readChildClass(await loadStoredDoc(relay.store, docOf(childId))) === CLASS, `${name} on the relay`)
  }
  const teacher = async (username: string, name: string) => {
    const t = await invite(relay, coordinator.token, 'teacher', username, name)
    await postOk(relay, '/api/admin/classes', { userId: t.user.id, classId: CLASS, assigned: true }, coordinator.token)
    const device = makeWorkspace(relay.url, username, t.token)
    devices.push(device)
    await device.start()
    device.startSync()
    const ctx = (): EditContext => ({ author: { id: t.user.id, name }, today, now: Date.now() })
    return { device, ctx }
  }

  /** Attendance as the attendance form saves it: the plan, then each changed child's file. */
  const record = async (device: Workspace, open: OpenDoc, ctx: () => EditContext, children: string[]) => {
    const current = readAttendance(open.doc, TALENT)
    const chosen = chosenOf(current)
    for (const c of children) chosen.set(c, undefined)
    const { changed } = setAttendance(open.doc, TALENT, attendanceChange(current, chosen), ctx())
    const after = new Map(readAttendance(open.doc, TALENT).map((a) => [a.childId, a]))
    for (const childId of changed) {
      await device.editDocument(docOf(childId), (doc) =>
        syncActivityRecords(doc, TERM, { id: TALENT, activity: 'talentShow', title: '才藝展示' }, after.get(childId), today, ctx()),
      )
    }
    await device.flushed(PLAN)
  }

  it('T3, T5: both reorder, edit and move items and record one activity offline; once back, one order, nothing lost or doubled, one record per child', async () => {
    for (const [id, name] of [['c1', '李小紅'], ['c2', '王小明'], ['c3', '陳靜']] as const) await seed(id, name)
    const li = await teacher('li', '李老師')
    const zhao = await teacher('zhao', '趙老師')
    for (const d of [li.device, zhao.device]) await waitFor(async () => (await d.db.children.count()) === 3, 'the class on each phone')

    const a = await li.device.open(PLAN)
    const b = await zhao.device.open(PLAN)
    await waitFor(() => a.provider.synced && b.provider.synced, 'both plans synced')
    createPlanFromTemplate(a.doc, TERM, li.ctx())
    const x = addItem(a.doc, { title: '春遊', month: '2027-04' }, li.ctx())
    const y = addItem(a.doc, { title: '家訪週', month: '2027-04' }, li.ctx())
    if (!('id' in x) || !('id' in y)) throw new Error('items')
    await waitFor(() => readPlan(b.doc).items.some((i) => i.id === y.id), 'zhao sees the plan')
    const before = readPlan(a.doc).items.length

    li.device.setNetworkAllowed(false)
    zhao.device.setNetworkAllowed(false)
    await waitFor(() => !a.provider.wsconnected && !b.provider.wsconnected, 'both offline')

    // 李老師: the talent show one place up, 春遊 retitled, 家訪週 to May, the talent show's place.
    const up = stepIndex(readPlan(a.doc).items, TALENT, -1)
    expect(up).toBeDefined()
    moveItem(a.doc, TALENT, '2027-04' as Month, up as number, li.ctx())
    expect(editItem(a.doc, x.id, { title: '春季遠足' }, li.ctx())).toEqual({})
    moveItem(a.doc, y.id, '2027-05' as Month, 0, li.ctx())
    expect(editItem(a.doc, TALENT, { place: '操場' }, li.ctx())).toEqual({})
    // 趙老師: 春遊 to the top of April, the talent show under way, a new item, an owner for 家訪週.
    moveItem(b.doc, x.id, '2027-04' as Month, 0, zhao.ctx())
    expect(editItem(b.doc, TALENT, { status: 'underway' }, zhao.ctx())).toEqual({})
    const z = addItem(b.doc, { title: '心理輔導', month: '2027-04' }, zhao.ctx())
    if (!('id' in z)) throw new Error('item')
    expect(editItem(b.doc, y.id, { owner: 'li' }, zhao.ctx())).toEqual({})
    // Both record the talent show: 李 saw c1 and c2, 趙 saw c2 and c3.
    await record(li.device, a, li.ctx, ['c1', 'c2'])
    await record(zhao.device, b, zhao.ctx, ['c2', 'c3'])
    expect(readPlan(a.doc).items.some((i) => i.id === z.id)).toBe(false)

    li.device.setNetworkAllowed(true)
    zhao.device.setNetworkAllowed(true)
    await waitFor(() => JSON.stringify(seen(readPlan(a.doc))) === JSON.stringify(seen(readPlan(b.doc))) && readPlan(a.doc).items.some((i) => i.id === z.id), 'one plan on both')

    const plan = readPlan(a.doc)
    expect(plan.items.length).toBe(before + 1)
    expect(new Set(plan.items.map((i) => i.id)).size).toBe(plan.items.length)
    const byId = new Map(plan.items.map((i) => [i.id, i]))
    expect(byId.get(x.id)).toMatchObject({ title: '春季遠足', month: '2027-04' })
    expect(byId.get(y.id)).toMatchObject({ title: '家訪週', month: '2027-05', owner: 'li' })
    expect(byId.get(TALENT)).toMatchObject({ place: '操場', status: 'underway', month: '2027-04' })
    expect(byId.get(z.id)).toMatchObject({ title: '心理輔導', month: '2027-04' })
    // Both went to the top of April at once: both are above the interest groups, in the one order both see.
    const april = plan.items.filter((i) => i.month === '2027-04').map((i) => i.id)
    expect(april.slice(0, 2).sort()).toEqual([x.id, TALENT].sort())
    expect(april[2]).toBe(templateItemId('interestGroups'))
    expect(readAttendance(a.doc, TALENT).map((at) => at.childId)).toEqual(['c1', 'c2', 'c3'])
    expect(readAttendance(b.doc, TALENT).map((at) => at.childId)).toEqual(['c1', 'c2', 'c3'])

    // On the relay: the plan as both see it, and one activity record on each child's file.
    await waitFor(async () => JSON.stringify(seen(readPlan(await loadStoredDoc(relay.store, PLAN)))) === JSON.stringify(seen(plan)), 'the plan stored')
    for (const childId of ['c1', 'c2', 'c3']) {
      await waitFor(async () => readRecords(await loadStoredDoc(relay.store, docOf(childId))).some((r) => r.type === 'activity'), `${childId}'s record on the relay`)
      const records = readRecords(await loadStoredDoc(relay.store, docOf(childId))).filter((r) => r.type === 'activity')
      expect(records.map((r) => [r.id, r.fields.title])).toEqual([[activityRecordId(TERM, TALENT), '才藝展示']])
    }
  })
})
