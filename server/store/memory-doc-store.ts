/**
 * A DocStore in memory, with the same semantics as SQLite's (the contract suite in
 * tests/contract/ runs against both): sequence numbers global to the store, increasing and
 * never reused; an append that fails stores nothing of its batch; compaction keeps the seq it
 * was given; changes listed per document at its newest seq, oldest first; an erased document
 * takes no update again. Nothing survives
 * the process: for tests and benchmarks of the relay's mechanics, never for `npm start`.
 */
import type { DocChange, DocStore, StoredRow } from './doc-store'

interface Stored {
  seq: number
  update: Uint8Array
  coversFrom?: number
}

export function openMemoryDocStore(): DocStore {
  const docs = new Map<string, Stored[]>()
  const erased = new Set<string>()
  let lastSeq = 0
  let closed = false

  const open = () => {
    if (closed) throw new Error('the document store is closed')
  }

  return {
    async load(docId) {
      open()
      const stored = docs.get(docId) ?? []
      return { updates: stored.map((s) => s.update.slice()), lastSeq: stored.at(-1)?.seq ?? 0 }
    },

    async append(entries) {
      open()
      // Everything is checked before anything is stored: a bad entry fails its whole batch.
      for (const { docId, update } of entries) {
        if (typeof docId !== 'string') throw new TypeError('a document id must be a string')
        if (!(update instanceof Uint8Array)) throw new TypeError('an update must be bytes')
        if (erased.has(docId)) throw new Error('the document was erased')
      }
      return entries.map(({ docId, update }) => {
        const seq = ++lastSeq
        let stored = docs.get(docId)
        if (!stored) docs.set(docId, (stored = []))
        // A copy: the caller may reuse its buffer, the store keeps what it was given.
        stored.push({ seq, update: update.slice() })
        return seq
      })
    },

    async compact(docId, merged, throughSeq) {
      open()
      if (erased.has(docId)) throw new Error('the document was erased')
      const stored = docs.get(docId) ?? []
      const later = stored.filter((s) => s.seq > throughSeq)
      const from = Math.min(throughSeq, ...stored.filter((s) => s.seq <= throughSeq).map((s) => s.coversFrom ?? s.seq))
      docs.set(docId, [{ seq: throughSeq, update: merged.slice(), coversFrom: from }, ...later])
    },

    async erase(docId) {
      open()
      docs.delete(docId)
      erased.add(docId)
    },

    async erasedAmong(docIds) {
      open()
      return new Set(docIds.filter((id) => erased.has(id)))
    },

    async updateCount(docId) {
      open()
      return docs.get(docId)?.length ?? 0
    },

    async changesSince(prefix, afterSeq, limit): Promise<DocChange[]> {
      open()
      const changes: DocChange[] = []
      for (const [docId, stored] of docs) {
        const newest = stored.at(-1)?.seq ?? 0
        if (newest > afterSeq && docId.startsWith(prefix)) changes.push({ docId, seq: newest })
      }
      return changes.sort((a, b) => a.seq - b.seq).slice(0, Math.max(0, limit))
    },

    async updatesSince(prefix, afterSeq, limit, maxBytes) {
      open()
      const all: StoredRow[] = []
      for (const [docId, stored] of docs) {
        if (!docId.startsWith(prefix)) continue
        for (const s of stored) {
          if (s.seq > afterSeq) all.push({ seq: s.seq, docId, update: s.update.slice(), ...(s.coversFrom === undefined ? {} : { coversFrom: s.coversFrom }) })
        }
      }
      all.sort((a, b) => a.seq - b.seq)
      const rows: StoredRow[] = []
      let bytes = 0
      for (const row of all) {
        if (rows.length >= limit || bytes > maxBytes) break
        rows.push(row)
        bytes += row.update.length
      }
      return { rows, more: rows.length < all.length }
    },

    async docsSince(prefix, afterSeq) {
      open()
      return [...docs].filter(([docId, stored]) => docId.startsWith(prefix) && stored.some((s) => s.seq > afterSeq)).map(([docId]) => docId)
    },

    async erasures(prefix) {
      open()
      return String([...erased].filter((id) => id.startsWith(prefix)).length)
    },

    async close() {
      closed = true
      docs.clear()
      erased.clear()
    },
  }
}
