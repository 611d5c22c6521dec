import { useEffect, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { Account } from '../../runtime/session/account-store'
import { useAuth } from '../../ui/use-session'
import { failureMessage } from '../../ui/auth-messages'
import { AuthField } from './AuthField'
import { AuthShell } from './AuthShell'
import type { FieldProblem } from './form-check'
import { useOnline } from '../../ui/use-online'

/**
 * Sign-in: the relay checks the password when it answers; with no network, the person who
 * signed in on this device last opens their local data with the same password.
 */
export function SignInForm({ known }: { known: Account | undefined }) {
  const { t } = useTranslation()
  const { session, api } = useAuth()
  const online = useOnline()
  const [username, setUsername] = useState(known?.user.username ?? '')
  const [password, setPassword] = useState('')
  const [problems, setProblems] = useState<{ username?: FieldProblem; password?: FieldProblem }>({})
  const [failure, setFailure] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [needsSetup, setNeedsSetup] = useState(false)
  const passwordRef = useRef<HTMLInputElement>(null)

  useEffect(() => {
    if (!online) return
    let live = true
    api.state().then(
      (state) => live && setNeedsSetup(state.needsSetup),
      () => {}, // Unreachable or older relay: the hint is only a hint.
    )
    return () => void (live = false)
  }, [api, online])

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    const found = { ...(username.trim() === '' ? { username: 'required' as const } : {}), ...(password === '' ? { password: 'required' as const } : {}) }
    setProblems(found)
    setFailure(null)
    if (found.username) return document.getElementById('signin-username')?.focus()
    if (found.password) return passwordRef.current?.focus()
    setBusy(true)
    try {
      await session.signIn(username, password)
    } catch (error) {
      setFailure(failureMessage(t, error))
      setPassword('')
      passwordRef.current?.focus()
    } finally {
      setBusy(false)
    }
  }

  return (
    <AuthShell>
      <h1>{t('auth.signIn.title')}</h1>
      {known && <p className="auth-welcome">{t('auth.signIn.welcomeBack', { name: known.user.displayName })}</p>}
      {!online && (
        <p className="auth-note auth-offline" role="status">
          {known ? t('auth.signIn.offlineHint') : t('auth.signIn.offlineFirstTime')}
        </p>
      )}
      {needsSetup && <p className="auth-note">{t('auth.signIn.needsSetup')}</p>}
      <form className="auth-form" onSubmit={(e) => void submit(e)} noValidate>
        <AuthField
          id="signin-username"
          label={t('auth.fields.username')}
          value={username}
          onChange={setUsername}
          problem={problems.username}
          autoComplete="username"
          autoCapitalize="none"
          autoCorrect="off"
          spellCheck={false}
          autoFocus={!known}
        />
        <AuthField
          id="signin-password"
          ref={passwordRef}
          label={t('auth.fields.password')}
          type="password"
          value={password}
          onChange={setPassword}
          problem={problems.password}
          autoComplete="current-password"
          autoFocus={Boolean(known)}
        />
        {failure && (
          <p className="auth-failure" role="alert">
            {failure}
          </p>
        )}
        <button type="submit" className="primary auth-submit" disabled={busy}>
          {busy ? t('auth.signIn.busy') : t('auth.signIn.submit')}
        </button>
      </form>
      <p className="auth-hint">{t('auth.signIn.noAccount')}</p>
    </AuthShell>
  )
}
