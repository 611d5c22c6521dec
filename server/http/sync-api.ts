/**
 * Background catch-up over HTTP: a helper back from a village brings hundreds of files up
 * to date in a few requests instead of hundreds of sockets. Pushed updates go through the
 * same rooms as websocket updates, so live peers receive them once they are committed.
 */
import { Hono, type Context } from 'hono'
import type { Access } from '../../shared/access'
import { AuthErrorCode } from '../../shared/auth-api'
import type { Principal } from '../auth/authorize'
import { bodyLimit } from 'hono/body-limit'
import * as Y from 'yjs'
import {
  AccessQuery,
  ApiErrorCode,
  ChangesQuery,
  MAX_CHANGES_PER_PAGE,
  MAX_REQUEST_BYTES,
  PullRequest,
  PushRequest,
  encodeBytes,
  type ChangesResponse,
} from '../../shared/api'
import type { Logger } from '../log'
import type { DocStore } from '../store/doc-store'
import type { Rooms } from '../sync/rooms'
import { apiError, parseWith, readBody } from './errors'

/** With accounts: who is asking, and what they may do with a document. */
export interface SyncApiGuard {
  /** Throws 401 when no one is signed in. */
  principal(c: Context): Principal
  access(principal: Principal, docId: string): Access
  /** A fingerprint of what the principal may read (authorize.ts readScope). */
  scope(principal: Principal): string
}

export function syncApi({ store, rooms, log, guard }: { store: DocStore; rooms: Rooms; log: Logger; guard?: SyncApiGuard }) {
  const api = new Hono()
  /** Refuses the whole request if any document is beyond the caller's access. */
  const check = (c: Context, docIds: readonly string[], need: 'read' | 'write') => {
    if (!guard) return
    const who = guard.principal(c)
    for (const docId of docIds) {
      const access = guard.access(who, docId)
      if (access === 'none' || (need === 'write' && access !== 'write')) {
        throw apiError(403, AuthErrorCode.forbidden, 'a document is beyond your access')
      }
    }
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

  api.get('/changes', (c) => {
    const query = parseWith(ChangesQuery, c.req.query())
    const who = guard?.principal(c)
    if (who && who.workspace !== query.workspace) throw apiError(403, AuthErrorCode.forbidden, 'another workspace')
    const rows = store.changesSince(`${query.workspace}/`, query.after, MAX_CHANGES_PER_PAGE + 1)
    const page = rows.slice(0, MAX_CHANGES_PER_PAGE)
    const body: ChangesResponse = {
      // The cursor passes documents beyond the caller's access without naming them.
      changes: who ? page.filter((change) => guard?.access(who, change.docId) !== 'none') : page,
      cursor: page.at(-1)?.seq ?? query.after,
      more: rows.length > MAX_CHANGES_PER_PAGE,
      ...(who && guard ? { scope: guard.scope(who) } : {}),
    }
    return c.json(body)
  })

  api.post('/pull', async (c) => {
    const { docs } = await readBody(c, PullRequest)
    check(c, docs.map((d) => d.docId), 'read')
    const out = docs.map(({ docId, stateVector }) => {
      const merged = rooms.merged(docId)
      let update: Uint8Array
      try {
        update = Y.diffUpdate(merged, stateVector)
      } catch {
        throw apiError(400, ApiErrorCode.badRequest, 'a state vector could not be read')
      }
      return { docId, update: encodeBytes(update), stateVector: encodeBytes(Y.encodeStateVectorFromUpdate(merged)) }
    })
    return c.json({ docs: out })
  })

  api.post('/access', async (c) => {
    const { docIds } = await readBody(c, AccessQuery)
    const who = guard?.principal(c)
    const access: Record<string, Access> = {}
    for (const docId of docIds) access[docId] = who && guard ? guard.access(who, docId) : 'write'
    return c.json({ access })
  })

  api.post('/push', async (c) => {
    const { updates } = await readBody(c, PushRequest)
    check(c, updates.map((u) => u.docId), 'write')
    // Every update is checked before any is committed: one bad update refuses the whole request.
    const admitted: string[] = []
    try {
      for (const { docId, update } of updates) {
        Y.decodeUpdate(update)
        rooms.get(docId).admit(update)
        admitted.push(docId)
      }
    } catch {
      for (const docId of admitted) rooms.peek(docId)?.resetGuard()
      for (const { docId } of updates) rooms.releaseIfIdle(docId)
      throw apiError(400, ApiErrorCode.badUpdate, 'an update could not be decoded or applied')
    }
    try {
      // Queued in one turn of the event loop, they are committed in one transaction.
      await Promise.all(updates.map(({ docId, update }) => rooms.get(docId).commit(null, update)))
    } catch {
      throw apiError(503, ApiErrorCode.storageFailed, 'storage failed; try again')
    } finally {
      for (const { docId } of updates) rooms.releaseIfIdle(docId)
    }
    log.info('sync.pushed', { docs: updates.length })
    return c.json({ committed: updates.length })
  })

  return api
}
