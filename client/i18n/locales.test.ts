import { describe, expect, it } from 'vitest'
import type { FieldErrorCode } from '../../shared/validation/fields'
import { LANGUAGES, pickLanguage } from './index'
import { TRANSLATIONS } from './resources'

// Common strings and every feature's folder, merged as the app loads them.
const LOCALES: Record<string, unknown> = TRANSLATIONS
const zhHans = TRANSLATIONS['zh-Hans']

/** Every leaf of a locale as [path, value]; the path is an array because keys may hold dots. */
function leaves(node: unknown, path: string[] = []): [string[], unknown][] {
  if (typeof node === 'object' && node !== null && !Array.isArray(node)) {
    return Object.entries(node).flatMap(([key, value]) => leaves(value, [...path, key]))
  }
  return [[path, node]]
}

const keysOf = (locale: unknown) => leaves(locale).map(([path]) => JSON.stringify(path)).sort()
const stringsOf = (locale: unknown) => new Map(leaves(locale).map(([path, value]) => [JSON.stringify(path), value]))
const placeholders = (text: string) => new Set([...text.matchAll(/\{\{\s*([^}\s]+)\s*\}\}/g)].map((m) => m[1]))

describe('locale files', () => {
  it('there is one file for each language the app offers', () => {
    expect(Object.keys(LOCALES).sort()).toEqual([...LANGUAGES].sort())
  })

  it.each(['zh-Hant', 'en'])('%s has exactly the keys of zh-Hans', (language) => {
    expect(keysOf(LOCALES[language])).toEqual(keysOf(zhHans))
  })

  it.each(Object.keys(LOCALES))('%s has only non-empty strings as values', (language) => {
    for (const [path, value] of leaves(LOCALES[language])) {
      expect(typeof value, path.join(' > ')).toBe('string')
      expect(String(value).trim(), path.join(' > ')).not.toBe('')
    }
  })

  it.each(['zh-Hant', 'en'])('%s keeps every {{placeholder}} of zh-Hans', (language) => {
    const other = stringsOf(LOCALES[language])
    let checked = 0
    for (const [key, value] of stringsOf(zhHans)) {
      if (typeof value !== 'string') continue
      const translated = other.get(key)
      for (const name of placeholders(value)) {
        expect(typeof translated === 'string' ? placeholders(translated) : new Set(), `${key} in ${language}`).toContain(name)
        checked++
      }
    }
    // The check must have had something to check.
    expect(checked).toBeGreaterThan(0)
  })

  it('has a message in every language for every field error code', () => {
    // A Record over the union makes the type-checker fail here when a code is added.
    const codes: Record<FieldErrorCode, true> = {
      required: true,
      tooLong: true,
      invalidChoice: true,
      invalidDate: true,
      futureDate: true,
      beforeBirth: true,
      invalidPhone: true,
      notNumber: true,
      tooManyDecimals: true,
      outOfRange: true,
      invalidBool: true,
    }
    for (const [language, locale] of Object.entries(LOCALES)) {
      const strings = stringsOf(locale)
      for (const code of Object.keys(codes)) {
        expect(strings.get(JSON.stringify(['field', 'errors', code])), `${code} in ${language}`).toEqual(expect.any(String))
      }
    }
  })
})

describe('pickLanguage', () => {
  it('a saved choice wins over the browser', () => {
    expect(pickLanguage('en', ['zh-CN'])).toBe('en')
    expect(pickLanguage('zh-Hant', ['en-US'])).toBe('zh-Hant')
    expect(pickLanguage('zh-Hans', ['zh-TW'])).toBe('zh-Hans')
  })

  it('ignores a saved value that is not a language we speak', () => {
    expect(pickLanguage('fr', ['zh-TW'])).toBe('zh-Hant')
    expect(pickLanguage('', ['en-US'])).toBe('en')
  })

  it.each([
    ['zh-TW', 'zh-Hant'],
    ['zh-HK', 'zh-Hant'],
    ['zh-MO', 'zh-Hant'],
    ['zh-Hant-TW', 'zh-Hant'],
    ['zh-CN', 'zh-Hans'],
    ['zh-Hans-CN', 'zh-Hans'],
    ['zh-SG', 'zh-Hans'],
    ['zh', 'zh-Hans'],
    ['en-US', 'en'],
    ['en', 'en'],
    ['en-GB', 'en'],
    ['fr', 'zh-Hans'],
    ['fr-FR', 'zh-Hans'],
  ])('maps the browser language %s to %s', (browser, expected) => {
    expect(pickLanguage(null, [browser])).toBe(expected)
  })

  it('takes the first browser language it speaks, else Simplified Chinese', () => {
    expect(pickLanguage(null, ['fr', 'de', 'en-US', 'zh-CN'])).toBe('en')
    expect(pickLanguage(null, ['fr', 'zh-HK', 'en'])).toBe('zh-Hant')
    expect(pickLanguage(null, [])).toBe('zh-Hans')
  })
})
