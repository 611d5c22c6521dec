/** The two shapes every figure takes: a count by some value, and a ratio with its parts. */

/** How many of each value ('' for "not given"). */
export type Count = Record<string, number>

export interface Ratio {
  count: number
  of: number
  /** count ÷ of, or null when there is nothing to divide by (shown as "—", never as 0% or 100%). */
  rate: number | null
}

export function countBy(values: readonly string[]): Count {
  const out: Count = {}
  for (const value of values) out[value] = (out[value] ?? 0) + 1
  return out
}

export function ratio(count: number, of: number): Ratio {
  return { count, of, rate: of > 0 ? count / of : null }
}

/** The sum of a count's values, or of the given keys only. */
export function total(count: Count, keys?: readonly string[]): number {
  return (keys ?? Object.keys(count)).reduce((sum, key) => sum + (count[key] ?? 0), 0)
}
