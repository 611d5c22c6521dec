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
const LANDLINE = /^(0\d{2,3})(\d{7,8})$/

export function parsePhone(raw: string): Phone | undefined {
  let s = raw.trim().replace(/[\s\u3000()（）\-–—.]/g, '')
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
