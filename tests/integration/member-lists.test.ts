/**
 * An idle round asks the relay one question, and a coordinator's change still reaches the device
 * on the next round (docs/SPEC.md S13, S23): the catch-up page carries fingerprints of the filing
 * classes' and the directory's answers, and the device asks for one only when its fingerprint
 * changed. Through a real relay with accounts and a device's Dexie on fake-indexeddb, counted at
 * the device's fetch.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { SessionResponse } from '../../shared/auth-api'
import { ApiPath } from '../../shared/auth-api'
import { MembersPath } from '../../shared/members-api'
import type { Workspace } from '../../client/runtime/workspace'
import { invite, postOk, setUpCoordinator } from '../helpers/accounts'
import { countingFetch, makeTraffic, type Traffic } from '../helpers/catchup-traffic'
import { makeDataDir, startTestRelay, type TestRelay } from '../helpers/relay'
import { makeWorkspace } from '../helpers/workspace'

describe('the filing classes and the directory, asked only when they changed', () => {
  let data: ReturnType<typeof makeDataDir>
  let relay: TestRelay
  let coordinator: SessionResponse
  const workspaces: Workspace[] = []

  beforeEach(async () => {
    data = makeDataDir()
    relay = await startTestRelay(data.dir)
    coordinator = await setUpCoordinator(relay)
  })
  afterEach(async () => {
    for (const w of workspaces.splice(0)) w.close()
    await relay.stop()
    data.remove()
  })

  const device = (session: SessionResponse, traffic: Traffic) => {
    const w = makeWorkspace(relay.url, undefined, session, { wrapFetch: countingFetch(traffic), backgroundIntervalMs: 3_600_000 })
    workspaces.push(w)
    return w
  }
  /** What one round asked of the relay. */
  const round = async (w: Workspace, traffic: Traffic) => {
    traffic.reset()
    await w.background.run()
    return traffic.paths
  }
  const names = async (w: Workspace) => (await w.queries.directory()).map((m) => m.displayName).sort()

  it('SPEC S13: a class given after an idle round that asked only the catch-up page is on the teacher\'s device after the next round', async () => {
    const teacher = await invite(relay, coordinator.token, 'teacher', 'li', '李老師')
    await postOk(relay, '/api/admin/classes', { userId: teacher.user.id, classId: 'class-1', assigned: true }, coordinator.token)
    const traffic = makeTraffic()
    const phone = device(teacher, traffic)
    await phone.background.run()
    expect(await phone.queries.filingClasses()).toEqual({ anyClass: false, classes: ['class-1'] })

    expect(await round(phone, traffic)).toEqual(['/api/catchup'])

    await postOk(relay, '/api/admin/classes', { userId: teacher.user.id, classId: 'class-2', assigned: true }, coordinator.token)
    const asked = await round(phone, traffic)
    expect(await phone.queries.filingClasses()).toEqual({ anyClass: false, classes: ['class-1', 'class-2'] })
    // Only what changed is asked for.
    expect(asked).toContain(ApiPath.filingClasses)
    expect(asked).not.toContain(MembersPath.directory)
    expect(await round(phone, traffic)).toEqual(['/api/catchup'])

    // A class taken away reaches the device the same way.
    await postOk(relay, '/api/admin/classes', { userId: teacher.user.id, classId: 'class-1', assigned: false }, coordinator.token)
    await round(phone, traffic)
    expect(await phone.queries.filingClasses()).toEqual({ anyClass: false, classes: ['class-2'] })
  })

  it('SPEC S13: a new member, a phone and a removal each reach the directory on the next round; idle rounds ask nothing of it', async () => {
    const traffic = makeTraffic()
    const helper = await invite(relay, coordinator.token, 'helper', 'zhang', '張媽媽')
    const phone = device(helper, traffic)
    await phone.background.run()
    const before = await names(phone)
    expect(before).toContain('張媽媽')
    expect(await round(phone, traffic)).toEqual(['/api/catchup'])

    const teacher = await invite(relay, coordinator.token, 'teacher', 'li', '李老師')
    const asked = await round(phone, traffic)
    expect(await names(phone)).toEqual([...before, '李老師'].sort())
    expect(asked).toContain(MembersPath.directory)
    expect(asked).not.toContain(ApiPath.filingClasses)
    expect(await round(phone, traffic)).toEqual(['/api/catchup'])

    await postOk(relay, '/api/account/phone', { phone: '13800000000' }, teacher.token)
    await round(phone, traffic)
    expect((await phone.queries.directory()).find((m) => m.id === teacher.user.id)?.phone).toBe('13800000000')

    await postOk(relay, `/api/admin/members/${teacher.user.id}/remove`, {}, coordinator.token)
    await round(phone, traffic)
    expect((await phone.queries.directory()).find((m) => m.id === teacher.user.id)?.removed).toBe(true)
  })

  it('SPEC S23: a supervisor, who may not read the directory, is not told when it changes, and an idle round of theirs asks only the page', async () => {
    const supervisor = await invite(relay, coordinator.token, 'supervisor', 'zhao', '趙督導')
    const traffic = makeTraffic()
    const office = device(supervisor, traffic)
    await office.background.run()
    const marks = () => relay.access.directoryVersion('school-1')
    const seen = marks()
    expect(await round(office, traffic)).toEqual(['/api/catchup'])
    await invite(relay, coordinator.token, 'teacher', 'li', '李老師')
    expect(marks()).not.toBe(seen)
    expect(await round(office, traffic)).toEqual(['/api/catchup'])
  })
})
