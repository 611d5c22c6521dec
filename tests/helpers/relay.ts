import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { listenRelay, type RunningRelay } from '../../server/app'
import { accountsAuthorizer } from '../../server/auth/accounts-authorizer'
import { allowAll } from '../../server/auth/allow-all'
import { createMemoryLogger } from '../../server/log'
import type { DocStore } from '../../server/store/doc-store'
import { openSqliteDocStore } from '../../server/store/sqlite-doc-store'
import { openAccessStore, type AccessStore } from '../../server/auth/access-store'

export interface TestRelay extends RunningRelay {
  store: DocStore
  access?: AccessStore
  dataDir: string
  logs: string[]
  /** Stops the relay and closes its store; the data folder stays for a restart. */
  stop(): Promise<void>
}

/** The SQLite file a relay keeps in its data folder (as `server/main.ts` names it). */
export function dbFileIn(dataDir: string): string {
  return join(dataDir, 'shouwang.db')
}

export function makeDataDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'shouwang-test-'))
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) }
}

export interface TestRelayOptions {
  /** A small limit lets a test send an oversize message without allocating megabytes. */
  maxMessageBytes?: number
  /** Puts something in front of the real SQLite store, to inject a storage fault. */
  wrapStore?: (store: DocStore) => DocStore
  /** Accounts and access control, as `npm start` runs (access.db in the data folder); allowAll without. */
  withAccess?: boolean
  /** The built client to serve at `/`, for the browser tests. */
  staticDir?: string
}

/** A real relay on 127.0.0.1 with real SQLite in `dataDir`, on a free port (or the one given). */
export async function startTestRelay(
  dataDir: string,
  port = 0,
  { wrapStore = (s) => s, withAccess = false, ...relayOptions }: TestRelayOptions = {},
): Promise<TestRelay> {
  const store = wrapStore(openSqliteDocStore({ file: dbFileIn(dataDir) }))
  const access = withAccess ? openAccessStore({ file: join(dataDir, 'access.db') }) : undefined
  const log = createMemoryLogger()
  const authorizer = access ? accountsAuthorizer({ access, log }) : allowAll
  const relay = await listenRelay({ store, authorizer, log, port, ...relayOptions })
  return {
    ...relay,
    store,
    ...(access ? { access } : {}),
    dataDir,
    logs: log.lines,
    stop: async () => {
      await relay.close()
      await store.close()
      access?.close()
    },
  }
}
