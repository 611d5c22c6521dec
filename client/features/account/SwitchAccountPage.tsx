import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useAuth } from '../../ui/use-session'
import { AuthShell } from './AuthShell'

/**
 * Another account's data is on this device with changes it never sent. Signing in as
 * someone else must not show that data, so it goes; the person is asked first.
 */
export function SwitchAccountPage({ pending }: { pending: number }) {
  const { t } = useTranslation()
  const { session } = useAuth()
  const [busy, setBusy] = useState(false)
  const act = (action: () => Promise<void>) => {
    setBusy(true)
    void action().finally(() => setBusy(false))
  }
  return (
    <AuthShell>
      <h1>{t('auth.switch.title')}</h1>
      <p className="auth-warning" role="alert">
        {t('auth.switch.message', { count: pending })}
      </p>
      <p className="auth-hint">{t('auth.switch.hint')}</p>
      <div className="auth-actions">
        <button type="button" onClick={() => act(() => session.cancelSwitch())} disabled={busy} autoFocus>
          {t('auth.switch.cancel')}
        </button>
        <button type="button" className="danger" onClick={() => act(() => session.confirmSwitch())} disabled={busy}>
          {t('auth.switch.confirm')}
        </button>
      </div>
    </AuthShell>
  )
}
