import { describe, expect, it } from 'vitest'
import { AuthErrorCode } from '../../shared/auth-api'
import { ROLES } from '../../shared/access'
import { TRANSLATIONS } from '../i18n/resources'
import { ClientFailure } from '../runtime/sync/relay-http'
import { FAILURE_CODES } from './auth-messages'

const LANGUAGES = Object.keys(TRANSLATIONS)
const lookup = (language: string, path: string[]): unknown =>
  path.reduce<unknown>((node, key) => (typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined), TRANSLATIONS[language])

describe('account messages', () => {
  it('cover every code the relay and the client can give', () => {
    expect([...FAILURE_CODES].sort()).toEqual([...Object.values(AuthErrorCode), ...Object.values(ClientFailure)].sort())
  })

  it.each(LANGUAGES)('%s says something for every failure and role', (language) => {
    for (const code of [...FAILURE_CODES, 'tooManyWait']) expect(lookup(language, ['auth', 'failures', code]), code).toEqual(expect.any(String))
    for (const role of ROLES) {
      expect(lookup(language, ['auth', 'roles', role]), role).toEqual(expect.any(String))
      expect(lookup(language, ['auth', 'roleHints', role]), role).toEqual(expect.any(String))
    }
  })
})
