import { useTranslation } from 'react-i18next'

/** Roster import from .xlsx/.csv (issue 3): to be built. */
export function ImportRoster() {
  const { t } = useTranslation()
  return <main className="page">{t('children.title')}</main>
}
