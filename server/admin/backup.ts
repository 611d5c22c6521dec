/**
 * `npm run admin -- backup PATH` (docs/SPEC.md E1): both databases of the data folder, copied
 * while the relay runs, into a new or empty folder. Each copy is consistent on its own (see
 * copy-database.ts); the two are taken one after the other, and the relay keeps no fact in
 * both, so nothing but time separates them. The copies are written under temporary names and
 * renamed only once both are whole and checked, so a backup cut short leaves no file that
 * looks like a backup.
 */
import { accessSync, constants, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { DATA_FILES } from '../store/data-dir'
import { AdminError } from './commands'
import { copyDatabase, fsyncPath } from './copy-database'
import { checkDatabase, type DatabaseKind } from './database-check'

const KINDS = Object.keys(DATA_FILES) as DatabaseKind[]
const PARTIAL = '.partial'

export interface BackupResult {
  folder: string
  files: { name: string; bytes: number; version: number }[]
}

export async function backupDataDir(dataDir: string, path: string): Promise<BackupResult> {
  const source = resolve(dataDir)
  for (const kind of KINDS) {
    if (!isFile(join(source, DATA_FILES[kind]))) throw new AdminError(`no Shouwang data in ${source}: ${DATA_FILES[kind]} is missing (set DATA_DIR as for npm start)`)
  }
  const folder = prepareFolder(path)
  const written: string[] = []
  try {
    for (const kind of KINDS) {
      const name = DATA_FILES[kind]
      const partial = join(folder, name + PARTIAL)
      written.push(partial)
      await copyDatabase(join(source, name), partial).catch((error: unknown) => {
        throw new AdminError(`could not copy ${name} into ${folder}: ${reason(error)}; nothing was kept`)
      })
      try {
        checkDatabase(partial, kind)
      } catch (error) {
        throw error instanceof AdminError ? new AdminError(`the copy of ${name} is not sound, nothing was kept: ${error.message}`) : error
      }
    }
  } catch (error) {
    for (const file of written) rmSync(file, { force: true })
    throw error
  }
  const files = KINDS.map((kind) => {
    const name = DATA_FILES[kind]
    renameSync(join(folder, name + PARTIAL), join(folder, name))
    return { name, bytes: statSync(join(folder, name)).size, version: checkDatabase(join(folder, name), kind).version }
  })
  fsyncPath(folder)
  return { folder, files }
}

/** The backup's folder, created if need be; refuses one that holds anything, or that cannot be written. */
function prepareFolder(path: string): string {
  const folder = resolve(path)
  let exists = true
  try {
    if (!statSync(folder).isDirectory()) throw new AdminError(`${folder} is a file, not a folder: choose a new or empty folder`)
  } catch (error) {
    if (error instanceof AdminError) throw error
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new AdminError(`cannot use ${folder}: ${reason(error)}`)
    exists = false
  }
  if (exists && readdirSync(folder).length > 0) throw new AdminError(`${folder} is not empty: choose a new or empty folder, so no backup is mixed with another`)
  try {
    if (!exists) mkdirSync(folder, { recursive: true })
    accessSync(folder, constants.W_OK)
  } catch (error) {
    throw new AdminError(`cannot write to ${folder}: ${reason(error)}`)
  }
  return folder
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile()
  } catch {
    return false
  }
}

export function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  const known: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    EROFS: 'the disk is read-only',
    ENOSPC: 'the disk is full',
    ENOTDIR: 'a part of the path is a file',
    ENOENT: 'it does not exist',
  }
  return (code && known[code]) ?? (error instanceof Error ? error.message : String(error))
}
