/**
 * "All saved" must mean on the relay's disk: the client's pending count reaches zero only
 * once the relay has committed the change, including changes made offline and deletions.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { childDocumentId, type DocumentId } from '../../shared/doc-id'
import { todayIsoDate } from '../../shared/dates'
import { writeChild, editChild, childProfile } from '../helpers/child-file'
import type { Workspace } from '../../client/runtime/workspace'
import { setUpCoordinator } from '../helpers/accounts'
import { waitFor } from '../helpers/clients'
import { makeDataDir, startTestRelay, type TestRelay } from '../helpers/relay'
import { loadStoredDoc } from '../helpers/stored-doc'
import { makeWorkspace } from '../helpers/workspace'

// SPEC S2
describe('client: pending changes and the saved checkpoint', () => {
  let data: ReturnType<typeof makeDataDir>
  let relay: TestRelay
  let workspace: Workspace
  const docId = childDocumentId(makeWorkspace('ws://unused').workspaceId, 'child-aaaa') as DocumentId
  const pending = () => workspace.db.pending.count()

  beforeEach(async () => {
    data = makeDataDir()
    relay = await startTestRelay(data.dir)
    workspace = makeWorkspace(relay.url, undefined, await setUpCoordinator(relay))
  })
  afterEach(async () => {
    workspace.close()
    await relay.stop()
    data.remove()
  })

  it('counts a local edit as waiting until the relay has stored it', async () => {
    const { doc, provider } = await workspace.open(docId)
    await waitFor(() => provider.synced, 'first sync')
    writeChild(doc, { name: '李小紅', classId: 'class-3-2' }, todayIsoDate(), workspace.author.getAuthor())
    await workspace.flushed(docId)
    expect(await pending()).toBeGreaterThan(0)

    let count = -1
    await waitFor(() => {
      void pending().then((n) => (count = n))
      return count === 0
    }, 'pending to reach zero')
    // Zero pending means it is in SQLite, not merely sent.
    expect(childProfile(await loadStoredDoc(relay.store, docId)).name).toBe('李小紅')
  })

  it('keeps offline edits, deletions included, waiting until the relay is back, then saves them', async () => {
    const { doc, provider } = await workspace.open(docId)
    await waitFor(() => provider.synced, 'first sync')
    writeChild(doc, { name: '王小明', classId: 'class-1', gender: 'male' }, todayIsoDate(), workspace.author.getAuthor())
    let count = -1
    const poll = () => {
      void pending().then((n) => (count = n))
      return count
    }
    await waitFor(() => poll() === 0, 'first edit saved')

    const port = relay.port
    await relay.stop()
    await waitFor(() => !provider.wsconnected, 'the client to notice the relay is gone')
    // A deletion alone does not move the state vector: it must still count as waiting.
    editChild(doc, { gender: undefined }, todayIsoDate(), workspace.author.getAuthor())
    await waitFor(() => poll() > 0, 'the deletion to wait')
    expect(poll()).toBeGreaterThan(0)

    relay = await startTestRelay(data.dir, port)
    await waitFor(() => poll() === 0, 'pending to reach zero after reconnecting', 15_000)
    const stored = childProfile(await loadStoredDoc(relay.store, docId))
    expect(stored.name).toBe('王小明')
    expect(stored.gender).toBeUndefined()
  })

  it('survives a restart of the client: a reopened workspace still knows what waits', async () => {
    const port = relay.port
    await relay.stop()
    const { doc } = await workspace.open(docId)
    writeChild(doc, { name: '趙小芳', classId: 'class-2' }, todayIsoDate(), workspace.author.getAuthor())
    await workspace.flushed(docId)
    workspace.release(docId)
    const waiting = await pending()
    expect(waiting).toBeGreaterThan(0)

    relay = await startTestRelay(data.dir, port)
    const again = await workspace.open(docId)
    expect(childProfile(again.doc).name).toBe('趙小芳')
    let count = -1
    await waitFor(() => {
      void pending().then((n) => (count = n))
      return count === 0
    }, 'pending saved after reopening', 15_000)
    expect(childProfile(await loadStoredDoc(relay.store, docId)).name).toBe('趙小芳')
  })
})
