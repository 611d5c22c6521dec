/**
 * Test factories for a child's case file, on the schema's own functions (shared/docs/child/child.ts):
 * write and edit as a given author (through a relay: the account the test connects with, whom
 * the relay's rules expect, docs/SPEC.md R1), read back the four fields the first slice had.
 */
import type * as Y from 'yjs'
import { todayIsoDate, type IsoDate } from '../../shared/dates'
import { createChildFile, readChildFile, setChildFields, type EditContext } from '../../shared/docs/child/child'
import type { ChildFieldKey } from '../../shared/docs/child/child-fields'

/** The author of a file that never reaches a relay of accounts. */
export const TEST_AUTHOR = { id: 'test-author', name: '測試老師' }

type Author = EditContext['author']
const context = (today: IsoDate, author: Author): EditContext => ({ author, today, now: Date.now() })

/** Starts a child's file; throws if a value is refused, so a test never runs on a half-written file. */
export function writeChild(doc: Y.Doc, fields: Partial<Record<ChildFieldKey, unknown>>, today: IsoDate = todayIsoDate(), author: Author = TEST_AUTHOR): void {
  const errors = createChildFile(doc, fields, context(today, author))
  if (Object.keys(errors).length > 0) throw new Error(`refused: ${JSON.stringify(errors)}`)
}

/** Changes fields (an undefined or '' value clears one); throws if a value is refused. */
export function editChild(doc: Y.Doc, fields: Partial<Record<ChildFieldKey, unknown>>, today: IsoDate = todayIsoDate(), author: Author = TEST_AUTHOR): void {
  const errors = setChildFields(doc, fields, context(today, author))
  if (Object.keys(errors).length > 0) throw new Error(`refused: ${JSON.stringify(errors)}`)
}

/** Name and class ('' when empty), gender and birth date (undefined when empty). */
export function childProfile(doc: Y.Doc) {
  const { fields } = readChildFile(doc)
  const text = (key: ChildFieldKey) => {
    const value = fields[key]?.value
    return typeof value === 'string' ? value : undefined
  }
  return { name: text('name') ?? '', classId: text('classId') ?? '', gender: text('gender'), birthDate: text('birthDate') }
}
