import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { failureMessage } from '../../ui/auth-messages'
import { useDirectory } from '../../ui/use-directory'
import { useMembersApi } from '../../ui/use-members-api'
import { routeHref } from '../../ui/use-route'
import { useSignedIn } from '../../ui/use-session'
import { PhoneField, readPhone } from './PhoneField'

/** One's own account: who, which role, and the phone printed on contact cards (SPEC M1). */
export function AccountPage() {
  const { t } = useTranslation()
  const { account, session } = useSignedIn()
  const api = useMembersApi()
  const known = useDirectory().get(account.user.id)?.phone
  const [phone, setPhone] = useState<string | undefined>(undefined)
  const [invalid, setInvalid] = useState(false)
  const [status, setStatus] = useState<{ message: string; failed: boolean } | null>(null)
  const value = phone ?? known ?? ''

  const save = async (e: FormEvent) => {
    e.preventDefault()
    const read = readPhone(value)
    setInvalid(read === undefined)
    if (read === undefined) return document.getElementById('account-phone')?.focus()
    try {
      await api.setPhone(read)
      setPhone(read ?? '')
      setStatus({ message: t('members.phone.saved'), failed: false })
    } catch (error) {
      setStatus({ message: failureMessage(t, error), failed: true })
    }
  }

  return (
    <main className="page">
      <a className="back" href={routeHref({ name: 'list' })}>
        ← {t('audit.back')}
      </a>
      <h1>{t('members.account.title')}</h1>
      <p>
        {account.user.displayName} · {t(`auth.roles.${account.role}`)} · {account.user.username}
      </p>
      <form className="members-section" onSubmit={(e) => void save(e)} noValidate>
        <PhoneField value={value} onChange={setPhone} invalid={invalid} />
        <button type="submit" className="primary" disabled={session !== 'live'}>
          {t('members.phone.save')}
        </button>
        {session !== 'live' && <p className="auth-hint">{t('members.needsNetwork')}</p>}
        {status && (
          <p className={status.failed ? 'auth-failure' : 'member-done'} role={status.failed ? 'alert' : 'status'}>
            {status.message}
          </p>
        )}
      </form>
    </main>
  )
}
