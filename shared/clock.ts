/**
 * Device clocks are wrong (a phone a year off is common in a village), and the later write of
 * a short field wins (shared/docs/child/field-log.ts, docs/SPEC.md C1). So every write carries
 * the device's time corrected by its offset from the relay's clock, measured whenever the
 * device was last online: the relay stamps each HTTP answer with its time, and the device
 * takes the relay's time at the middle of the request's round trip.
 */
export const RELAY_TIME_HEADER = 'x-relay-time'

/** A round trip longer than this says too little about when the relay stamped its answer. */
export const MAX_ROUND_TRIP_MS = 10_000

/** What to add to the device's clock to read the relay's, from one request; undefined if unusable. */
export function offsetFrom(sentAt: number, receivedAt: number, relayTime: number): number | undefined {
  if (![sentAt, receivedAt, relayTime].every(Number.isFinite) || receivedAt < sentAt || receivedAt - sentAt > MAX_ROUND_TRIP_MS) return undefined
  return Math.round(relayTime - (sentAt + receivedAt) / 2)
}

export interface Clock {
  /** Milliseconds since 1970 by the relay's clock, as near as this device knows it. */
  now(): number
}
