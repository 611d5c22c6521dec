/**
 * What a person has typed that the document does not hold yet (docs/SPEC.md L6): a field
 * being typed into, a record form being filled in. Kept in localStorage, which writes at
 * once, so Back, a reload, a closed tab or a phone killing the app loses nothing; removed once
 * the document holds it or the person discards it. Sign-out wipes them with the unload
 * journal (local-data.ts); a file whose access ended takes its drafts with it.
 */
export const DRAFT_PREFIX = 'shouwang.draft:'

export type DraftStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key'> & { readonly length: number }

export interface Draft<T = unknown> {
  docId: string
  key: string
  value: T
  /** When it was last typed (the device's clock). */
  at: number
}

const storageKey = (docId: string, key: string) => `${DRAFT_PREFIX}${docId}|${key}`

export class DraftStore {
  private readonly listeners = new Set<() => void>()
  private count: number

  constructor(private readonly storage: DraftStorage | undefined = globalThis.localStorage) {
    this.count = this.list().length
  }

  /** Keeps what was typed; false if the storage refused it (full), so the caller can commit at once instead. */
  put(docId: string, key: string, value: unknown): boolean {
    if (!this.storage) return false
    try {
      this.storage.setItem(storageKey(docId, key), JSON.stringify({ value, at: Date.now() }))
    } catch {
      return false
    }
    this.changed()
    return true
  }

  get<T>(docId: string, key: string): Draft<T> | undefined {
    return this.read(storageKey(docId, key))
  }

  remove(docId: string, key: string): void {
    const k = storageKey(docId, key)
    if (this.storage?.getItem(k) === null) return
    this.storage?.removeItem(k)
    this.changed()
  }

  /** Every draft, or one document's, those whose key starts with `keyPrefix` if given. */
  list(docId?: string, keyPrefix = ''): Draft[] {
    if (!this.storage) return []
    const prefix = docId === undefined ? DRAFT_PREFIX : `${DRAFT_PREFIX}${docId}|${keyPrefix}`
    const out: Draft[] = []
    for (let i = 0; i < this.storage.length; i++) {
      const k = this.storage.key(i)
      if (!k?.startsWith(prefix)) continue
      const draft = this.read(k)
      if (draft) out.push(draft)
    }
    return out.sort((a, b) => a.at - b.at || (a.key < b.key ? -1 : 1))
  }

  removeAll(docId: string): void {
    for (const draft of this.list(docId)) this.storage?.removeItem(storageKey(draft.docId, draft.key))
    this.changed()
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => void this.listeners.delete(listener)
  }

  /** How many drafts wait on this device. */
  getSnapshot = (): number => this.count

  private read<T>(k: string): Draft<T> | undefined {
    const raw = this.storage?.getItem(k)
    if (!raw) return undefined
    const at = k.indexOf('|')
    try {
      const parsed = JSON.parse(raw) as { value?: unknown; at?: unknown }
      if (!('value' in parsed)) return undefined
      return { docId: k.slice(DRAFT_PREFIX.length, at), key: k.slice(at + 1), value: parsed.value as T, at: typeof parsed.at === 'number' ? parsed.at : 0 }
    } catch {
      return undefined
    }
  }

  private changed(): void {
    const count = this.list().length
    if (count === this.count) return
    this.count = count
    for (const listener of this.listeners) listener()
  }
}
