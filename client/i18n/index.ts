import i18next from 'i18next'
import { initReactI18next } from 'react-i18next'
import { TRANSLATIONS } from './resources'

export const LANGUAGES = ['zh-Hans', 'zh-Hant', 'en'] as const
export type Language = (typeof LANGUAGES)[number]

const STORAGE_KEY = 'shouwang.language'

/** The user's choice, else the browser's language mapped to one we speak, else Simplified Chinese. */
export function pickLanguage(saved: string | null, browser: readonly string[]): Language {
  if (saved && (LANGUAGES as readonly string[]).includes(saved)) return saved as Language
  for (const tag of browser) {
    const t = tag.toLowerCase()
    if (/^zh-(hant|tw|hk|mo)/.test(t)) return 'zh-Hant'
    if (t.startsWith('zh')) return 'zh-Hans'
    if (t.startsWith('en')) return 'en'
  }
  return 'zh-Hans'
}

export async function initI18n(): Promise<typeof i18next> {
  const lng = pickLanguage(localStorage.getItem(STORAGE_KEY), navigator.languages ?? [navigator.language])
  await i18next.use(initReactI18next).init({
    resources: Object.fromEntries(LANGUAGES.map((l) => [l, { translation: TRANSLATIONS[l] ?? {} }])),
    lng,
    fallbackLng: 'zh-Hans',
    supportedLngs: [...LANGUAGES],
    load: 'currentOnly',
    interpolation: { escapeValue: false },
  })
  document.documentElement.lang = lng
  return i18next
}

export async function changeLanguage(lng: Language): Promise<void> {
  localStorage.setItem(STORAGE_KEY, lng)
  document.documentElement.lang = lng
  await i18next.changeLanguage(lng)
}
