/**
 * A coordinator exports a child's whole file for the guardian (PIPL): one request to the relay,
 * answered with every part of the file as readable JSON, recorded in the audit trail; nobody
 * else may.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { FilePath } from '../../shared/api'
import { childDocumentId, toWorkspaceId } from '../../shared/doc-id'
import { ChildExportSchema } from '../../shared/docs/child/export'
import { WORKSPACE, authorOf, invite, post, postOk, setUpCoordinator } from '../helpers/accounts'
import { connectClient, waitFor, type TestClient } from '../helpers/clients'
import { makeDataDir, startTestRelay, type TestRelay } from '../helpers/relay'
import { loadStoredDoc } from '../helpers/stored-doc'
import { WHOLE_FILE, writeWholeFile } from '../helpers/whole-file'

// SPEC E4
describe("export: a child's whole file, for the guardian", () => {
  let data: ReturnType<typeof makeDataDir>
  let relay: TestRelay
  let coordinator: string
  let seed: TestClient
  const docId = childDocumentId(toWorkspaceId(WORKSPACE), 'c1')

  beforeEach(async () => {
    data = makeDataDir()
    relay = await startTestRelay(data.dir)
    const session = await setUpCoordinator(relay)
    coordinator = session.token
    seed = connectClient(relay.url, docId, new Y.Doc(), coordinator)
    await waitFor(() => seed.provider.synced, 'the coordinator synced')
    writeWholeFile(seed.doc, authorOf(session))
    await waitFor(async () => (await loadStoredDoc(relay.store, docId)).getXmlFragment('notes').length > 0, 'the file on the relay')
  })
  afterEach(async () => {
    seed.destroy()
    await relay.stop()
    data.remove()
  })

  it('E4: a coordinator gets every part of the file: the name, a phone, a record’s text, a helper, the notes; audited as exported', async () => {
    const exported = ChildExportSchema.parse(await postOk(relay, FilePath.export, { docId }, coordinator))
    expect(exported.fields.find((f) => f.key === 'name')?.value).toBe(WHOLE_FILE.name)
    expect(exported.fields.find((f) => f.key === 'father.phone')?.value).toBe(WHOLE_FILE.fatherPhone)
    expect(exported.records.map((r) => r.fields.mood)).toEqual([WHOLE_FILE.recordText])
    expect(exported.pairings.map((p) => [p.name, p.phone])).toEqual([[WHOLE_FILE.helperName, WHOLE_FILE.helperPhone]])
    expect(exported.notes).toBe(WHOLE_FILE.notes)
    const trail = relay.access.auditForDoc(WORKSPACE, docId)
    expect(trail.filter((e) => e.action === 'exported').map((e) => e.userId)).toEqual([relay.access.userByName('wang')?.id])
    // The relay's log names the file by its id only.
    for (const fact of Object.values(WHOLE_FILE)) expect(relay.logs.join('\n')).not.toContain(fact)
  })

  it('a helper paired with the child, and the teacher of its class, get 403; no one signed in 401; nothing is audited', async () => {
    const helper = await invite(relay, coordinator, 'helper', 'zhang', '張媽媽')
    await postOk(relay, '/api/admin/pairings', { userId: helper.user.id, childId: 'c1', paired: true }, coordinator)
    const teacher = await invite(relay, coordinator, 'teacher', 'li', '李老師')
    await postOk(relay, '/api/admin/classes', { userId: teacher.user.id, classId: WHOLE_FILE.classId, assigned: true }, coordinator)
    await postOk(relay, '/api/admin/child-class', { childId: 'c1', classId: WHOLE_FILE.classId }, coordinator)

    for (const member of [helper, teacher]) {
      const refused = await post(relay, FilePath.export, { docId }, member.token)
      expect(refused.status).toBe(403)
      expect(await refused.text()).not.toContain(WHOLE_FILE.name)
    }
    expect((await post(relay, FilePath.export, { docId })).status).toBe(401)
    expect(relay.access.auditForDoc(WORKSPACE, docId).filter((e) => e.action === 'exported')).toEqual([])
  })

  it('refuses a file of another workspace, a file the relay does not hold, and a request that is not a document id', async () => {
    expect((await post(relay, FilePath.export, { docId: 'school-2/child/c1' }, coordinator)).status).toBe(403)
    expect((await post(relay, FilePath.export, { docId: `${WORKSPACE}/child/nobody` }, coordinator)).status).toBe(404)
    expect((await post(relay, FilePath.export, { docId: '../../etc/passwd' }, coordinator)).status).toBe(400)
  })
})
