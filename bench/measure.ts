/** Times a function: the median of `runs` runs, in milliseconds. */
export async function median(runs: number, fn: () => Promise<void> | void): Promise<number> {
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const start = performance.now()
    await fn()
    times.push(performance.now() - start)
  }
  times.sort((a, b) => a - b)
  return times[Math.floor(times.length / 2)] as number
}

/** One line of the report: the case, its time, the reference's, and the ratio that matters. */
export function report(name: string, ms: number, reference: string, refMs: number): void {
  const ratio = ms / refMs
  console.log(`${name.padEnd(46)} ${ms.toFixed(1).padStart(9)} ms   ${ratio.toFixed(2).padStart(7)} × ${reference} (${refMs.toFixed(2)} ms)`)
}
