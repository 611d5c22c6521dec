/** The child's case file (`<workspace>/child/<childId>`) as a kind of document (shared/docs/kind.ts). */
import { ApiPath } from '../../auth-api'
import type { DocumentKindSpec } from '../kind'
import { inspectBinWrite, mayBin } from './bin'
import { inspectChildWrite, screenChildWrite } from './child-rules'
import { inspectFactWrite, readAccessFacts, readChildClass, refusedFactChange, type FactChange } from './access-facts'
import { CHILD_SCHEMA_VERSION } from './child'
import { exportChildFile } from './export'
import { inspectPathWrite, refusePathWrite, type PathWrite } from './child-path'
import { projectChild } from './projection'

export const childKind: DocumentKindSpec = {
  kind: 'child',
  schemaVersion: CHILD_SCHEMA_VERSION,
  tables: ['children', 'records', 'pairings', 'recordSets'],
  project: projectChild,
  label: (_ref, rows) => ({ kind: 'child', name: rows.children?.[0]?.name ?? '' }),
  // Class teachers see the children of their classes; helpers only those paired with them.
  access: ({ role, childInOwnClass, childPaired }) =>
    role === 'teacher' ? (childInOwnClass?.() ? 'write' : 'none') : role === 'helper' ? (childPaired?.() ? 'write' : 'none') : 'none',
  // The relay decides access by its own tables, so a teacher's new child is theirs only once
  // the relay knows its class: told before the file's first push (docs/SPEC.md X1).
  announce(doc, ref) {
    const classId = readChildClass(doc)
    return classId !== undefined && ref.key !== undefined ? [{ path: ApiPath.childClass, body: { childId: ref.key, classId } }] : []
  },
  // The rules of the class and account pairings (access-facts.ts, docs/SPEC.md P3), the path's
  // (child-path.ts, H2, H3: who may change a child's status, and nobody takes a change out),
  // then the bin's (bin.ts, D2, D3): who may delete and restore, and nobody removes; then
  // that what it adds names its writer at a time accepted, in the file's shape (child-rules.ts, R1–R5).
  inspectWrite(doc, apply, writer, now) {
    let facts: FactChange = { accountPairings: [] }
    let path: PathWrite = { added: 0, removed: 0 }
    let signed: string | undefined
    const changes = inspectBinWrite(doc, () => (facts = inspectFactWrite(doc, () => (path = inspectPathWrite(doc, () => (signed = inspectChildWrite(doc, apply, writer, now)))))))
    const factRefusal = refusedFactChange(writer, facts)
    if (factRefusal) return { refused: factRefusal, audit: [] }
    const pathRefused = refusePathWrite(path, writer)
    if (pathRefused) return { refused: pathRefused, audit: [] }
    const refused = changes.find((change) => !mayBin(writer, change.authorId, change.action))
    if (refused) return { refused: refused.action === 'remove' ? 'removeEntry' : refused.action === 'delete' ? 'notYoursToDelete' : 'notYoursToRestore', audit: [] }
    if (signed) return { refused: signed, audit: [] }
    const binned = changes.map((change): 'deleted' | 'restored' => (change.action === 'delete' ? 'deleted' : 'restored'))
    // A change of the child's path is an audit entry too (docs/SPEC.md H2).
    return { audit: path.added > 0 ? [...binned, 'statusChanged'] : binned }
  },
  // What only adds to the file, judged on an empty document by the same rules (docs/SPEC.md Q10).
  screenWrite: screenChildWrite,
  // The relay's access follows the file's class and account pairings (docs/SPEC.md P1, P2).
  accessFacts: (doc) => readAccessFacts(doc),
  // Everything the file holds, for the guardian (export.ts, docs/SPEC.md E4).
  exportFile: exportChildFile,
}
