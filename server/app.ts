/**
 * The relay's composition root: one Hono app that serves the built client, speaks the
 * y-websocket protocol at /sync/<documentId>, and keeps documents in a DocStore.
 */
import { serve, type ServerType } from '@hono/node-server'
import { serveStatic } from '@hono/node-server/serve-static'
import { createNodeWebSocket } from '@hono/node-ws'
import { Hono, type Context } from 'hono'
import type { AddressInfo } from 'node:net'
import { relative } from 'node:path'
import { MAX_MESSAGE_BYTES } from '../shared/protocol'
import { createLogger, type Logger } from './log'
import type { DocStore } from './store/doc-store'
import { createCommitQueue } from './sync/commit-queue'
import { Rooms } from './sync/rooms'
import { syncDocumentId, syncSocket } from './sync/sync-socket'
import { handleError } from './http/errors'
import { syncApi } from './http/sync-api'
import { authApi } from './http/auth-api'
import { requestPrincipal, requireMember } from './http/session'
import type { AccessStore } from './auth/access-store'
import { accessToDocument, readScope, type Principal } from './auth/authorize'
import { hashToken, newToken } from './auth/tokens'
import { LiveConnections } from './sync/live-connections'
import type { SocketAccess } from './sync/sync-socket'

export interface RelayOptions {
  store: DocStore
  log?: Logger
  /** Folder of the built client to serve at `/`; none in tests of the relay alone. */
  staticDir?: string
  maxMessageBytes?: number
  /**
   * Accounts and access. With it (as `npm start` always runs), no document byte leaves the
   * relay before the connection is signed in and allowed; tests of the sync mechanics alone
   * may leave it out.
   */
  access?: AccessStore
  secureCookies?: boolean
}

export function createRelay(options: RelayOptions) {
  const log = options.log ?? createLogger()
  const commits = createCommitQueue(options.store, () => log.error('store.append-failed'))
  const rooms = new Rooms(options.store, commits, log)
  const app = new Hono<{ Variables: { socketAccess: SocketAccess } }>()
  const ws = createNodeWebSocket({ app })
  // ws closes any connection whose message is larger, with code 1009, before buffering it all.
  ws.wss.options.maxPayload = options.maxMessageBytes ?? MAX_MESSAGE_BYTES

  app.onError(handleError(log))
  app.get('/api/health', (c) => c.json({ ok: true }))

  const access = options.access
  let setupToken: string | undefined
  let live: LiveConnections | undefined
  if (access) {
    // First start on an empty data folder: a one-time link to create the first coordinator.
    if (access.isEmpty()) setupToken = newToken()
    live = new LiveConnections(access, log)
    const liveConnections = live
    const principal = (c: Context) => requireMember(access, c)
    app.route(
      '/api',
      authApi({
        access,
        log,
        setupTokenHash: () => (setupToken ? hashToken(setupToken) : undefined),
        onSetupDone: () => (setupToken = undefined),
        onAccessChanged: (userId) => liveConnections.recheck(userId),
        ...(options.secureCookies !== undefined ? { secureCookies: options.secureCookies } : {}),
      }),
    )
    const guard = {
      principal,
      access: (who: Principal, docId: string) => accessToDocument(access, who, docId),
      scope: (who: Principal) => readScope(access, who),
    }
    app.route('/api', syncApi({ store: options.store, rooms, log, guard }))
    // Decided before the upgrade: a refused connection gets an HTTP status and no document byte.
    app.use('/sync/*', async (c, next) => {
      const who = requestPrincipal(access, c)
      if (!who) return c.body(null, 401)
      const docId = syncDocumentId(c.req.path)
      const granted = docId ? accessToDocument(access, who, docId) : 'none'
      if (granted === 'none') return c.body(null, 403)
      c.set('socketAccess', { principal: who, access: granted } satisfies SocketAccess)
      await next()
    })
  } else {
    app.route('/api', syncApi({ store: options.store, rooms, log }))
  }
  app.get(
    '/sync/*',
    syncSocket({
      upgradeWebSocket: ws.upgradeWebSocket,
      rooms,
      log,
      ...(live ? { live } : {}),
      ...(access ? { audit: (who: Principal, docId: string, action: 'opened' | 'changed') => access.audit(who.workspace, who.user.id, docId, action) } : {}),
    }),
  )

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
    setupToken: () => setupToken,
    injectWebSocket: ws.injectWebSocket,
    /** Closes every connection and commits what is queued; the store stays open. */
    async close(): Promise<void> {
      live?.destroy()
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
