/**
 * What the relay takes from one member (docs/SPEC.md section Q), through a real relay with
 * accounts: each attack refused with its stated code or status, nothing of it stored (read
 * back from the store), and an honest writer in the same file still saved and forwarded.
 * Limits are made small here so a test sends kilobytes, not megabytes; their values are
 * shared/limits.ts, listed in docs/SECURITY.md.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import * as Y from 'yjs'
import { encodeBytes } from '../../shared/api'
import { HELD_MAX_UPDATES, LimitReason } from '../../shared/limits'
import { CloseCode, readMessage, writeCheckpoint, writeUpdate, type Message } from '../../shared/protocol'
import { POISON_UPDATE } from '../fixtures/poison-update'
import { authorOf, invite, post, postOk, setUpCoordinator } from '../helpers/accounts'
import { todayIsoDate } from '../../shared/dates'
import { readChildFile, setChildFields, type EditContext } from '../../shared/docs/child/child'
import { connectClient, waitFor, waitSynced, type TestClient } from '../helpers/clients'
import { makeDataDir, startTestRelay, type TestRelay, type TestRelayOptions } from '../helpers/relay'
import { loadStoredDoc } from '../helpers/stored-doc'
import { makeWorkspace } from '../helpers/workspace'
import { Origin } from '../../shared/origin'
import type { DocumentId } from '../../shared/doc-id'

const DOC_ID = 'school-1/child/limits1'
const HOSTILE = 'HOSTILE'
/** Long texts of the child's file: parts any member may write, so only the limits stand in the way (SPEC R4). */
const ATTACKED = 'text:profile.habits'
const BURST = 'text:profile.character'

/** An update that would put `size` bytes of text into the file, had the relay taken it. */
function hostileUpdate(size: number): Uint8Array {
  const doc = new Y.Doc()
  doc.getText(ATTACKED).insert(0, HOSTILE + 'x'.repeat(size))
  return Y.encodeStateAsUpdate(doc)
}

/** A raw websocket kept open: what the relay sent it, and how it ended (a close code, or a refused upgrade's status). */
interface Raw {
  ws: WebSocket
  received: Message[]
  opened: boolean
  ended?: { code: number } | { status: number }
  denied(): string[]
  send(frame: Uint8Array): void
}

function rawSocket(relay: TestRelay, token: string, docId = DOC_ID): Raw {
  const ws = new WebSocket(`${relay.url.replace(/^http/, 'ws')}/sync/${docId}`, { headers: { authorization: `Bearer ${token}` } })
  const raw: Raw = {
    ws,
    received: [],
    opened: false,
    denied: () => raw.received.flatMap((m) => (m.type === 'permissionDenied' ? [m.reason] : [])),
    send: (frame) => ws.send(frame),
  }
  ws.binaryType = 'nodebuffer'
  ws.on('open', () => (raw.opened = true))
  ws.on('message', (data: Buffer) => raw.received.push(readMessage(new Uint8Array(data))))
  ws.on('unexpected-response', (_request, response) => {
    raw.ended = { status: response.statusCode ?? 0 }
    ws.terminate()
  })
  ws.on('close', (code) => (raw.ended ??= { code }))
  ws.on('error', () => {})
  return raw
}

const opened = (raw: Raw) => waitFor(() => raw.opened || raw.ended !== undefined, 'the socket to open or be refused')
const ended = (raw: Raw) => waitFor(() => raw.ended !== undefined, 'the relay to end the socket')
const logged = (relay: TestRelay, event: string) => relay.logs.filter((line) => (JSON.parse(line) as { event: string }).event === event)

describe('limits: what the relay takes from one member (SPEC Q)', () => {
  let data: ReturnType<typeof makeDataDir>
  let relay: TestRelay
  let token: string
  let ctx: () => EditContext
  let honest: TestClient
  let watcher: TestClient
  const raws: Raw[] = []
  let edits = 0

  async function start(options: TestRelayOptions = {}) {
    relay = await startTestRelay(data.dir, 0, options)
    const session = await setUpCoordinator(relay)
    token = session.token
    // The honest writer signs as the account it connects with (SPEC R1).
    ctx = () => ({ author: authorOf(session), today: todayIsoDate(), now: Date.now() })
    honest = connectClient(relay.url, DOC_ID, undefined, token)
    watcher = connectClient(relay.url, DOC_ID, undefined, token)
    await Promise.all([waitSynced(honest), waitSynced(watcher)])
  }
  const raw = (who = token, docId = DOC_ID) => {
    const r = rawSocket(relay, who, docId)
    raws.push(r)
    return r
  }

  /** The honest writer's edit is forwarded to the watcher and stored; nothing hostile is stored. */
  async function expectHonestWriterUnaffected() {
    edits++
    setChildFields(honest.doc, { 'guardian.name': `家訪${edits}` }, ctx())
    await waitFor(() => readChildFile(watcher.doc).fields['guardian.name']?.value === `家訪${edits}`, 'the watcher to hear the honest edit')
    await waitFor(async () => {
      const stored = await loadStoredDoc(relay.store, DOC_ID)
      const ok = readChildFile(stored).fields['guardian.name']?.value === `家訪${edits}`
      stored.destroy()
      return ok
    }, 'the honest edit stored')
    await expectNothingHostileStored()
  }
  async function expectNothingHostileStored() {
    const stored = await loadStoredDoc(relay.store, DOC_ID)
    expect(stored.getText(ATTACKED).toString()).not.toContain(HOSTILE)
    expect(watcher.doc.getText(ATTACKED).toString()).not.toContain(HOSTILE)
    stored.destroy()
  }

  beforeEach(() => {
    data = makeDataDir()
    edits = 0
  })
  afterEach(async () => {
    for (const r of raws.splice(0)) r.ws.terminate()
    honest.destroy()
    watcher.destroy()
    await relay.stop()
    data.remove()
  })

  it('Q1: a message past the largest message is closed 1009 before it is read, and counts against its account', async () => {
    await start({ maxMessageBytes: 4096, limits: { strikesPerWindow: 2 } })
    const first = raw()
    await opened(first)
    first.send(writeUpdate(hostileUpdate(8192)))
    await ended(first)
    expect(first.ended).toEqual({ code: CloseCode.tooLarge })
    const second = raw()
    await opened(second)
    second.send(writeUpdate(hostileUpdate(8192)))
    await ended(second)
    // Two strikes: the account's next upgrade is refused before anything of it is read (SPEC Q7).
    const third = raw()
    await ended(third)
    expect(third.ended).toEqual({ status: 429 })
    await expectNothingHostileStored()
  })

  it('Q2: an update past the largest update is refused with updateTooLarge over the socket (which stays open) and over HTTP', async () => {
    await start({ limits: { maxUpdateBytes: 2048 } })
    const attacker = raw()
    await opened(attacker)
    attacker.send(writeUpdate(hostileUpdate(4096)))
    attacker.send(writeCheckpoint(1))
    await waitFor(() => attacker.received.some((m) => m.type === 'notSaved'), 'the checkpoint answered')
    expect(attacker.denied()).toEqual([LimitReason.updateTooLarge])
    expect(attacker.received).toContainEqual({ type: 'notSaved', n: 1 })
    expect(attacker.ended).toBeUndefined()

    const pushed = await post(relay, '/api/push', { updates: [{ docId: DOC_ID, update: encodeBytes(hostileUpdate(4096)) }] }, token)
    expect(pushed.status).toBe(403)
    expect(await pushed.json()).toMatchObject({ error: 'refused_write', message: LimitReason.updateTooLarge })
    await expectHonestWriterUnaffected()
  })

  it('Q3: a write that would take a file past the largest file is refused with fileFull, nothing of it stored', async () => {
    await start({ limits: { maxFileBytes: 16 * 1024 } })
    const attacker = raw()
    await opened(attacker)
    attacker.send(writeUpdate(hostileUpdate(20 * 1024)))
    attacker.send(writeCheckpoint(1))
    await waitFor(() => attacker.received.some((m) => m.type === 'notSaved'), 'the checkpoint answered')
    expect(attacker.denied()).toEqual([LimitReason.fileFull])
    expect(attacker.ended).toBeUndefined()
    const pushed = await post(relay, '/api/push', { updates: [{ docId: DOC_ID, update: encodeBytes(hostileUpdate(20 * 1024)) }] }, token)
    expect(pushed.status).toBe(403)
    expect(await pushed.json()).toMatchObject({ error: 'refused_write', message: LimitReason.fileFull })
    // A file short of the limit still takes an ordinary write.
    await expectHonestWriterUnaffected()
  })

  it('Q4: a socket past its pace is read more slowly, never closed: every update of a burst is stored and forwarded', async () => {
    await start({ limits: { bytesPerSecond: 4096, bytesBurst: 4096, messagesPerSecond: 40, messagesBurst: 5 } })
    const burst = connectClient(relay.url, DOC_ID, undefined, token)
    await waitSynced(burst)
    let closes = 0
    burst.provider.on('connection-close', () => closes++)
    // Forty updates of 200 characters and a mark each: counted by their marks.
    const marks = (doc: Y.Doc) => doc.getText(BURST).toString().split(';').length - 1
    for (let i = 0; i < 40; i++) burst.doc.getText(BURST).insert(burst.doc.getText(BURST).length, `${'y'.repeat(200)};`)
    await waitFor(() => marks(watcher.doc) === 40, 'the watcher to hear the whole burst', 30_000)
    const stored = await loadStoredDoc(relay.store, DOC_ID)
    expect(marks(stored)).toBe(40)
    stored.destroy()
    expect(logged(relay, 'sync.slowed').length).toBeGreaterThan(0)
    expect(closes).toBe(0)
    burst.destroy()
    await expectHonestWriterUnaffected()
  })

  it('Q5: past the sockets one account may hold, its next upgrade is refused with 429; another account is not', async () => {
    // The honest writer and the watcher hold two of the coordinator's three.
    await start({ limits: { socketsPerAccount: 3 } })
    const third = raw()
    await opened(third)
    expect(third.opened).toBe(true)
    const fourth = raw()
    await ended(fourth)
    expect(fourth.ended).toEqual({ status: 429 })
    expect(logged(relay, 'sync.upgrade-limited').length).toBe(1)

    const other = await invite(relay, token, 'coordinator', 'li', '李老師')
    const theirs = raw(other.token)
    await opened(theirs)
    expect(theirs.opened).toBe(true)
    // Once one closes, the account may open another.
    third.ws.close()
    await ended(third)
    await waitFor(async () => {
      const again = raw()
      await opened(again)
      return again.opened
    }, 'a socket to open again once one closed')
    await expectHonestWriterUnaffected()
  })

  it('Q6: a request before sign-in has a small body: a large one is refused with 413, and an unusable invite is refused before any password is hashed', async () => {
    await start()
    const big = await post(relay, '/api/auth/login', { username: 'wang', password: 'p'.repeat(32 * 1024) })
    expect(big.status).toBe(413)
    expect(await big.json()).toMatchObject({ error: 'too_large' })
    // An invite used once is refused before any password is hashed.
    const { token: inviteToken } = await postOk<{ token: string }>(relay, '/api/admin/invites', { role: 'helper' }, token)
    const accept = (username: string) => post(relay, '/api/auth/invites/accept', { token: inviteToken, username, displayName: '趙', password: `${username}-password` })
    expect((await accept('zhao')).status).toBe(200)
    const again = await accept('qian')
    expect(again.status).toBe(404)
    expect(await again.json()).toMatchObject({ error: 'invite_invalid' })
    // The right password still signs in.
    expect((await post(relay, '/api/auth/login', { username: 'wang', password: 'coordinator-pass' })).status).toBe(200)
  })

  it('Q7: an account whose sockets keep sending malformed messages has its upgrades refused with 429; another account is not', async () => {
    await start({ limits: { strikesPerWindow: 3 } })
    for (let i = 0; i < 3; i++) {
      const bad = raw()
      await opened(bad)
      bad.send(new Uint8Array([0xde, 0xad, 0xbe, 0xef]))
      await ended(bad)
      expect(bad.ended).toEqual({ code: CloseCode.malformed })
    }
    const refused = raw()
    await ended(refused)
    expect(refused.ended).toEqual({ status: 429 })
    // The Retry-After the relay says, seen over plain HTTP (the upgrade's refusal carries only its status).
    const said = await fetch(`${relay.url}/sync/${DOC_ID}`, { headers: { authorization: `Bearer ${token}` } })
    expect(said.status).toBe(429)
    expect(Number(said.headers.get('retry-after'))).toBeGreaterThan(0)

    const other = await invite(relay, token, 'coordinator', 'li', '李老師')
    const theirs = raw(other.token)
    await opened(theirs)
    expect(theirs.opened).toBe(true)
    // Sockets already open are not closed: the honest writer goes on.
    await expectHonestWriterUnaffected()
  })

  it('Q8: an update built on what the relay never had is held, never stored or forwarded, and refused with missingDependencies past the bound', async () => {
    await start()
    const writer = new Y.Doc()
    const updates: Uint8Array[] = []
    writer.on('update', (u: Uint8Array) => updates.push(u))
    writer.getText(ATTACKED).insert(0, 'base ')
    writer.getText(ATTACKED).insert(5, HOSTILE)
    const attacker = raw()
    await opened(attacker)
    // Only the second: its first half never arrives.
    attacker.send(writeUpdate(updates[1] as Uint8Array))
    attacker.send(writeUpdate(POISON_UPDATE))
    attacker.send(writeCheckpoint(1))
    await waitFor(() => attacker.received.some((m) => m.type === 'notSaved'), 'the checkpoint answered')
    // Held for a while (what they build on may be on its way), so not refused yet, and not saved.
    expect(attacker.denied()).toEqual([])
    // Past the bound of updates held, they are dropped and refused.
    for (let i = 0; i < HELD_MAX_UPDATES; i++) attacker.send(writeUpdate(updates[1] as Uint8Array))
    attacker.send(writeCheckpoint(2))
    await waitFor(() => attacker.received.filter((m) => m.type === 'notSaved').length > 1, 'the second checkpoint answered')
    expect(attacker.denied()[0]).toBe(LimitReason.missingDependencies)
    expect(attacker.ended).toBeUndefined()
    const stored = await relay.store.load(DOC_ID)
    for (const update of stored.updates) expect(Y.decodeUpdate(update).structs.some((s) => s.id.client === writer.clientID)).toBe(false)
    await expectHonestWriterUnaffected()
    // A newcomer is served nothing of it.
    const newcomer = connectClient(relay.url, DOC_ID, undefined, token)
    await waitSynced(newcomer)
    expect(newcomer.doc.store.pendingStructs).toBeNull()
    expect(newcomer.doc.store.clients.has(writer.clientID)).toBe(false)
    newcomer.destroy()
  })

  /** A writer's second update, whose first never reaches the relay: it builds on what the relay never had. */
  function orphan(text: string): Uint8Array {
    const writer = new Y.Doc()
    const updates: Uint8Array[] = []
    writer.on('update', (u: Uint8Array) => updates.push(u))
    writer.getText(ATTACKED).insert(0, 'base ')
    writer.getText(ATTACKED).insert(5, text)
    return updates[1] as Uint8Array
  }

  it('Q8: what a connection holds is bounded in bytes: an update past the bound is refused at once, nothing stored', async () => {
    await start({ limits: { heldMaxBytes: 256 } })
    const attacker = raw()
    await opened(attacker)
    attacker.send(writeUpdate(orphan(HOSTILE.repeat(100))))
    attacker.send(writeCheckpoint(1))
    await waitFor(() => attacker.received.some((m) => m.type === 'notSaved'), 'the checkpoint answered')
    expect(attacker.denied()).toEqual([LimitReason.missingDependencies])
    expect((await loadStoredDoc(relay.store, DOC_ID)).getText(ATTACKED).toString()).not.toContain(HOSTILE)
    await expectHonestWriterUnaffected()
  })

  it('Q8: what a connection holds is bounded in time: held past it, the next checkpoint refuses it, nothing stored', async () => {
    await start({ limits: { heldMaxMs: 100 } })
    const attacker = raw()
    await opened(attacker)
    attacker.send(writeUpdate(orphan(HOSTILE)))
    attacker.send(writeCheckpoint(1))
    await waitFor(() => attacker.received.some((m) => m.type === 'notSaved'), 'the first checkpoint answered')
    expect(attacker.denied()).toEqual([])
    await new Promise((resolve) => setTimeout(resolve, 200))
    attacker.send(writeCheckpoint(2))
    await waitFor(() => attacker.denied().length > 0, 'the relay to refuse what it held')
    expect(attacker.denied()).toEqual([LimitReason.missingDependencies])
    expect((await loadStoredDoc(relay.store, DOC_ID)).getText(ATTACKED).toString()).not.toContain(HOSTILE)
    await expectHonestWriterUnaffected()
  })

  it('Q8: an edit that arrives before what it builds on (typing while reconnecting) is held, then stored once that comes, and answered saved', async () => {
    await start()
    const writer = new Y.Doc()
    const updates: Uint8Array[] = []
    writer.on('update', (u: Uint8Array) => updates.push(u))
    setChildFields(writer, { name: '王小明' }, ctx())
    setChildFields(writer, { name: '王小明明' }, ctx())
    const device = raw()
    await opened(device)
    device.send(writeUpdate(updates[1] as Uint8Array))
    device.send(writeUpdate(updates[0] as Uint8Array))
    device.send(writeCheckpoint(1))
    await waitFor(() => device.received.some((m) => m.type === 'saved' || m.type === 'notSaved'), 'the checkpoint answered')
    expect(device.received.find((m) => m.type === 'saved' || m.type === 'notSaved')?.type).toBe('saved')
    expect(device.denied()).toEqual([])
    const stored = await loadStoredDoc(relay.store, DOC_ID)
    expect(readChildFile(stored).fields.name?.value).toBe('王小明明')
  })

  it('Q8: what was stored before, waiting on changes that never came, is neither served nor kept once the file is opened', async () => {
    await start()
    setChildFields(honest.doc, { name: '李小紅' }, ctx())
    await waitFor(async () => (await relay.store.load(DOC_ID)).updates.length > 0, 'the honest edit stored')
    const writer = new Y.Doc()
    const updates: Uint8Array[] = []
    writer.on('update', (u: Uint8Array) => updates.push(u))
    writer.getText(ATTACKED).insert(0, 'base ')
    writer.getText(ATTACKED).insert(5, HOSTILE)
    honest.destroy()
    watcher.destroy()
    // As an earlier relay would have: stored with what it builds on missing.
    await relay.store.append([{ docId: DOC_ID, update: updates[1] as Uint8Array }])
    await relay.stop()
    relay = await startTestRelay(data.dir)
    honest = connectClient(relay.url, DOC_ID, undefined, token)
    watcher = connectClient(relay.url, DOC_ID, undefined, token)
    await Promise.all([waitSynced(honest), waitSynced(watcher)])
    expect(readChildFile(honest.doc).fields.name?.value).toBe('李小紅')
    expect(honest.doc.store.pendingStructs).toBeNull()
    expect(honest.doc.store.clients.has(writer.clientID)).toBe(false)
    await waitFor(() => logged(relay, 'sync.pending-dropped').length === 1, 'the relay to log what it dropped')
    const stored = await relay.store.load(DOC_ID)
    for (const update of stored.updates) expect(Y.decodeUpdate(update).structs.some((s) => s.id.client === writer.clientID)).toBe(false)
    await expectHonestWriterUnaffected()
  })
})

describe('limits on the device: a refused change stays on it, and it does not send it forever (SPEC Q1, Q2)', () => {
  let data: ReturnType<typeof makeDataDir>
  let relay: TestRelay
  let token: string
  const docId = DOC_ID as DocumentId

  beforeEach(() => {
    data = makeDataDir()
  })
  afterEach(async () => {
    await relay.stop()
    data.remove()
  })

  async function writeOnDevice(options: TestRelayOptions, size: number) {
    relay = await startTestRelay(data.dir, 0, options)
    token = await relay.setUpCoordinator()
    const device = makeWorkspace(relay.url, 'helper-phone', token)
    const { doc, provider } = await device.open(docId)
    await waitFor(() => provider.synced, 'the file synced')
    doc.transact(() => doc.getText('notes').insert(0, '家訪記錄'.repeat(size / 12)), Origin.localEdit)
    await device.flushed(docId)
    return { device, doc, provider }
  }

  it('Q1: a message too large for the relay: the file is marked refused for a limit, kept, and not reconnected', async () => {
    const { device, doc, provider } = await writeOnDevice({ maxMessageBytes: 4096, limits: { maxUpdateBytes: 4096 } }, 8192)
    await waitFor(() => device.refused.getSnapshot().some((f) => f.docId === docId && f.refusal === 'limit'), 'the device to mark the file refused')
    expect(provider.shouldConnect).toBe(false)
    // Coming back online does not open its socket again (background catch-up refuses it too, as too
    // large an update); the change stays on the device, pending.
    device.setNetworkAllowed(false)
    device.setNetworkAllowed(true)
    expect(provider.shouldConnect).toBe(false)
    await device.background.run()
    expect(device.refused.getSnapshot()).toEqual([{ docId, refusal: 'limit', reason: 'messageTooLarge' }])
    expect(await device.db.pending.where('docId').equals(docId).count()).toBeGreaterThan(0)
    expect(doc.getText('notes').length).toBeGreaterThan(0)
    expect(logged(relay, 'sync.socket-error')).toHaveLength(1)
    expect((await loadStoredDoc(relay.store, DOC_ID)).getText('notes').toString()).toBe('')
    device.close()
  })

  it('Q2: an update too large for the relay: the file is marked refused for a limit, kept, its socket open', async () => {
    const { device, provider } = await writeOnDevice({ limits: { maxUpdateBytes: 2048 } }, 8192)
    await waitFor(() => device.refused.getSnapshot().some((f) => f.docId === docId && f.refusal === 'limit'), 'the device to mark the file refused')
    expect(device.refused.getSnapshot()).toEqual([{ docId, refusal: 'limit', reason: 'updateTooLarge' }])
    expect(provider.wsconnected).toBe(true)
    expect(await device.db.pending.where('docId').equals(docId).count()).toBeGreaterThan(0)
    expect((await loadStoredDoc(relay.store, DOC_ID)).getText('notes').toString()).toBe('')
    device.close()
  })
})
