/**
 * A member's own phone (printed on a child's contact card, docs/SPEC.md M1), checked as every
 * phone field is (fields.ts, the phone kind) and kept normalised; empty means none.
 */
import { z } from 'zod'
import type { IsoDate } from '../dates'
import { checkValue, phone } from './fields'

export const AccountPhone = z
  .string()
  .max(40)
  .transform((raw, ctx) => {
    // The phone kind does not look at the date; the context is the form's.
    const checked = checkValue(phone, raw, { today: '2000-01-01' as IsoDate })
    if (!checked.ok) {
      ctx.addIssue({ code: 'custom', message: 'not a phone number' })
      return z.NEVER
    }
    return typeof checked.value === 'string' ? checked.value : null
  })
