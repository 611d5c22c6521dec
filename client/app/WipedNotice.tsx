import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useSignedIn } from '../ui/use-session'

/**
 * The browser wiped or evicted this device's store since it last held this account's data
 * (SPEC L7): say so, once, while the files come back from the relay.
 */
export function WipedNotice() {
  const { t } = useTranslation()
  const { wiped } = useSignedIn()
  const [dismissed, setDismissed] = useState(false)
  if (!wiped || dismissed) return null
  return (
    <div className="notice wiped-notice" role="status" data-testid="wiped-notice">
      <span>{t('sync.wiped')}</span>
      <button type="button" className="link-button" onClick={() => setDismissed(true)}>
        {t('common.dismiss')}
      </button>
    </div>
  )
}
