/**
 * Runs one admin command and says how it went: a summary on `out`, or one line on `err` and a
 * non-zero exit code (1 for a refusal or failure, 2 for a command line that could not be read).
 * Nothing here logs a name, a phone or a token: there are none to log.
 */
import { resolve } from 'node:path'
import { backupDataDir } from './backup'
import { ADMIN_HELP, AdminError, parseAdminArgs, type AdminCommand } from './commands'
import { restoreBackup } from './restore'

export interface AdminEnv {
  /** The relay's data folder (DATA_DIR, as for npm start). */
  dataDir: string
  out: (line: string) => void
  err: (line: string) => void
}

export async function runAdmin(argv: readonly string[], env: AdminEnv): Promise<number> {
  let command: AdminCommand
  try {
    command = parseAdminArgs(argv)
  } catch (error) {
    if (!(error instanceof AdminError)) throw error
    env.err(`shouwang admin: ${error.message}`)
    return 2
  }
  try {
    await run(command, env)
    return 0
  } catch (error) {
    if (!(error instanceof AdminError)) throw error
    env.err(`shouwang admin: ${error.message}`)
    return 1
  }
}

async function run(command: AdminCommand, { dataDir, out }: AdminEnv): Promise<void> {
  switch (command.name) {
    case 'help':
      out(ADMIN_HELP)
      return
    case 'backup': {
      const { folder, files } = await backupDataDir(dataDir, command.path)
      const sizes = files.map((f) => `${f.name} (${kilobytes(f.bytes)}, schema ${f.version})`).join(' and ')
      out(`Backed up ${sizes} from ${resolve(dataDir)} to ${folder}`)
      return
    }
    case 'restore': {
      const { dataDir: target, erasedAgain } = await restoreBackup(command.path, dataDir, { replace: command.replace })
      const again = erasedAgain > 0 ? `; ${erasedAgain} file(s) erased since the backup stay erased` : ''
      out(`Restored ${resolve(command.path)} into ${target}${again}. Start the relay with npm start.`)
      return
    }
  }
}

const kilobytes = (bytes: number) => `${Math.max(1, Math.round(bytes / 1024))} KB`
