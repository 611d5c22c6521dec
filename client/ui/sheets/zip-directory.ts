/**
 * An .xlsx's entries as the spreadsheet library will see them: exceljs unpacks with JSZip, which
 * reads the central directory (not the local headers one after another) and takes each entry's
 * method and packed size from there. Read here the same way, strictly, so that what is counted
 * before exceljs runs is what exceljs then unpacks: anything JSZip could read differently (bytes
 * before the zip, a directory that does not end at its end record, overlapping entries, zip64
 * fields) is refused.
 */
import { SheetReadError } from './sheet-error'

export interface ZipEntry {
  name: string
  /** 0 stored, 8 deflate; nothing else is let through. */
  method: 0 | 8
  /** Where the packed bytes are, and how many (from the directory, as JSZip takes them). */
  dataStart: number
  packedSize: number
  /** What the directory says it unpacks to: checked, never trusted. */
  declaredSize: number
}

const END_OF_DIRECTORY = 0x06054b50
const ZIP64_LOCATOR = 0x07064b50
const DIRECTORY_ENTRY = 0x02014b50
const LOCAL_HEADER = 0x04034b50
const MAX_16 = 0xffff
const MAX_32 = 0xffffffff

const damaged = () => new SheetReadError('unreadable')
const unsupported = (why: string) => new SheetReadError('unsupportedZip', {}, { cause: new Error(why) })

export function readZipDirectory(bytes: Uint8Array, maxEntries: number): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const u16 = (at: number) => view.getUint16(at, true)
  const u32 = (at: number) => view.getUint32(at, true)
  // The last end record from the end, as JSZip looks for it; it must end the file exactly.
  let end = -1
  for (let i = bytes.length - 4; i >= Math.max(0, bytes.length - 22 - MAX_16); i--) {
    if (u32(i) === END_OF_DIRECTORY) {
      end = i
      break
    }
  }
  if (end < 0 || end + 22 > bytes.length || end + 22 + u16(end + 20) !== bytes.length) throw damaged()
  const count = u16(end + 10)
  const directorySize = u32(end + 12)
  const directoryStart = u32(end + 16)
  if ([u16(end + 4), u16(end + 6), u16(end + 8), count].includes(MAX_16) || directorySize === MAX_32 || directoryStart === MAX_32) {
    throw unsupported('zip64 end record')
  }
  if (end >= 20 && u32(end - 20) === ZIP64_LOCATOR) throw unsupported('zip64 locator')
  if (count > maxEntries) throw new SheetReadError('tooComplex')
  if (directoryStart + directorySize !== end) throw damaged()

  const entries: ZipEntry[] = []
  const spans: [number, number][] = []
  let at = directoryStart
  for (let n = 0; n < count; n++) {
    if (at + 46 > end || u32(at) !== DIRECTORY_ENTRY) throw damaged()
    const flags = u16(at + 8)
    const method = u16(at + 10)
    const packedSize = u32(at + 20)
    const declaredSize = u32(at + 24)
    const nameLength = u16(at + 28)
    const localStart = u32(at + 42)
    if (flags & 1) throw unsupported('encrypted entry')
    if (method !== 0 && method !== 8) throw unsupported(`method ${method}`)
    if (packedSize === MAX_32 || declaredSize === MAX_32 || localStart === MAX_32) throw unsupported('zip64 entry')
    const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength))
    at += 46 + nameLength + u16(at + 30) + u16(at + 32)
    if (at > end) throw damaged()

    if (localStart + 30 > directoryStart || u32(localStart) !== LOCAL_HEADER || u16(localStart + 8) !== method) throw damaged()
    const dataStart = localStart + 30 + u16(localStart + 26) + u16(localStart + 28)
    if (dataStart + packedSize > directoryStart) throw damaged()
    spans.push([localStart, dataStart + packedSize])
    entries.push({ name, method, dataStart, packedSize, declaredSize })
  }
  if (at !== end) throw damaged()
  // Entries that share bytes are how a few kilobytes unpack many times over.
  spans.sort((a, b) => a[0] - b[0])
  for (let i = 1; i < spans.length; i++) if ((spans[i] as [number, number])[0] < (spans[i - 1] as [number, number])[1]) throw damaged()
  return entries
}
