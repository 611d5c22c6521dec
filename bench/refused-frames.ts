/**
 * The malformed benchmark's refused kinds (hostile-frames.ts REFUSED_KINDS): well-formed
 * messages a hostile member's device could send, that the relay refuses with the socket left
 * open (permission denied with a reason: write rules R1–R5, limits Q2, Q8) or drops (presence
 * entries of another client id). Many fit on one connection, so they cost no strike and no
 * reconnect. Each carries HOSTILE_TEXT where it can, so a leak into a file shows.
 */
import * as encoding from 'lib0/encoding'
import * as prng from 'lib0/prng'
import * as Y from 'yjs'
import { todayIsoDate } from '../shared/dates'
import { addRecord } from '../shared/docs/child/records'
import { MAX_UPDATE_BYTES } from '../shared/limits'
import { writeAwareness, writeUpdate } from '../shared/protocol'
import { POISON_UPDATE } from '../tests/fixtures/poison-update'
import { HOSTILE_TEXT, REFUSED_KINDS, type HostileFrame } from './hostile-frames'

type RefusedKind = (typeof REFUSED_KINDS)[number]

/** Whom the attacker signs as, and what of the target file it knows (to delete it). */
export interface Target {
  author: { id: string; name: string }
  /** Updates each deleting one record of the file's stored state (empty for a file without records). */
  deletions: Uint8Array[]
}

/** One update per record of `stored`, each deleting that record: a file's history lost (R4). */
export function recordDeletions(stored: Y.Doc): Uint8Array[] {
  const before = Y.encodeStateVector(stored)
  return [...stored.getMap('records').keys()].map((key) => {
    const copy = new Y.Doc()
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(stored))
    copy.getMap('records').delete(key)
    const update = Y.encodeStateAsUpdate(copy, before)
    copy.destroy()
    return update
  })
}

function recordUpdate(author: { id: string; name: string }, now: number, notes: string): Uint8Array {
  const doc = new Y.Doc()
  const added = addRecord(doc, { type: 'talk', date: todayIsoDate(), notes }, { author, today: todayIsoDate(), now })
  if ('errors' in added) throw new Error(`the hostile record was not built: ${JSON.stringify(added.errors)}`)
  return Y.encodeStateAsUpdate(doc)
}

/** The second of two updates, without the first it builds on (missingDependencies, Q8). */
function orphanUpdate(gen: prng.PRNG): Uint8Array {
  const doc = new Y.Doc()
  const text = doc.getText('text:profile.character')
  text.insert(0, HOSTILE_TEXT)
  const before = Y.encodeStateVector(doc)
  text.insert(text.length, prng.word(gen, 1, 20))
  return Y.encodeStateAsUpdate(doc, before)
}

/** A real update a little over the update limit, under the message limit: built once, it costs the sender too. */
let oversized: Uint8Array | undefined
function oversizedUpdate(): Uint8Array {
  if (!oversized) {
    const doc = new Y.Doc()
    doc.getText('text:profile.character').insert(0, HOSTILE_TEXT.repeat(Math.ceil((MAX_UPDATE_BYTES + 64 * 1024) / HOSTILE_TEXT.length)))
    oversized = writeUpdate(Y.encodeStateAsUpdate(doc))
  }
  return oversized
}

/** Well-formed presence of a client id chosen afresh each time, naming someone else. */
function lyingPresence(gen: prng.PRNG): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, 1)
  encoding.writeVarUint(e, prng.uint32(gen, 1, 2 ** 31))
  encoding.writeVarUint(e, prng.uint32(gen, 0, 1000))
  encoding.writeVarString(e, JSON.stringify({ user: { id: 'not-a-member', name: HOSTILE_TEXT, color: '#ff0000' }, cursor: null }))
  return writeAwareness(encoding.toUint8Array(e))
}

/**
 * The `i`th refused frame for a target. An over-the-limit update is one in 2,000, the first early (2 MiB each,
 * read at the relay's 1 MiB/s per socket); the other kinds take turns.
 */
export function refusedFrame(gen: prng.PRNG, i: number, target: Target): HostileFrame {
  if (i % 2000 === 100) return { kind: 'over the update limit', data: oversizedUpdate() }
  const turns = REFUSED_KINDS.filter((k) => k !== 'over the update limit' && (k !== 'record deleted' || target.deletions.length > 0))
  const kind = turns[i % turns.length] as RefusedKind
  const word = () => `${HOSTILE_TEXT} ${prng.word(gen, 1, 30)}`
  // Named apart from `kind`: only shared/docs/ branches on a document kind (tests/unit/document-kinds.test.ts).
  const frameKind = kind
  switch (frameKind) {
    case 'poison update':
      return { kind, data: writeUpdate(POISON_UPDATE) }
    case 'dependencies never arrive':
      return { kind, data: writeUpdate(orphanUpdate(gen)) }
    case 'signed as another member':
      return { kind, data: writeUpdate(recordUpdate({ id: `not-a-member-${prng.uint32(gen, 0, 1e6)}`, name: target.author.name }, Date.now(), word())) }
    case 'dated in the future':
      return { kind, data: writeUpdate(recordUpdate(target.author, Date.now() + prng.int32(gen, 2, 400) * 24 * 60 * 60 * 1000, word())) }
    case 'undeclared root': {
      const doc = new Y.Doc()
      doc.getMap(`hostile-${prng.uint32(gen, 0, 1000)}`).set('x', word())
      return { kind, data: writeUpdate(Y.encodeStateAsUpdate(doc)) }
    }
    case 'root of the wrong type': {
      // A list where the file declares a map, or a map's entry the kind does not have.
      const doc = new Y.Doc()
      if (prng.bool(gen)) doc.getArray('records').insert(0, [word()])
      else doc.getMap('meta').set('kind', word())
      return { kind, data: writeUpdate(Y.encodeStateAsUpdate(doc)) }
    }
    case 'record deleted':
      return { kind, data: writeUpdate(prng.oneOf(gen, target.deletions)) }
    case 'presence, lying client id':
      return { kind, data: lyingPresence(gen) }
    default:
      return { kind: 'over the update limit', data: oversizedUpdate() }
  }
}
