import { createHash, randomBytes } from 'node:crypto'

/**
 * Session, invite and setup tokens: 256 random bits, url-safe. Only their SHA-256 is
 * stored, so a copy of the database does not let anyone sign in as anyone. Their shape
 * (43 characters) is shared/ids.ts TOKEN_PATTERN, which a test holds `newToken` to.
 */
export function newToken(): string {
  return randomBytes(32).toString('base64url')
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}
