/**
 * The workspace's members as the relay last listed them (shared/members-api.ts Directory), kept
 * so names show instead of ids offline too (docs/SPEC.md M2). Replaced whole at each refresh;
 * read back through the same schema, so a damaged row is skipped rather than shown.
 */
import { DirectoryEntry } from '../../../shared/members-api'
import type { ShouwangDb } from './db'

export async function loadDirectory(db: ShouwangDb): Promise<DirectoryEntry[]> {
  return (await db.directory.toArray()).flatMap((row) => {
    const parsed = DirectoryEntry.safeParse(row)
    return parsed.success ? [parsed.data] : []
  })
}

export async function storeDirectory(db: ShouwangDb, entries: readonly DirectoryEntry[]): Promise<void> {
  await db.transaction('rw', db.directory, async () => {
    await db.directory.clear()
    await db.directory.bulkPut([...entries])
  })
}
