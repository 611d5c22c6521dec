import * as encoding from 'lib0/encoding'
import * as prng from 'lib0/prng'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import * as Y from 'yjs'
import { CloseCode, MessageType, SyncStep, writeAwareness, writeUpdate } from '../../shared/protocol'
import { readChildFile, setChildFields, type EditContext } from '../../shared/docs/child/child'
import { authorOf, setUpCoordinator } from '../helpers/accounts'
import { connectClient, waitFor, waitSynced, type TestClient } from '../helpers/clients'
import { makeDataDir, startTestRelay, type TestRelay, type TestRelayOptions } from '../helpers/relay'
import { loadStoredDoc } from '../helpers/stored-doc'

const DOC_ID = 'school-1/child/hostile1'
const KNOWN_NOTES = '期中家訪：奶奶身體好。'
const HOSTILE_TEXT = 'HOSTILE'

/** An update that would really change the document, had the relay accepted it. */
function hostileUpdate(size = 0): Uint8Array {
  const doc = new Y.Doc()
  doc.getText('text:profile.habits').insert(0, HOSTILE_TEXT + 'x'.repeat(size))
  return Y.encodeStateAsUpdate(doc)
}

const syncUpdateMessage = writeUpdate

/** A sync update whose length prefix promises more bytes than the frame holds. */
function truncatedUpdateMessage(): Uint8Array {
  const update = hostileUpdate()
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.sync)
  encoding.writeVarUint(encoder, SyncStep.update)
  encoding.writeVarUint(encoder, update.length + 10)
  encoding.writeUint8Array(encoder, update)
  return encoding.toUint8Array(encoder)
}

function withTrailingGarbage(message: Uint8Array): Uint8Array {
  const out = new Uint8Array(message.length + 3)
  out.set(message)
  out.set([0xde, 0xad, 0x00], message.length)
  return out
}

/** An awareness message that decodes up to its state, which is not JSON. */
function badJsonAwarenessMessage(): Uint8Array {
  const inner = encoding.createEncoder()
  encoding.writeVarUint(inner, 1) // one client
  encoding.writeVarUint(inner, 12345) // its client id
  encoding.writeVarUint(inner, 1) // its clock
  encoding.writeVarString(inner, '{"user": {"name": "x"')
  return writeAwareness(encoding.toUint8Array(inner))
}

function randomFrame(seed: number): Uint8Array {
  const gen = prng.create(seed)
  return prng.uint8Array(gen, prng.int32(gen, 1, 200))
}

/** How the relay ended a connection: a close code once open, or an HTTP status refusing the upgrade. */
type Closed = { code: number; reason: string } | { status: number }

/**
 * A raw websocket, not a y-websocket client, signed in with `token`: it sends exactly the
 * frames given, as soon as it is open, and reports how the relay closed or refused it.
 */
async function sendRaw(relay: TestRelay, token: string, path: string, frames: (Uint8Array | string)[]): Promise<Closed> {
  const ws = new WebSocket(`${relay.url.replace(/^http/, 'ws')}/sync/${path}`, { headers: { authorization: `Bearer ${token}` } })
  let closed: Closed | undefined
  ws.on('unexpected-response', (_request, response) => {
    closed = { status: response.statusCode ?? 0 }
    ws.terminate()
  })
  ws.on('close', (code, reason) => {
    closed ??= { code, reason: reason.toString() }
  })
  ws.on('error', () => {}) // a refused or reset socket is reported by `close`
  ws.on('open', () => {
    for (const frame of frames) ws.send(frame)
  })
  await waitFor(() => closed !== undefined, `the relay to close the connection to /sync/${path}`)
  return closed as Closed
}

const loggedEvents = (relay: TestRelay, event: string) =>
  relay.logs.filter((line) => (JSON.parse(line) as { event: string }).event === event)

describe('hostile frames: one bad connection is closed, the relay and the document are untouched', () => {
  let data: ReturnType<typeof makeDataDir>
  let relay: TestRelay
  let token: string
  let author: EditContext['author']
  let a: TestClient
  let b: TestClient
  let edits = 0

  async function start(options: TestRelayOptions = {}) {
    relay = await startTestRelay(data.dir, 0, options)
    const session = await setUpCoordinator(relay)
    token = session.token
    author = authorOf(session)
    a = connectClient(relay.url, DOC_ID, undefined, token)
    b = connectClient(relay.url, DOC_ID, undefined, token)
    await Promise.all([waitSynced(a), waitSynced(b)])
    a.doc.getText('text:profile.habits').insert(0, KNOWN_NOTES)
    setChildFields(a.doc, { classId: 'class-3-2' }, { author, today: '2026-11-29' as never, now: Date.now() })
    await waitFor(() => b.doc.getText('text:profile.habits').toString() === KNOWN_NOTES, 'b to have the known content')
  }

  /** The good clients still exchange edits both ways, and the store has exactly what they have. */
  async function expectRelayStillServes() {
    edits++
    setChildFields(b.doc, { 'guardian.name': `from b ${edits}` }, { author, today: '2026-11-29' as never, now: Date.now() })
    a.doc.getText('text:profile.habits').insert(0, `${edits}.`)
    await waitFor(
      () =>
        readChildFile(a.doc).fields['guardian.name']?.value === `from b ${edits}` &&
        b.doc.getText('text:profile.habits').toString() === a.doc.getText('text:profile.habits').toString(),
      'the good clients to exchange a new edit',
    )
    const stored = await loadStoredDoc(relay.store, DOC_ID)
    expect(stored.getText('text:profile.habits').toString()).toBe(a.doc.getText('text:profile.habits').toString())
    expect(stored.getText('text:profile.habits').toString()).not.toContain(HOSTILE_TEXT)
    expect(stored.getMap('profile').toJSON()).toEqual(a.doc.getMap('profile').toJSON())
    stored.destroy()
  }

  async function storedState(): Promise<{ notes: string; profile: unknown; stateVector: Map<number, number> }> {
    const stored = await loadStoredDoc(relay.store, DOC_ID)
    const state = {
      notes: stored.getText('text:profile.habits').toString(),
      profile: stored.getMap('profile').toJSON(),
      stateVector: Y.decodeStateVector(Y.encodeStateVector(stored)),
    }
    stored.destroy()
    return state
  }

  beforeEach(() => {
    data = makeDataDir()
    edits = 0
  })
  afterEach(async () => {
    a.destroy()
    b.destroy()
    await relay.stop()
    data.remove()
  })

  const malformed: [name: string, frames: () => (Uint8Array | string)[]][] = [
    ['a sync update whose length prefix runs past the end of the frame', () => [truncatedUpdateMessage()]],
    ['a text frame', () => [JSON.stringify({ type: 'update', notes: HOSTILE_TEXT })]],
    ['random bytes (seed 1)', () => [randomFrame(1)]],
    ['random bytes (seed 2)', () => [randomFrame(2)]],
    ['random bytes (seed 3)', () => [randomFrame(3)]],
    ['a valid sync update followed by trailing garbage', () => [withTrailingGarbage(syncUpdateMessage(hostileUpdate()))]],
    ['an awareness message whose state is not JSON', () => [badJsonAwarenessMessage()]],
    // The poison fixture (an update that decodes but no client could apply) builds on what the relay never
    // had: it is refused before it touches any document (tests/integration/limits.test.ts, SPEC Q8).
    // Closed at the first bad frame: the valid update sent after it on that connection is never read.
    ['a bad frame, then a valid update', () => [withTrailingGarbage(new Uint8Array([0])), syncUpdateMessage(hostileUpdate())]],
  ]

  it.each(malformed)('closes the connection that sent %s with 4400, logs why, keeps serving', async (_name, frames) => {
    await start()
    const before = await storedState()
    const malformedLogged = loggedEvents(relay, 'sync.malformed-message').length

    const closed = await sendRaw(relay, token, DOC_ID, frames())

    expect(closed).toMatchObject({ code: CloseCode.malformed })
    const logged = loggedEvents(relay, 'sync.malformed-message')
    expect(logged).toHaveLength(malformedLogged + 1)
    expect(JSON.parse(logged.at(-1) as string)).toMatchObject({ level: 'warn', doc: DOC_ID, reason: expect.any(String) })
    expect(await storedState()).toEqual(before)
    expect(a.doc.getText('text:profile.habits').toString()).toBe(KNOWN_NOTES)
    await expectRelayStillServes()
  })

  it('closes a connection whose message is over the size limit with 1009, logs why, keeps serving', async () => {
    const maxMessageBytes = 1024
    await start({ maxMessageBytes })
    const before = await storedState()
    const oversize = syncUpdateMessage(hostileUpdate(2 * maxMessageBytes))
    expect(oversize.length).toBeGreaterThan(maxMessageBytes)

    const closed = await sendRaw(relay, token, DOC_ID, [oversize])

    expect(closed).toMatchObject({ code: CloseCode.tooLarge })
    await waitFor(() => loggedEvents(relay, 'sync.socket-error').length === 1, 'the relay to log the oversize message')
    expect(JSON.parse(loggedEvents(relay, 'sync.socket-error')[0] as string)).toMatchObject({
      doc: DOC_ID,
      reason: 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH',
    })
    expect(await storedState()).toEqual(before)
    await expectRelayStillServes()
  })

  it.each([
    ['a path that climbs out of the data folder', '..%2Fetc'],
    ['an encoded climb', '%2E%2E%2Fetc%2Fpasswd'],
    ['bad percent-encoding', '%E0%A4%A'],
    ['an unknown document kind', 'school-1/secrets/abc'],
    ['a NUL in the key', 'school-1/child/abc%00'],
    ['no id at all', ''],
  ])('refuses a websocket to %s before the upgrade (403), logs why, and stores nothing', async (_name, path) => {
    await start()
    const changesBefore = await relay.store.changesSince('', 0, 100)

    // The connection would write at once; it is refused before it is open, so it never can.
    const closed = await sendRaw(relay, token, path, [syncUpdateMessage(hostileUpdate())])

    expect(closed).toEqual({ status: 403 })
    expect(loggedEvents(relay, 'sync.bad-document-id')).toHaveLength(1)
    await expectRelayStillServes()
    const changed = (await relay.store.changesSince('', 0, 100)).map((change) => change.docId)
    expect(changed).toEqual([DOC_ID])
    expect(changesBefore.map((change) => change.docId)).toEqual([DOC_ID])
  })
})
