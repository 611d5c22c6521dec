/**
 * The relay's access tables follow the children's files (docs/SPEC.md P1, P2): after each
 * committed update the relay reads the file's class and account pairings, and this keeps
 * child_classes and file_pairings to them, in one transaction, auditing each change ('moved'
 * with the old and new class, 'paired' and 'unpaired' with the member). Whichever device moved
 * the child or paired a member, even offline and synced days later, access follows the file.
 */
import { workspaceToday } from '../../shared/dates'
import type { ChildAccessFacts, FactPairing } from '../../shared/docs/child/access-facts'
import { isActivePairing } from '../../shared/docs/child/pairings'
import type { AccessStore } from './access-store'

const same = (a: readonly FactPairing[], b: readonly FactPairing[]) => JSON.stringify(a) === JSON.stringify(b)

/** Keeps the tables to the facts; returns the members whose access may have changed. */
export function learnChildFacts(
  access: AccessStore,
  workspace: string,
  childId: string,
  facts: ChildAccessFacts,
  by: string | null,
  now = Date.now(),
): string[] {
  const docId = `${workspace}/child/${childId}`
  const affected = new Set<string>()
  access.transaction(() => {
    const oldClass = access.childClass(workspace, childId)
    // A file that names no class keeps the class the relay was told (X1): nothing is taken away.
    if (facts.classId !== undefined && facts.classId !== oldClass) {
      access.setChildClass(workspace, childId, facts.classId)
      for (const classId of [oldClass, facts.classId]) {
        if (classId !== undefined) for (const teacher of access.teachersOf(workspace, classId)) affected.add(teacher)
      }
      if (oldClass !== undefined) access.audit(workspace, by, docId, 'moved', null, `${oldClass} → ${facts.classId}`)
    }
    const old = access.filePairings(workspace, childId)
    if (same(old, facts.pairings)) return
    access.setFilePairings(workspace, childId, facts.pairings)
    const today = workspaceToday(now)
    const inForce = (list: readonly FactPairing[]) => new Set(list.filter((p) => isActivePairing(p, today)).map((p) => p.userId))
    const before = inForce(old)
    const after = inForce(facts.pairings)
    for (const userId of after) if (!before.has(userId)) access.audit(workspace, by, docId, 'paired', null, userId)
    for (const userId of before) if (!after.has(userId)) access.audit(workspace, by, docId, 'unpaired', null, userId)
    // Every member named before or after: a pairing starting or ending another day changes them too.
    for (const p of [...old, ...facts.pairings]) affected.add(p.userId)
  })
  return [...affected]
}
