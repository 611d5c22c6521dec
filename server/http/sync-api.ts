/**
 * Background catch-up over HTTP: a helper back from a village brings hundreds of files up
 * to date in a few requests instead of hundreds of sockets. Pushed updates go through the
 * same rooms as websocket updates, so live peers receive them once they are committed.
 * Every route asks the Authorizer who is calling (401 without a session) and refuses a whole
 * request naming any document beyond the caller's access (403).
 */
import { Hono, type Context } from 'hono'
import type { Access } from '../../shared/access'
import { AuthErrorCode } from '../../shared/auth-api'
import type { Authorizer, Caller } from '../auth/authorizer'
import { bodyLimit } from 'hono/body-limit'
import { HTTPException } from 'hono/http-exception'
import * as Y from 'yjs'
import type { WriteVerdict } from '../../shared/docs/kind'
import { RefusedWrite } from '../sync/update-guard'
import {
  AccessQuery,
  ApiErrorCode,
  CatchupDiffRequest,
  CatchupQuery,
  ChangesQuery,
  MAX_CHANGES_PER_PAGE,
  MAX_REQUEST_BYTES,
  PullRequest,
  PushRequest,
  encodeBytes,
  type AccessAnswer,
  type ChangesResponse,
} from '../../shared/api'
import { parseDocumentId } from '../../shared/doc-id'
import { CATCHUP_CONTENT_TYPE } from '../../shared/sync/catchup-page'
import type { Logger } from '../log'
import type { DocStore } from '../store/doc-store'
import type { Room } from '../sync/room'
import type { Rooms } from '../sync/rooms'
import { apiError, parseWith, readBody } from './errors'
import { catchupDiffs, catchupPage } from './catchup-page'

export function syncApi({ store, rooms, log, authorizer }: { store: DocStore; rooms: Rooms; log: Logger; authorizer: Authorizer }) {
  const api = new Hono()
  /** Who is calling; 401 `not_signed_in` without a session. */
  const caller = (c: Context): Caller => {
    const who = authorizer.callerOf(c)
    if (!who) throw apiError(401, AuthErrorCode.notSignedIn, 'not signed in')
    return who
  }
  /** Refuses the whole request if any document is beyond the caller's access, or was erased (docs/SPEC.md E6). */
  const check = async (c: Context, docIds: readonly string[], need: 'read' | 'write') => {
    const who = caller(c)
    for (const docId of docIds) {
      const access = who.access(docId)
      if (access === 'none' || (need === 'write' && access !== 'write')) {
        throw apiError(403, AuthErrorCode.forbidden, 'a document is beyond your access')
      }
    }
    if ((await store.erasedAmong(docIds)).size > 0) throw apiError(403, ApiErrorCode.erased, 'a document was erased')
  }
  api.use(
    '*',
    bodyLimit({
      maxSize: MAX_REQUEST_BYTES,
      onError: () => {
        throw apiError(413, ApiErrorCode.tooLarge, 'request body too large')
      },
    }),
  )

  api.get('/changes', async (c) => {
    const query = parseWith(ChangesQuery, c.req.query())
    const who = caller(c)
    if (!who.mayList(query.workspace)) throw apiError(403, AuthErrorCode.forbidden, 'another workspace')
    const rows = await store.changesSince(`${query.workspace}/`, query.after, MAX_CHANGES_PER_PAGE + 1)
    const page = rows.slice(0, MAX_CHANGES_PER_PAGE)
    const body: ChangesResponse = {
      // The cursor passes documents beyond the caller's access without naming them.
      changes: page.filter((change) => who.access(change.docId) !== 'none'),
      cursor: page.at(-1)?.seq ?? query.after,
      more: rows.length > MAX_CHANGES_PER_PAGE,
      scope: who.readScope(),
    }
    return c.json(body)
  })

  // Background catch-up from the log, in pages of at most 256 KB (docs/SPEC.md S10–S13).
  api.get('/catchup', async (c) => {
    const query = parseWith(CatchupQuery, c.req.query())
    const who = caller(c)
    if (!who.mayList(query.workspace)) throw apiError(403, AuthErrorCode.forbidden, 'another workspace')
    const page = await catchupPage(store, who, query)
    return c.body(new Uint8Array(page), 200, { 'content-type': CATCHUP_CONTENT_TYPE, 'cache-control': 'no-store' })
  })

  api.post('/catchup', async (c) => {
    const body = await readBody(c, CatchupDiffRequest)
    const who = caller(c)
    if (!who.mayList(body.workspace)) throw apiError(403, AuthErrorCode.forbidden, 'another workspace')
    const query = { workspace: body.workspace, after: body.after, until: body.until, offset: 0, size: 0, skip: 0 }
    const page = await catchupDiffs(store, who, query, body.from, { offset: body.partOffset, size: body.partSize }, body.stateVectors, body.named, (docId) => rooms.merged(docId))
    if (page === 'changed') throw apiError(409, ApiErrorCode.pageChanged, 'the page names other files now: ask it again')
    if (page === 'mismatch') throw apiError(400, ApiErrorCode.badRequest, 'the state vectors do not match the page')
    return c.body(new Uint8Array(page), 200, { 'content-type': CATCHUP_CONTENT_TYPE, 'cache-control': 'no-store' })
  })

  api.post('/pull', async (c) => {
    const { docs } = await readBody(c, PullRequest)
    await check(c, docs.map((d) => d.docId), 'read')
    const merged = await Promise.all(docs.map(({ docId }) => rooms.merged(docId)))
    const out = docs.map(({ docId, stateVector }, i) => {
      const whole = merged[i] as Uint8Array
      let update: Uint8Array
      try {
        update = Y.diffUpdate(whole, stateVector)
      } catch {
        throw apiError(400, ApiErrorCode.badRequest, 'a state vector could not be read')
      }
      return { docId, update: encodeBytes(update), stateVector: encodeBytes(Y.encodeStateVectorFromUpdate(whole)) }
    })
    return c.json({ docs: out })
  })

  api.post('/access', async (c) => {
    const { docIds } = await readBody(c, AccessQuery)
    const who = caller(c)
    const access: Record<string, Access> = {}
    for (const docId of docIds) access[docId] = who.access(docId)
    // Erased files are named to members of their workspace, so a device back after months drops
    // them and keeps nothing; a device of an earlier release reads them as 'none'.
    const erased = [...(await store.erasedAmong(docIds))].filter((docId) => who.mayList(parseDocumentId(docId)?.workspace ?? ''))
    for (const docId of erased) access[docId] = 'none'
    const answer: AccessAnswer = { access, ...(erased.length > 0 ? { erased } : {}) }
    return c.json(answer)
  })

  api.post('/push', async (c) => {
    const { updates } = await readBody(c, PushRequest)
    await check(c, updates.map((u) => u.docId), 'write')
    const who = caller(c)
    // Each room is held from before its update is admitted until it is committed.
    const held = (targets: Room[]) => pushInto(targets, updates, who)
    await rooms.holding(updates.map((u) => u.docId), held).catch((error: unknown) => {
      throw error instanceof HTTPException ? error : apiError(503, ApiErrorCode.storageFailed, 'storage failed; try again')
    })
    log.info('sync.pushed', { docs: updates.length })
    return c.json({ committed: updates.length })
  })

  return api
}

/**
 * Admits every update before committing any (one bad update, or one the document's rules
 * refuse, refuses them all), then commits them and records what their rules said to audit.
 */
async function pushInto(rooms: Room[], updates: readonly { docId: string; update: Uint8Array }[], who: Caller): Promise<void> {
  const admitted: Room[] = []
  const audits: WriteVerdict['audit'][] = []
  try {
    updates.forEach(({ docId, update }, i) => {
      Y.decodeUpdate(update)
      const room = rooms[i] as Room
      audits.push(room.admit(update, who.writer(docId)))
      admitted.push(room)
    })
  } catch (error) {
    for (const room of admitted) room.resetGuard()
    if (error instanceof RefusedWrite) throw apiError(403, ApiErrorCode.refusedWrite, error.reason)
    throw apiError(400, ApiErrorCode.badUpdate, 'an update could not be decoded or applied')
  }
  // Queued in one turn of the event loop, they are committed in one transaction.
  await Promise.all(updates.map(({ update }, i) => (rooms[i] as Room).commit(null, update, audits[i], who.identity.id)))
  updates.forEach(({ docId }, i) => {
    for (const action of audits[i] ?? []) who.audit(docId, action)
  })
}
