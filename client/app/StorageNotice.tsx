import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'

const DISMISSED = 'shouwang.storageNoticeDismissed'

/**
 * Asks the browser to keep this site's data under storage pressure: a helper's offline
 * notes live only here until they sync. If the browser says no, the user is told once.
 */
export function StorageNotice() {
  const { t } = useTranslation()
  const [refused, setRefused] = useState(false)
  const [dismissed, setDismissed] = useState(() => localStorage.getItem(DISMISSED) === '1')
  useEffect(() => {
    const storage = navigator.storage as StorageManager | undefined
    if (!storage?.persist) return
    void storage
      .persisted()
      .then((already) => already || storage.persist())
      .then((granted) => setRefused(!granted))
      .catch(() => setRefused(true))
  }, [])
  if (!refused || dismissed) return null
  return (
    <div className="notice storage-notice" role="note">
      <span>{t('sync.storageRefused')}</span>
      <button
        type="button"
        className="link-button"
        onClick={() => {
          localStorage.setItem(DISMISSED, '1')
          setDismissed(true)
        }}
      >
        {t('common.dismiss')}
      </button>
    </div>
  )
}
