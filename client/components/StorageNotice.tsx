import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'

/**
 * Asks the browser to keep this site's data under storage pressure: a helper's offline
 * notes live only here until they sync. If the browser says no, the user is told.
 */
export function StorageNotice() {
  const { t } = useTranslation()
  const [refused, setRefused] = useState(false)
  useEffect(() => {
    const storage = navigator.storage as StorageManager | undefined
    if (!storage?.persist) return
    void storage
      .persisted()
      .then((already) => already || storage.persist())
      .then((granted) => setRefused(!granted))
      .catch(() => setRefused(true))
  }, [])
  if (!refused) return null
  return <p className="notice storage-notice">{t('sync.storageRefused')}</p>
}
