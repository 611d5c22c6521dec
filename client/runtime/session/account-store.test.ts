import { describe, expect, it } from 'vitest'
import { memoryStorage } from '../../../tests/helpers/memory-storage'
import { ACCOUNT_KEY, accountOf, clearAccount, loadAccount, sameUsername, storeAccount } from './account-store'
import { createVerifier } from './offline-verifier'

const me = { user: { id: 'u-abc123', username: 'wangli', displayName: '王老师' }, workspace: 'dongshan', role: 'teacher' as const }

describe('the account kept for offline sign-in', () => {
  it('keeps exactly the account, workspace, role and verifier: no password, no session token', async () => {
    const storage = memoryStorage()
    const password = 'a long password'
    const token = 'T'.repeat(43)
    // What the relay answers a sign-in with, token included: only the listed fields may be kept.
    storeAccount(storage, { ...me, token, expiresAt: 1 } as typeof me, { ...(await createVerifier(password)), password } as never)
    const raw = storage.getItem(ACCOUNT_KEY) ?? ''
    expect(raw).not.toContain(password)
    expect(raw).not.toContain(token)
    const stored: unknown = JSON.parse(raw)
    expect(Object.keys(stored as object).sort()).toEqual(['role', 'user', 'verifier', 'workspace'])
    expect(Object.keys((stored as { user: object }).user).sort()).toEqual(['displayName', 'id', 'username'])
    expect(Object.keys((stored as { verifier: object }).verifier).sort()).toEqual(['alg', 'hash', 'iterations', 'salt'])
    expect([...storage.entries().keys()]).toEqual([ACCOUNT_KEY])
    expect(accountOf(loadAccount(storage)!)).toEqual(me)
  })

  it('reads a damaged or tampered value as no account', async () => {
    const storage = memoryStorage()
    const stored = storeAccount(storage, me, await createVerifier('password1'))
    for (const raw of ['', '{', 'null', '[]', JSON.stringify({ ...stored, role: 'admin' }), JSON.stringify({ ...stored, extra: 1 }), JSON.stringify({ ...stored, verifier: { ...stored.verifier, iterations: 1000 } })]) {
      storage.setItem(ACCOUNT_KEY, raw)
      expect(loadAccount(storage), raw).toBeUndefined()
    }
    clearAccount(storage)
    expect(loadAccount(storage)).toBeUndefined()
  })

  it('matches a typed username whatever its case or surrounding spaces (phones capitalise)', () => {
    expect(sameUsername(' Wangli ', 'wangli')).toBe(true)
    expect(sameUsername('ＷＡＮＧＬＩ', 'wangli')).toBe(true)
    expect(sameUsername('wangli2', 'wangli')).toBe(false)
    expect(sameUsername('', 'wangli')).toBe(false)
  })
})
