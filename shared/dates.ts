/** Calendar dates are kept as ISO `YYYY-MM-DD` strings: no time zone, sortable, readable. */
export type IsoDate = string & { readonly __brand: 'IsoDate' }

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

export function parseIsoDate(raw: unknown): IsoDate | undefined {
  if (typeof raw !== 'string') return undefined
  const m = ISO_DATE.exec(raw)
  if (!m) return undefined
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const date = new Date(Date.UTC(y, mo - 1, d))
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return undefined
  if (y < 1900) return undefined
  return raw as IsoDate
}

/** Today in the user's own calendar (not UTC), as the date a helper would write on paper. */
export function todayIsoDate(now: Date = new Date()): IsoDate {
  const y = now.getFullYear()
  const m = String(now.getMonth() + 1).padStart(2, '0')
  const d = String(now.getDate()).padStart(2, '0')
  return `${y}-${m}-${d}` as IsoDate
}

/** The workspaces' own time zone: Asia/Shanghai is UTC+8 all year, with no summer time. */
const WORKSPACE_UTC_OFFSET_MS = 8 * 3600 * 1000

/**
 * Today where the workspaces are (Asia/Shanghai), whatever the machine's own zone: the relay
 * decides by it whether a pairing is in force (docs/SPEC.md P2), so a relay on a UTC server
 * does not start or end pairings eight hours late.
 */
export function workspaceToday(now: number = Date.now()): IsoDate {
  return new Date(now + WORKSPACE_UTC_OFFSET_MS).toISOString().slice(0, 10) as IsoDate
}

/** The day before `day`. */
export function dayBefore(day: IsoDate): IsoDate {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  return new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10) as IsoDate
}

/** `day` moved by `days` (negative for earlier). */
export function addDays(day: IsoDate, days: number): IsoDate {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10) as IsoDate
}

/** Whole years of age on `day` for someone born on `birth` (a birthday on 29 February comes on 1 March); undefined for a bad or later birth date. */
export function ageOn(birth: string, day: IsoDate): number | undefined {
  const born = parseIsoDate(birth)
  if (!born || born > day) return undefined
  const [by, bm, bd] = born.split('-').map(Number) as [number, number, number]
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0)
}

/**
 * The age bands of the county statistics table (附件3) and the term summary: 0–5, 6–13, 14–16.
 * A child outside them (17 or more) is counted in none, and the forms' cross-checks say so.
 */
export const AGE_BANDS = [
  { id: '0-5', from: 0, to: 5 },
  { id: '6-13', from: 6, to: 13 },
  { id: '14-16', from: 14, to: 16 },
] as const
export type AgeBand = (typeof AGE_BANDS)[number]['id']

export function ageBandOf(age: number | undefined): AgeBand | undefined {
  if (age === undefined) return undefined
  return AGE_BANDS.find((band) => age >= band.from && age <= band.to)?.id
}
