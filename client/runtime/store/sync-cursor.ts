/** Where background catch-up stopped (shared/api.ts ChangesResponse), stored per workspace. */
import type { ShouwangDb } from './db'

export interface SyncCursor {
  cursor: number
  /** What the user could read when the cursor was stored (ChangesResponse.scope). */
  scope: string | undefined
  /** A catch-up page cut off mid-way: its rows end at `until`, and its first `done` entries are stored, the last `lastDoc`. */
  page?: CatchupProgress | undefined
}

/**
 * A catch-up page under way: its rows end at `until`; its first `done` entries are stored (the
 * last `lastDoc`); `named` are the documents it named for their state vectors, in its order.
 * Once the page is read (`after` set: the cursor and whether more follows), the diffs of `named`
 * from the `diffFrom`-th on are still to come.
 */
export interface CatchupProgress {
  until: number
  done: number
  lastDoc: string
  named: string[]
  /** The page's fingerprint of `named` (CatchupPage.named), sent back with the state vectors. */
  mark?: string
  diffFrom?: number
  after?: { cursor: number; more: boolean; offset: number }
}

const cursorKey = (workspace: string) => `cursor:${workspace}`
const scopeKey = (workspace: string) => `cursor-scope:${workspace}`
const pageKey = (workspace: string) => `cursor-page:${workspace}`

function pageOf(value: unknown): SyncCursor['page'] {
  if (typeof value !== 'object' || value === null) return undefined
  const { until, done, lastDoc, named, mark, diffFrom, after } = value as Record<string, unknown>
  if (typeof until !== 'number' || typeof done !== 'number' || typeof lastDoc !== 'string') return undefined
  if (!Array.isArray(named) || !named.every((n) => typeof n === 'string')) return undefined
  const next = typeof after === 'object' && after !== null ? (after as CatchupProgress['after']) : undefined
  return { until, done, lastDoc, named, ...(typeof mark === 'string' ? { mark } : {}), ...(typeof diffFrom === 'number' && next ? { diffFrom, after: next } : {}) }
}

export async function loadCursor(db: ShouwangDb, workspace: string): Promise<SyncCursor> {
  const [cursor, scope, page] = await Promise.all([db.meta.get(cursorKey(workspace)), db.meta.get(scopeKey(workspace)), db.meta.get(pageKey(workspace))])
  return { cursor: Number(cursor?.value ?? 0) || 0, scope: typeof scope?.value === 'string' ? scope.value : undefined, page: pageOf(page?.value) }
}

/** Stored together, once the page's files are: a round cut short starts over next time. */
export async function storeCursor(db: ShouwangDb, workspace: string, cursor: SyncCursor): Promise<void> {
  await db.meta.bulkPut(cursorEntries(workspace, cursor))
}

/** The meta rows of a cursor, for a transaction that stores a page with it (store/catchup-store.ts). */
export function cursorEntries(workspace: string, { cursor, scope, page }: SyncCursor): { key: string; value: unknown }[] {
  return [
    { key: cursorKey(workspace), value: cursor },
    { key: scopeKey(workspace), value: scope },
    { key: pageKey(workspace), value: page },
  ]
}

const accessMarkKey = (workspace: string) => `access-mark:${workspace}`

/**
 * What the relay said of the user's reach and the workspace's erasures when the device last
 * asked about all its files (/api/access): while both stay the same, an idle round need not ask again.
 */
export async function loadAccessMark(db: ShouwangDb, workspace: string): Promise<string | undefined> {
  const row = await db.meta.get(accessMarkKey(workspace))
  return typeof row?.value === 'string' ? row.value : undefined
}

export async function storeAccessMark(db: ShouwangDb, workspace: string, mark: string): Promise<void> {
  await db.meta.put({ key: accessMarkKey(workspace), value: mark })
}
