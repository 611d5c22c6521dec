/** `npm start`: the relay on its embedded defaults (SQLite under ./data, port 8787). */
import { resolve } from 'node:path'
import { listenRelay } from './app'
import { createLogger } from './log'
import { openAccessStore } from './auth/access-store'
import { accountsAuthorizer } from './auth/accounts-authorizer'
import { DataDirBusy, accessFileIn, docsFileIn, holdDataDir } from './store/data-dir'
import { openSqliteDocStore } from './store/sqlite-doc-store'
import { COMPACT_AFTER } from './sync/room'

const log = createLogger()
const port = Number(process.env.PORT ?? 8787)
const dataDir = resolve(process.env.DATA_DIR ?? './data')
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  log.error('config.bad-port', { port: String(process.env.PORT) })
  process.exit(1)
}

// One relay per data folder, and none while a restore replaces its files (SPEC E3).
let hold: { release(): void }
try {
  hold = holdDataDir(dataDir, 'relay')
} catch (error) {
  if (!(error instanceof DataDirBusy)) throw error
  log.error('relay.data-dir-busy')
  process.stderr.write(`Shouwang cannot start: ${error.message}\n`)
  process.exit(1)
}
// Each document's log merged into one row on start when it grew past the rooms' own threshold (docs/SPEC.md S15).
const store = openSqliteDocStore({ file: docsFileIn(dataDir), compactAbove: COMPACT_AFTER })
const access = openAccessStore({ file: accessFileIn(dataDir) })
const relay = await listenRelay({
  store,
  // Accounts, always: allowAll is for tests and benchmarks, and lint keeps it out of server/.
  authorizer: accountsAuthorizer({ access, log }),
  log,
  port,
  hostname: process.env.HOST ?? '0.0.0.0',
  staticDir: resolve(process.env.STATIC_DIR ?? 'dist/client'),
})
log.info('relay.listening', { port: relay.port, dataDir })
process.stdout.write(`守望 Shouwang is running: open http://localhost:${relay.port}\n`)
const setup = relay.setupToken()
if (setup) {
  // Printed once, to the console of whoever started the relay, never to the log; the token
  // sits after '#', which browsers do not send to any server.
  process.stdout.write(`First start: create the first coordinator at http://localhost:${relay.port}/#/setup/${setup}\n`)
}

const stop = async () => {
  await relay.close()
  await store.close()
  access.close()
  hold.release()
  process.exit(0)
}
process.on('SIGINT', () => void stop())
process.on('SIGTERM', () => void stop())
