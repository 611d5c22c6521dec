import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { listenRelay, type RelayOptions, type RunningRelay } from '../../server/app'
import { openAccessStore, type AccessStore } from '../../server/auth/access-store'
import { accountsAuthorizer } from '../../server/auth/accounts-authorizer'
import type { Authorizer } from '../../server/auth/authorizer'
import { createMemoryLogger } from '../../server/log'
import type { DocStore } from '../../server/store/doc-store'
import { accessFileIn as accessFile, docsFileIn, holdDataDir } from '../../server/store/data-dir'
import { openSqliteDocStore } from '../../server/store/sqlite-doc-store'
import { setUpCoordinator } from './accounts'

export interface TestRelay extends RunningRelay {
  store: DocStore
  access: AccessStore
  dataDir: string
  logs: string[]
  /**
   * Sets up the first coordinator through the one-time setup token, as a person would on first
   * start, and returns their bearer token (which a restart on the same folder keeps valid).
   */
  setUpCoordinator(): Promise<string>
  /** Stops the relay and closes its stores; the data folder stays for a restart. */
  stop(): Promise<void>
}

/** The SQLite file a relay keeps in its data folder (as `server/main.ts` names it). */
export function dbFileIn(dataDir: string): string {
  return docsFileIn(dataDir)
}

/** The accounts file beside it (as `server/main.ts` names it). */
export function accessFileIn(dataDir: string): string {
  return accessFile(dataDir)
}

export function makeDataDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'shouwang-test-'))
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) }
}

export interface TestRelayOptions {
  /** A small limit lets a test send an oversize message without allocating megabytes. */
  maxMessageBytes?: number
  /** Small limits (SPEC Q) let a test pass them without sending megabytes. */
  limits?: NonNullable<RelayOptions['limits']>
  /** Puts something in front of the real SQLite store, to inject a storage fault. */
  wrapStore?: (store: DocStore) => DocStore
  /** The built client to serve at `/`, for the browser tests. */
  staticDir?: string
  /** Puts something in front of the accounts Authorizer, to see what the relay grants whom. */
  wrapAuthorizer?: (authorizer: Authorizer) => Authorizer
}

/**
 * A real relay on 127.0.0.1 composed as `npm start` composes it: it holds `dataDir` (its lock
 * file), with real SQLite and accounts (access.db) there, on a free port (or the one given).
 * Restarted on the same folder, it keeps its documents and its accounts, so sessions made
 * before go on working.
 */
export async function startTestRelay(dataDir: string, port = 0, { wrapStore = (s) => s, wrapAuthorizer = (a) => a, ...relayOptions }: TestRelayOptions = {}): Promise<TestRelay> {
  const hold = holdDataDir(dataDir, 'relay')
  const store = wrapStore(openSqliteDocStore({ file: dbFileIn(dataDir) }))
  const access = openAccessStore({ file: accessFileIn(dataDir) })
  const log = createMemoryLogger()
  const relay = await listenRelay({ store, authorizer: wrapAuthorizer(accountsAuthorizer({ access, log })), log, port, ...relayOptions })
  const testRelay: TestRelay = {
    ...relay,
    store,
    access,
    dataDir,
    logs: log.lines,
    setUpCoordinator: async () => (await setUpCoordinator(testRelay)).token,
    stop: async () => {
      await relay.close()
      await store.close()
      access.close()
      hold.release()
    },
  }
  return testRelay
}
