/**
 * `npm run admin -- <command>`: what a school's administrator runs beside the relay. This reads
 * the command line (strictly: an unknown word is an error, not a guess) into one command.
 */
export type AdminCommand =
  | { name: 'help' }
  | { name: 'backup'; path: string }
  | { name: 'restore'; path: string; replace: boolean }

/** An expected failure of a command: one line that says what to do, and a non-zero exit. */
export class AdminError extends Error {
  override readonly name = 'AdminError'
}

export const ADMIN_HELP = `守望 Shouwang administration

  npm run admin -- backup PATH
      Copies both databases of the data folder (shouwang.db and access.db) into the new or
      empty folder PATH, while the relay runs. Each copy is consistent and self-contained.

  npm run admin -- restore PATH [--replace]
      Puts the backup in PATH back into the data folder. Stop the relay first. A data folder
      that already holds data is replaced only with --replace. Files erased since the backup
      stay erased.

  npm run admin -- --help
      Shows this.

The data folder is DATA_DIR (default ./data), as for npm start.`

const USAGE = 'run `npm run admin -- --help` for the commands'

export function parseAdminArgs(argv: readonly string[]): AdminCommand {
  const flags = argv.filter((a) => a.startsWith('-'))
  const words = argv.filter((a) => !a.startsWith('-'))
  if (flags.some((f) => f === '--help' || f === '-h') || words[0] === 'help') return { name: 'help' }
  const [command, path, ...rest] = words
  if (command === undefined) throw new AdminError(`no command given: ${USAGE}`)
  if (command !== 'backup' && command !== 'restore') throw new AdminError(`unknown command "${command}": ${USAGE}`)
  const allowed = command === 'restore' ? ['--replace'] : []
  const unknown = flags.find((f) => !allowed.includes(f))
  if (unknown) throw new AdminError(`unknown option "${unknown}" for ${command}: ${USAGE}`)
  if (path === undefined || path.trim() === '') throw new AdminError(`${command} needs a folder: npm run admin -- ${command} PATH`)
  if (rest.length > 0) throw new AdminError(`${command} takes one folder, not ${rest.length + 1}: put a path with spaces in quotes`)
  return command === 'backup' ? { name: 'backup', path } : { name: 'restore', path, replace: flags.includes('--replace') }
}
