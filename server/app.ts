/**
 * The relay's composition root: one Hono app that serves the built client, speaks the
 * y-websocket protocol at /sync/<documentId>, and keeps documents in a DocStore. Who may do
 * what is the Authorizer's to say, on every path: before the upgrade, on every /api/* sync
 * route, in presence, in the audit trail and in the live re-check of connections. There is
 * one composition, whichever Authorizer is given (`npm start` gives the accounts one).
 */
import { serve, type ServerType } from '@hono/node-server'
import { serveStatic } from '@hono/node-server/serve-static'
import { createNodeWebSocket } from '@hono/node-ws'
import { Hono } from 'hono'
import type { AddressInfo } from 'node:net'
import { relative } from 'node:path'
import { RELAY_TIME_HEADER } from '../shared/clock'
import { MAX_MESSAGE_BYTES } from '../shared/limits'
import type { Authorizer, AuthorizerHooks } from './auth/authorizer'
import { handleError } from './http/errors'
import { fileApi } from './http/file-api'
import { sameOrigin } from './http/same-origin'
import { pageHeaders } from './http/page-headers'
import { syncApi } from './http/sync-api'
import { createLogger, type Logger } from './log'
import type { DocStore } from './store/doc-store'
import { createCommitQueue } from './sync/commit-queue'
import { LiveConnections } from './sync/live-connections'
import { Rooms } from './sync/rooms'
import { AccountGate, DEFAULT_SOCKET_LIMITS, type SocketLimits } from './sync/socket-limits'
import { DEFAULT_WRITE_LIMITS, type WriteLimits } from './sync/write-limits'
import { syncAccess, syncSocket, type SocketAccess } from './sync/sync-socket'

export interface RelayOptions {
  store: DocStore
  /** Who may do what: `accountsAuthorizer` as `npm start` runs, `allowAll` for tests of the mechanics only. */
  authorizer: Authorizer
  log?: Logger
  /** Folder of the built client to serve at `/`; none in tests of the relay alone. */
  staticDir?: string
  maxMessageBytes?: number
  /** What one member may take (SPEC Q); the defaults are shared/limits.ts, tests give small ones. */
  limits?: Partial<WriteLimits & SocketLimits>
}

export function createRelay(options: RelayOptions) {
  const { store, authorizer } = options
  const log = options.log ?? createLogger()
  const commits = createCommitQueue(store, () => log.error('store.append-failed'))
  const live = new LiveConnections(log)
  const gate = new AccountGate({ ...DEFAULT_SOCKET_LIMITS, ...options.limits })
  const writeLimits = { ...DEFAULT_WRITE_LIMITS, ...options.limits }
  // Access follows the files (docs/SPEC.md P1, P2, P4): after each committed update the
  // authorizer keeps its tables to the file, and the members it affects are re-checked and told.
  const rooms = new Rooms(store, commits, log, (docId, facts, by) => {
    const affected = authorizer.learn(docId, facts, by)
    for (const userId of affected) live.recheck(userId)
    live.tellAccessChanged(affected)
  }, writeLimits)
  const app = new Hono<{ Variables: { socketAccess: SocketAccess } }>()
  const ws = createNodeWebSocket({ app })
  // ws closes any connection whose message is larger, with code 1009, before buffering it all.
  ws.wss.options.maxPayload = options.maxMessageBytes ?? MAX_MESSAGE_BYTES

  app.onError(handleError(log))
  // Every answer says the relay's time, so devices can correct their clocks (shared/clock.ts).
  app.use('/api/*', async (c, next) => {
    await next()
    c.header(RELAY_TIME_HEADER, String(Date.now()))
  })
  // What the browser may load and who may frame the app, on every answer (http/page-headers.ts).
  app.use('*', pageHeaders())
  // Another site's page may neither change anything nor open a document (http/same-origin.ts).
  app.use('/api/*', sameOrigin())
  app.use('/sync/*', sameOrigin({ all: true }))
  app.get('/api/health', (c) => c.json({ ok: true }))
  const isErased = async (docId: string) => (await store.erasedAmong([docId])).has(docId)
  const editDocument: AuthorizerHooks['editDocument'] = (docId, edit, writer) =>
    rooms.holding([docId], async ([room]) => room?.applyEdit(edit, writer))
  app.route('/api', authorizer.routes({ onAccessChanged: (userId) => live.recheck(userId), isErased, editDocument }))
  app.route('/api', syncApi({ store, rooms, log, authorizer }))
  app.route('/api', fileApi({ store, rooms, live, authorizer, log }))
  // Decided before the upgrade: a refused connection gets an HTTP status and no document byte.
  app.use('/sync/*', syncAccess(authorizer, log, isErased, gate))
  app.get('/sync/*', syncSocket({ upgradeWebSocket: ws.upgradeWebSocket, rooms, log, live, gate }))

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
    live,
    /** The one-time setup token while no account exists (printed by `npm start`). */
    setupToken: () => authorizer.setupToken(),
    injectWebSocket: ws.injectWebSocket,
    /** Closes every connection and commits what is queued; the store stays open. */
    async close(): Promise<void> {
      live.destroy()
      for (const client of ws.wss.clients) client.close(1001, 'relay shutting down')
      await rooms.closeAll()
    },
  }
}

export interface RunningRelay {
  port: number
  url: string
  /** The one-time setup token while no account exists. */
  setupToken(): string | undefined
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
          setupToken: relay.setupToken,
          close: async () => {
            await relay.close()
            await new Promise<void>((done) => {
              server.close(() => done())
              // Idle keep-alive sockets would hold close() open.
              if ('closeAllConnections' in server) server.closeAllConnections()
            })
          },
        })
      },
    )
    // A client that resets its connection mid-handshake (a phone losing signal, a browser giving
    // up on a refused upgrade) must not take the relay down: the upgrade path writes its answer
    // on the raw socket, which has no error listener of its own.
    server.prependListener('upgrade', (_request, socket) => {
      socket.on('error', () => socket.destroy())
    })
    relay.injectWebSocket(server)
  })
}
