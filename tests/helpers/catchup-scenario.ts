/**
 * The catch-up scenario of docs/SPEC.md S10 and bench item 5: a workspace of children's files
 * on a real relay, written through its own push API as a colleague's device would, and edits
 * made to them while a helper's device was away. Returns the bytes of the updates it made, the
 * measure a catch-up is held to.
 */
import * as Y from 'yjs'
import { encodeBytes } from '../../shared/api'
import { childDocumentId, toWorkspaceId, type DocumentId } from '../../shared/doc-id'
import { todayIsoDate } from '../../shared/dates'
import { authorOf } from './accounts'
import { editChild, writeChild } from './child-file'

export interface Colleague {
  relayUrl: string
  session: { token: string; user: { id: string; displayName: string } }
}

export interface Files {
  ids: DocumentId[]
  docs: Y.Doc[]
}

async function push(who: Colleague, updates: { docId: string; update: Uint8Array }[]): Promise<void> {
  const response = await fetch(`${who.relayUrl}/api/push`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${who.session.token}` },
    body: JSON.stringify({ updates: updates.map((u) => ({ docId: u.docId, update: encodeBytes(u.update) })) }),
  })
  if (!response.ok) throw new Error(`push answered ${response.status}: ${await response.text()}`)
}

/** `n` children's files (numbered from `first`), pushed 100 to a request. */
export async function writeFiles(who: Colleague, n: number, first = 0, workspace = 'school-1'): Promise<Files> {
  const author = authorOf(who.session)
  const ids: DocumentId[] = []
  const docs: Y.Doc[] = []
  for (let i = first; i < first + n; i++) {
    const doc = new Y.Doc()
    writeChild(doc, { name: `學生${i}`, classId: `class-${i % 12}` }, todayIsoDate(), author)
    ids.push(childDocumentId(toWorkspaceId(workspace), `child-${i.toString(36).padStart(4, '0')}`))
    docs.push(doc)
  }
  for (let i = 0; i < n; i += 100) {
    await push(
      who,
      docs.slice(i, i + 100).map((doc, j) => ({ docId: ids[i + j] as string, update: Y.encodeStateAsUpdate(doc) })),
    )
  }
  return { ids, docs }
}

/**
 * `count` edits, round-robin over the files (a name, a class or a gender changed), each its own
 * update as a person's edit is; pushed in batches of distinct files. Returns their bytes.
 */
export async function editFiles(who: Colleague, files: Files, count: number, seed = 0): Promise<number> {
  const author = authorOf(who.session)
  let bytes = 0
  let batch: { docId: string; update: Uint8Array }[] = []
  const n = files.docs.length
  for (let i = 0; i < count; i++) {
    const k = (i + seed) % n
    const doc = files.docs[k] as Y.Doc
    const made: Uint8Array[] = []
    const take = (u: Uint8Array) => void made.push(u)
    doc.on('update', take)
    const change = i % 3
    editChild(doc, change === 0 ? { name: `學生${k}號${i}` } : change === 1 ? { classId: `class-${(i + 5) % 12}` } : { gender: i % 2 === 0 ? 'female' : 'male' }, todayIsoDate(), author)
    doc.off('update', take)
    if (made.length === 0) continue
    const update = made.length === 1 ? (made[0] as Uint8Array) : Y.mergeUpdates(made)
    bytes += update.length
    if (batch.length >= 100 || batch.some((u) => u.docId === files.ids[k])) {
      await push(who, batch)
      batch = []
    }
    batch.push({ docId: files.ids[k] as string, update })
  }
  if (batch.length > 0) await push(who, batch)
  return bytes
}
