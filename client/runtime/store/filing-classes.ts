/**
 * Which classes this member may file a new child into, as the relay last said
 * (shared/auth-api.ts FilingClasses), kept so the new-child form and the roster import offer
 * only those even offline (docs/SPEC.md X3). Read back through the same schema.
 */
import { FilingClasses } from '../../../shared/auth-api'
import type { ShouwangDb } from './db'

const KEY = 'filing-classes'

export async function loadFilingClasses(db: ShouwangDb): Promise<FilingClasses | undefined> {
  const parsed = FilingClasses.safeParse((await db.meta.get(KEY))?.value)
  return parsed.success ? parsed.data : undefined
}

export async function storeFilingClasses(db: ShouwangDb, classes: FilingClasses): Promise<void> {
  await db.meta.put({ key: KEY, value: classes })
}
