import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { routeHref } from '../../ui/use-route'
import { useAuth } from '../../ui/use-session'
import { AuthShell } from './AuthShell'
import { NewAccountForm } from './NewAccountForm'

/** The relay's one-time setup link: the first coordinator and the workspace's id. */
export function SetupPage({ token }: { token: string }) {
  const { t } = useTranslation()
  const { session, api } = useAuth()
  const [done, setDone] = useState(false)
  useEffect(() => {
    let live = true
    api.state().then(
      (state) => live && setDone(!state.needsSetup),
      () => {}, // Unreachable: the form says so when it is sent.
    )
    return () => void (live = false)
  }, [api])

  return (
    <AuthShell>
      <h1>{t('auth.setup.title')}</h1>
      {done ? (
        <>
          <p className="auth-note">{t('auth.failures.setup_done')}</p>
          <a className="button primary" href={routeHref({ name: 'list' })}>
            {t('auth.signIn.goTo')}
          </a>
        </>
      ) : (
        <>
          <p className="auth-intro">{t('auth.setup.intro')}</p>
          <NewAccountForm
            withWorkspace
            submitLabel={t('auth.setup.submit')}
            create={(account) => session.setup({ token, workspace: account.workspace ?? '', username: account.username, displayName: account.displayName, password: account.password })}
          />
        </>
      )}
    </AuthShell>
  )
}
