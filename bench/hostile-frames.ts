/**
 * Seeded hostile frames for the malformed benchmark, in kinds a misbehaving member's device
 * (or a fuzzer holding a session) would send. Closing kinds the relay reads as malformed and
 * closes the socket for (a strike against the account, SPEC Q7): random bytes, a known message
 * type with a garbage body, real updates truncated or with lying lengths, frames just under and
 * over the relay's message limit, presence garbage, text frames. Refused kinds are well-formed
 * and refused with the socket left open (permission denied, SPEC Q2, Q8, R1–R5), or dropped:
 * the poison update (tests/fixtures), updates whose dependencies never arrive, entries signed as
 * someone else or dated in the future, roots the child's file does not declare or of the wrong
 * type, deletions of its records, updates over the update limit, presence lying about its
 * client id. None of them is anything an honest client sends; none may end up in a file.
 */
import * as encoding from 'lib0/encoding'
import * as prng from 'lib0/prng'
import * as Y from 'yjs'
import { MAX_MESSAGE_BYTES, MessageType, SyncStep, writeAwareness, writeSyncStep1, writeUpdate } from '../shared/protocol'

export const HOSTILE_TEXT = 'HOSTILE'

/** Kinds the relay closes the socket for. */
export const CLOSING_KINDS = [
  'random bytes',
  'known type, garbage body',
  'truncated update',
  'update, lying length',
  'update, truncated inside',
  'header bytes flipped',
  'sync step 1, garbage vector',
  'presence garbage',
  'text frame',
  'just under the limit',
  'over the limit',
] as const

/** Kinds the relay refuses (or drops) with the socket left open. */
export const REFUSED_KINDS = [
  'poison update',
  'dependencies never arrive',
  'signed as another member',
  'dated in the future',
  'undeclared root',
  'root of the wrong type',
  'record deleted',
  'over the update limit',
  'presence, lying client id',
] as const

export const FRAME_KINDS = [...CLOSING_KINDS, ...REFUSED_KINDS] as const
export type FrameKind = (typeof FRAME_KINDS)[number]
export type ClosingKind = (typeof CLOSING_KINDS)[number]

export interface HostileFrame {
  kind: FrameKind
  data: Uint8Array | string
}

/** A real update that would change a file, had the relay taken it. */
function hostileUpdate(gen: prng.PRNG): Uint8Array {
  const doc = new Y.Doc()
  doc.getText('notes').insert(0, `${HOSTILE_TEXT} ${prng.word(gen, 1, 40)}`)
  doc.getMap('records').set(`hostile-${prng.uint32(gen, 0, 1e9)}`, HOSTILE_TEXT)
  return Y.encodeStateAsUpdate(doc)
}

function withLength(type: number, step: number, length: number, body: Uint8Array): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, type)
  encoding.writeVarUint(e, step)
  encoding.writeVarUint(e, length)
  encoding.writeUint8Array(e, body)
  return encoding.toUint8Array(e)
}

function presenceGarbage(gen: prng.PRNG): Uint8Array {
  const inner = encoding.createEncoder()
  const variant = prng.int32(gen, 0, 4)
  encoding.writeVarUint(inner, variant === 0 ? prng.uint32(gen, 2, 1e6) : 1) // more states than follow
  encoding.writeVarUint(inner, prng.uint32(gen, 0, 2 ** 31))
  encoding.writeVarUint(inner, prng.uint32(gen, 0, 2 ** 31))
  const states = ['{"user": {"name": "x"', '[1,2,3]', '"a string"', '42', prng.utf16String(gen, 30)]
  encoding.writeVarString(inner, prng.oneOf(gen, states))
  if (variant === 4) encoding.writeUint8Array(inner, prng.uint8Array(gen, 5)) // trailing bytes
  return writeAwareness(encoding.toUint8Array(inner))
}

/** Limit-sized frames are built once and reused: megabytes of random bytes cost the sender too. */
let bigGarbage: Uint8Array | undefined
function limitFrame(gen: prng.PRNG, over: boolean): Uint8Array {
  bigGarbage ??= prng.uint8Array(gen, MAX_MESSAGE_BYTES + 1)
  if (over) return bigGarbage
  // An update whose length prefix is exact, and whose body is garbage, a few bytes under the limit.
  const body = bigGarbage.subarray(0, MAX_MESSAGE_BYTES - 16)
  return withLength(MessageType.sync, SyncStep.update, body.length, body)
}

/**
 * The `i`th closing frame of a run: the kinds take turns, the limit-sized ones among them (each
 * costs megabytes on the loopback).
 */
export function closingFrame(gen: prng.PRNG, i: number): HostileFrame {
  const kind = CLOSING_KINDS[i % CLOSING_KINDS.length] as ClosingKind
  const update = () => writeUpdate(hostileUpdate(gen))
  // Named apart from `kind`: only shared/docs/ branches on a document kind (tests/unit/document-kinds.test.ts).
  const frameKind = kind
  switch (frameKind) {
    case 'random bytes':
      return { kind, data: prng.uint8Array(gen, prng.int32(gen, 1, 200)) }
    case 'known type, garbage body': {
      const type = prng.oneOf(gen, [...Object.values(MessageType), 4, 99, 104, 2 ** 20])
      const e = encoding.createEncoder()
      encoding.writeVarUint(e, type)
      encoding.writeUint8Array(e, prng.uint8Array(gen, prng.int32(gen, 0, 120)))
      return { kind, data: encoding.toUint8Array(e) }
    }
    case 'truncated update': {
      const whole = update()
      return { kind, data: whole.subarray(0, prng.int32(gen, 1, whole.length - 1)) }
    }
    case 'update, lying length': {
      const body = hostileUpdate(gen)
      const lie = prng.bool(gen) ? body.length + prng.int32(gen, 1, 50) : Math.max(0, body.length - prng.int32(gen, 1, body.length))
      return { kind, data: withLength(MessageType.sync, prng.bool(gen) ? SyncStep.update : SyncStep.step2, lie, body) }
    }
    case 'update, truncated inside': {
      // The frame is exact; the update inside it is cut short.
      const body = hostileUpdate(gen)
      return { kind, data: writeUpdate(body.subarray(0, prng.int32(gen, 1, body.length - 1))) }
    }
    case 'header bytes flipped': {
      const data = Uint8Array.from(update())
      const at = prng.int32(gen, 0, Math.min(3, data.length - 1))
      data[at] = (data[at] as number) ^ (1 << prng.int32(gen, 0, 7))
      return { kind, data }
    }
    case 'sync step 1, garbage vector':
      return { kind, data: writeSyncStep1(prng.uint8Array(gen, prng.int32(gen, 1, 60))) }
    case 'presence garbage':
      return { kind, data: presenceGarbage(gen) }
    case 'text frame':
      return { kind, data: prng.bool(gen) ? prng.utf16String(gen, 80) : JSON.stringify({ type: 'update', update: HOSTILE_TEXT }) }
    case 'just under the limit':
      return { kind, data: limitFrame(gen, false) }
    case 'over the limit':
      return { kind, data: limitFrame(gen, true) }
  }
}
