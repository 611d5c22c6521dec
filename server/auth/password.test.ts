import { describe, expect, it } from 'vitest'
import { PASSWORD_MAX } from '../../shared/auth-api'
import { hashPassword, verifyPassword } from './password'
import { isToken } from '../../shared/ids'
import { hashToken, newToken } from './tokens'

describe('passwords', () => {
  it('verifies the right password and refuses others; the hash holds neither', async () => {
    const hash = await hashPassword('守望 correct horse')
    expect(hash).not.toContain('correct')
    expect(await verifyPassword('守望 correct horse', hash)).toBe(true)
    expect(await verifyPassword('守望 correct hors', hash)).toBe(false)
    expect(await verifyPassword('', hash)).toBe(false)
  })

  it('salts: the same password hashes differently each time', async () => {
    expect(await hashPassword('same password')).not.toBe(await hashPassword('same password'))
  })

  it('refuses an over-long password without hashing it, and a malformed stored hash', async () => {
    const hash = await hashPassword('short one')
    expect(await verifyPassword('x'.repeat(PASSWORD_MAX + 1), hash)).toBe(false)
    expect(await verifyPassword('short one', 'plain$text')).toBe(false)
    expect(await verifyPassword('short one', 'scrypt$0$0$0$$')).toBe(false)
  })
})

describe('tokens', () => {
  it('are url-safe, 256-bit, distinct; only their hash is kept', () => {
    const tokens = new Set(Array.from({ length: 200 }, newToken))
    expect(tokens.size).toBe(200)
    for (const t of tokens) expect(isToken(t)).toBe(true)
    const t = newToken()
    expect(hashToken(t)).toMatch(/^[0-9a-f]{64}$/)
    expect(hashToken(t)).not.toContain(t)
    expect(isToken('../etc/passwd')).toBe(false)
  })
})
