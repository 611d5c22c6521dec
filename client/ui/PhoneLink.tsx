import type { ReactNode } from 'react'
import { parsePhone } from '../../shared/validation/phone'

/**
 * What a `tel:` link dials for a stored number: its digits (a landline's area code and
 * number together), an extension after a pause (`,`), which phones dial once connected.
 * Undefined for a number that does not parse: a link must never dial something else.
 */
export function telHref(raw: string): string | undefined {
  const parsed = parsePhone(raw)
  if (!parsed) return undefined
  if (parsed.kind === 'mobile') return `tel:${parsed.normalised}`
  const [area = '', local = '', ext] = parsed.normalised.split('-')
  return `tel:${area}${local}${ext ? `,${ext}` : ''}`
}

/** A phone number to tap to call (SPEC H7); one that does not parse is shown as written, not linked. */
export function PhoneLink({ phone, label, children }: { phone: string; label: string; children?: ReactNode }) {
  const href = telHref(phone)
  if (!href) return <span>{children ?? phone}</span>
  return (
    <a className="tel-link" href={href} aria-label={label}>
      {children ?? phone}
    </a>
  )
}
