/**
 * The text of a CSV file in whichever encoding it was saved: Excel and WPS on Chinese
 * Windows save "CSV" in GB18030/GBK, "CSV UTF-8" with a byte-order mark, and "Unicode text"
 * in UTF-16. Bytes that are valid UTF-8 are read as UTF-8 (GBK text almost never is).
 */
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030'

export interface DecodedText {
  text: string
  encoding: TextEncodingName
}

const startsWith = (bytes: Uint8Array, prefix: readonly number[]) => prefix.every((b, i) => bytes[i] === b)

function decode(bytes: Uint8Array, encoding: TextEncodingName): string | undefined {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes)
  } catch {
    return undefined
  }
}

/** Control characters no spreadsheet text holds (tab, line breaks and escape aside): a file with them is binary. */
function looksBinary(text: string): boolean {
  const end = Math.min(text.length, 64 * 1024)
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i)
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c && c !== 0x1b) return true
  }
  return false
}

/** The text, or undefined when the bytes are not text in any encoding a roster comes in. */
export function decodeText(bytes: Uint8Array): DecodedText | undefined {
  const candidates: TextEncodingName[] = startsWith(bytes, [0xef, 0xbb, 0xbf])
    ? ['utf-8']
    : startsWith(bytes, [0xff, 0xfe])
      ? ['utf-16le']
      : startsWith(bytes, [0xfe, 0xff])
        ? ['utf-16be']
        : ['utf-8', 'gb18030']
  for (const encoding of candidates) {
    const text = decode(bytes, encoding)
    if (text === undefined) continue
    return looksBinary(text) ? undefined : { text, encoding }
  }
  return undefined
}
