import type Database from 'better-sqlite3'

/**
 * Copies every page of the WAL into the database and truncates the WAL to nothing, so what
 * was deleted (and overwritten, by `secure_delete`) is gone from both files. Waits for readers
 * up to the busy timeout; throws if one still holds an old snapshot (a backup being taken),
 * so the caller knows the bytes may still be in the WAL.
 */
export function checkpoint(db: Database.Database): void {
  const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number; checkpointed: number }[]
  if (result && result.busy !== 0) throw new Error('the WAL could not be checkpointed: a reader holds it')
}
