/**
 * How large a zip (an .xlsx) is once unpacked, from its central directory, without
 * unpacking it: a few megabytes can unpack to gigabytes, and the spreadsheet library would
 * try to hold all of it in the phone's memory.
 */
const END_OF_DIRECTORY = 0x06054b50
const DIRECTORY_ENTRY = 0x02014b50

/** The sum of the entries' unpacked sizes, or undefined when the directory cannot be read. */
export function zipUnpackedSize(bytes: Uint8Array): number | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  // The end record is 22 bytes plus a comment of at most 65,535.
  let end = -1
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === END_OF_DIRECTORY) {
      end = i
      break
    }
  }
  if (end < 0) return undefined
  const entries = view.getUint16(end + 10, true)
  let at = view.getUint32(end + 16, true)
  let total = 0
  for (let n = 0; n < entries; n++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== DIRECTORY_ENTRY) return undefined
    const size = view.getUint32(at + 24, true)
    // 0xffffffff means the size is in a zip64 field: far past any limit here.
    if (size === 0xffffffff) return Number.POSITIVE_INFINITY
    total += size
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true)
  }
  return total
}
