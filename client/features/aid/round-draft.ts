/**
 * A round's recipients as the page edits them (SPEC G1): the children chosen, one amount for
 * all and the changes per child, a source per child; turned into the change `saveRound` writes,
 * with each child's amount checked first so the page can say whose is wrong.
 */
import type { Recipient } from '../../../shared/docs/plan/distribution'
import { checkValue, number, type FieldError } from '../../../shared/validation/fields'
import type { IsoDate } from '../../../shared/dates'

const AMOUNT = number(0, 1_000_000, 2)

export interface RoundDraft {
  /** The chosen children, in the order they were chosen. */
  chosen: string[]
  /** The amount for all, as typed. */
  amount: string
  /** Amounts typed for one child, instead of the one for all. */
  amounts: Record<string, string>
  /** Sources typed for one child, where it differs from the round's. */
  sources: Record<string, string>
}

/** The draft of a round as saved: its children, their amounts and sources. */
export function draftOf(recipients: readonly Recipient[]): RoundDraft {
  const first = recipients[0]?.amountYuan
  const same = recipients.every((r) => r.amountYuan === first)
  return {
    chosen: recipients.map((r) => r.childId),
    amount: first !== undefined && same ? String(first) : '',
    amounts: same ? {} : Object.fromEntries(recipients.map((r) => [r.childId, String(r.amountYuan)])),
    sources: Object.fromEntries(recipients.filter((r) => r.source).map((r) => [r.childId, r.source as string])),
  }
}

/** The amount a child gets as typed (their own, else the one for all). */
export const amountOf = (draft: RoundDraft, childId: string): string => draft.amounts[childId] ?? draft.amount

/** What saving the draft changes, or which child's amount is wrong and why. */
export function changeOf(draft: RoundDraft, saved: readonly Recipient[]): { set: Recipient[]; remove: string[] } | { errors: Record<string, FieldError> } {
  const errors: Record<string, FieldError> = {}
  const set: Recipient[] = []
  const far = '9999-12-31' as IsoDate
  for (const childId of draft.chosen) {
    const checked = checkValue(AMOUNT, amountOf(draft, childId), { today: far })
    if (!checked.ok) errors[childId] = checked.error
    else if (typeof checked.value !== 'number') errors[childId] = { code: 'required' }
    else {
      const source = draft.sources[childId]?.trim()
      set.push({ childId, amountYuan: checked.value, ...(source ? { source } : {}) })
    }
  }
  if (Object.keys(errors).length > 0) return { errors }
  const chosen = new Set(draft.chosen)
  return { set, remove: saved.filter((r) => !chosen.has(r.childId)).map((r) => r.childId) }
}

/** An amount in yuan as the reader writes money: ¥25,612.80. */
export function formatYuan(amount: number, language: string): string {
  return new Intl.NumberFormat(language, { style: 'currency', currency: 'CNY', currencyDisplay: 'narrowSymbol' }).format(amount)
}
