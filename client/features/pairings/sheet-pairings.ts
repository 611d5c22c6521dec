/**
 * Pairings read from a coordinator's spreadsheet (SPEC W3): each row names a child and a helper,
 * and maybe a kind and a start. A row is paired only when it points at exactly one child, one
 * member and a known kind; any other row is skipped with its reason, never guessed. Pure, so the
 * preview and what is applied are the same thing.
 */
import { parseIsoDate, type IsoDate } from '../../../shared/dates'
import { PAIRING_KINDS, type PairingKind } from '../../../shared/docs/child/pairings'
import type { ChildRow } from '../../../shared/indexes/rows'
import { isEmptyCell, type RosterTable } from '../../../shared/roster/table'
import en from '../../i18n/locales/pairings/en.json'
import zhHans from '../../i18n/locales/pairings/zh-Hans.json'
import zhHant from '../../i18n/locales/pairings/zh-Hant.json'
import { isActiveChild } from './who-helps-whom'

export type SheetColumn = 'child' | 'studentNumber' | 'className' | 'helper' | 'kind' | 'from'

/** Words a header is recognised by, in the three languages (compared without spaces or case). */
const HEADER_WORDS: Record<SheetColumn, readonly string[]> = {
  studentNumber: ['學籍號', '学籍号', '學號', '学号', 'studentnumber', 'studentno'],
  className: ['班級', '班级', '班', 'class', 'classname'],
  kind: ['類型', '类型', '結對類型', '结对类型', '身份', 'kind', 'type'],
  from: ['開始', '开始', '開始日期', '开始日期', '起始日期', '自', 'from', 'since', 'start', 'startdate'],
  helper: ['幫扶人', '帮扶人', '結對人', '结对人', '幫扶者', '帮扶者', '用戶名', '用户名', 'helper', 'username', 'member'],
  child: ['兒童', '儿童', '學生', '学生', '姓名', '兒童姓名', '儿童姓名', '學生姓名', '学生姓名', 'child', 'name', 'pupil'],
}

const norm = (s: string) => s.normalize('NFKC').replace(/\s+/g, '').toLowerCase()
const text = (cell: unknown) => (isEmptyCell(cell as never) ? '' : String(cell).trim())

/** Which column holds what, from the header: the first column whose header is one of the words. */
export function sheetColumns(table: RosterTable): Partial<Record<SheetColumn, number>> {
  const out: Partial<Record<SheetColumn, number>> = {}
  for (const column of table.columns) {
    const header = norm(column.header)
    const field = (Object.keys(HEADER_WORDS) as SheetColumn[]).find((f) => out[f] === undefined && HEADER_WORDS[f].includes(header))
    if (field) out[field] = column.index
  }
  return out
}

/** A kind by its label in any of the three languages, or by its code. */
const KIND_LABELS: ReadonlyMap<string, PairingKind> = new Map(
  PAIRING_KINDS.flatMap((kind) => [kind, en.kinds[kind], zhHans.kinds[kind], zhHant.kinds[kind]].map((label) => [norm(label), kind] as const)),
)
export const kindFromLabel = (label: string): PairingKind | undefined => KIND_LABELS.get(norm(label))

export interface SheetMember {
  id: string
  username: string
  displayName: string
}

export type SkipReason = 'noChildName' | 'noChild' | 'severalChildren' | 'noHelperName' | 'noHelper' | 'severalHelpers' | 'unknownKind' | 'badDate'

export interface SheetPair {
  row: number
  child: ChildRow
  helper: SheetMember
  kind: PairingKind
  from: IsoDate
}

export interface SkippedRow {
  row: number
  /** The child and helper as the row writes them, so the coordinator can find it. */
  child: string
  helper: string
  reason: SkipReason
}

export interface SheetMatch {
  pairs: SheetPair[]
  skipped: SkippedRow[]
}

export interface MatchInput {
  table: RosterTable
  columns: Partial<Record<SheetColumn, number>>
  children: readonly ChildRow[]
  members: readonly SheetMember[]
  /** Each class's labels, in every language the sheet might be written in. */
  classLabels: ReadonlyMap<string, readonly string[]>
  /** For rows with no kind or no start. */
  kind: PairingKind
  from: IsoDate
}

/** `2026/9/1` and `2026-09-01` alike (an .xlsx date cell is already ISO). */
function sheetDate(raw: string): IsoDate | undefined {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(raw)
  return m ? parseIsoDate(`${m[1]}-${m[2]?.padStart(2, '0')}-${m[3]?.padStart(2, '0')}`) : undefined
}

export function matchSheetPairings(input: MatchInput): SheetMatch {
  const children = input.children.filter(isActiveChild)
  const classesByLabel = new Map<string, Set<string>>()
  for (const [classId, labels] of input.classLabels) for (const label of labels) {
    const key = norm(label)
    classesByLabel.set(key, (classesByLabel.get(key) ?? new Set()).add(classId))
  }
  const cell = (cells: readonly unknown[], column: SheetColumn) => {
    const index = input.columns[column]
    return index === undefined ? '' : text(cells[index])
  }
  const out: SheetMatch = { pairs: [], skipped: [] }
  for (const { row, cells } of input.table.rows) {
    const childName = cell(cells, 'child')
    const number = cell(cells, 'studentNumber')
    const className = cell(cells, 'className')
    const helperName = cell(cells, 'helper')
    const skip = (reason: SkipReason) => void out.skipped.push({ row, child: childName || number, helper: helperName, reason })
    if (childName === '' && number === '') {
      skip('noChildName')
      continue
    }
    let found: ChildRow[]
    if (number !== '') found = children.filter((c) => c.studentNumber !== '' && norm(c.studentNumber) === norm(number))
    else {
      found = children.filter((c) => norm(c.name) === norm(childName))
      if (className !== '') {
        const classes = classesByLabel.get(norm(className)) ?? new Set<string>()
        found = found.filter((c) => classes.has(c.classId))
      }
    }
    if (found.length === 0) {
      skip('noChild')
      continue
    }
    if (found.length > 1) {
      skip('severalChildren')
      continue
    }
    if (helperName === '') {
      skip('noHelperName')
      continue
    }
    // A username is unique; a display name may not be.
    const byUsername = input.members.filter((m) => norm(m.username) === norm(helperName))
    const helpers = byUsername.length > 0 ? byUsername : input.members.filter((m) => norm(m.displayName) === norm(helperName))
    if (helpers.length === 0) {
      skip('noHelper')
      continue
    }
    if (helpers.length > 1) {
      skip('severalHelpers')
      continue
    }
    const kindText = cell(cells, 'kind')
    const kind = kindText === '' ? input.kind : kindFromLabel(kindText)
    if (!kind) {
      skip('unknownKind')
      continue
    }
    const fromText = cell(cells, 'from')
    const from = fromText === '' ? input.from : sheetDate(fromText)
    if (!from) {
      skip('badDate')
      continue
    }
    out.pairs.push({ row, child: found[0] as ChildRow, helper: helpers[0] as SheetMember, kind, from })
  }
  return out
}
