import * as Y from 'yjs'
import type { DocStore } from '../../server/store/doc-store'
import { openSqliteDocStore } from '../../server/store/sqlite-doc-store'
import { dbFileIn } from './relay'

/** The document exactly as the store holds it, rebuilt from its stored updates alone. */
export async function loadStoredDoc(store: DocStore, docId: string): Promise<Y.Doc> {
  const doc = new Y.Doc()
  for (const update of (await store.load(docId)).updates) Y.applyUpdate(doc, update)
  return doc
}

/** Opens the data folder's SQLite file afresh (as a restarted relay would) and loads one document. */
export async function loadDocFromDataDir(dataDir: string, docId: string): Promise<Y.Doc> {
  const store = openSqliteDocStore({ file: dbFileIn(dataDir) })
  try {
    return await loadStoredDoc(store, docId)
  } finally {
    await store.close()
  }
}
