import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Role } from '../../../shared/access'
import { routeHref } from '../../ui/use-route'
import { useAuth } from '../../ui/use-session'
import { failureCodeOf, failureMessage } from '../../ui/auth-messages'
import { AuthShell } from './AuthShell'
import { NewAccountForm } from './NewAccountForm'

type Invitation = { state: 'loading' } | { state: 'ready'; workspace: string; role: Role } | { state: 'failed'; error: unknown }

/** A coordinator's invitation: shows the role and workspace it gives, then creates the account. */
export function InvitePage({ token }: { token: string }) {
  const { t } = useTranslation()
  const { session, api } = useAuth()
  const [invitation, setInvitation] = useState<Invitation>({ state: 'loading' })
  const [attempt, setAttempt] = useState(0)
  const retry = useCallback(() => {
    setInvitation({ state: 'loading' })
    setAttempt((n) => n + 1)
  }, [])

  useEffect(() => {
    let live = true
    api.peekInvite(token).then(
      (info) => live && setInvitation({ state: 'ready', ...info }),
      (error: unknown) => live && setInvitation({ state: 'failed', error }),
    )
    return () => void (live = false)
  }, [api, token, attempt])

  return (
    <AuthShell>
      <h1>{t('auth.invite.title')}</h1>
      {invitation.state === 'loading' && <p role="status">{t('auth.invite.checking')}</p>}
      {invitation.state === 'failed' && (
        <>
          <p className="auth-failure" role="alert">
            {failureMessage(t, invitation.error)}
          </p>
          {failureCodeOf(invitation.error) !== 'invite_invalid' ? (
            <button type="button" onClick={retry}>
              {t('auth.retry')}
            </button>
          ) : (
            <a className="button" href={routeHref({ name: 'list' })}>
              {t('auth.signIn.goTo')}
            </a>
          )}
        </>
      )}
      {invitation.state === 'ready' && (
        <>
          <p className="auth-intro">{t('auth.invite.intro', { role: t(`auth.roles.${invitation.role}`), workspace: invitation.workspace })}</p>
          <p className="auth-hint">{t(`auth.roleHints.${invitation.role}`)}</p>
          <NewAccountForm
            withWorkspace={false}
            withPhone
            submitLabel={t('auth.invite.submit')}
            create={({ username, displayName, password, phone }) => session.acceptInvite({ token, username, displayName, password, ...(phone ? { phone } : {}) })}
          />
        </>
      )}
    </AuthShell>
  )
}
