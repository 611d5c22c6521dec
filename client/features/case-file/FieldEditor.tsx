import { useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { FieldError, FieldKind, FieldValue } from '../../../shared/validation/fields'
import { formatValue, labelKey, optionSet } from './format-value'

/**
 * One field of the case file, edited the way its kind needs: a draft committed on blur or
 * Enter (so a colleague's change arriving meanwhile never moves the cursor), a select for
 * choices and yes/no, a textarea for long text. Errors say what to do, in the user's language.
 */
export function FieldEditor(props: {
  field: string
  kind: FieldKind
  value: FieldValue | null | undefined
  error?: FieldError | undefined
  /** A value in the file that does not fit (written by a faulty peer). */
  problem?: string | undefined
  required?: boolean
  onCommit: (raw: string) => void
  children?: ReactNode
}) {
  const { t } = useTranslation()
  const id = `f-${props.field.replace(/\./g, '-')}`
  const stored = props.value === null || props.value === undefined ? '' : String(props.value)
  const [draft, setDraft] = useState<string | null>(null)
  const shown = draft ?? stored
  const commit = () => {
    setDraft(null)
    if (draft !== null && draft !== stored) props.onCommit(draft)
  }
  const describedBy = props.error ? `${id}-error` : undefined
  const common = {
    id,
    name: props.field,
    'aria-invalid': props.error ? true : undefined,
    'aria-describedby': describedBy,
  } as const
  let control: ReactNode
  const kind = props.kind
  if (kind.type === 'choice' || kind.type === 'bool') {
    const options = kind.type === 'choice' ? kind.options : ['true', 'false']
    control = (
      <select {...common} value={stored} onChange={(e) => props.onCommit(e.target.value)}>
        <option value="">{t('field.options.unset')}</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {kind.type === 'bool' ? t(`field.options.bool.${o}`) : t(`field.options.${optionSet(props.field)}.${o}`)}
          </option>
        ))}
      </select>
    )
  } else if (kind.type === 'longText') {
    control = (
      <textarea {...common} rows={3} value={shown} onChange={(e) => setDraft(e.target.value)} onBlur={commit} />
    )
  } else {
    const type = kind.type === 'date' ? 'date' : kind.type === 'phone' ? 'tel' : 'text'
    const inputMode = kind.type === 'number' ? (kind.decimals > 0 ? 'decimal' : 'numeric') : kind.type === 'phone' ? 'tel' : undefined
    control = (
      <input
        {...common}
        type={type}
        inputMode={inputMode}
        autoComplete="off"
        required={props.required}
        value={shown}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault()
            e.currentTarget.blur()
          } else if (e.key === 'Escape') setDraft(null)
        }}
      />
    )
  }
  return (
    <div className={`field field-${kind.type}`}>
      <label htmlFor={id}>{t(labelKey(props.field))}</label>
      {control}
      {props.error && (
        <p className="field-error" id={`${id}-error`} role="alert">
          {t(`field.errors.${props.error.code}`, props.error.params ?? {})}
        </p>
      )}
      {props.problem !== undefined && <p className="field-problem">{t('child.badValue', { raw: props.problem })}</p>}
      {props.children}
    </div>
  )
}

/** The value as text, for history lines and conflict notices. */
export function useFormatValue() {
  const { t, i18n } = useTranslation()
  return (field: string, kind: FieldKind, value: FieldValue | null | undefined) => formatValue(t, field, kind, value, i18n.language)
}
