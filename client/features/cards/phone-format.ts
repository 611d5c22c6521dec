/**
 * Phone numbers grouped the way people read them aloud and copy them by hand: a mobile as
 * 3-4-4 (138 0013 8000), a landline as area code, dash, then the number in two groups
 * (010-1234 5678, 0571-876 5432). The extension is returned apart so the view can word it
 * in the reader's language.
 */
import { parsePhone } from '../../../shared/validation/phone'

export interface GroupedPhone {
  number: string
  ext?: string
}

/** Groups a stored phone number; one that does not parse is shown as it was written. */
export function groupPhone(raw: string): GroupedPhone {
  const parsed = parsePhone(raw)
  if (!parsed) return { number: raw.trim() }
  if (parsed.kind === 'mobile') {
    const d = parsed.normalised
    return { number: `${d.slice(0, 3)} ${d.slice(3, 7)} ${d.slice(7)}` }
  }
  // Landline, normalised as `<area>-<7 or 8 digits>[-<ext>]`. The area code is taken afresh
  // from the digits (010 and 02x are the only three-digit codes, every other one has four),
  // so a number stored by an older parser that split 010-12345678 as 0101-2345678 prints right.
  const [area = '', local = '', ext] = parsed.normalised.split('-')
  const digits = area + local
  const areaLength = /^0[12]/.test(digits) ? 3 : 4
  const split = digits.length - 4
  const number = `${digits.slice(0, areaLength)}-${digits.slice(areaLength, split)} ${digits.slice(split)}`
  return ext ? { number, ext } : { number }
}
