import { useId, useState } from 'react'
import type { TFunction } from 'i18next'
import type { OrgErrors } from '../../../shared/docs/settings/organisation'
import { orgErrorMessage } from '../../ui/class-label'

/**
 * A form's refused fields, as the organisation's writers answer them: the message under each
 * field, and the attributes that tie the field to it for a screen reader.
 */
export function useOrgErrors<F extends string>(t: TFunction) {
  const id = useId()
  const [errors, setErrors] = useState<OrgErrors<F>>({})
  const error = (field: F) => {
    const e = errors[field]
    return e ? (
      <p className="field-error" id={`${id}-${field}-error`} role="alert">
        {orgErrorMessage(t, e)}
      </p>
    ) : null
  }
  const invalid = (field: F) => (errors[field] ? { 'aria-invalid': true, 'aria-describedby': `${id}-${field}-error` } : {})
  return { id, errors, setErrors, error, invalid }
}
