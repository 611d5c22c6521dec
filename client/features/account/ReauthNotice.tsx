import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { useAuth, useSignedIn } from '../../ui/use-session'
import { failureMessage } from '../../ui/auth-messages'

/**
 * The relay no longer knows this browser (the session expired or a coordinator ended it):
 * the password again, right here, so the page and the unsent changes stay as they are.
 */
export function ReauthNotice() {
  const { t } = useTranslation()
  const { session } = useAuth()
  const { session: state, account } = useSignedIn()
  const [password, setPassword] = useState('')
  const [failure, setFailure] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  if (state !== 'expired') return null

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    if (password === '') return
    setBusy(true)
    setFailure(null)
    try {
      await session.reauthenticate(password)
      setPassword('')
    } catch (error) {
      setFailure(failureMessage(t, error))
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="notice reauth" onSubmit={(e) => void submit(e)} data-testid="reauth">
      <p className="reauth-message">{t('auth.reauth.message', { name: account.user.displayName })}</p>
      {/* The username lets password managers fill the right password; it is not editable. */}
      <input type="text" name="username" autoComplete="username" value={account.user.username} readOnly hidden />
      <div className="reauth-row">
        <label className="visually-hidden" htmlFor="reauth-password">
          {t('auth.fields.password')}
        </label>
        <input
          id="reauth-password"
          type="password"
          autoComplete="current-password"
          placeholder={t('auth.fields.password')}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          aria-describedby={failure ? 'reauth-failure' : undefined}
        />
        <button type="submit" className="primary" disabled={busy || password === ''}>
          {t('auth.reauth.submit')}
        </button>
      </div>
      {failure && (
        <p className="auth-failure" id="reauth-failure" role="alert">
          {failure}
        </p>
      )}
    </form>
  )
}
