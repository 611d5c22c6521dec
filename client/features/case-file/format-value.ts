import type { TFunction } from 'i18next'
import type { FieldKind, FieldValue } from '../../../shared/validation/fields'
import { formatDate } from '../../ui/format'

/** The i18n key path of a field's label, e.g. 'father.phone' -> 'field.labels.father.phone'. */
export const labelKey = (field: string) => `field.labels.${field}`

/** The option set a choice field's labels live under: the key's last segment. */
export const optionSet = (field: string) => field.split('.').at(-1) as string

/** A stored value as a person reads it, in their language. */
export function formatValue(t: TFunction, field: string, kind: FieldKind, value: FieldValue | null | undefined, language: string): string {
  if (value === null || value === undefined || value === '') return t('field.history.empty')
  switch (kind.type) {
    case 'choice':
      return t(`field.options.${optionSet(field)}.${String(value)}`, { defaultValue: String(value) })
    case 'bool':
      return t(`field.options.bool.${String(value)}`)
    case 'date':
      return formatDate(String(value), language)
    case 'number':
      return new Intl.NumberFormat(language).format(Number(value))
    default:
      return String(value)
  }
}
