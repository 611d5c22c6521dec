/**
 * Failures in the user's language: one sentence per code that says what to do next.
 * The keys are `auth.failures.<code>`; a test checks every code has one in every language.
 */
import type { TFunction } from 'i18next'
import { AuthErrorCode } from '../../shared/auth-api'
import { RelayRequestError, ClientFailure, errorCodeOf, type FailureCode } from '../runtime/sync/relay-http'

export const FAILURE_CODES: readonly FailureCode[] = [...Object.values(AuthErrorCode), ...Object.values(ClientFailure)]

export function failureMessage(t: TFunction, error: unknown): string {
  if (!(error instanceof RelayRequestError)) {
    // Not the relay's answer but a local fault (the browser's storage): the detail goes to the console.
    console.error('account', error)
    return t('auth.failures.unexpected')
  }
  if (error.code === AuthErrorCode.tooManyAttempts && error.retryAfterSeconds !== undefined) {
    return t('auth.failures.tooManyWait', { minutes: Math.max(1, Math.ceil(error.retryAfterSeconds / 60)) })
  }
  return t(`auth.failures.${error.code}`)
}

/** The stable code of a failure, for views that act on one (an invitation that is no longer valid). */
export function failureCodeOf(error: unknown): FailureCode {
  return errorCodeOf(error)
}
