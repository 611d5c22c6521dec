import { useTranslation } from 'react-i18next'
import { FormField } from './fields/FormField'
import { useOwnClasses } from './use-filing-classes'

type FormFieldProps = Parameters<typeof FormField>[0]

/**
 * A form field, except a new child's class when it is filed by someone who may file only into
 * some classes (a teacher, SPEC X3): then a choice of exactly those, so nothing is offered that
 * the relay would refuse. Without classes yet (none assigned, or the device has not heard) it
 * says so instead.
 */
export function FilingField(props: FormFieldProps & { filing?: boolean }) {
  const { t } = useTranslation()
  const own = useOwnClasses()
  const { filing, ...field } = props
  if (!filing || own === 'any') return <FormField {...field} />
  const { id } = field
  const note = own === undefined ? t('child.classesUnknown') : own.length === 0 ? t('child.noClasses') : undefined
  const described = note || field.error ? `${id}-error` : undefined
  return (
    <div className="field field-choice">
      <label htmlFor={id}>{field.label}</label>
      <select
        id={id}
        name={id}
        value={field.value}
        required
        autoFocus={field.autoFocus}
        disabled={!own || own.length === 0}
        aria-invalid={field.error ? true : undefined}
        aria-describedby={described}
        onChange={(e) => field.onChange(e.target.value)}
      >
        <option value="">{t('child.chooseClass')}</option>
        {own?.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </select>
      {described && (
        <p className="field-error" id={described} role="alert">
          {note ?? t(`field.errors.${field.error?.code ?? 'invalidChoice'}`, field.error?.params ?? {})}
        </p>
      )}
    </div>
  )
}
