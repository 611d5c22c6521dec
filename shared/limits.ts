/**
 * What the relay takes from one member: every limit is a named constant here, read by the relay
 * and the device alike, listed with its value in docs/SECURITY.md and ruled in docs/SPEC.md
 * section Q. A case file is text and choices, a few hundred kilobytes after years of visits, so
 * each limit is far above what honest use reaches and far below what exhausts the relay.
 */

/** Largest websocket message (ws closes 1009 before buffering it; SPEC Q1). */
export const MAX_MESSAGE_BYTES = 4 * 1024 * 1024

/** Largest single update, over a socket or an HTTP push (SPEC Q2). */
export const MAX_UPDATE_BYTES = 2 * 1024 * 1024

/** Largest file, as stored bytes (SPEC Q3): past it a write is refused and nothing stored. */
export const MAX_FILE_BYTES = 16 * 1024 * 1024

/**
 * Per connection, a token bucket of bytes and one of updates (SPEC Q4): past them the relay stops
 * reading that socket until the bucket refills, so an honest burst goes slower and nothing is lost.
 */
export const SOCKET_BYTES_PER_SECOND = 1024 * 1024
export const SOCKET_BYTES_BURST = 4 * 1024 * 1024
export const SOCKET_MESSAGES_PER_SECOND = 50
export const SOCKET_MESSAGES_BURST = 500

/** Live sockets one account may hold at once (a device opens a few; SPEC Q5). */
export const MAX_SOCKETS_PER_ACCOUNT = 32

/** Body of a request made before anyone is signed in: sign-in, setup, accepting an invite (SPEC Q6). */
export const MAX_UNAUTHENTICATED_BODY_BYTES = 16 * 1024

/**
 * Malformed messages an account's sockets may send in `STRIKE_WINDOW_MS` before its upgrades are
 * refused with 429 for `FIRST_STRIKE_WAIT_MS`, doubling each time up to `MAX_STRIKE_WAIT_MS` (SPEC Q7).
 */
export const STRIKES_PER_WINDOW = 5
export const STRIKE_WINDOW_MS = 60 * 1000
export const FIRST_STRIKE_WAIT_MS = 60 * 1000
export const MAX_STRIKE_WAIT_MS = 60 * 60 * 1000

/**
 * Updates of one connection held while what they build on has not come (SPEC Q8): a device typing
 * while it reconnects sends its edit before its sync step. Past any bound they are refused.
 */
export const HELD_MAX_UPDATES = 100
export const HELD_MAX_BYTES = 1024 * 1024
export const HELD_MAX_MS = 30_000

/**
 * What refused writes may cost the relay (SPEC Q9). Each write the relay refuses is charged
 * `REFUSAL_BASE_BYTES`, its own bytes, and the file's stored bytes when the rules refused it after
 * it was applied to the relay's guard copy (which is then rebuilt from the file: the costly part).
 * The charge is taken from a bucket of the account's and from one of the whole relay's: past
 * either, the relay stops reading the refused socket until both refill. A write that is not
 * refused is never charged, so an honest writer is not slowed by anyone's refusals.
 */
export const REFUSAL_BASE_BYTES = 4 * 1024
export const ACCOUNT_REFUSED_BYTES_PER_SECOND = 1024 * 1024
export const ACCOUNT_REFUSED_BYTES_BURST = 4 * 1024 * 1024
export const RELAY_REFUSED_BYTES_PER_SECOND = 4 * 1024 * 1024
export const RELAY_REFUSED_BYTES_BURST = 8 * 1024 * 1024

/**
 * Why the relay refused a write for a limit (y-protocols' permission denied over a socket, 403
 * `refused_write` over HTTP); the device shows `refusal.<reason>`. `messageTooLarge` is a socket
 * the relay closed with 1009.
 */
export const LimitReason = {
  messageTooLarge: 'messageTooLarge',
  updateTooLarge: 'updateTooLarge',
  fileFull: 'fileFull',
  missingDependencies: 'missingDependencies',
} as const
export type LimitReason = (typeof LimitReason)[keyof typeof LimitReason]

export function isLimitReason(reason: string): reason is LimitReason {
  return Object.values<string>(LimitReason).includes(reason)
}

/**
 * Largest edition of a published report (its JSON, SPEC J3): a term's figures are a few
 * kilobytes; the most a valid one can hold (200 activities, 100 aid sources) stays below this.
 */
export const MAX_REPORT_EDITION_BYTES = 128 * 1024
