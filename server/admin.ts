/** `npm run admin -- <command>`: backups and restores of the data folder (server/admin/). */
import { resolve } from 'node:path'
import { runAdmin } from './admin/run'

const code = await runAdmin(process.argv.slice(2), {
  dataDir: resolve(process.env.DATA_DIR ?? './data'),
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
})
process.exitCode = code
