/**
 * Background catch-up in bounded steps (docs/SPEC.md S10–S13), through a real relay with
 * accounts and a device's Dexie on fake-indexeddb, counted at the device's fetch: a helper
 * away while colleagues edited catches up in a few requests moving about the bytes of what it
 * missed, no answer over 256 KB, a cut resumes where it stopped, and an idle round asks the
 * relay the same few questions whatever the number of files.
 */
import * as Y from 'yjs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { SessionResponse } from '../../shared/auth-api'
import { childDocumentId, toWorkspaceId } from '../../shared/doc-id'
import { CATCHUP_PAGE_BYTES } from '../../shared/sync/catchup-page'
import type { Workspace } from '../../client/runtime/workspace'
import { loadStoredUpdate } from '../../client/runtime/store/doc-persistence'
import { setUpCoordinator } from '../helpers/accounts'
import { editFiles, writeFiles, type Colleague } from '../helpers/catchup-scenario'
import { countingFetch, makeTraffic, type Traffic } from '../helpers/catchup-traffic'
import { childProfile, editChild } from '../helpers/child-file'
import { compactDocuments } from '../../client/runtime/store/compaction'
import { todayIsoDate } from '../../shared/dates'
import { makeDataDir, startTestRelay, type TestRelay } from '../helpers/relay'
import { loadStoredDoc } from '../helpers/stored-doc'
import { makeWorkspace } from '../helpers/workspace'

describe('catch-up in bounded steps', () => {
  let data: ReturnType<typeof makeDataDir>
  let relay: TestRelay
  let session: SessionResponse
  let colleague: Colleague
  const workspaces: Workspace[] = []

  beforeEach(async () => {
    data = makeDataDir()
    relay = await startTestRelay(data.dir)
    session = await setUpCoordinator(relay)
    colleague = { relayUrl: relay.url, session }
  })
  afterEach(async () => {
    for (const w of workspaces.splice(0)) w.close()
    await relay.stop()
    data.remove()
  })

  const device = (traffic: Traffic) => {
    const w = makeWorkspace(relay.url, undefined, session, { wrapFetch: countingFetch(traffic), backgroundIntervalMs: 3_600_000 })
    workspaces.push(w)
    return w
  }
  /** Every file on the device reads as the relay's copy. */
  const sameAsRelay = async (w: Workspace, ids: readonly string[]) => {
    for (const docId of ids) {
      const local = new Y.Doc()
      Y.applyUpdate(local, (await loadStoredUpdate(w.db, docId)) ?? new Uint8Array([0, 0]))
      expect(childProfile(local), docId).toEqual(childProfile(await loadStoredDoc(relay.store, docId)))
    }
  }

  it('SPEC S10: 300 files, 500 edits made elsewhere: at most 5 requests, at most 1.2× the bytes of the missing updates', async () => {
    const files = await writeFiles(colleague, 300)
    const traffic = makeTraffic()
    const helper = device(traffic)
    expect((await helper.background.run()).pulled).toBe(300)
    const missing = await editFiles(colleague, files, 500)
    traffic.reset()
    const round = await helper.background.run()
    expect(round.pulled).toBe(300)
    expect(traffic.requests, traffic.paths.join(' ')).toBeLessThanOrEqual(5)
    expect(traffic.received + traffic.sent, `${traffic.received} + ${traffic.sent} bytes for ${missing} missed`).toBeLessThanOrEqual(1.2 * missing)
    expect(traffic.largestAnswer).toBeLessThanOrEqual(CATCHUP_PAGE_BYTES)
    await sameAsRelay(helper, files.ids)
  })

  it('SPEC S11: no answer over 256 KB; an update larger than a page comes in parts, each on a page of its own', async () => {
    const files = await writeFiles(colleague, 40)
    // One stored update of 700 KB, as a compaction of a long history leaves it.
    const big = new Y.Doc()
    big.getText('text:profile.habits').insert(0, Array.from({ length: 70_000 }, (_, i) => (i * 7919).toString(36).padStart(10, '0')).join(''))
    const bigId = childDocumentId(toWorkspaceId('school-1'), 'child-big0')
    await relay.store.append([{ docId: bigId, update: Y.encodeStateAsUpdate(big) }])
    await editFiles(colleague, files, 40)
    const traffic = makeTraffic()
    const helper = device(traffic)
    await helper.background.run()
    const pages = traffic.paths.filter((p) => p === '/api/catchup').length
    expect(pages).toBeGreaterThanOrEqual(4)
    expect(traffic.largestAnswer).toBeLessThanOrEqual(CATCHUP_PAGE_BYTES)
    const local = new Y.Doc()
    Y.applyUpdate(local, (await loadStoredUpdate(helper.db, bigId)) as Uint8Array)
    expect(local.getText('text:profile.habits').toString()).toBe(big.getText('text:profile.habits').toString())
    await sameAsRelay(helper, files.ids)
  })

  it('SPEC S11: a diff against the device’s state vector larger than a page comes in parts too', async () => {
    const files = await writeFiles(colleague, 5)
    const traffic = makeTraffic()
    const helper = device(traffic)
    await helper.background.run()
    // 700 KB added to a file the helper has, then the relay's log of it merged into one row.
    const docId = files.ids[0] as string
    const doc = files.docs[0] as Y.Doc
    const added: Uint8Array[] = []
    doc.on('update', (u: Uint8Array) => added.push(u))
    doc.getText('text:profile.habits').insert(0, Array.from({ length: 70_000 }, (_, i) => (i * 7919).toString(36).padStart(10, '0')).join(''))
    await relay.store.append(added.map((update) => ({ docId, update })))
    const { updates, lastSeq } = await relay.store.load(docId)
    await relay.store.compact(docId, Y.mergeUpdates(updates), lastSeq)
    traffic.reset()
    await helper.background.run()
    expect(traffic.paths.filter((p) => p === '/api/catchup').length).toBeGreaterThanOrEqual(4)
    expect(traffic.largestAnswer).toBeLessThanOrEqual(CATCHUP_PAGE_BYTES)
    const local = new Y.Doc()
    Y.applyUpdate(local, (await loadStoredUpdate(helper.db, docId)) as Uint8Array)
    expect(local.getText('text:profile.habits').toString()).toBe(doc.getText('text:profile.habits').toString())
  })

  it('SPEC S12: a file compacted between a page and its diffs: the page is asked again, and every file gets its own diffs', async () => {
    const files = await writeFiles(colleague, 4)
    const traffic = makeTraffic()
    let compactFirst: (() => Promise<void>) | undefined
    // Before the device's diffs request reaches the relay, the relay merges one more file's log.
    const wrapFetch = (inner: typeof fetch): typeof fetch => {
      const counted = countingFetch(traffic)(inner)
      return async (input, init) => {
        const step = init?.method === 'POST' && String(input).includes('/api/catchup') ? compactFirst : undefined
        if (step) {
          compactFirst = undefined
          await step()
        }
        return counted(input, init)
      }
    }
    const helper = makeWorkspace(relay.url, undefined, session, { wrapFetch, backgroundIntervalMs: 3_600_000 })
    workspaces.push(helper)
    await helper.background.run()
    type Id = (typeof files.ids)[number]
    const [a, b] = files.ids as [Id, Id]
    const compact = async (docId: string) => {
      const { updates, lastSeq } = await relay.store.load(docId)
      await relay.store.compact(docId, Y.mergeUpdates(updates), lastSeq)
    }
    // Both edited while the device was away, the first before the second. The second's log is
    // merged past the device's cursor (the relay does so as it lets a pushed file go), so the page
    // names it for its state vector; the first's edit is a row of its own, sent as it is.
    const edit = files.docs[0] as Y.Doc
    const added: Uint8Array[] = []
    edit.on('update', (u: Uint8Array) => added.push(u))
    edit.getText('text:profile.habits').insert(0, '愛畫畫')
    await relay.store.append(added.map((update) => ({ docId: a, update })))
    await editFiles(colleague, { ids: [b], docs: [files.docs[1] as Y.Doc] }, 1, 1)
    await compact(b)
    compactFirst = () => compact(a)
    await helper.background.run()
    expect(compactFirst).toBeUndefined()
    expect(traffic.paths.filter((p) => p === '/api/catchup').length).toBeGreaterThanOrEqual(3)
    await sameAsRelay(helper, files.ids)
  })

  it('SPEC S12: a link cut at half way: the next round resumes, sending again at most 5% of the bytes', async () => {
    const files = await writeFiles(colleague, 300)
    // Two helpers' devices with the same 300 files; while both are away, colleagues make 500 edits.
    const whole = makeTraffic()
    const traffic = makeTraffic()
    const uncut = device(whole)
    const helper = device(traffic)
    await uncut.background.run()
    await helper.background.run()
    await editFiles(colleague, files, 500)
    whole.reset()
    await uncut.background.run()
    const full = whole.received + whole.sent

    traffic.reset()
    traffic.cutAt = Math.floor(full / 2)
    await expect(helper.background.run()).rejects.toThrow()
    expect(traffic.cut).toBe(true)
    traffic.heal()
    await helper.background.run()
    await sameAsRelay(helper, files.ids)
    expect(traffic.received + traffic.sent - full).toBeLessThanOrEqual(0.05 * full)
  })

  it('SPEC S13: an idle round asks the relay one question with 10 files as with 1,000: one catch-up page', async () => {
    const asked: string[][] = []
    for (const [n, first] of [
      [10, 0],
      [990, 10],
    ] as const) {
      await writeFiles(colleague, n, first)
      const traffic = makeTraffic()
      const helper = device(traffic)
      await helper.background.run()
      traffic.reset()
      const idle = await helper.background.run()
      expect(idle).toEqual({ pulled: 0, pushed: 0 })
      asked.push(traffic.paths)
    }
    expect(asked[1]).toEqual(asked[0])
    // The filing classes and the directory are asked only when the page's fingerprints change.
    expect(asked[0]).toEqual(['/api/catchup'])
  })

  it('SPEC S14: a file with many rows and unsent changes is compacted only once the relay has them, and reads the same', async () => {
    const files = await writeFiles(colleague, 3)
    const helper = device(makeTraffic())
    await helper.background.run()
    const docId = files.ids[0] as string
    const port = relay.port
    await relay.stop()
    const { doc } = await helper.open(docId as (typeof files.ids)[number])
    for (let i = 0; i < 60; i++) editChild(doc, { name: `改名${i}` }, todayIsoDate(), helper.author.getAuthor())
    await helper.flushed(docId as (typeof files.ids)[number])
    helper.release(docId as (typeof files.ids)[number])
    const rows = () => helper.db.updates.where('docId').equals(docId).count()
    expect(await rows()).toBeGreaterThan(60)
    expect(await compactDocuments(helper.db, [docId])).toEqual([])
    expect(await rows()).toBeGreaterThan(60)

    relay = await startTestRelay(data.dir, port)
    expect((await helper.background.run()).pushed).toBe(1)
    expect(childProfile(await loadStoredDoc(relay.store, docId)).name).toBe('改名59')
    expect(await helper.db.pending.count()).toBe(0)
    // The next round stores what the relay merged, and compacts the file now that nothing waits.
    await helper.background.run()
    expect(await rows()).toBe(1)
    await sameAsRelay(helper, [docId])
  })
})
