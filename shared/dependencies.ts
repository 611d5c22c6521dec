/**
 * Whether an update needs something the document does not have (SPEC Q8). Yjs keeps such an
 * update aside as "pending" until what it builds on arrives; stored, it would be served to every
 * newcomer and never apply if that never comes. Read from the decoded update and the document's
 * state vector alone, so a refusal touches no document.
 */
import * as Y from 'yjs'

export function missingDependencies(update: Uint8Array, stateVector: Map<number, number>): boolean {
  const { structs, ds } = Y.decodeUpdate(update)
  // What the document will have: its own state, extended by each client's run that continues it.
  const have = new Map(stateVector)
  for (const struct of structs) {
    if (struct instanceof Y.Skip) continue
    const { client, clock } = struct.id
    const known = have.get(client) ?? 0
    if (clock > known) return true
    have.set(client, Math.max(known, clock + struct.length))
  }
  const present = (id: Y.ID | null | undefined) => !id || id.clock < (have.get(id.client) ?? 0)
  for (const struct of structs) {
    if (!(struct instanceof Y.Item)) continue
    if (!present(struct.origin) || !present(struct.rightOrigin)) return true
    if (struct.parent instanceof Y.ID && !present(struct.parent)) return true
  }
  for (const [client, deletes] of ds.clients) {
    const known = have.get(client) ?? 0
    for (const { clock, len } of deletes) if (clock + len > known) return true
  }
  return false
}

/**
 * Whether an update only adds what is new to a document of this state vector, and builds only on
 * itself: every struct, everything it is placed after, before or inside, and everything it deletes
 * is past what the document has. Such an update does to the document exactly what it does to an
 * empty one, so its added entries can be judged on an empty document (SPEC Q10).
 */
export function onlyAddsNew(update: Uint8Array, stateVector: Map<number, number>): boolean {
  const { structs, ds } = Y.decodeUpdate(update)
  const isNew = (id: Y.ID) => id.clock >= (stateVector.get(id.client) ?? 0)
  for (const struct of structs) {
    if (struct instanceof Y.Skip) continue
    if (!isNew(struct.id) || !(struct instanceof Y.Item)) return false
    // Placed after or before something, an item is inside that thing's parent (the update then names no parent).
    if ((struct.origin && !isNew(struct.origin)) || (struct.rightOrigin && !isNew(struct.rightOrigin))) return false
    if (struct.parent instanceof Y.ID ? !isNew(struct.parent) : struct.parent === null && !struct.origin && !struct.rightOrigin) return false
  }
  for (const [client, deletes] of ds.clients) {
    for (const { clock } of deletes) if (!isNew(Y.createID(client, clock))) return false
  }
  return true
}

/**
 * Whether an update holds nothing the document lacks: each struct is already there and each
 * deletion already made. y-protocols' answer to a sync step always carries the sender's whole
 * delete set, so a read-only member who reconnects to a document whose values were ever
 * overwritten sends such an update; it is no write, and must not be refused as one (SPEC A8).
 */
export function addsNothing(update: Uint8Array, doc: Y.Doc): boolean {
  const { structs, ds } = Y.decodeUpdate(update)
  const have = Y.decodeStateVector(Y.encodeStateVector(doc))
  for (const struct of structs) {
    if (struct instanceof Y.Skip) continue
    if (struct.id.clock + struct.length > (have.get(struct.id.client) ?? 0)) return false
  }
  if (ds.clients.size === 0) return true
  const deleted = Y.createDeleteSetFromStructStore(doc.store)
  for (const [client, deletes] of ds.clients) {
    // The document's own ranges of a client are sorted and do not overlap.
    const ranges: readonly { clock: number; len: number }[] = deleted.clients.get(client) ?? []
    let i = 0
    for (const { clock, len } of [...deletes].sort((a, b) => a.clock - b.clock)) {
      // Past the ranges that end before this deletion starts (the deletions come in order too).
      while (i < ranges.length && (ranges[i]?.clock ?? 0) + (ranges[i]?.len ?? 0) <= clock) i++
      let at = clock
      for (let j = i; j < ranges.length && at < clock + len; j++) {
        const range = ranges[j]
        if (!range || range.clock > at) break
        at = Math.max(at, range.clock + range.len)
      }
      if (at < clock + len) return false
    }
  }
  return true
}
