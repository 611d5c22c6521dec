/**
 * The limits one write meets before the relay applies it anywhere (SPEC Q2, Q3, Q8): checked from
 * the update's size, the file's stored bytes and the guard's state vector, so refusing a write
 * costs a decode, never a rebuild of the file. A refusal is a RefusedWrite: over a socket the
 * device is told why and the socket stays open; over HTTP it is 403 `refused_write`.
 */
import { missingDependencies } from '../../shared/dependencies'
import { HELD_MAX_BYTES, HELD_MAX_MS, HELD_MAX_UPDATES, LimitReason, MAX_FILE_BYTES, MAX_UPDATE_BYTES } from '../../shared/limits'

export interface WriteLimits {
  maxUpdateBytes: number
  maxFileBytes: number
  /** What one connection may have held while what it builds on has not come (SPEC Q8). */
  heldMaxUpdates: number
  heldMaxBytes: number
  heldMaxMs: number
}

export const DEFAULT_WRITE_LIMITS: WriteLimits = {
  maxUpdateBytes: MAX_UPDATE_BYTES,
  maxFileBytes: MAX_FILE_BYTES,
  heldMaxUpdates: HELD_MAX_UPDATES,
  heldMaxBytes: HELD_MAX_BYTES,
  heldMaxMs: HELD_MAX_MS,
}

/** Why the update is refused, or undefined if it is within every limit. */
export function limitRefusal(
  update: Uint8Array,
  storedBytes: number,
  stateVector: () => Map<number, number>,
  limits: WriteLimits,
): LimitReason | undefined {
  if (update.byteLength > limits.maxUpdateBytes) return LimitReason.updateTooLarge
  if (storedBytes + update.byteLength > limits.maxFileBytes) return LimitReason.fileFull
  // What it builds on never arrived: stored, it would be served to every newcomer and never apply.
  if (missingDependencies(update, stateVector())) return LimitReason.missingDependencies
  return undefined
}
