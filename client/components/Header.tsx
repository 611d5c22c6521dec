import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { LANGUAGES, changeLanguage, type Language } from '../i18n'
import { routeHref } from '../hooks/use-route'
import { saveUserName, useUser } from '../hooks/use-user'
import { useWorkspace } from '../hooks/workspace-context'
import { SyncStatus } from './SyncStatus'

const LANGUAGE_NAMES: Record<Language, string> = { 'zh-Hans': '简体中文', 'zh-Hant': '繁體中文', en: 'English' }

export function Header() {
  const { t, i18n } = useTranslation()
  const workspace = useWorkspace()
  const user = useUser()
  const [name, setName] = useState(user.name)
  const commitName = () => {
    if (name.trim() === '' || name.trim() === user.name) return setName(user.name)
    workspace.setUser(saveUserName(name))
  }
  return (
    <header className="app-header">
      <a className="brand" href={routeHref({ name: 'list' })}>
        {t('app.name')}
      </a>
      <SyncStatus />
      <div className="header-tools">
        <label className="user-name">
          <span className="visually-hidden">{t('user.label')}</span>
          <span className="user-dot" style={{ background: user.color }} aria-hidden="true" />
          <input
            value={name}
            placeholder={t('user.placeholder')}
            aria-label={t('user.label')}
            onChange={(e) => setName(e.target.value)}
            onBlur={commitName}
            onKeyDown={(e) => e.key === 'Enter' && e.currentTarget.blur()}
          />
        </label>
        <select
          aria-label={t('language.label')}
          value={i18n.language}
          onChange={(e) => void changeLanguage(e.target.value as Language)}
        >
          {LANGUAGES.map((l) => (
            <option key={l} value={l}>
              {LANGUAGE_NAMES[l]}
            </option>
          ))}
        </select>
      </div>
    </header>
  )
}
