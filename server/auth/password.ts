/**
 * Passwords are kept as salted scrypt hashes (Node's crypto, memory-hard): the password
 * itself is never stored or logged. The hash names its parameters, so they can be raised
 * later without breaking the hashes already stored.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto'
import { PASSWORD_MAX } from '../../shared/auth-api'

const N = 2 ** 15
const R = 8
const P = 1
const KEY_LENGTH = 32

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, { ...options, maxmem: 128 * options.N! * options.r! * 2 }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  )
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16)
  const key = await derive(password, salt, { N, r: R, p: P })
  return ['scrypt', N, R, P, salt.toString('base64'), key.toString('base64')].join('$')
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  if (password.length > PASSWORD_MAX) return false
  const parts = stored.split('$')
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false
  const [n, r, p] = parts.slice(1, 4).map(Number)
  if (!n || !r || !p) return false
  const expected = Buffer.from(parts[5] as string, 'base64')
  const key = await derive(password, Buffer.from(parts[4] as string, 'base64'), { N: n, r, p })
  return key.length === expected.length && timingSafeEqual(key, expected)
}
