/**
 * Chinese phone numbers as helpers write them: mobile (11 digits from 13–19, with an
 * optional +86 / 0086 / 86 prefix) and landline (area code 0xx or 0xxx, 7–8 digits, an
 * optional extension). Spaces, dashes and brackets are allowed and normalised away.
 */
export type PhoneKind = 'mobile' | 'landline'

export interface Phone {
  kind: PhoneKind
  /** Digits only (landline: area code, a dash, the number, and `-ext` if any). */
  normalised: string
}

const MOBILE = /^1[3-9]\d{9}$/
// 010 and 02x are the only three-digit area codes; every other one has four. A greedy
// `0\d{2,3}` read Beijing's 010-12345678 as 0101-2345678.
const LANDLINE = /^(0[12]\d|0[3-9]\d{2})(\d{7,8})$/

export function parsePhone(raw: string): Phone | undefined {
  // The normalised form with an extension (0571-87654321-12) must read back as itself: there
  // the last dash marks the extension, and stripping it would run the digits together.
  const trimmed = raw.trim().replace(/^(0\d{2,3}-\d{7,8})-(\d{1,6})$/, '$1#$2')
  let s = trimmed.replace(/[\s\u3000()（）\-–—.]/g, '')
  if (s === '' || s.length > 30) return undefined
  let ext: string | undefined
  const extMatch = /^(.*?)(?:轉|转|ext|x|#)(\d{1,6})$/i.exec(s)
  if (extMatch) {
    s = extMatch[1] as string
    ext = extMatch[2]
  }
  if (!ext) {
    const mobile = s.replace(/^(\+86|0086|86)(?=1\d{10}$)/, '')
    if (MOBILE.test(mobile)) return { kind: 'mobile', normalised: mobile }
  }
  const landline = s.replace(/^(\+86|0086)/, '0').replace(/^00/, '0')
  const m = LANDLINE.exec(landline)
  if (m) return { kind: 'landline', normalised: `${m[1]}-${m[2]}${ext ? `-${ext}` : ''}` }
  return undefined
}
