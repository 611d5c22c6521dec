/**
 * The relay's log: one JSON line per event. Never pass document content, names, phone
 * numbers, passwords or tokens here; ids and counts are enough to follow a problem.
 */
export type LogFields = Record<string, string | number | boolean | undefined>

export interface Logger {
  info(event: string, fields?: LogFields): void
  warn(event: string, fields?: LogFields): void
  error(event: string, fields?: LogFields): void
}

export function createLogger(write: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): Logger {
  const log = (level: string) => (event: string, fields: LogFields = {}) =>
    write(JSON.stringify({ t: new Date().toISOString(), level, event, ...fields }))
  return { info: log('info'), warn: log('warn'), error: log('error') }
}

/** A logger that keeps lines in memory, for tests that check what was logged. */
export function createMemoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = []
  return { ...createLogger((l) => lines.push(l)), lines }
}
