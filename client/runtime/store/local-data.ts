/**
 * The workspace's data on this device, as a whole: whose it is, how much is unsent, and
 * removing all of it when its user signs out (a shared phone must not show the next person
 * the previous one's children).
 */
import type { DocumentLabel } from '../../../shared/docs/kind'
import type { Account } from '../session/account-store'
import type { ShouwangDb } from './db'
import { DRAFT_PREFIX } from './drafts'
import { labelOf } from './kept-aside'
import { pendingCounts } from './pending'

const OWNER_KEY = 'owner'
/** Keys of the unload journal (store/unload-journal.ts): updates on their way into IndexedDB. */
export const JOURNAL_PREFIX = 'shouwang.journal:'
/** What the device kept before accounts existed: the typed name and a random author id. */
/** Also removed at sign-out: the pre-account keys, whose data the store held, and the clock offset (measured again at the next sign-in). */
const LEGACY_KEYS = ['shouwang.user', 'shouwang.userId', 'shouwang.held', 'shouwang.clockOffset']

export interface Owner {
  userId: string
  workspace: string
}

/** Whose data the local database holds, written when a signed-in member first opens it. */
export async function readOwner(db: ShouwangDb): Promise<Owner | undefined> {
  const value: unknown = (await db.meta.get(OWNER_KEY))?.value
  if (typeof value !== 'object' || value === null) return undefined
  const { userId, workspace } = value as Partial<Record<keyof Owner, unknown>>
  return typeof userId === 'string' && typeof workspace === 'string' ? { userId, workspace } : undefined
}

export async function writeOwner(db: ShouwangDb, account: Account): Promise<void> {
  await db.meta.put({ key: OWNER_KEY, value: { userId: account.user.id, workspace: account.workspace } satisfies Owner })
}

/**
 * Beside the database, in localStorage: whose data the database held. The browser can wipe
 * or evict IndexedDB without localStorage; a database with no owner while this says it held
 * one is such a wipe (docs/SPEC.md L7), which the next start notices and repairs.
 */
const HELD_KEY = 'shouwang.held'

export function rememberHeld(storage: Pick<Storage, 'setItem'>, account: Account): void {
  try {
    storage.setItem(HELD_KEY, JSON.stringify({ userId: account.user.id, workspace: account.workspace } satisfies Owner))
  } catch {
    // Storage full: a wipe would then be taken for a first start, which is what it looks like.
  }
}

/** Whether the device held this account's data before (its database may since have been wiped). */
export function heldBefore(storage: Pick<Storage, 'getItem'>, account: Account): boolean {
  try {
    const held = JSON.parse(storage.getItem(HELD_KEY) ?? 'null') as Partial<Owner> | null
    return held?.userId === account.user.id && held.workspace === account.workspace
  } catch {
    return false
  }
}

export function ownedBy(owner: Owner | undefined, account: Account): boolean {
  return owner === undefined || (owner.userId === account.user.id && owner.workspace === account.workspace)
}

export interface UnsentFile {
  docId: string
  /** Which document, as its kind names it (from the local index); undefined for an unknown id. */
  label: DocumentLabel | undefined
  count: number
  /** Kept aside when access to the file ended (store/kept-aside.ts): never sendable. */
  keptAside?: true
}

/** Everything on this device the relay does not have, per document, the largest first. */
export async function unsentFiles(db: ShouwangDb): Promise<UnsentFile[]> {
  const files: UnsentFile[] = []
  for (const [docId, count] of await pendingCounts(db)) files.push({ docId, label: await labelOf(db, docId), count })
  await db.keptAside.each(
    (kept) => void files.push({ docId: kept.docId, label: kept.label ?? { kind: 'child', name: kept.name }, count: kept.pendingCount, keptAside: true }),
  )
  return files.sort((a, b) => b.count - a.count || a.docId.localeCompare(b.docId))
}

export interface KeyedStorage {
  readonly length: number
  key(index: number): string | null
  removeItem(key: string): void
}

/** Removes the unload journal's entries, the drafts (and the pre-account keys) from localStorage. */
export function removeJournal(storage: KeyedStorage): number {
  const doomed: string[] = []
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i)
    if (key !== null && (key.startsWith(JOURNAL_PREFIX) || key.startsWith(DRAFT_PREFIX) || LEGACY_KEYS.includes(key))) doomed.push(key)
  }
  // Collected first: removing while walking the indexes would skip keys.
  for (const key of doomed) storage.removeItem(key)
  return doomed.length
}

/**
 * Deletes the local database and the journal. The database stays closed afterwards: a late
 * write from a closing document must fail, not quietly recreate it with a child's data.
 */
export async function deleteLocalData(db: ShouwangDb, storage: KeyedStorage): Promise<void> {
  await db.delete({ disableAutoOpen: true })
  removeJournal(storage)
}
