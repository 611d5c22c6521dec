/**
 * The offline sign-in check: someone who signed in on this device before can open their data
 * with no network by typing their password again. The device keeps a slow, salted hash of it
 * (PBKDF2-SHA256 in WebCrypto), never the password and never the relay's session token.
 *
 * This is a gate, not encryption: the local data itself is readable by anyone who can read the
 * browser's storage. It keeps a shared phone's next user out of the previous user's files.
 */
import { fromBase64, toBase64 } from 'lib0/buffer'
import { z } from 'zod'

/** OWASP's figure for PBKDF2-HMAC-SHA256 (2023); about a quarter of a second on a cheap phone. */
export const VERIFIER_ITERATIONS = 310_000
const SALT_BYTES = 16
const HASH_BITS = 256
/**
 * Bounds on a stored verifier's iterations: fewer would make a guessing attack cheap, more than
 * the maximum would make the sign-in form hang. A stored value outside them is not trusted.
 */
const MIN_ITERATIONS = VERIFIER_ITERATIONS
const MAX_ITERATIONS = 5_000_000

const base64Of = (bytes: number) => z.string().length(4 * Math.ceil(bytes / 3)).regex(/^[A-Za-z0-9+/]+={0,2}$/)

export const PasswordVerifier = z.object({
  alg: z.literal('PBKDF2-SHA256'),
  iterations: z.number().int().min(MIN_ITERATIONS).max(MAX_ITERATIONS),
  salt: base64Of(SALT_BYTES),
  hash: base64Of(HASH_BITS / 8),
})
export type PasswordVerifier = z.infer<typeof PasswordVerifier>

async function derive(password: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<Uint8Array> {
  const { subtle } = globalThis.crypto
  const key = await subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveBits'])
  const bits = await subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, HASH_BITS)
  return new Uint8Array(bits)
}

/** A new verifier for this password, with a fresh random salt. */
export async function createVerifier(password: string): Promise<PasswordVerifier> {
  const salt = new Uint8Array(SALT_BYTES)
  globalThis.crypto.getRandomValues(salt)
  const hash = await derive(password, salt, VERIFIER_ITERATIONS)
  return { alg: 'PBKDF2-SHA256', iterations: VERIFIER_ITERATIONS, salt: toBase64(salt), hash: toBase64(hash) }
}

/** Whether the password is the one the verifier was made from. */
export async function checkPassword(verifier: PasswordVerifier, password: string): Promise<boolean> {
  const checked = PasswordVerifier.safeParse(verifier)
  if (!checked.success) return false
  const { salt, hash, iterations } = checked.data
  return equalBytes(await derive(password, fromBase64(salt), iterations), fromBase64(hash))
}

/** Compares every byte whatever the first difference, so the time taken says nothing. */
function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  let difference = 0
  for (let i = 0; i < a.length; i++) difference |= (a[i] as number) ^ (b[i] as number)
  return difference === 0
}
