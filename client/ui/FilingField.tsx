import { useTranslation } from 'react-i18next'
import { ClassPicker } from './ClassPicker'
import { FormField } from './fields/FormField'
import { useOwnClasses } from './use-filing-classes'

type FormFieldProps = Parameters<typeof FormField>[0]

/**
 * A form field, except a new child's class: a choice of the organisation's classes (never free
 * text), and for someone who may file only into some (a teacher, SPEC X3) exactly those, so
 * nothing is offered that the relay would refuse. Without classes yet (none assigned, or the device has not heard) it
 * says so instead.
 */
export function FilingField(props: FormFieldProps & { filing?: boolean }) {
  const { t } = useTranslation()
  const own = useOwnClasses()
  const { filing, ...field } = props
  if (!filing) return <FormField {...field} />
  const { id } = field
  const note = own === 'any' ? undefined : own === undefined ? t('child.classesUnknown') : own.length === 0 ? t('child.noClasses') : undefined
  const described = note || field.error ? `${id}-error` : undefined
  return (
    <div className="field field-choice">
      <label htmlFor={id}>{field.label}</label>
      <ClassPicker
        id={id}
        name={id}
        value={field.value}
        required
        autoFocus={field.autoFocus}
        {...(own === 'any' ? {} : { allowed: own ?? [] })}
        disabled={own !== 'any' && (!own || own.length === 0)}
        aria-invalid={field.error ? true : undefined}
        aria-describedby={described}
        onChange={field.onChange}
      />
      {described && (
        <p className="field-error" id={described} role="alert">
          {note ?? t(`field.errors.${field.error?.code ?? 'invalidChoice'}`, field.error?.params ?? {})}
        </p>
      )}
    </div>
  )
}
