/**
 * SPEC H2, H3, H5, H6 through a real relay: a roster imported again with changed phones
 * updates those children's files on the relay and on a second device, creating no second
 * file for anyone; a helper's status change is refused by the relay with a reason and
 * reaches nobody, while the class teacher's is stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { ApiPath } from '../../shared/auth-api'
import type { IsoDate } from '../../shared/dates'
import { createChildFile, readChildFile } from '../../shared/docs/child/child'
import { changePath, currentPath, readPath } from '../../shared/docs/child/child-path'
import { addClass, addSchool } from '../../shared/docs/settings/organisation'
import { readOrganisation } from '../../shared/docs/settings/organisation-read'
import { guessMapping } from '../../shared/roster/headers'
import { matchRosterRows } from '../../shared/roster/match'
import { tableFromGrid } from '../../shared/roster/table'
import type { RosterCell } from '../../shared/roster/values'
import { validateRoster } from '../../shared/roster/validate'
import { importRosterRows } from '../../client/features/import/import-roster'
import { applyRosterUpdates, planUpdates, whatToImport } from '../../client/features/import/update-roster'
import type { Workspace } from '../../client/runtime/workspace'
import { WORKSPACE, invite, postOk, setUpCoordinator } from '../helpers/accounts'
import { connectClient, hearDenied, waitFor, type TestClient } from '../helpers/clients'
import { makeDataDir, startTestRelay, type TestRelay } from '../helpers/relay'
import { loadStoredDoc } from '../helpers/stored-doc'
import { makeWorkspace } from '../helpers/workspace'

const TODAY = '2026-03-10' as IsoDate
const HEADERS = ['學籍號', '姓名', '出生日期', '班級', '監護人電話', '村', '組']

/** The roster as the school keeps it: two with a student number, one without. */
const roster = (phones: [string, string, string]): RosterCell[][] => [
  ['G440301201509011234', '李小紅', '2015-09-01', '三年級1班', phones[0], '石門村', '三組'],
  ['G440301201403055678', '王小明', '2014-03-05', '三年級1班', phones[1], '石門村', '一組'],
  ['', '趙麗', '2016-01-01', '三年級1班', phones[2], '河東村', '二組'],
]

/** One school with 三年級一班: the roster's 三年級1班 is that class. */
const ORGANISATION = (() => {
  const settings = new Y.Doc()
  const school = addSchool(settings, { name: '石門小學' })
  if (!('id' in school)) throw new Error('school')
  addClass(settings, { schoolId: school.id, grade: 3, section: '一' })
  return readOrganisation(settings)
})()

describe('a child’s path and a roster imported again, through a real relay', () => {
  let data: ReturnType<typeof makeDataDir>
  let relay: TestRelay
  let coordinator: { token: string; author: { id: string; name: string } }
  const devices: Workspace[] = []
  const clients: TestClient[] = []

  beforeAll(async () => {
    data = makeDataDir()
    relay = await startTestRelay(data.dir)
    const c = await setUpCoordinator(relay)
    coordinator = { token: c.token, author: { id: c.user.id, name: c.user.displayName } }
  })
  afterAll(async () => {
    for (const c of clients) c.destroy()
    for (const d of devices) d.close()
    await relay.stop()
    data.remove()
  })

  const device = (name: string) => {
    const d = makeWorkspace(relay.url, name, coordinator.token)
    devices.push(d)
    return d
  }
  const relayChildren = async () => (await relay.store.changesSince(`${WORKSPACE}/child/`, 0, 1000)).map((c) => c.docId)

  /** The import step by step, as the import page runs it: check, match, read the files, write. */
  const importRoster = async (workspace: Workspace, rows: RosterCell[][]) => {
    const table = tableFromGrid([HEADERS, ...rows].map((cells, i) => ({ row: i + 1, cells })))
    if (!table) throw new Error('no table')
    const existing = await workspace.queries.children()
    // The class column as the school writes it, matched to the organisation's class (SPEC H8).
    const report = validateRoster(table, guessMapping(HEADERS), TODAY, { existing, organisation: ORGANISATION })
    const plans = matchRosterRows(report.rows, existing)
    const updates = await planUpdates(workspace, plans)
    const { create, update } = whatToImport(report, plans, updates, { validRowsOnly: false, skipDuplicates: true })
    const created = await importRosterRows(workspace, create, { author: coordinator.author, today: TODAY })
    const updated = await applyRosterUpdates(workspace, update, { author: coordinator.author, today: TODAY })
    return { plans, updates, created, updated }
  }

  // SPEC H5, H6
  it('H6: a re-import of the same roster with changed phones updates those children and creates no duplicate', async () => {
    const office = device('office')
    const first = await importRoster(office, roster(['13800138001', '13800138002', '13800138003']))
    expect(first.created.created).toHaveLength(3)
    await office.background.run()
    const filed = await relayChildren()
    expect(filed).toHaveLength(3)

    // The same roster, a term later: two guardians have new phones, one is as it was.
    const again = await importRoster(office, roster(['13900139001', '13800138002', '13900139003']))
    expect(again.plans.map((p) => p.kind)).toEqual(['update', 'update', 'update'])
    expect(again.updates.map((u) => [u.name, u.changes.map((c) => [c.field, c.old, c.new])])).toEqual([
      ['李小紅', [['guardian.phone', '13800138001', '13900139001']]],
      ['王小明', []],
      ['趙麗', [['guardian.phone', '13800138003', '13900139003']]],
    ])
    expect(again.created.created).toEqual([])
    expect(again.updated.updated.map((u) => u.row)).toEqual([2, 4])
    await office.background.run()

    // The relay holds the same three files, with the new phones written by the importer.
    expect((await relayChildren()).sort()).toEqual([...filed].sort())
    const phones = new Map<string, unknown>()
    for (const docId of filed) {
      const file = readChildFile(await loadStoredDoc(relay.store, docId))
      phones.set(String(file.fields.name?.value), file.fields['guardian.phone']?.value)
      if (file.fields.name?.value !== '王小明') expect(file.fields['guardian.phone']?.byId).toBe(coordinator.author.id)
    }
    for (const docId of filed) expect(readChildFile(await loadStoredDoc(relay.store, docId)).fields.classId?.value).toBe(ORGANISATION.classes[0]?.id)
    expect(Object.fromEntries(phones)).toEqual({ 李小紅: '13900139001', 王小明: '13800138002', 趙麗: '13900139003' })

    // A second device of the workspace gets three children, not six, with the new phones.
    const phone = device('phone')
    await phone.background.run()
    await expect.poll(async () => (await phone.queries.children()).map((c) => c.name).sort()).toEqual(['李小紅', '王小明', '趙麗'].sort())
    expect((await phone.queries.children()).map((c) => c.studentNumber).sort()).toEqual(['', 'G440301201403055678', 'G440301201509011234'])
  })

  // SPEC H2, H3
  it('H2: the relay refuses a helper’s status change with a reason, and stores the class teacher’s', async () => {
    const teacher = await invite(relay, coordinator.token, 'teacher', 'li', '李老師')
    const helper = await invite(relay, coordinator.token, 'helper', 'zhang', '張媽媽')
    await postOk(relay, '/api/admin/classes', { userId: teacher.user.id, classId: 'class-5', assigned: true }, coordinator.token)
    await postOk(relay, ApiPath.childClass, { childId: 'path1', classId: 'class-5' }, coordinator.token)
    await postOk(relay, '/api/admin/pairings', { userId: helper.user.id, childId: 'path1', paired: true }, coordinator.token)
    const DOC = `${WORKSPACE}/child/path1`
    const open = async (token: string) => {
      const client = connectClient(relay.url, DOC, new Y.Doc(), token)
      clients.push(client)
      const denied = hearDenied(client)
      await waitFor(() => client.provider.synced, 'synced')
      return { client, denied }
    }
    const ctx = (author: { id: string; name: string }) => ({ author, today: TODAY, now: Date.now() })

    const own = await open(coordinator.token)
    createChildFile(own.client.doc, { name: '陳靜', classId: 'class-5' }, ctx(coordinator.author))
    await waitFor(async () => readChildFile(await loadStoredDoc(relay.store, DOC)).fields.name?.value === '陳靜', 'the file stored')

    const byHelper = await open(helper.token)
    await waitFor(() => readChildFile(byHelper.client.doc).fields.name?.value === '陳靜', 'the helper has the file')
    changePath(byHelper.client.doc, { status: 'archived', since: '2026-03-01' }, ctx({ id: helper.user.id, name: '張媽媽' }))
    await waitFor(() => byHelper.denied.length > 0, 'the relay to refuse')
    expect(byHelper.denied).toEqual(['notYoursToChangePath'])
    expect(readPath(await loadStoredDoc(relay.store, DOC))).toEqual([])
    expect(currentPath(own.client.doc).status).toBe('active')

    const byTeacher = await open(teacher.token)
    await waitFor(() => readChildFile(byTeacher.client.doc).fields.name?.value === '陳靜', 'the teacher has the file')
    changePath(byTeacher.client.doc, { status: 'noLongerLeftBehind', since: '2026-03-01', note: '母親回鄉' }, ctx({ id: teacher.user.id, name: '李老師' }))
    await waitFor(async () => currentPath(await loadStoredDoc(relay.store, DOC)).status === 'noLongerLeftBehind', 'the teacher’s change stored')
    await waitFor(() => currentPath(own.client.doc).status === 'noLongerLeftBehind', 'the coordinator sees it')
    expect(byTeacher.denied).toEqual([])
    // The change is in the audit trail, by the teacher; the refused one is not (SPEC H2).
    expect((await relay.access.auditForDoc(WORKSPACE, DOC)).filter((e) => e.action === 'statusChanged').map((e) => e.userId)).toEqual([teacher.user.id])
    // Nothing of the file went with the change.
    expect(readChildFile(await loadStoredDoc(relay.store, DOC)).fields.name?.value).toBe('陳靜')
  })
})
