import { useTranslation } from 'react-i18next'

/**
 * A supervisor's first page (docs/SPEC.md A-section table: reports only). It says what the role
 * can read, instead of a children's list that would stay empty and tell them to wait for a
 * pairing. Published reports are listed here once terms publish them (the figures issue).
 */
export function SupervisorHome() {
  const { t } = useTranslation()
  return (
    <main className="page" data-testid="supervisor-home">
      <h1>{t('supervisor.title')}</h1>
      <p>{t('supervisor.what')}</p>
      <p className="empty">{t('supervisor.none')}</p>
    </main>
  )
}
