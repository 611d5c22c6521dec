import { useTranslation } from 'react-i18next'
import { LANGUAGES, changeLanguage, type Language } from '../i18n'

const LANGUAGE_NAMES: Record<Language, string> = { 'zh-Hans': '简体中文', 'zh-Hant': '繁體中文', en: 'English' }

/** The language choice, each language named in its own words; in the header and on the sign-in pages. */
export function LanguageSelect({ className }: { className?: string }) {
  const { t, i18n } = useTranslation()
  return (
    <select className={className} aria-label={t('language.label')} value={i18n.language} onChange={(e) => void changeLanguage(e.target.value as Language)}>
      {LANGUAGES.map((l) => (
        <option key={l} value={l}>
          {LANGUAGE_NAMES[l]}
        </option>
      ))}
    </select>
  )
}
