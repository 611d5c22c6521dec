/**
 * A coordinator's tools for one whole file (docs/SPEC.md E4–E6), for the family it is about:
 *
 * - POST /api/export { docId }: the file as readable JSON, built by its kind (`exportFile`),
 *   audited as `exported`.
 * - POST /api/erase { docId }: the file erased for good. The audit trail records `erased`
 *   (the id and who, nothing of the content); no room loads it again and its live sockets are
 *   closed with 4410 at once; what was queued is committed, then the store forgets it
 *   (`secure_delete`, checkpointed: no byte left in the files); the Authorizer forgets its class
 *   and pairings. From then on every path refuses the id, and `/api/access` names it erased.
 *
 * Anyone the Authorizer does not let manage the file gets 403, and no one signed in 401.
 */
import { Hono, type Context } from 'hono'
import * as Y from 'yjs'
import { ApiErrorCode, FileRequest, type EraseAnswer } from '../../shared/api'
import { AuthErrorCode } from '../../shared/auth-api'
import { kindOf } from '../../shared/docs/registry'
import { CloseCode } from '../../shared/protocol'
import type { Authorizer, Caller } from '../auth/authorizer'
import type { Logger } from '../log'
import type { DocStore } from '../store/doc-store'
import type { LiveConnections } from '../sync/live-connections'
import type { Rooms } from '../sync/rooms'
import { apiError, readBody } from './errors'

export interface FileApiOptions {
  store: DocStore
  rooms: Rooms
  live: LiveConnections
  authorizer: Authorizer
  log: Logger
}

export function fileApi({ store, rooms, live, authorizer, log }: FileApiOptions) {
  const api = new Hono()

  /** The caller and the file they named, once they may manage it and it was not erased. */
  const managed = async (c: Context): Promise<{ who: Caller; docId: string }> => {
    const { docId } = await readBody(c, FileRequest)
    const who = authorizer.callerOf(c)
    if (!who) throw apiError(401, AuthErrorCode.notSignedIn, 'not signed in')
    if (!who.mayManage(docId)) throw apiError(403, AuthErrorCode.forbidden, 'coordinators only')
    if ((await store.erasedAmong([docId])).has(docId)) throw apiError(403, ApiErrorCode.erased, 'the file was erased')
    return { who, docId }
  }

  api.post('/export', async (c) => {
    const { who, docId } = await managed(c)
    const found = kindOf(docId)
    const exportFile = found?.spec.exportFile
    if (!found || !exportFile) throw apiError(400, ApiErrorCode.notExportable, 'this kind of document holds nothing to export')
    const merged = await rooms.merged(docId)
    if (Y.decodeUpdate(merged).structs.length === 0) throw apiError(404, ApiErrorCode.notFound, 'the relay holds no such file')
    const doc = new Y.Doc()
    let body: unknown
    try {
      Y.applyUpdate(doc, merged)
      body = exportFile(doc, found.ref, Date.now())
    } finally {
      doc.destroy()
    }
    who.audit(docId, 'exported')
    log.info('file.exported', { doc: docId })
    return c.json(body)
  })

  api.post('/erase', async (c) => {
    const { who, docId } = await managed(c)
    // Recorded first: should anything below fail, the erase is retried, never left unrecorded.
    who.audit(docId, 'erased')
    // Marks the document erased in the rooms before closing the sockets, so none reconnects into it.
    const erasing = rooms.erase(docId)
    live.closeDocument(docId, CloseCode.erased, 'erased')
    try {
      await erasing
      authorizer.forget(docId)
    } catch {
      log.error('file.erase-failed', { doc: docId })
      throw apiError(503, ApiErrorCode.storageFailed, 'the erase could not be finished; try again')
    }
    log.info('file.erased', { doc: docId })
    const answer: EraseAnswer = { erased: docId }
    return c.json(answer)
  })

  return api
}
