import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ROLES, type Role } from '../../../shared/access'
import type { Member } from '../../runtime/session/auth-client'
import { failureMessage } from '../../ui/auth-messages'
import { useMembersApi } from '../../ui/use-members-api'
import { routeHref } from '../../ui/use-route'

/**
 * A member's classes and pairs as the relay keeps them, their role, their own trail, and
 * removing them after a confirmation that names them (SPEC M3, M4). The relay refuses to take
 * the last coordinator away (`last_coordinator`), and the message says what to do instead.
 */
export function MemberAdmin({ member, onChanged }: { member: Member; onChanged: () => void }) {
  const { t } = useTranslation()
  const members = useMembersApi()
  const [confirming, setConfirming] = useState(false)
  const [failure, setFailure] = useState<string | null>(null)
  const name = member.displayName
  const roleId = `role-${member.id}`

  const act = async (action: () => Promise<void>) => {
    setFailure(null)
    try {
      await action()
      onChanged()
    } catch (error) {
      setFailure(failureMessage(t, error))
    }
  }

  return (
    <div className="member-admin" data-testid="member-admin">
      <p className="member-facts">
        {member.classes.length > 0 && <span>{t('members.classes', { classes: member.classes.join('、') })}</span>}
        <span data-testid="member-pairs">{t('members.pairs', { n: member.pairs })}</span>
        {member.phone && <a href={`tel:${member.phone}`}>{member.phone}</a>}
      </p>
      <div className="member-scope">
        <label htmlFor={roleId}>{t('members.role')}</label>
        <select id={roleId} value={member.role} onChange={(e) => void act(() => members.setRole(member.id, e.target.value as Role))}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`auth.roles.${r}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="member-actions">
        <a className="link-button" href={routeHref({ name: 'audit', userId: member.id })}>
          {t('members.trail')}
        </a>
        {confirming ? (
          <>
            <span role="alert">{t('members.removeConfirm', { name })}</span>
            <button type="button" className="danger" onClick={() => void act(async () => (setConfirming(false), await members.remove(member.id)))} data-testid="member-remove-confirm">
              {t('members.remove', { name })}
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              {t('members.cancel')}
            </button>
          </>
        ) : (
          <button type="button" className="link-button" onClick={() => setConfirming(true)} data-testid="member-remove">
            {t('members.remove', { name })}
          </button>
        )}
      </div>
      {failure && (
        <p className="auth-failure" role="alert">
          {failure}
        </p>
      )}
    </div>
  )
}
