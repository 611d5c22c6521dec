import { useCallback, useRef, useSyncExternalStore } from 'react'
import type * as Y from 'yjs'

/**
 * A value read from a Y.Doc through a shared/ reader, re-read after every change.
 * `read` must return a new value only when what it reads changed (compare by `key`).
 */
export function useDocState<T>(doc: Y.Doc, read: (doc: Y.Doc) => T, key: (value: T) => string): T {
  const cache = useRef<{ key: string; value: T } | null>(null)
  const subscribe = useCallback(
    (onChange: () => void) => {
      doc.on('update', onChange)
      return () => doc.off('update', onChange)
    },
    [doc],
  )
  const getSnapshot = () => {
    const value = read(doc)
    const k = key(value)
    if (cache.current?.key !== k) cache.current = { key: k, value }
    return cache.current.value
  }
  return useSyncExternalStore(subscribe, getSnapshot)
}

/**
 * What a shared/ reader says of a document that may not be open yet (`empty` until it is),
 * compared as JSON: a new value only when what it says changed, so views re-render only then.
 */
export function useJsonDocState<T>(doc: Y.Doc | undefined, read: (doc: Y.Doc) => T, empty: T): T {
  const cache = useRef<{ key: string; value: T }>({ key: JSON.stringify(empty), value: empty })
  const subscribe = useCallback(
    (onChange: () => void) => {
      doc?.on('update', onChange)
      return () => doc?.off('update', onChange)
    },
    [doc],
  )
  const getSnapshot = () => {
    const value = doc ? read(doc) : empty
    const key = JSON.stringify(value)
    if (cache.current.key !== key) cache.current = { key, value }
    return cache.current.value
  }
  return useSyncExternalStore(subscribe, getSnapshot)
}
