/**
 * `npm run admin -- restore PATH` (docs/SPEC.md E2): puts a backup back into the data folder.
 *
 * Refused, before anything is written: a folder that is not a Shouwang backup (both files
 * checked, database-check.ts); a data folder a live relay holds (data-dir.ts; the restore holds
 * it itself meanwhile); a data folder that already holds data, unless `--replace`.
 * Never half-restored: both files are copied to temporary names in the data folder, checked,
 * and only then renamed over the old ones; a marker written before the first rename and
 * removed after the last keeps any relay from starting on a folder a crash left in between,
 * and running the restore again finishes it.
 * Erasures outlive a restore: a child's file erased after the backup was taken is erased
 * again in the restored copy before it is put in place (an erase is a promise to a family).
 */
import Database from 'better-sqlite3'
import { existsSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parseDocumentId } from '../../shared/doc-id'
import { openAccessStore } from '../auth/access-store'
import { DATA_FILES, DataDirBusy, RESTORE_MARKER, holdDataDir } from '../store/data-dir'
import { openSqliteDocStore } from '../store/sqlite-doc-store'
import { reason } from './backup'
import { AdminError } from './commands'
import { copyDatabase, fsyncPath } from './copy-database'
import { checkDatabase, type DatabaseKind } from './database-check'

const KINDS = Object.keys(DATA_FILES) as DatabaseKind[]
const RESTORING = '.restoring'

export interface RestoreResult {
  dataDir: string
  /** How many files erased since the backup were erased again in what was restored. */
  erasedAgain: number
}

interface Erasure {
  docId: string
  at: number
  by: string | null
}

export async function restoreBackup(path: string, dataDir: string, { replace = false } = {}): Promise<RestoreResult> {
  const backup = resolve(path)
  const target = resolve(dataDir)
  if (backup === target) throw new AdminError(`${backup} is the data folder itself: give the folder the backup was written to`)
  if (!isFolder(backup)) throw new AdminError(`not a Shouwang backup: ${backup} is not a folder`)
  for (const kind of KINDS) {
    try {
      checkDatabase(join(backup, DATA_FILES[kind]), kind)
    } catch (error) {
      throw error instanceof AdminError ? new AdminError(`not a Shouwang backup (${backup}): ${error.message}`) : error
    }
  }
  let hold: { release(): void }
  try {
    hold = holdDataDir(target, 'restore')
  } catch (error) {
    if (error instanceof DataDirBusy) throw new AdminError(`cannot restore now: ${error.message}`)
    throw new AdminError(`cannot use the data folder ${target}: ${reason(error)}`)
  }
  try {
    const unfinished = existsSync(join(target, RESTORE_MARKER))
    const holdsData = KINDS.some((kind) => existsSync(join(target, DATA_FILES[kind])))
    if (holdsData && !replace && !unfinished) {
      throw new AdminError(`${target} already holds data: add --replace to replace it (take a backup of it first)`)
    }
    const erasures = readErasures(target)
    const temporary = KINDS.map((kind) => join(target, DATA_FILES[kind] + RESTORING))
    try {
      for (const [i, kind] of KINDS.entries()) {
        await copyDatabase(join(backup, DATA_FILES[kind]), temporary[i] as string)
      }
      await eraseAgain(temporary[0] as string, temporary[1] as string, erasures)
      for (const [i, kind] of KINDS.entries()) checkDatabase(temporary[i] as string, kind)
    } catch (error) {
      for (const file of temporary) removeDatabase(file)
      throw error instanceof AdminError ? error : new AdminError(`could not write to ${target}: ${reason(error)}`)
    }
    putInPlace(target, temporary)
    return { dataDir: target, erasedAgain: erasures.length }
  } finally {
    hold.release()
  }
}

/** The renames, between a marker written first and removed last. */
function putInPlace(target: string, temporary: readonly string[]): void {
  const marker = join(target, RESTORE_MARKER)
  writeFileSync(marker, `${new Date().toISOString()}\n`)
  fsyncPath(marker)
  fsyncPath(target)
  for (const [i, kind] of KINDS.entries()) {
    const file = join(target, DATA_FILES[kind])
    // An old WAL beside a new database would be replayed into it: it goes first.
    rmSync(`${file}-wal`, { force: true })
    rmSync(`${file}-shm`, { force: true })
    renameSync(temporary[i] as string, file)
  }
  fsyncPath(target)
  rmSync(marker)
  fsyncPath(target)
}

/** The files the data folder says were erased, with when and by whom; none if it holds no data. */
function readErasures(target: string): Erasure[] {
  const docs = join(target, DATA_FILES.docs)
  if (!existsSync(docs)) return []
  let erased: { doc_id: string; erased_at: number }[]
  try {
    const db = new Database(docs, { readonly: true, fileMustExist: true })
    try {
      const hasTable = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'erased'").get() !== undefined
      erased = hasTable ? db.prepare<[], { doc_id: string; erased_at: number }>('SELECT doc_id, erased_at FROM erased').all() : []
    } finally {
      db.close()
    }
  } catch (error) {
    // Restoring over a damaged folder is what backups are for, but not at the cost of an erasure.
    throw new AdminError(`cannot read which files were erased in ${docs} (${reason(error)}): move the data folder away and restore into an empty one`)
  }
  const by = new Map<string, string | null>()
  const access = join(target, DATA_FILES.access)
  if (erased.length > 0 && existsSync(access)) {
    try {
      const db = new Database(access, { readonly: true, fileMustExist: true })
      try {
        for (const row of db.prepare<[], { doc_id: string; user_id: string | null }>("SELECT doc_id, user_id FROM audit WHERE action = 'erased'").all()) {
          by.set(row.doc_id, row.user_id)
        }
      } finally {
        db.close()
      }
    } catch {
      // Who erased it is in the old trail only; the erasure itself is what must hold.
    }
  }
  return erased.map((e) => ({ docId: e.doc_id, at: e.erased_at, by: by.get(e.doc_id) ?? null }))
}

/** Erases again, in the restored copies, what the data folder had erased. */
async function eraseAgain(docsFile: string, accessFile: string, erasures: readonly Erasure[]): Promise<void> {
  if (erasures.length === 0) return
  const store = openSqliteDocStore({ file: docsFile })
  const access = openAccessStore({ file: accessFile })
  try {
    const known = await store.erasedAmong(erasures.map((e) => e.docId))
    for (const { docId, at, by } of erasures) {
      if (known.has(docId)) continue
      await store.erase(docId)
      const parsed = parseDocumentId(docId)
      if (parsed?.key !== undefined) access.forgetChild(parsed.workspace, parsed.key)
      // The trail of the restored copy says it was erased, and when (as `reportedAt`).
      if (parsed) access.audit(parsed.workspace, by, docId, 'erased', at)
    }
  } finally {
    await store.close()
    access.close()
  }
  // Opened as the relay opens them (WAL); made single files again, as copies are.
  for (const file of [docsFile, accessFile]) {
    const db = new Database(file)
    db.pragma('journal_mode = DELETE')
    db.close()
  }
}

function removeDatabase(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(file + suffix, { force: true })
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory()
  } catch {
    return false
  }
}
