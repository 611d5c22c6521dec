import type { InputHTMLAttributes, Ref } from 'react'
import { useTranslation } from 'react-i18next'
import type { FieldProblem } from './form-check'

/** One labelled input of an account form, with its hint and its problem read out by screen readers. */
export function AuthField({
  id,
  label,
  hint,
  problem,
  value,
  onChange,
  ref,
  ...input
}: {
  id: string
  ref?: Ref<HTMLInputElement>
  label: string
  hint?: string
  problem?: FieldProblem | undefined
  value: string
  onChange: (value: string) => void
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'onChange'>) {
  const { t } = useTranslation()
  const described = [hint ? `${id}-hint` : '', problem ? `${id}-problem` : ''].filter(Boolean).join(' ')
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        {...input}
        ref={ref}
        id={id}
        name={id}
        value={value}
        aria-invalid={problem ? true : undefined}
        aria-describedby={described || undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      {hint && (
        <p className="auth-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {problem && (
        <p className="field-error" id={`${id}-problem`}>
          {t(`auth.problems.${problem}`)}
        </p>
      )}
    </div>
  )
}
