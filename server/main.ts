/** `npm start`: the relay on its embedded defaults (SQLite under ./data, port 8787). */
import { join, resolve } from 'node:path'
import { listenRelay } from './app'
import { createLogger } from './log'
import { openSqliteDocStore } from './store/sqlite-doc-store'

const log = createLogger()
const port = Number(process.env.PORT ?? 8787)
const dataDir = resolve(process.env.DATA_DIR ?? './data')
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  log.error('config.bad-port', { port: String(process.env.PORT) })
  process.exit(1)
}

const store = openSqliteDocStore({ file: join(dataDir, 'shouwang.db') })
const relay = await listenRelay({
  store,
  log,
  port,
  hostname: process.env.HOST ?? '0.0.0.0',
  staticDir: resolve(process.env.STATIC_DIR ?? 'dist/client'),
})
log.info('relay.listening', { port: relay.port, dataDir })
process.stdout.write(`守望 Shouwang is running: open http://localhost:${relay.port}\n`)

const stop = async () => {
  await relay.close()
  store.close()
  process.exit(0)
}
process.on('SIGINT', () => void stop())
process.on('SIGTERM', () => void stop())
