/**
 * The relay's composition root: one Hono app that serves the built client, speaks the
 * y-websocket protocol at /sync/<documentId>, and keeps documents in a DocStore.
 */
import { serve, type ServerType } from '@hono/node-server'
import { serveStatic } from '@hono/node-server/serve-static'
import { createNodeWebSocket } from '@hono/node-ws'
import { Hono } from 'hono'
import type { AddressInfo } from 'node:net'
import { relative } from 'node:path'
import { MAX_MESSAGE_BYTES } from '../shared/protocol'
import { createLogger, type Logger } from './log'
import type { DocStore } from './store/doc-store'
import { createCommitQueue } from './sync/commit-queue'
import { Rooms } from './sync/rooms'
import { syncSocket } from './sync/sync-socket'
import { handleError } from './http/errors'
import { syncApi } from './http/sync-api'

export interface RelayOptions {
  store: DocStore
  log?: Logger
  /** Folder of the built client to serve at `/`; none in tests of the relay alone. */
  staticDir?: string
  maxMessageBytes?: number
}

export function createRelay(options: RelayOptions) {
  const log = options.log ?? createLogger()
  const commits = createCommitQueue(options.store, () => log.error('store.append-failed'))
  const rooms = new Rooms(options.store, commits, log)
  const app = new Hono()
  const ws = createNodeWebSocket({ app })
  // ws closes any connection whose message is larger, with code 1009, before buffering it all.
  ws.wss.options.maxPayload = options.maxMessageBytes ?? MAX_MESSAGE_BYTES

  app.onError(handleError(log))
  app.get('/api/health', (c) => c.json({ ok: true }))
  app.route('/api', syncApi({ store: options.store, rooms, log }))
  app.get('/sync/*', syncSocket({ upgradeWebSocket: ws.upgradeWebSocket, rooms, log }))

  if (options.staticDir) {
    const root = relative(process.cwd(), options.staticDir) || '.'
    // The service worker and the page must be revalidated, or an old app outlives a release.
    app.use('*', async (c, next) => {
      await next()
      const path = c.req.path
      if (path === '/' || path.endsWith('.html') || path === '/sw.js' || path.endsWith('.webmanifest')) {
        c.header('Cache-Control', 'no-cache')
      } else if (path.startsWith('/assets/')) {
        c.header('Cache-Control', 'public, max-age=31536000, immutable')
      }
    })
    app.use('*', serveStatic({ root }))
    app.get('*', serveStatic({ root, path: 'index.html' }))
  }

  return {
    app,
    rooms,
    injectWebSocket: ws.injectWebSocket,
    /** Commits what is queued and closes every connection; the store stays open. */
    close() {
      for (const client of ws.wss.clients) client.close(1001, 'relay shutting down')
      rooms.closeAll()
    },
  }
}

export interface RunningRelay {
  port: number
  url: string
  close(): Promise<void>
}

/** Starts a relay on a port (0 for any free one), for `npm start` and for tests. */
export function listenRelay(options: RelayOptions & { port: number; hostname?: string }): Promise<RunningRelay> {
  const relay = createRelay(options)
  return new Promise((resolve) => {
    const server: ServerType = serve(
      { fetch: relay.app.fetch, port: options.port, hostname: options.hostname ?? '127.0.0.1' },
      (info: AddressInfo) => {
        resolve({
          port: info.port,
          url: `http://127.0.0.1:${info.port}`,
          close: () =>
            new Promise<void>((done) => {
              relay.close()
              server.close(() => done())
              // Idle keep-alive sockets would hold close() open.
              if ('closeAllConnections' in server) server.closeAllConnections()
            }),
        })
      },
    )
    relay.injectWebSocket(server)
  })
}
