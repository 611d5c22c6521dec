/** Where background catch-up stopped (shared/api.ts ChangesResponse), stored per workspace. */
import type { ShouwangDb } from './db'

export interface SyncCursor {
  cursor: number
  /** What the user could read when the cursor was stored (ChangesResponse.scope). */
  scope: string | undefined
}

const cursorKey = (workspace: string) => `cursor:${workspace}`
const scopeKey = (workspace: string) => `cursor-scope:${workspace}`

export async function loadCursor(db: ShouwangDb, workspace: string): Promise<SyncCursor> {
  const [cursor, scope] = await Promise.all([db.meta.get(cursorKey(workspace)), db.meta.get(scopeKey(workspace))])
  return { cursor: Number(cursor?.value ?? 0) || 0, scope: typeof scope?.value === 'string' ? scope.value : undefined }
}

/** Stored together, once the page's files are: a round cut short starts over next time. */
export async function storeCursor(db: ShouwangDb, workspace: string, { cursor, scope }: SyncCursor): Promise<void> {
  await db.meta.bulkPut([
    { key: cursorKey(workspace), value: cursor },
    { key: scopeKey(workspace), value: scope },
  ])
}
