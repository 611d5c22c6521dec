/**
 * Zips built by hand, so a test can make one lie: an entry's declared size, method or flags,
 * or its place in the file, are whatever the test says, whatever its bytes really hold. And a
 * deflate stream of any number of MiB of zeros made without holding them: one MiB's packed
 * bytes repeated (each refers only to the zeros before it).
 */
import { crc32 } from 'node:zlib'
import { Deflate } from 'fflate'

const MiB = 1024 * 1024

export interface HandEntry {
  name: string
  /** The packed bytes as they go in the file. */
  packed: Uint8Array
  method?: number
  /** What the directory says it unpacks to. */
  declaredSize: number
  flags?: number
  crc?: number
  /** Point the directory at an earlier entry's local header instead of a new one. */
  sameDataAs?: number
}

const concat = (parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}

function record(size: number, fill: (view: DataView) => void): Uint8Array {
  const bytes = new Uint8Array(size)
  fill(new DataView(bytes.buffer))
  return bytes
}

export function buildZip(entries: HandEntry[]): Uint8Array {
  const parts: Uint8Array[] = []
  const central: Uint8Array[] = []
  const offsets: number[] = []
  let at = 0
  entries.forEach((e) => {
    const name = new TextEncoder().encode(e.name)
    const method = e.method ?? 8
    const offset = e.sameDataAs !== undefined ? (offsets[e.sameDataAs] as number) : at
    offsets.push(offset)
    const header = (view: DataView, base: number) => {
      view.setUint16(base + 2, 20, true)
      view.setUint16(base + 4, e.flags ?? 0, true)
      view.setUint16(base + 6, method, true)
      view.setUint32(base + 12, e.crc ?? 0, true)
      view.setUint32(base + 16, e.packed.length, true)
      view.setUint32(base + 20, e.declaredSize, true)
      view.setUint16(base + 24, name.length, true)
    }
    if (e.sameDataAs === undefined) {
      const local = record(30, (v) => (v.setUint32(0, 0x04034b50, true), header(v, 2)))
      parts.push(local, name, e.packed)
      at += local.length + name.length + e.packed.length
    }
    const entry = record(46, (v) => {
      v.setUint32(0, 0x02014b50, true)
      v.setUint16(4, 20, true)
      header(v, 4)
      v.setUint32(42, offset, true)
    })
    central.push(entry, name)
  })
  const directory = concat(central)
  const end = record(22, (v) => {
    v.setUint32(0, 0x06054b50, true)
    v.setUint16(8, entries.length, true)
    v.setUint16(10, entries.length, true)
    v.setUint32(12, directory.length, true)
    v.setUint32(16, at, true)
  })
  return concat([...parts, directory, end])
}

/** An honest entry: deflated, with its real size and checksum. */
export function deflatedEntry(name: string, data: Uint8Array | string): HandEntry {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data
  const packed: Uint8Array[] = []
  new Deflate((chunk) => packed.push(chunk)).push(bytes, true)
  return { name, packed: concat(packed), declaredSize: bytes.length, crc: crc32(bytes) }
}

/** A raw deflate stream that inflates to `mib` MiB of zeros (at least 2), about 1 KiB a MiB. */
export function deflatedZeros(mib: number): Uint8Array {
  let out: Uint8Array[] = []
  const deflate = new Deflate({ level: 6 }, (chunk) => out.push(chunk))
  const zeros = new Uint8Array(MiB)
  const step = () => {
    deflate.push(zeros)
    deflate.flush(true)
    const bytes = concat(out)
    out = []
    return bytes
  }
  const first = step()
  const again = step()
  deflate.push(new Uint8Array(0), true)
  return concat([first, ...Array.from({ length: mib - 1 }, () => again), concat(out)])
}
