/**
 * Test factories for a child's case file, on the schema's own functions (shared/docs/child/child.ts):
 * write and edit with a test author, read back the four fields the first slice had.
 */
import type * as Y from 'yjs'
import { todayIsoDate, type IsoDate } from '../../shared/dates'
import { createChildFile, readChildFile, setChildFields, type EditContext } from '../../shared/docs/child/child'
import type { ChildFieldKey } from '../../shared/docs/child/child-fields'

export const TEST_AUTHOR = { id: 'test-author', name: '測試老師' }

const context = (today: IsoDate): EditContext => ({ author: TEST_AUTHOR, today, now: Date.now() })

/** Starts a child's file; throws if a value is refused, so a test never runs on a half-written file. */
export function writeChild(doc: Y.Doc, fields: Partial<Record<ChildFieldKey, unknown>>, today: IsoDate = todayIsoDate()): void {
  const errors = createChildFile(doc, fields, context(today))
  if (Object.keys(errors).length > 0) throw new Error(`refused: ${JSON.stringify(errors)}`)
}

/** Changes fields (an undefined or '' value clears one); throws if a value is refused. */
export function editChild(doc: Y.Doc, fields: Partial<Record<ChildFieldKey, unknown>>, today: IsoDate = todayIsoDate()): void {
  const errors = setChildFields(doc, fields, context(today))
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
