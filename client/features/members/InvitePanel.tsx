import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ROLES, type Role } from '../../../shared/access'
import { routeHref } from '../../ui/use-route'
import { useAuth } from '../../ui/use-session'
import { failureMessage } from '../../ui/auth-messages'

/** A one-time invitation link for a role, to send to one person. */
export function InvitePanel() {
  const { t } = useTranslation()
  const { api } = useAuth()
  const [role, setRole] = useState<Role>('helper')
  const [link, setLink] = useState<{ url: string; role: Role } | null>(null)
  const [message, setMessage] = useState<string | null>(null)
  const [failure, setFailure] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const create = async () => {
    setBusy(true)
    setFailure(null)
    setMessage(null)
    try {
      const token = await api.createInvite(role)
      setLink({ url: `${location.origin}/${routeHref({ name: 'invite', token })}`, role })
    } catch (error) {
      setFailure(failureMessage(t, error))
    } finally {
      setBusy(false)
    }
  }
  const copy = async () => {
    if (!link) return
    try {
      await navigator.clipboard.writeText(link.url)
      setMessage(t('auth.members.copied'))
    } catch {
      setMessage(t('auth.members.copyFailed'))
    }
  }

  return (
    <section className="members-section" aria-labelledby="invite-title">
      <h2 id="invite-title">{t('auth.members.inviteTitle')}</h2>
      <div className="field">
        <label htmlFor="invite-role">{t('auth.members.inviteRole')}</label>
        <select id="invite-role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`auth.roles.${r}`)}
            </option>
          ))}
        </select>
        <p className="auth-hint">{t(`auth.roleHints.${role}`)}</p>
      </div>
      <button type="button" className="primary" onClick={() => void create()} disabled={busy} data-testid="invite-create">
        {t('auth.members.inviteCreate')}
      </button>
      {failure && (
        <p className="auth-failure" role="alert">
          {failure}
        </p>
      )}
      {link && (
        <div className="invite-link">
          <label htmlFor="invite-link">{t('auth.members.inviteLink', { role: t(`auth.roles.${link.role}`) })}</label>
          <div className="invite-link-row">
            <input id="invite-link" readOnly value={link.url} onFocus={(e) => e.currentTarget.select()} data-testid="invite-link" />
            <button type="button" onClick={() => void copy()}>
              {t('auth.members.copy')}
            </button>
          </div>
          <p className="auth-hint">{t('auth.members.inviteHint')}</p>
          {message && <p role="status">{message}</p>}
        </div>
      )}
    </section>
  )
}
