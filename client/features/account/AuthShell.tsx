import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { LanguageSelect } from '../../ui/LanguageSelect'

/** The frame of the pages shown before sign-in: the name of the app and the language choice. */
export function AuthShell({ children }: { children: ReactNode }) {
  const { t } = useTranslation()
  return (
    <>
      <header className="app-header auth-header">
        <span className="brand">{t('app.name')}</span>
        <span className="auth-tagline">{t('app.tagline')}</span>
        <LanguageSelect className="auth-language" />
      </header>
      <main className="page auth-page">{children}</main>
    </>
  )
}
