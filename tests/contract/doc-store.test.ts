/**
 * The DocStore contract against every implementation: SQLite on a real file in a folder of
 * its own (closed and opened again to prove what it keeps), and the memory store. Its `erase`
 * tests check SPEC E5 and SPEC E6 against each of them.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { DocStore } from '../../server/store/doc-store'
import { openMemoryDocStore } from '../../server/store/memory-doc-store'
import { openSqliteDocStore } from '../../server/store/sqlite-doc-store'
import { docStoreContract } from './doc-store.contract'

docStoreContract('SQLite on a file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'shouwang-contract-'))
  // In a folder that does not exist yet, as a first start's data folder.
  const file = join(dir, 'data', 'shouwang.db')
  let current: DocStore = openSqliteDocStore({ file })
  return {
    store: current,
    reopen: async () => {
      await current.close()
      current = openSqliteDocStore({ file })
      return current
    },
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  }
})

docStoreContract('memory', () => ({ store: openMemoryDocStore() }))
