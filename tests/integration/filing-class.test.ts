/**
 * A teacher files a child only into a class of their own (SPEC X3): the relay says which
 * classes a member may file into, refuses another with `not_your_class`, and the device never
 * keeps a file that looks created and would vanish: it goes aside with the relay's reason.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ApiPath, AuthErrorCode } from '../../shared/auth-api'
import { childDocumentId, toWorkspaceId, type DocumentId } from '../../shared/doc-id'
import type { Workspace } from '../../client/runtime/workspace'
import { WORKSPACE, authorOf, invite, post, postOk, setUpCoordinator } from '../helpers/accounts'
import { childProfile, writeChild } from '../helpers/child-file'
import { makeDataDir, startTestRelay, type TestRelay } from '../helpers/relay'
import { loadStoredDoc } from '../helpers/stored-doc'
import { makeWorkspace } from '../helpers/workspace'

const ws = toWorkspaceId(WORKSPACE)

describe('X3: a teacher files a child only into a class of their own', () => {
  let data: ReturnType<typeof makeDataDir>
  let relay: TestRelay
  let coordinator: string
  let teacher: { token: string; id: string; user: { id: string; displayName: string } }
  let phone: Workspace | undefined
  const classesOf = async (token: string) =>
    (await fetch(`${relay.url}${ApiPath.filingClasses}`, { headers: { authorization: `Bearer ${token}` } })).json()

  beforeEach(async () => {
    data = makeDataDir()
    relay = await startTestRelay(data.dir)
    coordinator = (await setUpCoordinator(relay)).token
    const member = await invite(relay, coordinator, 'teacher', 'li', '李老師')
    teacher = { token: member.token, id: member.user.id, user: member.user }
    await postOk(relay, '/api/admin/classes', { userId: teacher.id, classId: 'class-3', assigned: true }, coordinator)
    await postOk(relay, '/api/admin/classes', { userId: teacher.id, classId: 'class-1', assigned: true }, coordinator)
  })
  afterEach(async () => {
    phone?.close()
    phone = undefined
    await relay.stop()
    data.remove()
  })

  // SPEC X3
  it('X3: the relay says which classes each member may file into, and refuses another with a reason', async () => {
    const helper = await invite(relay, coordinator, 'helper', 'zhang', '張媽媽')
    expect(await classesOf(teacher.token)).toEqual({ anyClass: false, classes: ['class-1', 'class-3'] })
    expect(await classesOf(coordinator)).toEqual({ anyClass: true, classes: [] })
    expect(await classesOf(helper.token)).toEqual({ anyClass: false, classes: [] })
    const refused = await post(relay, ApiPath.childClass, { childId: 'c9', classId: 'class-2' }, teacher.token)
    expect(refused.status).toBe(403)
    expect((await refused.json()) as unknown).toMatchObject({ error: AuthErrorCode.notYourClass })
  })

  // SPEC X3
  it("X3: a teacher's new child in another class is refused with the reason, and nothing looks created", async () => {
    phone = makeWorkspace(relay.url, 'teacher-phone', teacher)
    await phone.background.run()
    expect(await phone.queries.filingClasses()).toEqual({ anyClass: false, classes: ['class-1', 'class-3'] })

    // Created offline, or by an older page: the form would not offer 二班.
    const docId = childDocumentId(ws, 'c-other') as DocumentId
    await phone.createDocument(docId, (doc) => writeChild(doc, { name: '趙小芳', classId: 'class-2' }, undefined, authorOf(teacher)))
    expect((await phone.db.children.get('c-other'))?.name).toBe('趙小芳')
    await phone.background.run()

    // Not in the list, not on the device as a file, not on the relay: aside, with why.
    expect(await phone.db.children.get('c-other')).toBeUndefined()
    expect(await phone.db.updates.where('docId').equals(docId).count()).toBe(0)
    expect(await phone.db.pending.count()).toBe(0)
    const kept = await phone.db.keptAside.toArray()
    expect(kept.map((k) => [k.docId, k.name, k.reason])).toEqual([[docId, '趙小芳', AuthErrorCode.notYourClass]])
    expect(childProfile(await loadStoredDoc(relay.store, docId)).name).toBe('')
    expect(relay.access.childClass(WORKSPACE, 'c-other')).toBeUndefined()
    // The next round keeps it aside (the teacher still may not open it), and sends nothing.
    expect(await phone.background.run()).toEqual({ pulled: 0, pushed: 0 })
    expect(await phone.db.keptAside.count()).toBe(1)
  })

  // SPEC X3
  it('X3: a child in one of their classes is filed and pushed', async () => {
    phone = makeWorkspace(relay.url, 'teacher-laptop', teacher)
    const docId = childDocumentId(ws, 'c-own') as DocumentId
    await phone.createDocument(docId, (doc) => writeChild(doc, { name: '王小明', classId: 'class-3' }, undefined, authorOf(teacher)))
    expect(await phone.background.run()).toMatchObject({ pushed: 1 })
    expect(await phone.db.keptAside.count()).toBe(0)
    expect(relay.access.childClass(WORKSPACE, 'c-own')).toBe('class-3')
    expect(childProfile(await loadStoredDoc(relay.store, docId)).name).toBe('王小明')
  })
})
