/**
 * Checks every row of a roster against the case-file fields, as a form would: the report
 * names each problem by the spreadsheet's own row number and column, so the user can find
 * and fix it in the file. Rows with errors are never imported; warnings (a child who seems
 * to be in the file twice, or already in the list) are shown and left to the user.
 */
import type { IsoDate } from '../dates'
import { CHILD_FIELDS, type ChildFieldKey } from '../docs/child/child-fields'
import { checkValue, type FieldErrorCode, type FieldValue } from '../validation/fields'
import { checkMapping, type RosterMapping } from './headers'
import type { RosterColumn, RosterTable } from './table'
import { normaliseCell, type RosterCell } from './values'
import { matchClass } from './class-match'
import type { Organisation } from '../docs/settings/organisation-read'

export type RosterIssueCode = FieldErrorCode | 'dateWithoutDay' | 'duplicateInFile' | 'alreadyInList' | 'notYourClass' | 'unknownClass' | 'ambiguousClass'

export interface RosterIssue {
  /** The row number the spreadsheet shows (the header is row 1 in a plain sheet). */
  row: number
  /** The column's header as written in the file, and its letters (A, B, …). */
  column: string
  columnLetter: string
  field: ChildFieldKey
  code: RosterIssueCode
  /** Values for the message: a length limit, the row a duplicate repeats. */
  params?: Record<string, string | number>
  /** The cell as written (shortened), so the user can find it. */
  value: string
  severity: 'error' | 'warning'
}

export interface RosterRowResult {
  row: number
  /** The checked values to write, without empty ones. */
  values: Partial<Record<ChildFieldKey, FieldValue>>
  issues: RosterIssue[]
  /** No errors: the row can be imported. */
  ok: boolean
}

export interface RosterReport {
  rows: RosterRowResult[]
  /** Every issue, by row and then column. */
  issues: RosterIssue[]
  validRows: number
  errorRows: number
  /** Valid rows that have a warning. */
  warningRows: number
}

/** A child already in the list, as the local index knows it ('' for an unknown value). */
export interface ExistingChild {
  name: string
  birthDate: string
  classId: string
}

export interface ImportChoice {
  /** The user chose "import the valid rows" knowing some rows have errors. */
  validRowsOnly: boolean
  /** Leave out rows that look like a child already in the list, or repeat an earlier row. */
  skipDuplicates: boolean
}

/**
 * The rows to write: all or nothing by default. A file with any error imports nothing,
 * unless the user has explicitly chosen to import only its valid rows.
 */
export function rowsToImport(report: RosterReport, choice: ImportChoice): RosterRowResult[] {
  if (report.errorRows > 0 && !choice.validRowsOnly) return []
  return report.rows.filter((r) => r.ok && !(choice.skipDuplicates && isDuplicate(r)))
}

/** The row looks like a child already in the list, or one earlier in the file. */
export function isDuplicate(row: RosterRowResult): boolean {
  return row.issues.some((i) => i.code === 'alreadyInList' || i.code === 'duplicateInFile')
}

const SHOWN_VALUE_MAX = 40

function shown(cell: RosterCell | undefined): string {
  if (cell === undefined || cell === null) return ''
  const s = String(cell).trim()
  return [...s].length > SHOWN_VALUE_MAX ? `${[...s].slice(0, SHOWN_VALUE_MAX).join('')}…` : s
}

/**
 * The same child twice: same name and birth date; without a birth date, same name and
 * class. A warning only: two children may share a name, and the user knows which.
 */
function sameChildKey(name: string, birthDate: string, classId: string): string {
  return birthDate !== '' ? `${name}\u0000b${birthDate}` : `${name}\u0000c${classId}`
}

const str = (v: FieldValue | undefined) => (typeof v === 'string' ? v : '')

/**
 * Checks every row; `mapping` must pass `checkMapping` (the mapping step makes sure it does).
 * `classes`: the only classes the importer may file children into (a teacher's own, SPEC X3);
 * a row in any other class, or in none, is an error. Absent: any class (a coordinator).
 * `organisation`: the class column's text is matched to its classes (class-match.ts, SPEC H8);
 * `classLabel` names them in the importer's words in a message.
 */
export function validateRoster(
  table: RosterTable,
  mapping: RosterMapping,
  today: IsoDate,
  options: { existing?: readonly ExistingChild[]; classes?: readonly string[]; organisation?: Organisation; classLabel?: (classId: string) => string } = {},
): RosterReport {
  const problems = checkMapping(mapping)
  if (problems.length > 0) throw new Error(`roster mapping is not usable: ${problems.map((p) => p.code).join(', ')}`)
  const mapped = table.columns.flatMap((column, i) => {
    const field = mapping[i]
    return field ? [{ column, field }] : []
  })
  const nameColumn = mapped.find((m) => m.field === 'name')?.column as RosterColumn
  const classColumn = mapped.find((m) => m.field === 'classId')?.column ?? nameColumn
  const allowedClasses = options.classes
  const existing = new Set((options.existing ?? []).map((c) => sameChildKey(c.name, c.birthDate, c.classId)))
  const firstRowOf = new Map<string, number>()

  const rows = table.rows.map((gridRow): RosterRowResult => {
    const values: Partial<Record<ChildFieldKey, FieldValue>> = {}
    const issues: RosterIssue[] = []
    const issue = (
      column: RosterColumn,
      field: ChildFieldKey,
      code: RosterIssueCode,
      severity: RosterIssue['severity'],
      params?: Record<string, string | number>,
    ) =>
      issues.push({
        row: gridRow.row,
        column: column.header,
        columnLetter: column.letter,
        field,
        code,
        ...(params ? { params } : {}),
        value: shown(gridRow.cells[column.index]),
        severity,
      })

    for (const { column, field } of mapped) {
      const normalised = normaliseCell(field, gridRow.cells[column.index] ?? null)
      if (field === 'classId' && options.organisation && normalised.ok && typeof normalised.value === 'string' && normalised.value.trim() !== '') {
        const matched = matchClass(normalised.value, options.organisation)
        if (matched.ok) values.classId = matched.classId
        else issue(column, field, matched.code, 'error')
        continue
      }
      if (!normalised.ok) {
        issue(column, field, normalised.code, 'error')
        continue
      }
      const checked = checkValue(CHILD_FIELDS[field].kind, normalised.value, { today })
      if (!checked.ok) issue(column, field, checked.error.code, 'error', checked.error.params)
      else if (checked.value !== null) values[field] = checked.value
    }
    if (values.name === undefined && !issues.some((i) => i.field === 'name')) issue(nameColumn, 'name', 'required', 'error')
    if (allowedClasses && !issues.some((i) => i.field === 'classId') && !allowedClasses.includes(str(values.classId))) {
      issue(classColumn, 'classId', 'notYourClass', 'error', { classes: allowedClasses.map((id) => options.classLabel?.(id) ?? id).join('、') })
    }

    if (values.name !== undefined) {
      const key = sameChildKey(values.name as string, str(values.birthDate), str(values.classId))
      const first = firstRowOf.get(key)
      if (first !== undefined) issue(nameColumn, 'name', 'duplicateInFile', 'warning', { row: first })
      else firstRowOf.set(key, gridRow.row)
      if (existing.has(key)) issue(nameColumn, 'name', 'alreadyInList', 'warning')
    }
    return { row: gridRow.row, values, issues, ok: !issues.some((i) => i.severity === 'error') }
  })

  const order = new Map(table.columns.map((c, i) => [c.letter, i]))
  const issues = rows
    .flatMap((r) => r.issues)
    .sort((a, b) => a.row - b.row || (order.get(a.columnLetter) ?? 0) - (order.get(b.columnLetter) ?? 0))
  return {
    rows,
    issues,
    validRows: rows.filter((r) => r.ok).length,
    errorRows: rows.filter((r) => !r.ok).length,
    warningRows: rows.filter((r) => r.ok && r.issues.length > 0).length,
  }
}
