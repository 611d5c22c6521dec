/**
 * Who signed in on this device last, kept in localStorage for offline sign-in: the account
 * (id, username, display name), its workspace and role, and the password verifier. Nothing
 * else: never the password, never the session token (the relay's HttpOnly cookie holds that).
 * What is read back is checked, like any input: a damaged or tampered value counts as none.
 */
import { z } from 'zod'
import { RoleSchema, WorkspaceSchema, type Me } from '../../../shared/auth-api'
import { PasswordVerifier } from './offline-verifier'

export const ACCOUNT_KEY = 'shouwang.account'

export type AccountStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>

/** The signed-in member as the relay described them (`/api/auth/me`), without any secret. */
export type Account = Me

export const StoredAccount = z.strictObject({
  user: z.strictObject({ id: z.string().min(1).max(64), username: z.string().min(1).max(40), displayName: z.string().min(1).max(40) }),
  workspace: WorkspaceSchema,
  role: RoleSchema,
  verifier: PasswordVerifier,
})
export type StoredAccount = z.infer<typeof StoredAccount>

export function loadAccount(storage: AccountStorage): StoredAccount | undefined {
  const raw = storage.getItem(ACCOUNT_KEY)
  if (!raw) return undefined
  try {
    const parsed = StoredAccount.safeParse(JSON.parse(raw))
    return parsed.success ? parsed.data : undefined
  } catch {
    return undefined
  }
}

/** Stores exactly the fields offline sign-in needs, whatever else the objects passed carry. */
export function storeAccount(storage: AccountStorage, account: Account, verifier: PasswordVerifier): StoredAccount {
  const stored: StoredAccount = StoredAccount.parse({
    user: { id: account.user.id, username: account.user.username, displayName: account.user.displayName },
    workspace: account.workspace,
    role: account.role,
    verifier: { alg: verifier.alg, iterations: verifier.iterations, salt: verifier.salt, hash: verifier.hash },
  })
  storage.setItem(ACCOUNT_KEY, JSON.stringify(stored))
  return stored
}

/** Keeps the verifier and takes the relay's newer name and role (a coordinator may change a role). */
export function refreshAccount(storage: AccountStorage, stored: StoredAccount, account: Account): StoredAccount {
  return storeAccount(storage, account, stored.verifier)
}

export function clearAccount(storage: AccountStorage): void {
  storage.removeItem(ACCOUNT_KEY)
}

export function sameAccount(a: Account, b: Account): boolean {
  return a.user.id === b.user.id && a.workspace === b.workspace
}

/**
 * Only the account's own fields, whatever else the object carries: a session answer also
 * holds the bearer token, which must go no further than the request that received it.
 */
export function accountOf(from: Account): Account {
  return { user: { id: from.user.id, username: from.user.username, displayName: from.user.displayName }, workspace: from.workspace, role: from.role }
}

/** Usernames are typed on phones that capitalise the first letter: offline, case does not count. */
export function sameUsername(typed: string, stored: string): boolean {
  return typed.trim().normalize('NFKC').toLowerCase() === stored.normalize('NFKC').toLowerCase()
}
