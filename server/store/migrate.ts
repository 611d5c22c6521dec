import type Database from 'better-sqlite3'

/**
 * Applies a database's migrations in order; `PRAGMA user_version` records how many ran.
 * A shipped migration is never edited: the next one is added. A database written by a
 * newer Shouwang is refused rather than misread.
 */
export function migrate(db: Database.Database, migrations: readonly string[], name: string): void {
  const version = db.pragma('user_version', { simple: true }) as number
  if (version > migrations.length) throw new Error(`${name} was written by a newer Shouwang (schema ${version}); update this one`)
  for (let v = version; v < migrations.length; v++) {
    db.transaction(() => {
      db.exec(migrations[v] as string)
      db.pragma(`user_version = ${v + 1}`)
    })()
  }
}
