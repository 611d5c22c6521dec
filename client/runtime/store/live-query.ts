/**
 * Queries views follow: a query over the local store runs again whenever a table it read
 * changes (Dexie's liveQuery), so a list follows every write, local or synced.
 */
import { liveQuery } from 'dexie'

export type Unsubscribe = () => void

export function observe<T>(query: () => Promise<T>, onValue: (value: T) => void, onError: (error: unknown) => void = (e) => console.warn('live query', e)): Unsubscribe {
  const subscription = liveQuery(query).subscribe({ next: onValue, error: onError })
  return () => subscription.unsubscribe()
}
