/**
 * One row per child's file holding every record row of that file, packed into one string
 * (docs/SPEC.md I12). The due list and the figures read every record of the workspace; read
 * from the records table that is one IndexedDB value per record (200,000 at 10,000 children),
 * and a browser's structured clone pays per value, so the read alone took seconds. Read from
 * here it is one string per child, parsed by JSON.parse, and gives back exactly the rows the
 * records table holds, in the same order: the pages' figures cannot change by the route.
 *
 * The packing is a flat JSON array, FIELDS_PER_RECORD values per record: JSON escapes whatever
 * a peer wrote into a field, so no value can break the framing.
 */
import type { RecordRow } from './rows'

/** The records of one child's file, packed (`RecordSetRow.packed`). */
export interface RecordSetRow {
  childId: string
  docId: string
  packed: string
}

type Packed = string | number | null

/** The order records are kept in: the records table's, by primary key (SPEC I5's `<childId>/<recordId>`). */
const byId = (a: RecordRow, b: RecordRow) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

/** The values kept for one record, in this order; `id`, `childId` and `docId` are the child's. */
const FIELDS_PER_RECORD = 9

/** The record set of one child's file from its record rows (which all name that child). */
export function packRecordSet(childId: string, docId: string, records: readonly RecordRow[]): RecordSetRow {
  const flat: Packed[] = []
  for (const r of records.slice().sort(byId)) flat.push(r.recordId, r.type, r.date, r.authorId, r.authorName, r.method, r.amountYuan, r.source, r.planItem)
  return { childId, docId, packed: JSON.stringify(flat) }
}

const text = (value: Packed | undefined) => (typeof value === 'string' ? value : '')

/** The record rows a set was packed from, appended to `out`; a set that does not parse gives none. */
export function unpackRecordSet(row: RecordSetRow, out: RecordRow[] = []): RecordRow[] {
  let flat: unknown
  try {
    flat = JSON.parse(row.packed)
  } catch {
    return out
  }
  if (!Array.isArray(flat)) return out
  const values = flat as Packed[]
  const { childId, docId } = row
  for (let i = 0; i + FIELDS_PER_RECORD <= values.length; i += FIELDS_PER_RECORD) {
    const recordId = text(values[i])
    const amount = values[i + 6]
    out.push({
      id: `${childId}/${recordId}`,
      childId,
      recordId,
      docId,
      type: text(values[i + 1]),
      date: text(values[i + 2]),
      authorId: text(values[i + 3]),
      authorName: text(values[i + 4]),
      method: text(values[i + 5]),
      amountYuan: typeof amount === 'number' ? amount : null,
      source: text(values[i + 7]),
      planItem: text(values[i + 8]),
    })
  }
  return out
}

/**
 * Every record row of these sets, in the records table's order: the sets sorted as their
 * records' ids sort (a child id holds no '/', so `<childId>/` orders the children as the ids do).
 */
export function unpackRecordSets(rows: readonly RecordSetRow[]): RecordRow[] {
  const keyed = rows.map((row) => [`${row.childId}/`, row] as const).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
  const out: RecordRow[] = []
  for (const [, row] of keyed) unpackRecordSet(row, out)
  return out
}
