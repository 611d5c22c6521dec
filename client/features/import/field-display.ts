/**
 * How the import view names fields and shows their values in the user's language, from the
 * field translations (`field.labels.*`, `field.options.*`).
 */
import type { TFunction } from 'i18next'
import { CHILD_FIELDS, type ChildFieldKey } from '../../../shared/docs/child/child-fields'
import type { RosterIssue } from '../../../shared/roster/validate'
import type { FieldValue } from '../../../shared/validation/fields'
import { formatDate } from '../../ui/format'

/** Which `field.options.<set>` translates a choice field's values. */
export const OPTION_SET: Partial<Record<ChildFieldKey, string>> = {
  gender: 'gender',
  schoolingStatus: 'schoolingStatus',
  parentsAway: 'parentsAway',
  careArrangement: 'careArrangement',
  'father.contactFrequency': 'contactFrequency',
  'mother.contactFrequency': 'contactFrequency',
  'guardian.relation': 'relation',
  'guardian.rapport': 'rapport',
  'flags.priority': 'priority',
  'flags.risk': 'risk',
  'consent.method': 'method',
}

export const fieldLabel = (t: TFunction, field: ChildFieldKey) => t(`field.labels.${field}`)

export function formatFieldValue(t: TFunction, language: string, field: ChildFieldKey, value: FieldValue | undefined): string {
  if (value === undefined) return ''
  if (typeof value === 'boolean') return t(`field.options.bool.${value}`)
  const kind = CHILD_FIELDS[field].kind
  if (kind.type === 'choice') return t(`field.options.${OPTION_SET[field] ?? ''}.${value}`)
  if (kind.type === 'date' && typeof value === 'string') return formatDate(value, language)
  return String(value)
}

/** "F 列“父親電話”", as the user finds it in their spreadsheet. */
export function describeColumn(t: TFunction, column: { letter: string; header: string }): string {
  return column.header === ''
    ? t('import.map.column', { letter: column.letter })
    : t('import.map.columnNamed', { letter: column.letter, header: column.header })
}

/** What is wrong, in the user's language: the import's own wording where it has one, else the form's. */
export function describeIssue(t: TFunction, language: string, issue: RosterIssue): string {
  const kind = CHILD_FIELDS[issue.field].kind
  const words =
    kind.type === 'choice'
      ? kind.options.map((o) => t(`field.options.${OPTION_SET[issue.field] ?? ''}.${o}`))
      : kind.type === 'bool'
        ? [true, false].map((b) => t(`field.options.bool.${b}`))
        : []
  const options = new Intl.ListFormat(language, { type: 'disjunction' }).format(words)
  return t([`import.issues.${issue.code}`, `field.errors.${issue.code}`], { ...issue.params, options })
}
