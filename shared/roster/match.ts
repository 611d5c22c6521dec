/**
 * A roster imported again updates the children it already made (docs/SPEC.md H5, H6): each
 * valid row is matched against the children this device holds, on the student number
 * (學籍號) when the row has one, otherwise on name and date of birth. A row that matches one
 * child is an update, of only the fields whose value changes; one that matches none is a new
 * child; one that matches several (two children with the same name and birthday), or a child
 * an earlier row already matched, is shown and skipped, never guessed.
 */
import type { ChildFieldKey } from '../docs/child/child-fields'
import type { FieldValue } from '../validation/fields'
import type { RosterRowResult } from './validate'

/** A child this device holds, as its index row names it ('' for an unknown value). */
export interface KnownChild {
  id: string
  name: string
  birthDate: string
  studentNumber: string
}

export type RowPlan =
  | { kind: 'new'; row: RosterRowResult }
  | { kind: 'update'; row: RosterRowResult; childId: string; on: 'studentNumber' | 'nameAndBirth' }
  | { kind: 'ambiguous'; row: RosterRowResult; childIds: string[]; why: 'severalChildren' | 'matchedByEarlierRow' }

export interface FieldChange {
  field: ChildFieldKey
  old: FieldValue | undefined
  new: FieldValue
}

/** "g 4403 0120…" and "G4403０120…" are one number: case, width and spaces are how it was typed. */
export const studentNumberKey = (raw: string) => raw.normalize('NFKC').replace(/\s+/g, '').toUpperCase()
const nameBirthKey = (name: string, birthDate: string) => `${name}\u0000${birthDate}`

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>()
  for (const item of items) {
    const k = key(item)
    if (k === '') continue
    const list = out.get(k)
    if (list) list.push(item)
    else out.set(k, [item])
  }
  return out
}

const str = (v: FieldValue | undefined) => (typeof v === 'string' ? v : '')

/**
 * Plans every row that passed the check (rows with errors are never imported). A row with
 * a student number that no child has is matched by name and birth date among the children
 * with no student number (filed before numbers were kept); a child with another number is
 * another child.
 */
export function matchRosterRows(rows: readonly RosterRowResult[], known: readonly KnownChild[]): RowPlan[] {
  const byNumber = groupBy(known, (c) => studentNumberKey(c.studentNumber))
  const byNameBirth = groupBy(known, (c) => (c.name !== '' && c.birthDate !== '' ? nameBirthKey(c.name, c.birthDate) : ''))
  const claimed = new Set<string>()
  const plans: RowPlan[] = []
  for (const row of rows) {
    if (!row.ok) continue
    const number = studentNumberKey(str(row.values.studentNumber))
    const name = str(row.values.name)
    const birth = str(row.values.birthDate)
    let on: 'studentNumber' | 'nameAndBirth' = 'studentNumber'
    let found = number === '' ? undefined : byNumber.get(number)
    if (!found && name !== '' && birth !== '') {
      on = 'nameAndBirth'
      found = byNameBirth.get(nameBirthKey(name, birth))?.filter((c) => number === '' || studentNumberKey(c.studentNumber) === '')
    }
    if (!found || found.length === 0) plans.push({ kind: 'new', row })
    else if (found.length > 1) plans.push({ kind: 'ambiguous', row, childIds: found.map((c) => c.id), why: 'severalChildren' })
    else {
      const childId = (found[0] as KnownChild).id
      if (claimed.has(childId)) plans.push({ kind: 'ambiguous', row, childIds: [childId], why: 'matchedByEarlierRow' })
      else {
        claimed.add(childId)
        plans.push({ kind: 'update', row, childId, on })
      }
    }
  }
  return plans
}

/**
 * What an update row would change in the child's file: each value the row gives that differs
 * from the file's. An empty cell changes nothing (a roster that leaves a column blank does not
 * erase what a teacher wrote).
 */
export function fieldChanges(
  current: Partial<Record<ChildFieldKey, { value: FieldValue }>>,
  values: Partial<Record<ChildFieldKey, FieldValue>>,
): FieldChange[] {
  const out: FieldChange[] = []
  for (const [field, value] of Object.entries(values) as [ChildFieldKey, FieldValue][]) {
    const old = current[field]?.value
    // The same number typed another way is no change.
    if (field === 'studentNumber' && typeof old === 'string' && studentNumberKey(old) === studentNumberKey(String(value))) continue
    if (old !== value) out.push({ field, old, new: value })
  }
  return out
}
