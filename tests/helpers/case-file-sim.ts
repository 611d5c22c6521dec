/**
 * A seeded random simulation of several helpers editing one case file: records added,
 * edited and deleted, short fields and long texts changed, while peers go offline and come
 * back in random order. The transport is given by the test (in memory, or a real relay);
 * this module makes the edits and keeps what is needed to judge the end state.
 */
import * as prng from 'lib0/prng'
import * as Y from 'yjs'
import type { IsoDate } from '../../shared/dates'
import { createChildFile, fieldHistory, readChildFile, setChildFields, setChildText, type EditContext } from '../../shared/docs/child/child'
import type { ChildFieldKey } from '../../shared/docs/child/child-fields'
import { addRecord, deleteRecord, readRecords, updateRecord } from '../../shared/docs/child/records'

export const TODAY = '2026-11-29' as IsoDate

export interface SimPeer {
  /** Whom the peer signs as (through a relay: the account it connects with, docs/SPEC.md R1). */
  id: string
  name: string
  /** The peer's clock at step 0: its writes are dated from here on. */
  clock: number
  doc: Y.Doc
  online: boolean
}

/** Who the peers are: made-up helpers on a clock of 1970 unless a test gives real accounts and times. */
export interface PeerOptions {
  authors?: { id: string; name: string }[]
  clock?: number
}

export interface SimLog {
  added: Map<string, string>
  deleted: Set<string>
  /** Every effective short-field write: who wrote what where. */
  writes: { peer: string; field: ChildFieldKey; value: string }[]
}

const FIELDS: { field: ChildFieldKey; values: string[] }[] = [
  { field: 'classId', values: ['class-1', 'class-2', 'class-3-2', 'class-4'] },
  { field: 'guardian.phone', values: ['13800138000', '13912345678', '0571-87654321'] },
  { field: 'guardian.name', values: ['王奶奶', '李爺爺', '張阿姨'] },
  { field: 'careArrangement', values: ['grandparents', 'relatives', 'other'] },
  { field: 'flags.psychological', values: ['true', 'false'] },
]

export function makePeers(n: number, { authors, clock = 1_000_000 }: PeerOptions = {}): SimPeer[] {
  const peers = Array.from({ length: n }, (_, i) => ({
    id: authors?.[i]?.id ?? `peer-${i}`,
    name: authors?.[i]?.name ?? `助手${i}`,
    clock,
    doc: new Y.Doc(),
    online: true,
  }))
  // The file exists on the first peer and reaches the others before the edits begin.
  createChildFile(peers[0]!.doc, { name: '李小紅', birthDate: '2015-03-01' }, ctxFor(peers[0]!, clock - 1_000_000))
  const initial = Y.encodeStateAsUpdate(peers[0]!.doc)
  for (const p of peers.slice(1)) Y.applyUpdate(p.doc, initial)
  return peers
}

function ctxFor(peer: SimPeer, now: number): EditContext {
  return { author: { id: peer.id, name: peer.name }, today: TODAY, now }
}

/** One random edit (or a change of connection, through `setOnline`). */
export async function randomStep(
  gen: prng.PRNG,
  peers: SimPeer[],
  log: SimLog,
  step: number,
  setOnline: (peer: SimPeer, online: boolean) => Promise<void> | void,
): Promise<void> {
  const peer = prng.oneOf(gen, peers)
  const ctx = ctxFor(peer, peer.clock + step)
  const roll = prng.uint32(gen, 0, 99)
  if (roll < 10) {
    await setOnline(peer, !peer.online)
  } else if (roll < 35) {
    const result = addRecord(peer.doc, { type: prng.oneOf(gen, ['talk', 'homeVisit', 'aid'] as const), date: '2026-10-0' + prng.uint32(gen, 1, 9), notes: `記錄 ${step}` }, ctx)
    if ('id' in result) log.added.set(result.id, `記錄 ${step}`)
  } else if (roll < 50) {
    const records = readRecords(peer.doc)
    if (records.length > 0) {
      const r = prng.oneOf(gen, records)
      updateRecord(peer.doc, r.id, { notes: `${r.notes}+${step}` }, ctx)
    }
  } else if (roll < 58) {
    const records = readRecords(peer.doc)
    if (records.length > 0) {
      const r = prng.oneOf(gen, records)
      deleteRecord(peer.doc, r.id, ctx)
      log.deleted.add(r.id)
    }
  } else if (roll < 88) {
    const { field, values } = prng.oneOf(gen, FIELDS)
    const value = prng.oneOf(gen, values)
    const before = fieldHistory(peer.doc, field).length
    setChildFields(peer.doc, { [field]: value }, ctx)
    if (fieldHistory(peer.doc, field).length > before) log.writes.push({ peer: peer.id, field, value })
  } else {
    const text = readChildFile(peer.doc).texts['profile.interests']
    setChildText(peer.doc, 'profile.interests', `${text}${peers.indexOf(peer)}`, ctx)
  }
}

export function newLog(): SimLog {
  return { added: new Map(), deleted: new Set(), writes: [] }
}

/** What every copy must agree on, as plain data. */
export function snapshot(doc: Y.Doc) {
  return { file: readChildFile(doc), records: readRecords(doc) }
}
