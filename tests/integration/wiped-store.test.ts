/**
 * SPEC L7: the browser wipes the device's IndexedDB (eviction, or site data cleared) but the
 * unload journal in localStorage survives. The next start stores what the journal still holds
 * as the unsent changes they were, and background catch-up brings everything else back from
 * the relay: the list is whole again and the change that survived reaches the relay.
 */
import Dexie from 'dexie'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { SessionResponse } from '../../shared/auth-api'
import { childDocumentId, type DocumentId } from '../../shared/doc-id'
import { readChildFile, setChildFields } from '../../shared/docs/child/child'
import { UnloadJournal } from '../../client/runtime/store/unload-journal'
import type { Workspace } from '../../client/runtime/workspace'
import { WORKSPACE, setUpCoordinator } from '../helpers/accounts'
import { writeChild } from '../helpers/child-file'
import { makeDataDir, startTestRelay, type TestRelay } from '../helpers/relay'
import { memoryStorage } from '../helpers/memory-storage'
import { loadStoredDoc } from '../helpers/stored-doc'
import { makeWorkspace } from '../helpers/workspace'

describe('a wiped device store comes back (SPEC L7)', () => {
  let data: ReturnType<typeof makeDataDir>
  let relay: TestRelay
  let session: SessionResponse
  const workspaces: Workspace[] = []

  beforeEach(async () => {
    data = makeDataDir()
    relay = await startTestRelay(data.dir)
    session = await setUpCoordinator(relay)
  })
  afterEach(async () => {
    for (const w of workspaces.splice(0)) w.close()
    await relay.stop()
    data.remove()
  })

  it('keeps the unsent change the journal held, and pulls every file back from the relay', async () => {
    const storage = memoryStorage()
    const dbName = `wiped-${crypto.randomUUID()}`
    const before = makeWorkspace(relay.url, 'phone', session, { dbName, deviceStorage: storage })
    workspaces.push(before)
    const ids = ['w1', 'w2', 'w3'].map((id) => childDocumentId(WORKSPACE as never, id) as DocumentId)
    for (const [i, docId] of ids.entries()) await before.createDocument(docId, (doc) => writeChild(doc, { name: `孩子${i}` }, undefined, before.author.getAuthor()))
    await before.background.run()
    expect((await loadStoredDoc(relay.store, ids[0] as string)).getMap('profile').size).toBeGreaterThan(0)

    // The last edit made before the page died: journalled, never in IndexedDB, never sent.
    const stored = await loadStoredDoc(relay.store, ids[0] as string)
    const edit = new Y.Doc()
    Y.applyUpdate(edit, Y.encodeStateAsUpdate(stored))
    const sv = Y.encodeStateVector(edit)
    setChildFields(edit, { 'guardian.name': '王奶奶' }, { author: before.author.getAuthor(), today: '2026-11-29' as never, now: Date.now() })
    new UnloadJournal(storage).add(ids[0] as string, Y.encodeStateAsUpdate(edit, sv), true)
    before.close()
    workspaces.splice(0)
    // The browser wipes IndexedDB; localStorage stays.
    before.db.close()
    await Dexie.delete(dbName)

    const after = makeWorkspace(relay.url, 'phone', session, { dbName, deviceStorage: storage, wiped: true })
    workspaces.push(after)
    await after.start()
    expect(await after.db.pending.count()).toBeGreaterThan(0)
    await after.background.run()
    await after.indexer.flush()
    expect((await after.queries.children()).map((c) => c.name).sort()).toEqual(['孩子0', '孩子1', '孩子2'])
    expect(readChildFile(await loadStoredDoc(relay.store, ids[0] as string)).fields['guardian.name']?.value).toBe('王奶奶')
    expect(await after.db.pending.count()).toBe(0)
  })
})
