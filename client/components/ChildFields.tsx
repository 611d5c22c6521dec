import { useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { GENDERS, type ChildErrorCode } from '../../shared/schema/child'

/**
 * A text field that edits its own draft and commits on blur or Enter, so a colleague's
 * change arriving while the user types never moves the cursor or eats a character.
 */
export function TextField(props: {
  id: string
  label: string
  value: string
  error?: ChildErrorCode | undefined
  problem?: ReactNode
  type?: 'text' | 'date'
  required?: boolean
  autoFocus?: boolean
  /** 'change' for a form that is submitted as a whole; 'blur' for a field saved by itself. */
  commitOn?: 'change' | 'blur'
  onCommit: (value: string) => void
}) {
  const live = props.commitOn === 'change'
  const { t } = useTranslation()
  // While the user edits, the draft is theirs; otherwise the field shows the document's value.
  const [draft, setDraft] = useState<string | null>(null)
  const shown = draft ?? props.value
  const commit = () => {
    setDraft(null)
    if (draft !== null && draft !== props.value) props.onCommit(draft)
  }
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <input
        id={props.id}
        name={props.id}
        type={props.type ?? 'text'}
        value={shown}
        required={props.required}
        autoFocus={props.autoFocus}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error ? `${props.id}-error` : undefined}
        onChange={(e) => {
          if (live) props.onCommit(e.target.value)
          else setDraft(e.target.value)
        }}
        onBlur={live ? undefined : commit}
        onKeyDown={live ? undefined : (e) => e.key === 'Enter' && e.currentTarget.blur()}
      />
      {props.error && (
        <p className="field-error" id={`${props.id}-error`} role="alert">
          {t(`errors.${props.error}`)}
        </p>
      )}
      {props.problem}
    </div>
  )
}

export function GenderField(props: {
  id: string
  value: string
  problem?: ReactNode
  onCommit: (value: string) => void
}) {
  const { t } = useTranslation()
  return (
    <div className="field">
      <label htmlFor={props.id}>{t('child.gender')}</label>
      <select id={props.id} name={props.id} value={props.value} onChange={(e) => props.onCommit(e.target.value)}>
        <option value="">{t('gender.')}</option>
        {GENDERS.map((g) => (
          <option key={g} value={g}>
            {t(`gender.${g}`)}
          </option>
        ))}
      </select>
      {props.problem}
    </div>
  )
}
