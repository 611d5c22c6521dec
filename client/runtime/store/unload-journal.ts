/**
 * A write-ahead journal for the moment between an edit and its IndexedDB commit.
 *
 * IndexedDB writes are asynchronous, and a browser closing or reloading the page aborts the
 * ones still running: the last characters typed before a reload were lost (the offline-reload
 * browser test caught it under load). localStorage writes are synchronous, so each update is
 * first put here, and removed once its IndexedDB transaction has committed; on the next load,
 * what is left is applied and stored properly. It only ever holds a few small updates.
 */
import { fromBase64, toBase64 } from 'lib0/buffer'

export interface JournalStorage {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
  removeItem(key: string): void
  key(index: number): string | null
  readonly length: number
}

export interface JournalEntry {
  key: string
  update: Uint8Array
  local: boolean
}

const PREFIX = 'shouwang.journal:'
let counter = 0

export class UnloadJournal {
  constructor(private readonly storage: JournalStorage | undefined = globalThis.localStorage) {}

  /** Records an update; returns its key, or undefined if storage is full or absent. */
  add(docId: string, update: Uint8Array, local: boolean): string | undefined {
    if (!this.storage) return undefined
    const key = `${PREFIX}${docId}:${Date.now()}-${++counter}-${Math.random().toString(36).slice(2, 8)}`
    try {
      this.storage.setItem(key, `${local ? 'L' : 'R'}${toBase64(update)}`)
      return key
    } catch {
      return undefined // Quota full: IndexedDB still gets the update; only the unload window is unguarded.
    }
  }

  remove(key: string | undefined): void {
    if (key) this.storage?.removeItem(key)
  }

  /** The documents that have updates left behind. */
  documents(): string[] {
    if (!this.storage) return []
    const out = new Set<string>()
    for (let i = 0; i < this.storage.length; i++) {
      const key = this.storage.key(i)
      if (!key?.startsWith(PREFIX)) continue
      const rest = key.slice(PREFIX.length)
      out.add(rest.slice(0, rest.lastIndexOf(':')))
    }
    return [...out]
  }

  /** Removes every update journalled for the document (an erased file: docs/SPEC.md E7). */
  forget(docId: string): void {
    if (!this.storage) return
    const prefix = `${PREFIX}${docId}:`
    const keys: string[] = []
    for (let i = 0; i < this.storage.length; i++) {
      const key = this.storage.key(i)
      if (key?.startsWith(prefix)) keys.push(key)
    }
    for (const key of keys) this.storage.removeItem(key)
  }

  /** Updates of a document left behind by a page that closed before they reached IndexedDB. */
  leftovers(docId: string): JournalEntry[] {
    if (!this.storage) return []
    const prefix = `${PREFIX}${docId}:`
    const entries: JournalEntry[] = []
    for (let i = 0; i < this.storage.length; i++) {
      const key = this.storage.key(i)
      if (!key?.startsWith(prefix)) continue
      const value = this.storage.getItem(key)
      if (!value) continue
      try {
        entries.push({ key, update: fromBase64(value.slice(1)), local: value[0] === 'L' })
      } catch {
        this.storage.removeItem(key)
      }
    }
    return entries
  }
}
