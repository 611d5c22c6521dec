/**
 * The relay's data folder: the two SQLite files it keeps there, and who holds it (SPEC E3).
 *
 * A relay holds its folder from start to stop, and a restore while it replaces the files, by a
 * lock file (`relay.lock`) that names the holder's process. SQLite's own locks cannot say this:
 * an idle relay in WAL mode holds none a second process could test. The lock is created with
 * O_EXCL, so of two starting at once only one gets it; one left by a process that is gone (a
 * crash, a power cut) is stale and taken over. A process on another machine (a shared folder,
 * or a container recreated under a new host name) cannot be asked, so the holder beats: it
 * touches its lock every few seconds, and another machine's lock counts as held until it has
 * not been touched for half a minute. A restore cut short leaves a marker, and no relay starts
 * on a folder with one: its files may be half old, half restored.
 */
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, statSync, utimesSync, writeSync } from 'node:fs'
import { hostname } from 'node:os'
import { join, resolve } from 'node:path'

export const DATA_FILES = { docs: 'shouwang.db', access: 'access.db' } as const
export const LOCK_FILE = 'relay.lock'
/** Written by a restore before it renames anything, removed once every file is in place. */
export const RESTORE_MARKER = 'restore-unfinished'

export interface Holder {
  pid: number
  host: string
  /** What holds it: a relay, or a restore under way. */
  by: 'relay' | 'restore'
  since: string
}

/** How often a holder touches its lock, and how long another machine's lock holds without a touch. */
export const LOCK_BEAT_MS = 5_000
export const LOCK_STALE_MS = 30_000

/** The data folder is held by a live process, or a restore of it was cut short. */
export class DataDirBusy extends Error {
  override readonly name = 'DataDirBusy'
}

/** Folders this process holds: a lock naming our own pid is ours only if we took it. */
const heldHere = new Set<string>()

export const docsFileIn = (dataDir: string) => join(dataDir, DATA_FILES.docs)
export const accessFileIn = (dataDir: string) => join(dataDir, DATA_FILES.access)

/** The live holder of the folder, if any (a stale lock, or none, is undefined). */
export function holderOf(dataDir: string): Holder | undefined {
  const holder = readLock(join(dataDir, LOCK_FILE))
  return holder && isLive(holder, resolve(dataDir)) ? holder : undefined
}

/** Whether a restore of this folder was cut short (a relay must not start on it). */
export function restoreUnfinished(dataDir: string): boolean {
  return existsSync(join(dataDir, RESTORE_MARKER))
}

/**
 * Takes the folder (creating it) for a relay or a restore; throws DataDirBusy, with a sentence
 * a person can act on, if a live process holds it, or if a relay would start on a folder whose
 * restore was cut short. `release` gives it back.
 */
export function holdDataDir(dataDir: string, by: Holder['by']): { release(): void } {
  const dir = resolve(dataDir)
  mkdirSync(dir, { recursive: true })
  if (by === 'relay' && restoreUnfinished(dir)) {
    throw new DataDirBusy(`a restore of ${dir} was cut short: run \`npm run admin -- restore\` again before starting the relay`)
  }
  const lock = join(dir, LOCK_FILE)
  const holder: Holder = { pid: process.pid, host: hostname(), by, since: new Date().toISOString() }
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(lock, 'wx')
      try {
        writeSync(fd, `${JSON.stringify(holder)}\n`)
      } finally {
        closeSync(fd)
      }
      break
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw error
      const current = holderOf(dir)
      if (current) throw new DataDirBusy(describeHolder(dir, current))
      rmSync(lock, { force: true })
    }
  }
  heldHere.add(dir)
  const beat = setInterval(() => {
    try {
      const now = new Date()
      utimesSync(lock, now, now)
    } catch {
      // Gone (deleted by hand): the next relay to start takes the folder; nothing to do here.
    }
  }, LOCK_BEAT_MS)
  beat.unref()
  let released = false
  return {
    release() {
      if (released) return
      released = true
      clearInterval(beat)
      heldHere.delete(dir)
      // Only our own lock: never one another process took over meanwhile.
      if (readLock(lock)?.pid === process.pid) rmSync(lock, { force: true })
    },
  }
}

export function describeHolder(dataDir: string, holder: Holder): string {
  const what = holder.by === 'relay' ? 'a relay' : 'a restore'
  const where = holder.host === hostname() ? `process ${holder.pid}` : `process ${holder.pid} on ${holder.host}`
  return `${what} (${where}, since ${holder.since}) holds ${dataDir}: stop it first (if it is surely gone, delete ${join(dataDir, LOCK_FILE)})`
}

function readLock(file: string): Holder | undefined {
  let raw: unknown
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'))
  } catch {
    // No lock, or one cut short while it was written: nobody can be holding through it.
    return undefined
  }
  if (typeof raw !== 'object' || raw === null) return undefined
  const { pid, host, by, since } = raw as Record<string, unknown>
  if (typeof pid !== 'number' || !Number.isInteger(pid) || pid <= 0 || typeof host !== 'string') return undefined
  return { pid, host, by: by === 'restore' ? 'restore' : 'relay', since: typeof since === 'string' ? since : '?' }
}

function isLive(holder: Holder, dir: string): boolean {
  if (holder.host !== hostname()) return beatsStill(join(dir, LOCK_FILE))
  // Our own pid: ours if we took it, else left by an earlier process that had the same pid
  // (a container's relay is often pid 1 every time it starts).
  if (holder.pid === process.pid) return heldHere.has(dir)
  try {
    process.kill(holder.pid, 0)
  } catch (error) {
    // EPERM: alive, and someone else's.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
  return !isZombie(holder.pid)
}

/** Whether the lock was touched recently enough that its holder, elsewhere, may still be alive. */
function beatsStill(lock: string): boolean {
  try {
    return Date.now() - statSync(lock).mtimeMs < LOCK_STALE_MS
  } catch {
    return false
  }
}

/**
 * A killed relay whose parent has not reaped it yet still answers `kill(pid, 0)`: where /proc
 * tells (Linux), a zombie, or a process gone since, is dead; elsewhere, it counts as alive.
 */
function isZombie(pid: number): boolean {
  let stat: string
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  } catch {
    return existsSync('/proc/self/stat')
  }
  // "pid (comm) S ...": the state follows the last ')', as comm may hold anything.
  return /^\s*[ZX]/.test(stat.slice(stat.lastIndexOf(')') + 1))
}
