/**
 * Whether a file is one of Shouwang's two databases, and one this build can open: it opens
 * as SQLite, passes SQLite's quick check, has the tables of its kind, and a schema version
 * from 1 to this build's (an older one is migrated when the relay opens it; a newer one would
 * be misread). Backups are checked once written, and a restore checks them before anything.
 */
import Database from 'better-sqlite3'
import { existsSync } from 'node:fs'
import { basename } from 'node:path'
import { ACCESS_SCHEMA_VERSION } from '../auth/access-store'
import type { DATA_FILES } from '../store/data-dir'
import { DOC_STORE_SCHEMA_VERSION } from '../store/sqlite-doc-store'
import { AdminError } from './commands'

export type DatabaseKind = keyof typeof DATA_FILES

const EXPECTED: Readonly<Record<DatabaseKind, { version: number; tables: readonly string[] }>> = {
  docs: { version: DOC_STORE_SCHEMA_VERSION, tables: ['updates'] },
  access: { version: ACCESS_SCHEMA_VERSION, tables: ['users', 'memberships', 'sessions', 'audit'] },
}

/** The file's schema version; throws an AdminError naming the file and what is wrong with it. */
export function checkDatabase(file: string, kind: DatabaseKind): { version: number } {
  const name = basename(file)
  if (!existsSync(file)) throw new AdminError(`${name} is missing`)
  let db: Database.Database
  try {
    db = new Database(file, { readonly: true, fileMustExist: true })
  } catch {
    throw new AdminError(`${name} cannot be opened`)
  }
  try {
    let check: unknown
    let version: number
    let tables: Set<string>
    try {
      check = db.pragma('quick_check', { simple: true })
      version = db.pragma('user_version', { simple: true }) as number
      tables = new Set(db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'").all().map((r) => r.name))
    } catch {
      throw new AdminError(`${name} is not an SQLite database`)
    }
    if (check !== 'ok') throw new AdminError(`${name} is damaged (SQLite's check says: ${String(check).slice(0, 80)})`)
    const expected = EXPECTED[kind]
    // The other kind's file is not this kind's, whatever its version says.
    const missing = expected.tables.find((t) => !tables.has(t))
    if (version >= 1 && !missing && version > expected.version) throw new AdminError(`${name} was written by a newer Shouwang (schema ${version}); update this one`)
    if (version < 1 || missing) throw new AdminError(`${name} is not Shouwang's ${kind === 'docs' ? 'documents' : 'accounts'} database`)
    return { version }
  } finally {
    db.close()
  }
}
