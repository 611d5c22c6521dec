/**
 * One page of GET /api/catchup, answered from the store's log without building a Y.Doc: the
 * rows after the device's cursor that the caller may read, merged per document as encoded
 * updates (docs/SPEC.md S10–S13). Rows beyond the caller's access are passed by the cursor
 * without being named, as /api/changes does.
 */
import * as Y from 'yjs'
import {
  CATCHUP_FRAMING_BYTES,
  CATCHUP_PAGE_BYTES,
  CATCHUP_ROWS_PER_PAGE,
  encodeCatchupPage,
  planCatchupPage,
  type CatchupEntry,
} from '../../shared/sync/catchup-page'
import type { Caller } from '../auth/authorizer'
import type { DocStore } from '../store/doc-store'

export async function catchupPage(
  store: DocStore,
  who: Caller,
  query: { workspace: string; after: number; offset: number; size: number; until: number; skip: number; skipDoc?: string | undefined },
): Promise<Uint8Array> {
  const prefix = `${query.workspace}/`
  const budget = CATCHUP_PAGE_BYTES - CATCHUP_FRAMING_BYTES
  const [{ rows, more }, erasures] = await Promise.all([store.updatesSince(prefix, query.after, CATCHUP_ROWS_PER_PAGE, budget), store.erasures(prefix)])
  const within = query.until > 0 ? rows.filter((r) => r.seq <= query.until) : rows
  const readable = within.filter((r) => who.access(r.docId) !== 'none')
  const first = readable[0]
  // A part is asked of the update it began: if that one is gone (compacted, access ended), it starts again.
  const offset = query.offset > 0 && first && first.seq === within[0]?.seq && first.update.length === query.size ? query.offset : 0
  const plan = planCatchupPage(
    readable.map((r) => ({ seq: r.seq, docId: r.docId, data: r.update })),
    offset,
    budget,
  )
  const entries: CatchupEntry[] = []
  if (plan.part) entries.push({ docId: plan.part.docId, update: plan.part.bytes, part: { offset: plan.part.offset, total: plan.part.total } })
  for (const [docId, updates] of plan.groups) {
    entries.push({ docId, update: updates.length === 1 ? (updates[0] as Uint8Array) : Y.mergeUpdates(updates) })
  }
  // Every row read was taken: the cursor passes the unreadable ones after them too.
  const cursor = plan.complete ? (within.at(-1)?.seq ?? query.after) : (plan.cursor ?? query.after)
  // A device cut off mid-page stored its first entries: the same rows make the same entries, checked by the last one's id.
  const skipped = query.skip > 0 && query.skip <= entries.length && entries[query.skip - 1]?.docId === query.skipDoc ? query.skip : 0
  return encodeCatchupPage({
    cursor,
    offset: plan.complete ? 0 : plan.offset,
    more: (query.until > 0 ? rows.length > within.length : more) || more || !plan.complete,
    scope: who.readScope(),
    erasures,
    until: cursor,
    skipped,
    entries: entries.slice(skipped),
  })
}
