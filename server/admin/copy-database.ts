/**
 * One consistent copy of a SQLite database, by SQLite's online backup API, which reads the
 * live database (its WAL included) while a relay goes on writing it. The copy is made in one
 * step: a step reads within one read transaction, so it sees the database at one moment,
 * between two commits; in several steps, a write by the relay between them would make SQLite
 * start over, again and again under steady writing. The copy is then made one self-contained
 * file (rollback journal, not WAL) and flushed to disk.
 */
import Database from 'better-sqlite3'
import { closeSync, fsyncSync, openSync, rmSync } from 'node:fs'

/** Every page in one step (better-sqlite3 passes this to sqlite3_backup_step). */
const ALL_PAGES = 0x7fffffff

export async function copyDatabase(source: string, destination: string): Promise<void> {
  rmSync(destination, { force: true })
  // Read-only: a backup never writes to the data folder, nor migrates what it copies.
  const from = new Database(source, { readonly: true, fileMustExist: true })
  try {
    await from.backup(destination, { progress: () => ALL_PAGES })
  } finally {
    from.close()
  }
  const copy = new Database(destination, { fileMustExist: true })
  try {
    copy.pragma('journal_mode = DELETE')
  } finally {
    copy.close()
  }
  fsyncPath(destination)
}

/** Flushes a file, or a folder's entries (so a rename in it survives a power cut). */
export function fsyncPath(path: string): void {
  const fd = openSync(path, 'r')
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}
