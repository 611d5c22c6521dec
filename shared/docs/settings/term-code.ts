/**
 * A term's code, `<year>-<season>`: `2026-autumn` is the autumn term that starts in 2026 and
 * opens the 2026–27 school year, `2027-spring` its second term. The year is the calendar year
 * the term starts in, so codes sort by year and then spring before autumn. A code is the key
 * of the term's plan and report documents (`<ws>/plan/2026-autumn`), so it matches
 * DOCUMENT_KEY_PATTERN of shared/ids.ts and never changes once a term is made.
 */
export const TERM_SEASONS = ['spring', 'autumn'] as const
export type TermSeason = (typeof TERM_SEASONS)[number]

export type TermCode = string & { readonly __brand: 'TermCode' }

export const MIN_TERM_YEAR = 2000
export const MAX_TERM_YEAR = 2100

const TERM_CODE = /^(\d{4})-(spring|autumn)$/

export function termCode(year: number, season: TermSeason): TermCode | undefined {
  if (!Number.isInteger(year) || year < MIN_TERM_YEAR || year > MAX_TERM_YEAR) return undefined
  return `${year}-${season}` as TermCode
}

export function parseTermCode(raw: unknown): { code: TermCode; year: number; season: TermSeason } | undefined {
  if (typeof raw !== 'string') return undefined
  const m = TERM_CODE.exec(raw)
  if (!m) return undefined
  const year = Number(m[1])
  const season = m[2] as TermSeason
  const code = termCode(year, season)
  return code ? { code, year, season } : undefined
}

export function isTermCode(raw: unknown): raw is TermCode {
  return parseTermCode(raw) !== undefined
}

/** The school year a term belongs to, by the year it starts in: `2027-spring` is in 2026. */
export function schoolYearOf(code: TermCode): number {
  const parsed = parseTermCode(code)
  if (!parsed) throw new Error(`not a term code: ${code}`)
  return parsed.season === 'autumn' ? parsed.year : parsed.year - 1
}

/** Calendar order of two codes (year, then spring before autumn). */
export function compareTermCodes(a: TermCode, b: TermCode): number {
  const pa = parseTermCode(a)
  const pb = parseTermCode(b)
  if (!pa || !pb) return a < b ? -1 : a > b ? 1 : 0
  return pa.year - pb.year || TERM_SEASONS.indexOf(pa.season) - TERM_SEASONS.indexOf(pb.season)
}
