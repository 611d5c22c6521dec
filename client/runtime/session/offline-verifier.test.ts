import { fromBase64 } from 'lib0/buffer'
import { describe, expect, it } from 'vitest'
import { PasswordVerifier, VERIFIER_ITERATIONS, checkPassword, createVerifier } from './offline-verifier'

describe('offline password verifier', () => {
  it('is PBKDF2-SHA256 with 310,000 iterations, a 16-byte salt and a 32-byte hash', async () => {
    const verifier = await createVerifier('correct horse')
    expect(verifier.alg).toBe('PBKDF2-SHA256')
    expect(verifier.iterations).toBe(310_000)
    expect(VERIFIER_ITERATIONS).toBe(310_000)
    expect(fromBase64(verifier.salt)).toHaveLength(16)
    expect(fromBase64(verifier.hash)).toHaveLength(32)
    expect(PasswordVerifier.safeParse(verifier).success).toBe(true)
  })

  it('accepts the password it was made from and refuses every other', async () => {
    const verifier = await createVerifier('correct horse 马')
    expect(await checkPassword(verifier, 'correct horse 马')).toBe(true)
    for (const wrong of ['correct horse', 'correct horse 马 ', 'Correct horse 马', '']) {
      expect(await checkPassword(verifier, wrong), JSON.stringify(wrong)).toBe(false)
    }
  })

  it('matches an independent PBKDF2 computation (a known answer, not only a round trip)', async () => {
    const { pbkdf2Sync } = await import('node:crypto')
    const verifier = await createVerifier('留守儿童 2026')
    const expected = pbkdf2Sync('留守儿童 2026', fromBase64(verifier.salt), 310_000, 32, 'sha256')
    expect(Buffer.from(fromBase64(verifier.hash)).equals(expected)).toBe(true)
  })

  it('salts every verifier afresh, so one password never gives the same hash twice', async () => {
    const [a, b] = await Promise.all([createVerifier('same password'), createVerifier('same password')])
    expect(a.salt).not.toBe(b.salt)
    expect(a.hash).not.toBe(b.hash)
  })

  it('holds neither the password nor anything that contains it', async () => {
    const password = 'my-secret-password'
    const json = JSON.stringify(await createVerifier(password))
    expect(json).not.toContain(password)
    expect(json).not.toContain(Buffer.from(password).toString('base64'))
  })

  it('refuses a stored verifier that was weakened or damaged, whatever the password', async () => {
    const good = await createVerifier('password1')
    const bad: unknown[] = [
      { ...good, iterations: 1 },
      { ...good, iterations: 309_999 },
      { ...good, iterations: 50_000_000 },
      { ...good, alg: 'PBKDF2-SHA1' },
      { ...good, salt: '' },
      { ...good, hash: good.hash.slice(4) },
      { ...good, hash: 'not base64 at all!!!!!!!!!!!!!!!!!!!!!!!!!!' },
    ]
    for (const verifier of bad) {
      expect(await checkPassword(verifier as PasswordVerifier, 'password1'), JSON.stringify(verifier)).toBe(false)
    }
  })
})
