import { useTranslation } from 'react-i18next'
import type { FieldError, FieldKind } from '../../../shared/validation/fields'

/**
 * A field of a form that is saved as a whole (a new record, a pairing): the value lives in
 * the form's state, Enter in a one-line field submits the form, as people expect.
 */
export function FormField(props: {
  id: string
  label: string
  kind: FieldKind
  value: string
  /** i18n key prefix of a choice's option labels, e.g. 'records.options.method'. */
  optionsKey?: string
  error?: FieldError | undefined
  required?: boolean
  autoFocus?: boolean
  onChange: (value: string) => void
}) {
  const { t } = useTranslation()
  const { kind } = props
  const common = {
    id: props.id,
    name: props.id,
    value: props.value,
    autoFocus: props.autoFocus,
    'aria-invalid': props.error ? true : undefined,
    'aria-describedby': props.error ? `${props.id}-error` : undefined,
  } as const
  let control
  if (kind.type === 'choice' || kind.type === 'bool') {
    const options = kind.type === 'choice' ? kind.options : ['true', 'false']
    control = (
      <select {...common} onChange={(e) => props.onChange(e.target.value)}>
        <option value="">{t('field.options.unset')}</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {kind.type === 'bool' ? t(`field.options.bool.${o}`) : t(`${props.optionsKey ?? 'field.options'}.${o}`)}
          </option>
        ))}
      </select>
    )
  } else if (kind.type === 'longText') {
    control = <textarea {...common} rows={2} onChange={(e) => props.onChange(e.target.value)} />
  } else {
    const type = kind.type === 'date' ? 'date' : kind.type === 'phone' ? 'tel' : 'text'
    const inputMode = kind.type === 'number' ? (kind.decimals > 0 ? 'decimal' : 'numeric') : kind.type === 'phone' ? 'tel' : undefined
    control = (
      <input {...common} type={type} inputMode={inputMode} autoComplete="off" required={props.required} onChange={(e) => props.onChange(e.target.value)} />
    )
  }
  return (
    <div className={`field field-${kind.type}`}>
      <label htmlFor={props.id}>{props.label}</label>
      {control}
      {props.error && (
        <p className="field-error" id={`${props.id}-error`} role="alert">
          {t(`field.errors.${props.error.code}`, props.error.params ?? {})}
        </p>
      )}
    </div>
  )
}
