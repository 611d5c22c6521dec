/**
 * Who wrote an entry of the plan, and when: `{ byId, by, at }`, as the child's file signs its
 * entries (field-log.ts), so the relay's write rules can judge both kinds the same way.
 */
import type { PlanContext } from './plan'

export interface Signature {
  id: string
  name: string
  at: number
}

/** The signature a write carries: the author and their corrected clock. */
export const signed = (ctx: PlanContext) => ({ byId: ctx.author.id, by: ctx.author.name, at: ctx.now })

/** A signature as a peer wrote it: '' and 0 for what is missing or does not fit. */
export function readSignature(raw: unknown): Signature {
  const o = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {}
  return {
    id: typeof o.byId === 'string' ? o.byId.slice(0, 64) : '',
    name: typeof o.by === 'string' ? o.by.slice(0, 40) : '',
    at: typeof o.at === 'number' && Number.isFinite(o.at) ? o.at : 0,
  }
}
