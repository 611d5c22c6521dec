import { WebSocket } from 'ws'
import { listenRelay } from '/work/main/server/app'
import { createMemoryLogger } from '/work/main/server/log'
import { openSqliteDocStore } from '/work/main/server/store/sqlite-doc-store'
const log = createMemoryLogger()
const relay = await listenRelay({ store: openSqliteDocStore({ file: ':memory:' }), log, port: 0, maxMessageBytes: 1024 })
const ws = new WebSocket(`ws://127.0.0.1:${relay.port}/sync/s1/child/abc`)
ws.on('open', () => ws.send(new Uint8Array(4096)))
ws.on('close', async (code, reason) => { console.log('closed', code, String(reason)); setTimeout(async () => { console.log(log.lines); await relay.close() }, 100) })
