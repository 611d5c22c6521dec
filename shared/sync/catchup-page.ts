/**
 * One page of background catch-up (GET /api/catchup, docs/SPEC.md S10–S13), in binary: the
 * relay's stored updates after the device's cursor, merged per document, with no base64 and no
 * JSON around them, so the bytes on the wire are close to the bytes of the missing updates.
 *
 * A page is at most CATCHUP_PAGE_BYTES: it ends before the file that would pass the cap. A single
 * stored update larger than the cap is sent in parts, each on a page of its own; the device keeps
 * the parts until the last one and only then stores the update and moves its cursor.
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'

/** Most bytes of one answer of /api/catchup, headers of the page included. */
export const CATCHUP_PAGE_BYTES = 256 * 1024
/** What a page's own framing may take at most, beside the updates it carries. */
export const CATCHUP_FRAMING_BYTES = 8 * 1024
/** Most stored updates the relay reads for one page. */
export const CATCHUP_ROWS_PER_PAGE = 5000
export const CATCHUP_CONTENT_TYPE = 'application/x-shouwang-catchup'

/** 2: the header carries `lists`; 3: and `files` and `named`. */
const VERSION = 3

/**
 * Fingerprints of what the caller's filing classes (/api/auth/classes) and directory
 * (/api/members/directory) would answer now: the device asks for one only when its fingerprint
 * changed since its last answer (docs/SPEC.md S13).
 */
export interface ListMarks {
  filing: string
  directory: string
}

export interface CatchupEntry {
  docId: string
  /** The document's updates in this page, merged into one (or a part of one, see `part`). */
  update: Uint8Array
  /** When one stored update is sent in parts: where this part starts, and the whole update's length. */
  part?: { offset: number; total: number }
  /**
   * The relay merged this document's log past the device's cursor: the device has part of it,
   * so it sends its state vector (POST /api/catchup) and receives only what it lacks. No update here.
   */
  needsState?: true
}

export interface CatchupPage {
  /** Ask for the next page after this seq... */
  cursor: number
  /** ...and, while an update is sent in parts, from this byte of it. */
  offset: number
  more: boolean
  /** A fingerprint of what the caller may read (as ChangesResponse.scope). */
  scope: string
  /** A fingerprint of the workspace's erased files: when it changes, the device asks about its files. */
  erasures: string
  lists: ListMarks
  /**
   * The newest seq this page holds: a device cut off mid-page asks again for the same rows
   * (after its cursor, until this) skipping the entries it stored.
   */
  until: number
  /** Entries of this page left out because the device said it had stored them. */
  skipped: number
  /** In an answer of diffs: while one diff larger than a page comes in parts, the byte to ask from next. */
  partOffset: number
  /**
   * Asked for on a round's first page (`count=1`): how many files the caller may read have stored
   * updates after the cursor asked from, this page's included; else 0. Files beyond the caller's
   * access are never counted (SPEC S16).
   */
  files: number
  /**
   * A fingerprint of the files the whole page names for their state vectors, in its order: the
   * device sends it back with its state vectors, and the relay answers 409 if its page no longer
   * names the same files (one compacted since), so a diff never lands in another file (SPEC S12).
   */
  named: string
  entries: CatchupEntry[]
}

/** The page's frames: its header, then each entry, each framed by its length (4 bytes), so a device stores entries as they arrive. */
export function encodeCatchupPage(page: CatchupPage): Uint8Array {
  const frames: Uint8Array[] = []
  const head = encoding.createEncoder()
  encoding.writeVarUint(head, VERSION)
  encoding.writeVarUint(head, page.cursor)
  encoding.writeVarUint(head, page.offset)
  encoding.writeUint8(head, page.more ? 1 : 0)
  encoding.writeVarString(head, page.scope)
  encoding.writeVarString(head, page.erasures)
  encoding.writeVarString(head, page.lists.filing)
  encoding.writeVarString(head, page.lists.directory)
  encoding.writeVarUint(head, page.until)
  encoding.writeVarUint(head, page.skipped)
  encoding.writeVarUint(head, page.partOffset)
  encoding.writeVarUint(head, page.files)
  encoding.writeVarString(head, page.named)
  encoding.writeVarUint(head, page.entries.length)
  frames.push(encoding.toUint8Array(head))
  for (const entry of page.entries) {
    const e = encoding.createEncoder()
    encoding.writeVarString(e, entry.docId)
    encoding.writeVarUint(e, entry.needsState ? 2 : entry.part ? 1 : 0)
    if (entry.part) {
      encoding.writeVarUint(e, entry.part.total)
      encoding.writeVarUint(e, entry.part.offset)
    }
    if (!entry.needsState) encoding.writeVarUint8Array(e, entry.update)
    frames.push(encoding.toUint8Array(e))
  }
  const out = new Uint8Array(frames.reduce((n, f) => n + 4 + f.length, 0))
  const view = new DataView(out.buffer)
  let at = 0
  for (const frame of frames) {
    view.setUint32(at, frame.length)
    out.set(frame, at + 4)
    at += 4 + frame.length
  }
  return out
}

export type CatchupHeader = Omit<CatchupPage, 'entries'> & { count: number }

function readHeader(frame: Uint8Array): CatchupHeader {
  const d = decoding.createDecoder(frame)
  if (decoding.readVarUint(d) !== VERSION) throw new Error('unknown catch-up page version')
  const cursor = decoding.readVarUint(d)
  const offset = decoding.readVarUint(d)
  const more = decoding.readUint8(d) === 1
  const scope = decoding.readVarString(d)
  const erasures = decoding.readVarString(d)
  const lists = { filing: decoding.readVarString(d), directory: decoding.readVarString(d) }
  const until = decoding.readVarUint(d)
  const skipped = decoding.readVarUint(d)
  const partOffset = decoding.readVarUint(d)
  const files = decoding.readVarUint(d)
  const named = decoding.readVarString(d)
  const count = decoding.readVarUint(d)
  if (count > CATCHUP_ROWS_PER_PAGE || decoding.hasContent(d)) throw new Error('a malformed catch-up header')
  return { cursor, offset, more, scope, erasures, lists, until, skipped, partOffset, files, named, count }
}

function readEntry(frame: Uint8Array): CatchupEntry {
  const d = decoding.createDecoder(frame)
  const docId = decoding.readVarString(d)
  const kind = decoding.readVarUint(d)
  if (kind > 2) throw new Error('a malformed catch-up entry')
  if (kind === 2) {
    if (decoding.hasContent(d)) throw new Error('a malformed catch-up entry')
    return { docId, update: new Uint8Array(0), needsState: true }
  }
  const total = kind === 1 ? decoding.readVarUint(d) : 0
  const partOffset = kind === 1 ? decoding.readVarUint(d) : 0
  const update = decoding.readVarUint8Array(d)
  if (decoding.hasContent(d) || update.length === 0) throw new Error('a malformed catch-up entry')
  if (kind === 1 && partOffset + update.length > total) throw new Error('a part runs past its update')
  return { docId, update, ...(kind === 1 ? { part: { offset: partOffset, total } } : {}) }
}

/**
 * Reads a page as its bytes arrive: `push` returns the entries completed by a chunk (the header
 * first), `end` throws when the page stopped short. Throws on anything malformed.
 */
export class CatchupReader {
  header: CatchupHeader | undefined
  private buffer = new Uint8Array(0)
  private read = 0

  push(chunk: Uint8Array): CatchupEntry[] {
    const joined = new Uint8Array(this.buffer.length + chunk.length)
    joined.set(this.buffer)
    joined.set(chunk, this.buffer.length)
    let at = 0
    const entries: CatchupEntry[] = []
    while (joined.length - at >= 4) {
      const length = new DataView(joined.buffer, joined.byteOffset + at, 4).getUint32(0)
      if (length > CATCHUP_PAGE_BYTES) throw new Error('a catch-up frame larger than a page')
      if (joined.length - at - 4 < length) break
      const frame = joined.slice(at + 4, at + 4 + length)
      at += 4 + length
      if (!this.header) this.header = readHeader(frame)
      else if (this.read >= this.header.count) throw new Error('more entries than the header said')
      else {
        entries.push(readEntry(frame))
        this.read++
      }
    }
    this.buffer = joined.slice(at)
    return entries
  }

  /** The header, once every entry it announced has arrived and nothing more. */
  end(): CatchupHeader {
    if (!this.header || this.read !== this.header.count || this.buffer.length > 0) throw new Error('the catch-up page stopped short')
    return this.header
  }
}

/** Reads a whole page at once (tests, tools). */
export function decodeCatchupPage(bytes: Uint8Array): CatchupPage {
  const reader = new CatchupReader()
  const entries = reader.push(bytes)
  const { cursor, offset, more, scope, erasures, lists, until, skipped, partOffset, files, named } = reader.end()
  return { cursor, offset, more, scope, erasures, lists, until, skipped, partOffset, files, named, entries }
}

/** What the device asks: the page after `after` (from byte `offset` of an update sent in parts). */
export interface CatchupRow {
  seq: number
  docId: string
  data: Uint8Array
  /** A merged row holding updates the device has: sent as a request for its state vector, costing no data. */
  marker?: boolean
}

/**
 * Lays out one page from stored rows in seq order (pure: the relay's route filters access and
 * merges). Returns the groups of rows per document, or the part of one row too large for a page.
 */
export function planCatchupPage(
  rows: readonly CatchupRow[],
  offset: number,
  budget = CATCHUP_PAGE_BYTES - CATCHUP_FRAMING_BYTES,
): { groups: Map<string, Uint8Array[]>; markers: Set<string>; part?: { docId: string; bytes: Uint8Array; offset: number; total: number }; cursor: number | undefined; offset: number; complete: boolean } {
  const groups = new Map<string, Uint8Array[]>()
  const markers = new Set<string>()
  const first = rows[0]
  if (first && !first.marker && (offset > 0 || first.data.length > budget)) {
    const end = Math.min(first.data.length, offset + budget)
    const done = end === first.data.length
    return {
      groups,
      markers,
      part: { docId: first.docId, bytes: first.data.subarray(offset, end), offset, total: first.data.length },
      cursor: done ? first.seq : first.seq - 1,
      offset: done ? 0 : end,
      complete: done && rows.length === 1,
    }
  }
  let used = 0
  let cursor: number | undefined
  let taken = 0
  for (const row of rows) {
    const data = row.marker ? 0 : row.data.length
    const cost = data + (groups.has(row.docId) ? 0 : row.docId.length + 8)
    if (data > budget || used + cost > budget) break
    used += cost
    if (row.marker) markers.add(row.docId)
    const group = groups.get(row.docId)
    if (group) group.push(row.data)
    else groups.set(row.docId, [row.data])
    cursor = row.seq
    taken++
  }
  return { groups, markers, cursor, offset: 0, complete: taken === rows.length }
}
