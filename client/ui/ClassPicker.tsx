/**
 * Choosing a class: the organisation's active classes (never free text), grouped by school and
 * in grade order; its value is the class id. `allowed` narrows it to some classes (a teacher's
 * own). A value that is no longer offered (an archived class) is still shown, by name, so a
 * form never silently changes a file's class.
 */
import type { SelectHTMLAttributes } from 'react'
import { useTranslation } from 'react-i18next'
import { activeClasses, classById, type Organisation } from '../../shared/docs/settings/organisation'
import { classLabel, classLabelIn } from './class-label'
import { useOrganisation } from './use-organisation'

export interface ClassPickerProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange'> {
  /** The chosen class id, '' for none. */
  value: string
  onChange: (classId: string) => void
  /** Only these class ids are offered. */
  allowed?: readonly string[]
  /** The organisation to pick from; by default the workspace's. */
  organisation?: Organisation
}

export function ClassPicker({ organisation, ...props }: ClassPickerProps) {
  const org = useOrganisation()
  return <ClassSelect {...props} organisation={organisation ?? org} />
}

function ClassSelect({ value, onChange, allowed, organisation: org, ...rest }: ClassPickerProps & { organisation: Organisation }) {
  const { t } = useTranslation()
  const offered = activeClasses(org).filter((c) => !allowed || allowed.includes(c.id))
  const groups = org.schools.map((s) => ({ school: s, classes: offered.filter((c) => c.schoolId === s.id) })).filter((g) => g.classes.length > 0)
  const stale = value !== '' && !offered.some((c) => c.id === value)
  const staleLabel = stale ? (classLabelIn(t, org, value) ?? value) : ''
  return (
    <select {...rest} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{offered.length === 0 ? t('org.picker.none') : t('org.picker.choose')}</option>
      {stale && (
        <option value={value} disabled>
          {classById(org, value)?.archived ? `${staleLabel} (${t('org.archived')})` : staleLabel}
        </option>
      )}
      {groups.map((g) => (
        <optgroup key={g.school.id} label={g.school.name}>
          {g.classes.map((c) => (
            <option key={c.id} value={c.id}>
              {classLabel(t, c)}
            </option>
          ))}
        </optgroup>
      ))}
    </select>
  )
}
