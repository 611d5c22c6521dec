/**
 * Presence that cannot lie: each connection speaks for one awareness client id only (the
 * first it sends: a stock client sends its own state as it connects), and the `user` it shows
 * is the identity the relay authenticated, whatever the client wrote there.
 *
 * Stock y-websocket clients echo every presence change they hear, others' included; those
 * entries are dropped, not punished, so well-behaved clients are never cut off.
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import type { Identity } from '../auth/authorizer'

/**
 * Keeps only the entries of the connection's own client id, with `user` replaced by the
 * identity. Returns undefined when nothing is left to apply.
 */
export function stampPresence(
  update: Uint8Array,
  identity: Identity,
  boundClientId: number | undefined,
): { update: Uint8Array | undefined; clientId: number | undefined } {
  const decoder = decoding.createDecoder(update)
  const count = decoding.readVarUint(decoder)
  let clientId = boundClientId
  const kept: { id: number; clock: number; state: unknown }[] = []
  for (let i = 0; i < count; i++) {
    const id = decoding.readVarUint(decoder)
    const clock = decoding.readVarUint(decoder)
    const state: unknown = JSON.parse(decoding.readVarString(decoder))
    clientId ??= id
    if (id !== clientId) continue
    let stamped: unknown = null
    if (state !== null && typeof state === 'object') {
      const s = state as Record<string, unknown>
      const user = typeof s.user === 'object' && s.user !== null ? (s.user as Record<string, unknown>) : {}
      const color = typeof user.color === 'string' && /^#[0-9a-fA-F]{6}$/.test(user.color) ? user.color : undefined
      // Only the caret and the colour are the client's to say; who it is, the relay says.
      stamped = { ...s, user: { id: identity.id, name: identity.name, ...(color ? { color } : {}) } }
    }
    kept.push({ id, clock, state: stamped })
  }
  if (kept.length === 0) return { update: undefined, clientId }
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, kept.length)
  for (const entry of kept) {
    encoding.writeVarUint(encoder, entry.id)
    encoding.writeVarUint(encoder, entry.clock)
    encoding.writeVarString(encoder, JSON.stringify(entry.state))
  }
  return { update: encoding.toUint8Array(encoder), clientId }
}
