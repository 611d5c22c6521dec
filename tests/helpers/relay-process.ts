import { spawn, type ChildProcess } from 'node:child_process'
import { resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { TOKEN_SHAPE } from '../../shared/ids'

const SETUP_LINK = new RegExp(`#/setup/(${TOKEN_SHAPE})`)

export interface RelayProcess {
  port: number
  url: string
  /** The process group: the tsx launcher's pid, which is also the group id of the relay under it. */
  group: number
  /** Every line the relay wrote to stderr, JSON log lines and anything else. */
  logs: string[]
  /** Signals the relay and everything it started (tsx runs the relay in a child process of its own). */
  kill(signal: NodeJS.Signals): void
  /** The one-time setup token the relay printed on stdout, once it has (empty data folder only). */
  setupToken(): string | undefined
  /** Resolves once the process has exited. */
  exited: Promise<void>
  /** Asks the relay to shut down as `npm start` would be asked, and waits until it has. */
  stop(): Promise<void>
}

/**
 * `npm start` as a real child process: `tsx server/main.ts` on a free port with its data in
 * `dataDir`. It runs in a process group of its own, so that a SIGKILL reaches the relay itself,
 * not only the tsx launcher in front of it (which cannot forward a SIGKILL). `port` 0 picks a free
 * one; a fixed one lets clients reconnect by themselves to a restarted relay (the benchmarks).
 */
export function spawnRelay(dataDir: string, staticDir: string, timeoutMs = 20_000, port = 0): Promise<RelayProcess> {
  // BENCH_RELAY_PROFILE=<folder>: the relay writes a CPU profile there when it stops (a benchmark looked into).
  // Node itself then, with tsx as its loader: NODE_OPTIONS may not carry --cpu-prof.
  const profile = process.env.BENCH_RELAY_PROFILE
  const [command, args] = profile
    ? [process.execPath, ['--cpu-prof', `--cpu-prof-dir=${resolve(profile)}`, '--import', 'tsx', 'server/main.ts']]
    : [resolve('node_modules/.bin/tsx'), ['server/main.ts']]
  const child = spawn(command, args, {
    cwd: resolve('.'),
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, STATIC_DIR: staticDir },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const stderr = child.stderr
  if (!stderr || !child.stdout) throw new Error('the relay process has no stderr pipe')
  const logs: string[] = []
  let setupToken: string | undefined
  createInterface({ input: child.stdout }).on('line', (line) => {
    setupToken ??= SETUP_LINK.exec(line)?.[1]
  })
  const exited = new Promise<void>((done) => child.once('exit', () => done()))
  const kill = (signal: NodeJS.Signals) => killGroup(child, signal)
  const stop = async () => {
    // tsx forwards SIGTERM to the relay and exits when it has; anything left over is killed.
    child.kill('SIGTERM')
    await exited
    kill('SIGKILL')
  }

  return new Promise((resolvePort, reject) => {
    const timer = setTimeout(() => {
      kill('SIGKILL')
      reject(new Error(`the relay did not start within ${timeoutMs} ms:\n${logs.join('\n')}`))
    }, timeoutMs)
    void exited.then(() => {
      clearTimeout(timer)
      reject(new Error(`the relay exited before listening:\n${logs.join('\n')}`))
    })
    createInterface({ input: stderr }).on('line', (line) => {
      logs.push(line)
      const listening = listeningPort(line)
      if (listening === undefined) return
      clearTimeout(timer)
      resolvePort({ port: listening, group: child.pid ?? 0, url: `http://127.0.0.1:${listening}`, logs, kill, exited, stop, setupToken: () => setupToken })
    })
  })
}

function listeningPort(line: string): number | undefined {
  try {
    const entry: unknown = JSON.parse(line)
    if (typeof entry !== 'object' || entry === null) return undefined
    const { event, port } = entry as { event?: unknown; port?: unknown }
    return event === 'relay.listening' && typeof port === 'number' ? port : undefined
  } catch {
    return undefined // not a log line (a warning printed by a library)
  }
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return
  try {
    process.kill(-child.pid, signal)
  } catch {
    // The group is already gone.
  }
}
