import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { routeHref, useRoute } from '../../ui/use-route'
import { useAuthPhase, useSignedOutElsewhere } from '../../ui/use-session'
import { AuthShell } from './AuthShell'
import { InvitePage } from './InvitePage'
import { LogoutControl } from './LogoutControl'
import { SetupPage } from './SetupPage'
import { SignInForm } from './SignInForm'
import { SwitchAccountPage } from './SwitchAccountPage'
import './auth.css'

/**
 * The app for a signed-in member, the account pages for everyone else. The workspace (and
 * with it every child's data) exists only inside the signed-in branch (rule A1, session.ts).
 */
export function AuthGate({ children }: { children: React.ReactNode }) {
  const { t } = useTranslation()
  const phase = useAuthPhase()
  const route = useRoute()
  const link = route.name === 'setup' || route.name === 'invite'

  // A link used to sign in has done its job: it leaves the address bar (and the history).
  const usedLink = phase.name === 'signed-in' && link && !phase.restored
  useEffect(() => {
    if (usedLink) location.replace(routeHref({ name: 'list' }))
  }, [usedLink])

  // Signing out in another tab deleted the data under this one: start again from the sign-in page.
  useSignedOutElsewhere(phase.name === 'signed-in', () => location.reload())

  switch (phase.name) {
    case 'starting':
      return <AuthShell><p role="status">{t('auth.starting')}</p></AuthShell>
    case 'leaving':
      return <AuthShell><p role="status">{t('auth.leaving')}</p></AuthShell>
    case 'switching':
      return <SwitchAccountPage pending={phase.pending} />
    case 'signed-out':
      if (route.name === 'setup') return <SetupPage key={route.token} token={route.token} />
      if (route.name === 'invite') return <InvitePage key={route.token} token={route.token} />
      return <SignInForm known={phase.known} />
    case 'signed-in':
      if (link && phase.restored) {
        return (
          <AuthShell>
            <p className="auth-note">{t('auth.linkWhileSignedIn', { name: phase.account.user.displayName })}</p>
            <div className="auth-actions">
              <a className="button primary" href={routeHref({ name: 'list' })}>
                {t('auth.backToApp')}
              </a>
              <LogoutControl stayHere />
            </div>
          </AuthShell>
        )
      }
      return children
  }
}
