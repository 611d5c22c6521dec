import { useTranslation } from 'react-i18next'
import { useSignedIn } from '../ui/use-session'
import { LogoutControl } from '../features/account/LogoutControl'
import { ReauthNotice } from '../features/account/ReauthNotice'
import { routeHref } from '../ui/use-route'
import { useUser } from '../ui/use-author'
import { LanguageSelect } from '../ui/LanguageSelect'
import { SyncStatus } from './SyncStatus'

export function Header() {
  const { t } = useTranslation()
  const { account, session } = useSignedIn()
  const user = useUser()
  return (
    <>
      <header className="app-header">
        <a className="brand" href={routeHref({ name: 'list' })}>
          {t('app.name')}
        </a>
        <SyncStatus />
        <div className="header-tools">
          <a className="user-name" href={routeHref({ name: 'account' })} data-testid="account-name" title={`${account.user.displayName} · ${t(`auth.roles.${account.role}`)}`}>
            <span className="user-dot" style={{ background: user.color }} aria-hidden="true" />
            <span className="user-label">{account.user.displayName}</span>
            <span className="user-role">{t(`auth.roles.${account.role}`)}</span>
          </a>
          {session === 'offline' && (
            <span className="offline-badge" data-testid="offline-signin" title={t('auth.header.offlineHint')}>
              {t('auth.header.offline')}
            </span>
          )}
          {account.role === 'coordinator' && (
            <a className="header-link" href={routeHref({ name: 'members' })}>
              {t('auth.header.members')}
            </a>
          )}
          {/* A coordinator's tasks page is each helper's overdue count; the others' tasks are on their first page. */}
          {account.role === 'coordinator' && (
            <a className="header-link" href={routeHref({ name: 'tasks' })} data-testid="tasks-link">
              {t('care.link')}
            </a>
          )}
          {account.role === 'coordinator' && (
            <a className="header-link" href={routeHref({ name: 'pairings' })} data-testid="pairings-link">
              {t('helping.link')}
            </a>
          )}
          {account.role === 'coordinator' && (
            <a className="header-link" href={routeHref({ name: 'forms' })} data-testid="forms-link">
              {t('forms.link')}
            </a>
          )}
          {/* Coordinators publish a term's figures to the supervisors (SPEC J4). */}
          {account.role === 'coordinator' && (
            <a className="header-link" href={routeHref({ name: 'publish' })} data-testid="publish-link">
              {t('publish.link')}
            </a>
          )}
          {/* Coordinators and teachers write the term plan, helpers read it; supervisors read reports only. */}
          {account.role !== 'supervisor' && (
            <a className="header-link" href={routeHref({ name: 'plan' })} data-testid="plan-link">
              {t('plan.link')}
            </a>
          )}
          {/* Figures count children: coordinators and teachers (a teacher's own classes); supervisors read published reports. */}
          {(account.role === 'coordinator' || account.role === 'teacher') && (
            <a className="header-link" href={routeHref({ name: 'figures' })} data-testid="figures-link">
              {t('figures.link')}
            </a>
          )}
          {/* Every member may read the organisation; only coordinators change it (SPEC O6). */}
          <a className="header-link" href={routeHref({ name: 'organisation' })} data-testid="organisation-link">
            {t('org.link')}
          </a>
          <LanguageSelect />
          <LogoutControl />
        </div>
      </header>
      <ReauthNotice />
    </>
  )
}
