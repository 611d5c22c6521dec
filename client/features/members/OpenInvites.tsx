import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { OpenInvite } from '../../../shared/members-api'
import { failureMessage } from '../../ui/auth-messages'
import { useDirectory } from '../../ui/use-directory'
import { useMembersApi } from '../../ui/use-members-api'

/** Invitation links not yet used: for which role, by whom, until when; one revoked cannot be used (SPEC M5). */
export function OpenInvites({ reloadKey }: { reloadKey: number }) {
  const { t, i18n } = useTranslation()
  const api = useMembersApi()
  const directory = useDirectory()
  const [invites, setInvites] = useState<{ key: number; list: OpenInvite[] } | { key: number; error: unknown } | null>(null)
  const [revoked, setRevoked] = useState(0)
  const key = reloadKey * 1000 + revoked

  useEffect(() => {
    let current = true
    api.invites().then(
      (list) => current && setInvites({ key, list }),
      (error: unknown) => current && setInvites({ key, error }),
    )
    return () => void (current = false)
  }, [api, key])

  const revoke = async (id: string) => {
    try {
      await api.revokeInvite(id)
    } finally {
      setRevoked((n) => n + 1)
    }
  }
  const until = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' })
  if (!invites || invites.key !== key) return null
  if ('error' in invites) return <p className="auth-failure">{failureMessage(t, invites.error)}</p>
  return (
    <section className="members-section" aria-labelledby="open-invites-title" data-testid="open-invites">
      <h2 id="open-invites-title">{t('members.invites.title')}</h2>
      {invites.list.length === 0 ? (
        <p className="empty">{t('members.invites.none')}</p>
      ) : (
        <ul className="member-list">
          {invites.list.map((invite) => (
            <li key={invite.id} className="member" data-testid="open-invite">
              <span>
                {t('members.invites.row', {
                  role: t(`auth.roles.${invite.role}`),
                  by: (invite.createdBy && directory.get(invite.createdBy)?.displayName) || t('trail.unknownPerson'),
                  until: until.format(new Date(invite.expiresAt)),
                })}
              </span>
              <button type="button" className="link-button" onClick={() => void revoke(invite.id)}>
                {t('members.invites.revoke')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
