import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { routeHref } from '../../ui/use-route'
import { useLive } from '../../ui/use-live'
import { useAuth, useSignedIn } from '../../ui/use-session'
import type { Member } from '../../runtime/session/auth-client'
import { failureMessage } from '../../ui/auth-messages'
import { InvitePanel } from './InvitePanel'
import { KeptAsideImport } from './KeptAsideImport'
import { MemberCard } from './MemberCard'
import { OpenInvites } from './OpenInvites'

type Members = { state: 'loading' } | { state: 'ready'; list: Member[] } | { state: 'failed'; error: unknown }

/**
 * The coordinator's tools: invitation links, the members and their roles, ending someone's
 * sessions, a teacher's classes and a helper's children. The relay decides; this page asks.
 */
export function MembersPage() {
  const { t } = useTranslation()
  const { api } = useAuth()
  const { account, session, workspace } = useSignedIn()
  const coordinator = account.role === 'coordinator'
  const live = session === 'live'
  const [members, setMembers] = useState<Members>({ state: 'loading' })
  const [attempt, setAttempt] = useState(0)
  const reload = useCallback(() => {
    setMembers({ state: 'loading' })
    setAttempt((n) => n + 1)
  }, [])
  const children = useLive(() => workspace.queries.childrenByName(), [], [])
  const classNames = [...new Set(children.map((c) => c.classId).filter((c) => c !== ''))].sort((a, b) => a.localeCompare(b))

  useEffect(() => {
    if (!coordinator || !live) return
    let current = true
    api.members().then(
      (list) => current && setMembers({ state: 'ready', list }),
      (error: unknown) => current && setMembers({ state: 'failed', error }),
    )
    return () => void (current = false)
  }, [api, coordinator, live, attempt])

  return (
    <main className="page members-page">
      <a className="back" href={routeHref({ name: 'list' })}>
        {t('child.back')}
      </a>
      <h1>{t('auth.members.title')}</h1>
      {coordinator && (
        <a className="header-link" href={routeHref({ name: 'audit' })} data-testid="workspace-audit">
          {t('members.workspaceTrail')}
        </a>
      )}
      {!coordinator ? (
        <p className="auth-note">{t('auth.members.coordinatorsOnly')}</p>
      ) : !live ? (
        <p className="auth-note">{t('auth.members.needsNetwork')}</p>
      ) : (
        <>
          <InvitePanel />
          <OpenInvites reloadKey={attempt} />
          <section className="members-section" aria-labelledby="members-title">
            <div className="page-title">
              <h2 id="members-title">{t('auth.members.listTitle')}</h2>
              <button type="button" className="link-button" onClick={reload}>
                {t('auth.members.refresh')}
              </button>
            </div>
            {members.state === 'loading' && <p role="status">{t('auth.members.loading')}</p>}
            {members.state === 'failed' && (
              <p className="auth-failure" role="alert">
                {failureMessage(t, members.error)}
              </p>
            )}
            {members.state === 'ready' && (
              <ul className="member-list">
                {members.list.map((m) => (
                  <MemberCard key={m.id} member={m} self={m.id === account.user.id} childList={children} classNames={classNames} onChanged={reload} />
                ))}
              </ul>
            )}
            <p className="auth-hint">{t('auth.members.scopeHint')}</p>
          </section>
        </>
      )}
      {coordinator && <KeptAsideImport />}
    </main>
  )
}
