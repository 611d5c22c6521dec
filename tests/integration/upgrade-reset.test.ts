/**
 * A client that resets its TCP connection in the middle of a refused websocket upgrade (a
 * phone losing signal) must not crash the relay: found in a browser run.
 */
import { connect } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeDataDir, startTestRelay, type TestRelay } from '../helpers/relay'

describe('relay: resets during the upgrade', () => {
  let data: ReturnType<typeof makeDataDir>
  let relay: TestRelay
  beforeAll(async () => {
    data = makeDataDir()
    relay = await startTestRelay(data.dir)
  })
  afterAll(async () => {
    await relay.stop()
    data.remove()
  })

  it('survives clients that reset before reading the refusal, and keeps serving', async () => {
    for (let i = 0; i < 20; i++) {
      await new Promise<void>((done) => {
        const socket = connect(relay.port, '127.0.0.1', () => {
          socket.write(
            'GET /sync/school-1/settings HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
              'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
          )
          setTimeout(() => {
            socket.resetAndDestroy()
            done()
          }, i % 5)
        })
        socket.on('error', () => {})
      })
    }
    const health = await fetch(`${relay.url}/api/health`)
    expect(await health.json()).toEqual({ ok: true })
  })
})
