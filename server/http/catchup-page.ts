/**
 * The pages of /api/catchup (docs/SPEC.md S10–S13), answered from the store's log without
 * building a Y.Doc. GET: the rows after the device's cursor that the caller may read, merged per
 * document as encoded updates; a document whose log was merged past the cursor is named instead,
 * for its state vector. POST: those documents' diffs against the state vectors the device sent, in
 * the order they were named. Rows beyond the caller's access are passed by the cursor without
 * being named, as /api/changes does.
 */
import { createHash } from 'node:crypto'
import * as Y from 'yjs'
import {
  CATCHUP_FRAMING_BYTES,
  CATCHUP_PAGE_BYTES,
  CATCHUP_ROWS_PER_PAGE,
  encodeCatchupPage,
  planCatchupPage,
  type CatchupEntry,
  type CatchupPage,
} from '../../shared/sync/catchup-page'
import type { Caller } from '../auth/authorizer'
import type { DocStore } from '../store/doc-store'

export interface PageQuery {
  workspace: string
  after: number
  offset: number
  size: number
  until: number
  skip: number
  skipDoc?: string | undefined
  /** Count the files the caller may read after `after` (the round's first page, SPEC S16). */
  count?: '1' | undefined
}

const BUDGET = CATCHUP_PAGE_BYTES - CATCHUP_FRAMING_BYTES

async function buildPage(store: DocStore, who: Caller, query: PageQuery): Promise<CatchupPage> {
  const prefix = `${query.workspace}/`
  const [{ rows, more }, erasures, files] = await Promise.all([
    store.updatesSince(prefix, query.after, CATCHUP_ROWS_PER_PAGE, BUDGET),
    store.erasures(prefix),
    query.count ? readableSince(store, who, prefix, query.after) : 0,
  ])
  const within = query.until > 0 ? rows.filter((r) => r.seq <= query.until) : rows
  const readable = within.filter((r) => who.access(r.docId) !== 'none')
  const first = readable[0]
  // A part is asked of the update it began: if that one is gone (compacted, access ended), it starts again.
  const offset = query.offset > 0 && first && first.seq === within[0]?.seq && first.update.length === query.size ? query.offset : 0
  const plan = planCatchupPage(
    readable.map((r) => ({ seq: r.seq, docId: r.docId, data: r.update, marker: r.coversFrom !== undefined && r.coversFrom <= query.after && query.after > 0 })),
    offset,
    BUDGET,
  )
  const entries: CatchupEntry[] = []
  if (plan.part) entries.push({ docId: plan.part.docId, update: plan.part.bytes, part: { offset: plan.part.offset, total: plan.part.total } })
  for (const [docId, updates] of plan.groups) {
    if (plan.markers.has(docId)) entries.push({ docId, update: new Uint8Array(0), needsState: true })
    else entries.push({ docId, update: updates.length === 1 ? (updates[0] as Uint8Array) : Y.mergeUpdates(updates) })
  }
  // Every row read was taken: the cursor passes the unreadable ones after them too.
  const cursor = plan.complete ? (within.at(-1)?.seq ?? query.after) : (plan.cursor ?? query.after)
  // A device cut off mid-page stored its first entries: the same rows make the same entries, checked by the last one's id.
  const skipped = query.skip > 0 && query.skip <= entries.length && entries[query.skip - 1]?.docId === query.skipDoc ? query.skip : 0
  return {
    cursor,
    offset: plan.complete ? 0 : plan.offset,
    more: more || !plan.complete || rows.length > within.length,
    scope: who.readScope(),
    erasures,
    lists: who.listMarks(),
    until: cursor,
    skipped,
    partOffset: 0,
    files,
    named: namedMark(entries),
    entries: entries.slice(skipped),
  }
}

/** The fingerprint of the files a page names for their state vectors, in its order (CatchupPage.named). */
function namedMark(entries: readonly CatchupEntry[]): string {
  const named = entries.filter((e) => e.needsState).map((e) => e.docId)
  return named.length === 0 ? '' : createHash('sha256').update(JSON.stringify(named)).digest('base64url').slice(0, 22)
}

/** How many files the caller may read have updates after `after`: only those are counted, once each. */
async function readableSince(store: DocStore, who: Caller, prefix: string, after: number): Promise<number> {
  return (await store.docsSince(prefix, after)).filter((docId) => who.access(docId) !== 'none').length
}

export async function catchupPage(store: DocStore, who: Caller, query: PageQuery): Promise<Uint8Array> {
  return encodeCatchupPage(await buildPage(store, who, query))
}

/**
 * The diffs of the page's named documents from the `from`-th on, against the state vectors
 * given in the same order; the page ends before the diff that would pass the cap, and a single
 * diff larger than the cap comes in parts, each alone (`part`: from which byte, and its length as
 * the device last heard it). `offset` says which named document to ask for next, `partOffset`
 * from which byte of it, `more` whether any is left. Entries leave out the id: they follow the
 * order of the request.
 */
export async function catchupDiffs(
  store: DocStore,
  who: Caller,
  query: PageQuery,
  from: number,
  part: { offset: number; size: number },
  stateVectors: readonly Uint8Array[],
  mark: string,
  merged: (docId: string) => Promise<Uint8Array>,
): Promise<Uint8Array | 'mismatch' | 'changed'> {
  const page = await buildPage(store, who, { ...query, skip: 0, offset: 0 })
  // The device's state vectors are for the files its page named: another list would put a diff in another file.
  if (page.named !== mark) return 'changed'
  const named = page.entries.filter((e) => e.needsState).map((e) => e.docId)
  if (from + stateVectors.length > named.length) return 'mismatch'
  const entries: CatchupEntry[] = []
  let used = 0
  let next = from
  let partOffset = 0
  for (const [i, sv] of stateVectors.entries()) {
    const docId = named[from + i] as string
    let diff: Uint8Array
    try {
      diff = Y.diffUpdate(await merged(docId), sv)
    } catch {
      return 'mismatch'
    }
    if (i === 0 && (part.offset > 0 || diff.length > BUDGET)) {
      // The diff changed since its first part (the file was edited): it starts again.
      const start = part.offset > 0 && part.size === diff.length ? part.offset : 0
      const end = Math.min(diff.length, start + BUDGET)
      entries.push({ docId: '', update: diff.subarray(start, end), part: { offset: start, total: diff.length } })
      if (end === diff.length) next++
      else partOffset = end
      break
    }
    if (diff.length > BUDGET || used + diff.length + 16 > BUDGET) break
    used += diff.length + 16
    entries.push({ docId: '', update: diff })
    next++
  }
  return encodeCatchupPage({ ...page, offset: next, partOffset, more: next < named.length, skipped: 0, files: 0, entries })
}
