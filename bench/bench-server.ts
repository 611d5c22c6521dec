/**
 * One server of the relay benchmarks, in a process of its own so that its CPU and memory are its
 * own: `node --import tsx bench/bench-server.ts <shouwang|hocuspocus|forwarder>` prints
 * `PORT <n>` once it listens. Shouwang is the relay with its real SQLite store, committing every
 * update before forwarding it, its mechanics alone (allowAll: one caller, whose socket limits are
 * lifted so that 500 connections of one account are let in); Hocuspocus runs with its defaults
 * (acks from memory, nothing stored); the forwarder sends each message to the other sockets of
 * its path and keeps nothing: the wire's limit here.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { WebSocketServer, type WebSocket } from 'ws'

const kind = process.argv[2]

async function shouwang(): Promise<number> {
  const { listenRelay } = await import('../server/app')
  const { allowAll } = await import('../server/auth/allow-all')
  const { createMemoryLogger } = await import('../server/log')
  const { openSqliteDocStore } = await import('../server/store/sqlite-doc-store')
  const dir = mkdtempSync(join(tmpdir(), 'shouwang-fanout-'))
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }))
  const store = openSqliteDocStore({ file: join(dir, 'docs.db') })
  const many = 1_000_000_000
  const relay = await listenRelay({
    store,
    authorizer: allowAll,
    port: 0,
    log: createMemoryLogger(),
    limits: { socketsPerAccount: 100_000, messagesPerSecond: many, messagesBurst: many, bytesPerSecond: many, bytesBurst: many },
  })
  return Number(new URL(relay.url).port)
}

async function hocuspocus(): Promise<number> {
  const { Server } = await import('@hocuspocus/server')
  const server = new Server({ port: 0, quiet: true })
  await server.listen()
  return server.address.port
}

function forwarder(): Promise<number> {
  const paths = new Map<string, Set<WebSocket>>()
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' })
  wss.on('connection', (socket, request) => {
    const path = request.url ?? '/'
    const peers = paths.get(path) ?? new Set<WebSocket>()
    paths.set(path, peers)
    peers.add(socket)
    socket.on('message', (data: Buffer) => {
      for (const peer of peers) if (peer !== socket) peer.send(data)
    })
    socket.on('close', () => peers.delete(socket))
  })
  return new Promise((resolve) => wss.on('listening', () => resolve((wss.address() as { port: number }).port)))
}

const port = kind === 'shouwang' ? await shouwang() : kind === 'hocuspocus' ? await hocuspocus() : kind === 'forwarder' ? await forwarder() : undefined
if (port === undefined) {
  console.error(`unknown server ${kind}`)
  process.exit(2)
}
console.log(`PORT ${port}`)
process.on('SIGTERM', () => process.exit(0))
