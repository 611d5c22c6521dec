import { useTranslation } from 'react-i18next'
import { AccountPhone } from '../../../shared/validation/account-phone'

/** The phone as the relay will keep it (normalised), null for none, or undefined if it is not a phone (SPEC M1). */
export function readPhone(raw: string): string | null | undefined {
  const parsed = AccountPhone.safeParse(raw)
  return parsed.success ? parsed.data : undefined
}

/** One's own phone, optional: printed on the contact cards of the children one helps. */
export function PhoneField({ value, onChange, invalid }: { value: string; onChange: (value: string) => void; invalid: boolean }) {
  const { t } = useTranslation()
  return (
    <div className="field">
      <label htmlFor="account-phone">{t('members.phone.label')}</label>
      <input
        id="account-phone"
        type="tel"
        inputMode="tel"
        autoComplete="tel"
        maxLength={40}
        value={value}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? 'account-phone-hint account-phone-problem' : 'account-phone-hint'}
        onChange={(e) => onChange(e.target.value)}
      />
      <p className="auth-hint" id="account-phone-hint">
        {t('members.phone.hint')}
      </p>
      {invalid && (
        <p className="field-error" id="account-phone-problem">
          {t('members.phone.invalid')}
        </p>
      )}
    </div>
  )
}
