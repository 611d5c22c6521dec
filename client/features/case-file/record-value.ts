/**
 * A record's field as a person reads it, in their language: the timeline and the whole file
 * on paper say it the same way.
 */
import type { TFunction } from 'i18next'
import { RECORD_FIELDS, type RecordType } from '../../../shared/docs/child/records'
import type { FieldKind, FieldValue } from '../../../shared/validation/fields'

/** Fields that link a record to where it came from (a plan item): kept as they are, never shown or typed. */
export const LINK_FIELDS: ReadonlySet<string> = new Set(['planItem'])

/** The i18n key path of a record field's option labels. */
export const recordOptionsKey = (type: RecordType, field: string) => `records.options.${type}.${field}`

export function recordValueText(t: TFunction, language: string, type: RecordType, field: string, value: FieldValue): string {
  const kind = (RECORD_FIELDS[type] as Record<string, FieldKind | undefined>)[field]
  if (kind?.type === 'choice') return t(`${recordOptionsKey(type, field)}.${String(value)}`, { defaultValue: String(value) })
  if (field === 'amountYuan') return new Intl.NumberFormat(language, { style: 'currency', currency: 'CNY' }).format(Number(value))
  // Vision on the five-point scale always has its decimal (5.0, not 5).
  if (field.startsWith('vision')) return new Intl.NumberFormat(language, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(Number(value))
  if (kind?.type === 'number') return new Intl.NumberFormat(language, { maximumFractionDigits: 2 }).format(Number(value))
  return String(value)
}
