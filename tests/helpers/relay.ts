import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { listenRelay, type RunningRelay } from '../../server/app'
import { createMemoryLogger } from '../../server/log'
import type { DocStore } from '../../server/store/doc-store'
import { openSqliteDocStore } from '../../server/store/sqlite-doc-store'

export interface TestRelay extends RunningRelay {
  store: DocStore
  dataDir: string
  logs: string[]
  /** Stops the relay and closes its store; the data folder stays for a restart. */
  stop(): Promise<void>
}

export function makeDataDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'shouwang-test-'))
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) }
}

/** A real relay on 127.0.0.1 with real SQLite in `dataDir`, on a free port (or the one given). */
export async function startTestRelay(dataDir: string, port = 0): Promise<TestRelay> {
  const store = openSqliteDocStore({ file: join(dataDir, 'shouwang.db') })
  const log = createMemoryLogger()
  const relay = await listenRelay({ store, log, port })
  return {
    ...relay,
    store,
    dataDir,
    logs: log.lines,
    stop: async () => {
      await relay.close()
      store.close()
    },
  }
}
