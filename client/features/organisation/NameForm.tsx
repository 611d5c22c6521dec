import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { OrgError } from '../../../shared/docs/settings/organisation'
import { orgErrorMessage } from '../../ui/class-label'

/** One name to type and save (a new school, a school's new name); a refused one stays typed. */
export function NameForm({ label, submit, initial = '', testId, onSave, onCancel }: {
  label: string
  submit: string
  initial?: string
  testId: string
  /** Saves the name; an error if it was refused (nothing changed then). */
  onSave: (name: string) => OrgError | undefined
  onCancel?: () => void
}) {
  const { t } = useTranslation()
  const id = useId()
  const [name, setName] = useState(initial)
  const [error, setError] = useState<OrgError | undefined>(undefined)
  return (
    <form
      className="org-form"
      data-testid={testId}
      onSubmit={(e) => {
        e.preventDefault()
        const refused = onSave(name)
        setError(refused)
        if (!refused && !onCancel) setName('')
      }}
    >
      <div className="field">
        <label htmlFor={id}>{label}</label>
        <input id={id} value={name} maxLength={40} onChange={(e) => setName(e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} />
        {error && (
          <p className="field-error" id={`${id}-error`} role="alert">
            {orgErrorMessage(t, error, 'school')}
          </p>
        )}
      </div>
      <div className="org-actions">
        <button type="submit" className="primary">
          {submit}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            {t('org.schools.cancel')}
          </button>
        )}
      </div>
    </form>
  )
}
