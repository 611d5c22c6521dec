import { createHash, randomBytes } from 'node:crypto'

/**
 * Session, invite and setup tokens: 256 random bits, url-safe. Only their SHA-256 is
 * stored, so a copy of the database does not let anyone sign in as anyone.
 */
export function newToken(): string {
  return randomBytes(32).toString('base64url')
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

export function isTokenShaped(raw: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(raw)
}
