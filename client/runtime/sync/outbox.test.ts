import Dexie from 'dexie'
import { afterEach, describe, expect, it } from 'vitest'
import { openDb, type ShouwangDb } from '../store/db'
import { enqueueRequests, queuedRequests } from '../store/outbox'
import { auditRequest, flushOutbox } from './outbox'
import { createRelayHttp } from './relay-http'

const opened: ShouwangDb[] = []
afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close()
    await Dexie.delete(db.name)
  }
})

function freshDb(): ShouwangDb {
  const db = openDb(`outbox-test-${crypto.randomUUID()}`)
  opened.push(db)
  return db
}

/** A relay answering each request with the next status (and error code); records what it was sent. */
function relayAnswering(statuses: (number | 'unreachable' | { status: number; error: string })[]) {
  const sent: { path: string; body: unknown }[] = []
  const http = createRelayHttp({
    fetchImpl: (async (url: string, init?: RequestInit) => {
      const answer = statuses.shift() ?? 200
      if (answer === 'unreachable') throw new TypeError('Failed to fetch')
      sent.push({ path: url, body: JSON.parse(String(init?.body)) })
      if (typeof answer === 'object') return new Response(JSON.stringify({ error: answer.error }), { status: answer.status })
      return new Response('{}', { status: answer })
    }) as typeof fetch,
  })
  return { http, sent }
}

describe('the outbox of requests owed to the relay', () => {
  it('SPEC X1: sends in the order the requests were made, and keeps the time a report happened', async () => {
    const db = freshDb()
    await enqueueRequests(db, [{ path: '/api/admin/child-class', body: { childId: 'c1', classId: 'class-1' } }])
    await enqueueRequests(db, [auditRequest('school-1/child/c1', 'viewed', 1_700_000_000_000)])
    const relay = relayAnswering([200, 200])
    expect(await flushOutbox(db, relay.http)).toBe(2)
    expect(relay.sent).toEqual([
      { path: '/api/admin/child-class', body: { childId: 'c1', classId: 'class-1' } },
      { path: '/api/audit', body: { docId: 'school-1/child/c1', action: 'viewed', at: 1_700_000_000_000 } },
    ])
    expect(await queuedRequests(db)).toEqual([])
  })

  it('SPEC X2: drops what the relay can never take, and keeps the rest, in order, when it fails', async () => {
    const db = freshDb()
    for (const n of [1, 2, 3, 4, 5]) await enqueueRequests(db, [auditRequest(`school-1/child/c${n}`, 'viewed', n)])
    // 400, 403 and 404 are final: dropped. 503 stops the round: it and everything after wait.
    const relay = relayAnswering([400, 403, 404, 503])
    expect(await flushOutbox(db, relay.http)).toBe(0)
    expect((await queuedRequests(db)).map((e) => (e.body as { docId: string }).docId)).toEqual(['school-1/child/c4', 'school-1/child/c5'])
    // Offline: nothing is lost, nothing reordered.
    expect(await flushOutbox(db, relayAnswering(['unreachable']).http)).toBe(0)
    expect(await queuedRequests(db)).toHaveLength(2)
    expect(await flushOutbox(db, relayAnswering([200, 200]).http)).toBe(2)
    expect(await queuedRequests(db)).toEqual([])
  })

  it('SPEC X2: a session that ended (401) keeps every request for after the password', async () => {
    const db = freshDb()
    await enqueueRequests(db, [auditRequest('school-1/child/c1', 'exported', 1)])
    expect(await flushOutbox(db, relayAnswering([401]).http)).toBe(0)
    expect(await queuedRequests(db)).toHaveLength(1)
  })

  it("SPEC X3: a refused request made for a document tells that document's code; a refused report tells nothing", async () => {
    const db = freshDb()
    await enqueueRequests(db, [{ path: '/api/admin/child-class', body: { childId: 'c1', classId: 'class-2' } }], { docId: 'school-1/child/c1' })
    await enqueueRequests(db, [auditRequest('school-1/child/c2', 'viewed', 1)])
    await enqueueRequests(db, [{ path: '/api/admin/child-class', body: { childId: 'c3', classId: 'class-1' } }], { docId: 'school-1/child/c3' })
    const heard: unknown[] = []
    const relay = relayAnswering([{ status: 403, error: 'not_your_class' }, 403, 200])
    expect(await flushOutbox(db, relay.http, async (refused) => void heard.push(refused))).toBe(1)
    expect(heard).toEqual([{ docId: 'school-1/child/c1', code: 'not_your_class' }])
    expect(await queuedRequests(db)).toEqual([])
  })
})
