/**
 * Queries views follow: a query over the local store runs again whenever a table it read
 * changes (Dexie's liveQuery), so a list follows every write, local or synced.
 */
import Dexie, { liveQuery } from 'dexie'
import { INDEX_TABLES } from '../../../shared/indexes/rows'

export type Unsubscribe = () => void

export function observe<T>(query: () => Promise<T>, onValue: (value: T) => void, onError: (error: unknown) => void = (e) => console.warn('live query', e)): Unsubscribe {
  const subscription = liveQuery(query).subscribe({ next: onValue, error: onError })
  return () => subscription.unsubscribe()
}

/** How often at most a view of the index reads again while rows keep arriving (SPEC I8). */
export const INDEX_READ_INTERVAL_MS = 300
/**
 * A read that takes long (10,000 rows) waits this many times its own length before the next one,
 * so re-reading a growing list while a first sync writes takes a bounded share of the page's time.
 */
const READ_SHARE = 8
/** But never longer than this: a row written now is on screen within two seconds, whatever the load. */
const MAX_GAP_MS = 2000

/**
 * Like `observe`, for queries over the index tables only (INDEX_TABLES): the
 * query runs now, and again after any write to those tables, but at most once per `intervalMs`
 * (SPEC I8), and after a long read at most once per eight times its length: a first sync that
 * writes a batch of rows every few ms has a 10,000-child list read and drawn every second or
 * so, not once per batch. A write while idle is seen at once.
 */
export function observeIndex<T>(db: Dexie, query: () => Promise<T>, onValue: (value: T) => void, intervalMs = INDEX_READ_INTERVAL_MS): Unsubscribe {
  const prefixes = INDEX_TABLES.map((table) => `idb://${db.name}/${table}/`)
  let closed = false
  let running = false
  let again = false
  let lastRun = -Infinity
  let gap = intervalMs
  let timer: ReturnType<typeof setTimeout> | undefined
  const run = async () => {
    timer = undefined
    if (closed) return
    if (running) return void (again = true)
    running = true
    lastRun = Date.now()
    try {
      const value = await query()
      if (!closed) onValue(value)
    } catch (error) {
      console.warn('live query', error)
    } finally {
      gap = Math.max(intervalMs, Math.min(MAX_GAP_MS, (Date.now() - lastRun) * READ_SHARE))
      running = false
      if (again && !closed) {
        again = false
        schedule()
      }
    }
  }
  const schedule = () => {
    if (timer !== undefined || closed) return
    timer = setTimeout(() => void run(), Math.max(0, lastRun + gap - Date.now()))
  }
  const onMutated = (parts: Record<string, unknown>) => {
    if (Object.keys(parts).some((key) => prefixes.some((prefix) => key.startsWith(prefix)))) {
      if (running) again = true
      else schedule()
    }
  }
  Dexie.on('storagemutated', onMutated)
  void run()
  return () => {
    closed = true
    clearTimeout(timer)
    Dexie.on('storagemutated').unsubscribe(onMutated)
  }
}
