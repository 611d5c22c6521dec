/**
 * The relay's HTTP API for background catch-up, defined once for both sides with zod:
 * the relay checks what clients send, and clients check what the relay answers.
 *
 * - GET  /api/changes?workspace=W&after=SEQ  documents changed after a cursor
 * - GET  /api/catchup?workspace=W&after=SEQ&offset=N&size=B  the stored updates after a cursor,
 *        merged per document, as one binary page of at most 256 KB (shared/sync/catchup-page.ts)
 * - POST /api/pull   state vectors in, each document's missing updates out
 * - POST /api/push   local updates in; answered only once they are committed
 * - POST /api/access document ids in, what the caller may do with each out, and which were erased
 * - POST /api/export a document id in, the whole file as readable JSON out (its coordinators)
 * - POST /api/erase  a document id in; the file is erased for good, everywhere (its coordinators)
 */
import { fromBase64, toBase64 } from 'lib0/buffer'
import { z } from 'zod'
import { MAX_DOCUMENT_ID_LENGTH, isDocumentId } from './doc-id'
import { WorkspaceIdSchema } from './ids'

/** Most documents in one pull or push request; a helper back from a village sends several. */
export const MAX_DOCS_PER_REQUEST = 100
/** Most changes listed in one answer of /api/changes. */
export const MAX_CHANGES_PER_PAGE = 500
/** Largest request body the relay reads. */
export const MAX_REQUEST_BYTES = 16 * 1024 * 1024

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/

export const Base64Bytes = z
  .string()
  .max(MAX_REQUEST_BYTES)
  .regex(BASE64, 'not base64')
  .transform((s) => fromBase64(s))

export const DocIdSchema = z.string().max(MAX_DOCUMENT_ID_LENGTH).refine(isDocumentId, 'not a document id')

export const ChangesQuery = z.object({
  workspace: WorkspaceIdSchema,
  after: z.coerce.number().int().min(0).default(0),
})

/** GET /api/catchup: after this seq; while one stored update is sent in parts, from byte `offset` of it, whose length is `size`. */
export const CatchupQuery = z.object({
  workspace: WorkspaceIdSchema,
  after: z.coerce.number().int().min(0).default(0),
  offset: z.coerce.number().int().min(0).max(MAX_REQUEST_BYTES * 64).default(0),
  size: z.coerce.number().int().min(0).max(MAX_REQUEST_BYTES * 64).default(0),
  /** Resuming a page cut off: its rows end at `until`, and its first `skip` entries, the last of them `skipDoc`, are stored. */
  until: z.coerce.number().int().min(0).default(0),
  skip: z.coerce.number().int().min(0).max(5000).default(0),
  skipDoc: DocIdSchema.optional(),
  /** The first page of a round: the relay counts the files this user may read that it holds after `after` (SPEC S16). */
  count: z.enum(['1']).optional(),
})

/** POST /api/catchup: the state vectors of a page's named documents, from the `from`-th on, in its order. */
export const CatchupDiffRequest = z.object({
  workspace: WorkspaceIdSchema,
  after: z.number().int().min(0),
  until: z.number().int().min(0),
  from: z.number().int().min(0).max(5000),
  /** While the `from`-th diff comes in parts: the byte to send from, and the diff's length as last heard. */
  partOffset: z.number().int().min(0).default(0),
  partSize: z.number().int().min(0).default(0),
  stateVectors: z.array(Base64Bytes).max(5000),
  /** The page's `named` fingerprint, as the device read it with the page (SPEC S12). */
  named: z.string().max(64),
})

export const ChangesResponse = z.object({
  changes: z.array(z.object({ docId: DocIdSchema, seq: z.number().int().min(0) })),
  cursor: z.number().int().min(0),
  more: z.boolean(),
  /**
   * With accounts: a fingerprint of what the caller may read. The cursor passes files beyond
   * the caller's access without naming them, so when the scope changes the cursor no longer
   * says what the device has: it starts again from 0.
   */
  scope: z.string().max(128).optional(),
})
export type ChangesResponse = z.infer<typeof ChangesResponse>

export const PullRequest = z.object({
  docs: z.array(z.object({ docId: DocIdSchema, stateVector: Base64Bytes })).max(MAX_DOCS_PER_REQUEST),
})

export const PullResponse = z.object({
  docs: z.array(z.object({ docId: DocIdSchema, update: Base64Bytes, stateVector: Base64Bytes })),
})

export const PushRequest = z.object({
  updates: z.array(z.object({ docId: DocIdSchema, update: Base64Bytes })).max(MAX_DOCS_PER_REQUEST),
})

export const PushResponse = z.object({ committed: z.number().int().min(0) })

/** Most documents asked about in one /api/access request. */
export const MAX_ACCESS_QUERY = 500

/** Which of these documents may I still open? (The device drops the ones it may not.) */
export const AccessQuery = z.object({ docIds: z.array(DocIdSchema).max(MAX_ACCESS_QUERY) })
export const AccessAnswer = z.object({
  access: z.record(z.string(), z.enum(['none', 'read', 'write'])),
  /**
   * Those of them a coordinator erased (docs/SPEC.md E6, E7): the device drops them and keeps
   * nothing aside. Their access reads 'none' too, for devices of an earlier release.
   */
  erased: z.array(DocIdSchema).max(MAX_ACCESS_QUERY).optional(),
})
export type AccessAnswer = z.infer<typeof AccessAnswer>

/** A coordinator's request about one whole file: POST /api/export, POST /api/erase (docs/SPEC.md E4, E5). */
export const FileRequest = z.object({ docId: DocIdSchema })
export const EraseAnswer = z.object({ erased: DocIdSchema })
export type EraseAnswer = z.infer<typeof EraseAnswer>

/** The paths of a coordinator's tools for one whole file, named once. */
export const FilePath = { export: '/api/export', erase: '/api/erase' } as const

/** Error answers: a stable code for programs, and the detail for logs. */
export const ApiErrorCode = {
  badRequest: 'bad_request',
  badUpdate: 'bad_update',
  tooLarge: 'too_large',
  storageFailed: 'storage_failed',
  /** An update the document's rules refuse for this writer (a deletion not theirs to make); the message names the rule. */
  refusedWrite: 'refused_write',
  /** The document was erased for good (docs/SPEC.md E6): the device drops it and keeps nothing. */
  erased: 'erased',
  /** The document's kind has nothing to export. */
  notExportable: 'not_exportable',
  notFound: 'not_found',
  /** A state-changing request or a websocket from another site's page (docs/SPEC.md N1). */
  foreignOrigin: 'foreign_origin',
  /** The catch-up page no longer names the files the device's state vectors are for: ask the page again (docs/SPEC.md S12). */
  pageChanged: 'page_changed',
} as const
export type ApiErrorCode = (typeof ApiErrorCode)[keyof typeof ApiErrorCode]

export const encodeBytes = (bytes: Uint8Array): string => toBase64(bytes)
