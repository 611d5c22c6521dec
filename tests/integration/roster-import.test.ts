/**
 * Roster import, from the file's bytes to the local store: a 2,000-row .xlsx and CSVs in
 * UTF-8 (with BOM) and GB18030 with bad rows are read by the client's own reader, the
 * report names exactly the bad rows and columns, the valid rows become case files, and
 * nothing else in the workspace changes. A file that is not a roster changes nothing.
 */
import ExcelJS from 'exceljs'
import * as Y from 'yjs'
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { toWorkspaceId } from '../../shared/doc-id'
import type { IsoDate } from '../../shared/dates'
import { guessMapping } from '../../shared/roster/headers'
import { rowsToImport, validateRoster, type RosterReport } from '../../shared/roster/validate'
import { readChildFile} from '../../shared/docs/child/child'
import { TEST_AUTHOR, writeChild } from '../helpers/child-file'
import type { ChildFieldKey } from '../../shared/docs/child/child-fields'
import type { FieldValue } from '../../shared/validation/fields'
import { importRosterRows, type ImportOutcome } from '../../client/features/import/import-roster'
import { readRoster, readRosterFile, RosterReadError, type RosterFile } from '../../client/features/import/read-roster'
import { openDb } from '../../client/runtime/store/db'
import { loadStoredUpdate } from '../../client/runtime/store/doc-persistence'
import { createRelayHttp } from '../../client/runtime/sync/relay-http'
import { Workspace } from '../../client/runtime/workspace'

const TODAY = '2025-06-01' as IsoDate
const AUTHOR = { id: 'u-teacher-1', name: '王老師' }

type Expected = Partial<Record<ChildFieldKey, FieldValue>>

/** A small seeded generator, so every run builds the same roster. */
function random(seed: number) {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗']
const GIVEN = [...'小子梓浩宇欣雨思佳一家俊嘉雅晨文博诗若可明志春秋海云天立国建']
const GIVEN2 = [...'红明轩涵怡然琪阳萱杰']
const GRADES = ['1', '2', '3', '4', '5', '6']
const RELATIONS = [
  ['奶奶', 'grandmother'],
  ['爺爺', 'grandfather'],
  ['外婆', 'grandmother'],
  ['姑姑', 'relative'],
] as const

/** A different name for each of the first 6,000 children. */
const nameOf = (i: number) => `${SURNAMES[i % 20]}${GIVEN[Math.floor(i / 20) % 30]}${GIVEN2[Math.floor(i / 600) % 10]}`
const pick = <T>(next: () => number, list: readonly T[]): T => list[Math.floor(next() * list.length)] as T

interface GeneratedRow {
  cells: (string | number | Date | null)[]
  expected: Expected
}

/** One realistic pupil: the cells as a school writes them, and the values they must become. */
function pupil(i: number, next: () => number): GeneratedRow {
  const y = 2012 + Math.floor(next() * 7)
  const m = 1 + Math.floor(next() * 12)
  const d = 1 + Math.floor(next() * 28)
  const iso = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
  // Dates as Excel keeps them and as people type them.
  const birth = [new Date(Date.UTC(y, m - 1, d)), `${y}/${m}/${d}`, `${y}年${m}月${d}日`, `${y}.${m}.${d}`][i % 4] as Date | string
  const phone = `1${pick(next, ['38', '39', '50', '58', '86', '87'])}${String(Math.floor(next() * 1e8)).padStart(8, '0')}`
  const [relationWord, relation] = pick(next, RELATIONS)
  const female = next() < 0.5
  const classId = `class-${pick(next, GRADES)}-${1 + Math.floor(next() * 4)}`
  const guardian = `${SURNAMES[(i + 7) % 20]}${pick(next, GIVEN)}${pick(next, GIVEN2)}`
  const boarding = next() < 0.3
  return {
    cells: [
      i + 1,
      nameOf(i),
      female ? '女' : '男',
      birth,
      classId,
      i % 3 === 0 ? Number(phone) : `${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}`,
      guardian,
      relationWord,
      boarding ? '是' : '否',
    ],
    expected: {
      name: nameOf(i),
      gender: female ? 'female' : 'male',
      birthDate: iso,
      classId,
      'father.phone': phone,
      'guardian.name': guardian,
      'guardian.relation': relation,
      boarding,
    },
  }
}

const XLSX_HEADERS = ['序號', '姓名', '性別', '出生日期', '班級', '父親電話', '監護人姓名', '與孩子關係', '是否寄宿']
const XLSX_MAPPING = [null, 'name', 'gender', 'birthDate', 'classId', 'father.phone', 'guardian.name', 'guardian.relation', 'boarding']

/** Sheet row → what is wrong with it: [column letter, header, error code] for each bad cell. */
const XLSX_BAD: Record<number, { patch: Record<number, string | Date>; issues: [string, string, string][] }> = {
  17: { patch: { 5: '1380013800' }, issues: [['F', '父親電話', 'invalidPhone']] },
  250: { patch: { 3: new Date(Date.UTC(2030, 4, 1)) }, issues: [['D', '出生日期', 'futureDate']] },
  999: { patch: { 1: '' }, issues: [['B', '姓名', 'required']] },
  1234: { patch: { 3: '2015-13-01', 5: 'abc' }, issues: [['D', '出生日期', 'invalidDate'], ['F', '父親電話', 'invalidPhone']] },
  1500: { patch: { 2: '未知' }, issues: [['C', '性別', 'invalidChoice']] },
  1777: { patch: { 4: `${'class-3-2'.repeat(8)}A` }, issues: [['E', '班級', 'tooLong']] },
  2001: { patch: { 2: 'X' }, issues: [['C', '性別', 'invalidChoice']] },
}

/** The rows of a sheet with the header in row 1: data row i is sheet row i + 2. */
function generateRows(count: number, bad: typeof XLSX_BAD, seed: number): GeneratedRow[] {
  const next = random(seed)
  return Array.from({ length: count }, (_, i) => {
    const row = pupil(i, next)
    const fault = bad[i + 2]
    if (fault) for (const [col, value] of Object.entries(fault.patch)) row.cells[Number(col)] = value
    return row
  })
}

async function buildXlsx(headers: string[], rows: GeneratedRow[]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('花名冊')
  sheet.addRow(headers)
  for (const row of rows) sheet.addRow(row.cells)
  sheet.getColumn(4).numFmt = 'yyyy-mm-dd'
  // A second sheet of totals, as schools keep: the first one with data is the roster.
  workbook.addWorksheet('統計').addRow(['合計', rows.length])
  return new Uint8Array(await workbook.xlsx.writeBuffer())
}

/** Excel's CSV: CRLF lines, quotes only where needed. */
function toCsv(rows: (string | number | null)[][]): string {
  const quote = (v: string | number | null) => {
    const s = v === null ? '' : String(v)
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
  }
  return `${rows.map((r) => r.map(quote).join(',')).join('\r\n')}\r\n`
}

const UTF8_BOM = [0xef, 0xbb, 0xbf]
const utf8WithBom = (text: string) => new Uint8Array([...UTF8_BOM, ...new TextEncoder().encode(text)])

let gbTable: Map<string, number[]> | undefined
/** GB18030 as Chinese Windows saves "CSV": built from the platform's own decoder, two-byte characters and ASCII. */
function gb18030(text: string): Uint8Array {
  if (!gbTable) {
    gbTable = new Map()
    const decoder = new TextDecoder('gb18030')
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue
        const ch = decoder.decode(new Uint8Array([lead, trail]))
        if (ch.length === 1 && ch !== '\ufffd' && !gbTable.has(ch)) gbTable.set(ch, [lead, trail])
      }
    }
  }
  const out: number[] = []
  for (const ch of text) {
    const code = ch.codePointAt(0) as number
    if (code < 0x80) out.push(code)
    else {
      const bytes = gbTable.get(ch)
      if (!bytes) throw new Error(`no two-byte GB18030 code for ${ch}`)
      out.push(...bytes)
    }
  }
  return new Uint8Array(out)
}

describe('roster import', () => {
  let workspace: Workspace

  // In Node, y-websocket adds a process 'exit' listener per provider, and an import batch
  // opens 25 documents at once: past Node's warning threshold of 10, though nothing leaks.
  beforeAll(() => {
    const max = process.getMaxListeners()
    process.setMaxListeners(64)
    return () => void process.setMaxListeners(max)
  })

  beforeEach(() => {
    // No relay at all: the import works on the local store alone, as on a phone offline at school.
    workspace = new Workspace({
      db: openDb(`roster-import-${Date.now()}-${Math.random()}`),
      workspaceId: toWorkspaceId('school-1'),
      relayUrl: 'ws://127.0.0.1:9',
      http: createRelayHttp({ baseUrl: 'http://127.0.0.1:9' }),
      user: { id: AUTHOR.id, displayName: AUTHOR.name },
      online: () => false,
      providerOptions: { WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket, disableBc: true },
    })
  })
  afterEach(() => workspace.close())

  /** The whole local store, to show nothing changed. */
  const snapshot = async () => ({
    updates: await workspace.db.updates.count(),
    pending: await workspace.db.pending.count(),
    children: await workspace.db.children.count(),
  })

  const checkFile = (file: RosterFile): RosterReport => {
    const mapping = guessMapping(file.table.columns.map((c) => c.header))
    return validateRoster(file.table, mapping, TODAY)
  }

  const importValid = (report: RosterReport, onProgress?: (done: number, total: number) => void) =>
    importRosterRows(workspace, rowsToImport(report, { validRowsOnly: true, skipDuplicates: false }), {
      author: AUTHOR,
      today: TODAY,
      ...(onProgress ? { onProgress } : {}),
    })

  /** Each created child's file read back from the local store, by its row. */
  const storedFields = async (outcome: ImportOutcome) => {
    const out = new Map<number, Expected>()
    for (const { row, childId } of outcome.created) {
      const update = await loadStoredUpdate(workspace.db, `school-1/child/${childId}`)
      if (!update) throw new Error(`row ${row}: nothing stored`)
      const doc = new Y.Doc()
      Y.applyUpdate(doc, update)
      const file = readChildFile(doc)
      expect(file.problems, `row ${row}`).toEqual([])
      out.set(row, Object.fromEntries(Object.entries(file.fields).map(([k, f]) => [k, f.value])))
      // Every value is attributed to the person who imported it.
      expect(new Set(Object.values(file.fields).map((f) => f.byId))).toEqual(new Set([AUTHOR.id]))
    }
    return out
  }

  const indexedChildren = async () =>
    (await workspace.db.children.toArray()).map((c) => [c.id, c.name, c.classId, c.gender, c.birthDate].join('|')).sort()

  it('imports the valid rows of a 2,000-row .xlsx, names each bad row, and changes nothing else', async () => {
    // A child already in the list, who must come out of the import untouched.
    await workspace.createDocument(`school-1/child/existing-child-1` as never, (doc) =>
      writeChild(doc, { name: '张三', classId: 'class-6-1' }, TODAY),
    )
    const before = await workspace.db.children.toArray()
    const beforeUpdates = await workspace.db.updates.toArray()

    const rows = generateRows(2000, XLSX_BAD, 1)
    const bytes = await buildXlsx(XLSX_HEADERS, rows)
    const file = await readRoster('花名冊.xlsx', bytes)
    expect(file).toMatchObject({ format: 'xlsx', sheetName: '花名冊' })
    expect(file.table.headerRow).toBe(1)
    expect(file.table.rows).toHaveLength(2000)
    expect(guessMapping(file.table.columns.map((c) => c.header))).toEqual(XLSX_MAPPING)

    const report = checkFile(file)
    const expectedIssues = Object.entries(XLSX_BAD).flatMap(([row, bad]) =>
      bad.issues.map(([letter, column, code]) => [Number(row), letter, column, code]),
    )
    expect(report.issues.map((i) => [i.row, i.columnLetter, i.column, i.code])).toEqual(expectedIssues)
    expect(report.errorRows).toBe(Object.keys(XLSX_BAD).length)
    expect(report.validRows).toBe(2000 - Object.keys(XLSX_BAD).length)
    // All or nothing unless chosen: the file has errors, so by default nothing is to be written.
    expect(rowsToImport(report, { validRowsOnly: false, skipDuplicates: false })).toEqual([])

    const progress: number[] = []
    const outcome = await importValid(report, (done) => progress.push(done))
    expect(outcome.failed).toEqual([])
    expect(outcome.skipped).toEqual([])
    expect(outcome.created.map((c) => c.row)).toEqual(rows.map((_, i) => i + 2).filter((row) => !XLSX_BAD[row]))
    expect(progress[0]).toBe(0)
    expect(progress.at(-1)).toBe(report.validRows)
    expect(progress.length).toBeGreaterThan(10)

    // The list shows exactly the child who was there and the valid rows' children.
    const expectedIndex = [
      ...before.map((c) => [c.id, c.name, c.classId, c.gender, c.birthDate].join('|')),
      ...outcome.created.map(({ row, childId }) => {
        const e = rows[row - 2]?.expected as Expected
        return [childId, e.name, e.classId, e.gender, e.birthDate].join('|')
      }),
    ].sort()
    await expect.poll(indexedChildren).toEqual(expectedIndex)

    // Every field of every new file, as the spreadsheet gave it.
    const stored = await storedFields(outcome)
    for (const { row } of outcome.created) expect(stored.get(row), `row ${row}`).toEqual(rows[row - 2]?.expected)

    // Nothing else changed: the child who was there keeps exactly its stored updates, and
    // the store holds documents only for it and the new children.
    const existingUpdates = await workspace.db.updates.where('docId').equals('school-1/child/existing-child-1').toArray()
    expect(existingUpdates).toEqual(beforeUpdates)
    const docIds = new Set((await workspace.db.updates.toArray()).map((u) => u.docId))
    expect(docIds).toEqual(new Set(['school-1/child/existing-child-1', ...outcome.created.map((c) => `school-1/child/${c.childId}`)]))
  })

  it('reads a UTF-8 CSV with a byte-order mark, quotes and CRLF, and imports its valid rows', async () => {
    const header = ['姓名', '性别', '出生日期', '班级', '父亲电话', '母亲务工地点', '看护方式']
    const csv = toCsv([
      header,
      ['李小红', '女', '2015/9/1', 'class-3-2', '13800138000', '广东省东莞市,长安镇', '祖辈看护'],
      ['王小明', '男', '2014年3月5日', 'class-4-1', '138-0013-8001', '浙江"义乌"', '祖輩看護'],
      ['张伟', '男', '2016.10.12', 'class-2-3', '1380013', '', '亲戚看护'], // row 4: bad phone
      ['', '女', '2015-01-01', 'class-3-2', '', '', ''], // row 5: no name
      ['刘洋', '男', '2014/2/30', 'class-4-1', '', '', ''], // row 6: no such day
      ['陈静', '女', '2015-06-01', 'class-3-2', '', '', '住校'], // row 7: not a care arrangement
      ['杨帆', '男', '2016-07-07', 'class-2-3', '+86 139 0013 9000', '北京\n朝阳区', '其他'],
    ])
    const file = await readRoster('名单.csv', utf8WithBom(csv))
    expect(file).toMatchObject({ format: 'csv', encoding: 'utf-8' })
    // The byte-order mark is not part of the first header.
    expect(file.table.columns[0]?.header).toBe('姓名')

    const report = checkFile(file)
    expect(report.issues.map((i) => [i.row, i.column, i.code])).toEqual([
      [4, '父亲电话', 'invalidPhone'],
      [5, '姓名', 'required'],
      [6, '出生日期', 'invalidDate'],
      [7, '看护方式', 'invalidChoice'],
    ])

    const outcome = await importValid(report)
    expect(outcome.created.map((c) => c.row)).toEqual([2, 3, 8])
    const stored = await storedFields(outcome)
    expect(stored.get(2)).toEqual({
      name: '李小红',
      gender: 'female',
      birthDate: '2015-09-01',
      classId: 'class-3-2',
      'father.phone': '13800138000',
      'mother.workplace': '广东省东莞市,长安镇',
      careArrangement: 'grandparents',
    })
    expect(stored.get(3)).toMatchObject({ birthDate: '2014-03-05', 'father.phone': '13800138001', 'mother.workplace': '浙江"义乌"' })
    expect(stored.get(8)).toMatchObject({ 'father.phone': '13900139000', 'mother.workplace': '北京\n朝阳区', careArrangement: 'other' })
    await expect.poll(async () => (await workspace.db.children.toArray()).map((c) => c.name).sort()).toEqual(['李小红', '杨帆', '王小明'].sort())
  })

  it('reads a GB18030 CSV with a title row above the header, as Excel on Chinese Windows saves it', async () => {
    const csv = toCsv([
      ['红星小学2025年秋季留守儿童花名册', '', '', '', '', ''],
      ['序号', '学生姓名', '性别', '出生年月', '班级', '监护人电话'],
      [1, '赵丽颖', '女', '2015.9.1', 'class-3-2', '0731-8888 6666'],
      [2, '孙悟空', '雄', '2014.3.5', 'class-4-1', '13912345678'], // row 4: unknown gender
      [3, '周杰', '男', '2016年10月', 'class-2-3', ''], // row 5: no day
      [4, '吴磊', '男', '2016-7-7', 'class-2-3', '13912345679'],
      [5, '赵丽颖', '女', '2015.9.1', 'class-3-2', ''], // row 7: the same child as row 3
    ])
    const file = await readRoster('花名册.csv', gb18030(csv))
    expect(file).toMatchObject({ format: 'csv', encoding: 'gb18030' })
    expect(file.table.headerRow).toBe(2)
    expect(guessMapping(file.table.columns.map((c) => c.header))).toEqual([
      null,
      'name',
      'gender',
      'birthDate',
      'classId',
      'guardian.phone',
    ])

    const report = checkFile(file)
    expect(report.issues.map((i) => [i.row, i.column, i.code, i.severity])).toEqual([
      [4, '性别', 'invalidChoice', 'error'],
      [5, '出生年月', 'dateWithoutDay', 'error'],
      [7, '学生姓名', 'duplicateInFile', 'warning'],
    ])
    expect(report.issues[0]?.value).toBe('雄')

    const outcome = await importValid(report)
    expect(outcome.created.map((c) => c.row)).toEqual([3, 6, 7])
    const stored = await storedFields(outcome)
    expect(stored.get(3)).toEqual({
      name: '赵丽颖',
      gender: 'female',
      birthDate: '2015-09-01',
      classId: 'class-3-2',
      'guardian.phone': '0731-88886666',
    })
  })

  it('stops between batches when cancelled, and keeps exactly what it created', async () => {
    const rows = generateRows(120, {}, 2)
    const file = await readRoster('a.xlsx', await buildXlsx(XLSX_HEADERS, rows))
    const report = checkFile(file)
    const controller = new AbortController()
    const outcome = await importRosterRows(workspace, rowsToImport(report, { validRowsOnly: false, skipDuplicates: false }), {
      author: AUTHOR,
      today: TODAY,
      batchSize: 25,
      signal: controller.signal,
      onProgress: (done) => done >= 50 && controller.abort(),
    })
    expect(outcome.created).toHaveLength(50)
    expect(outcome.skipped).toEqual(rows.slice(50).map((_, i) => i + 52))
    await expect.poll(() => workspace.db.children.count()).toBe(50)
  })

  describe('a file that is not a usable roster is refused whole, and nothing changes', () => {
    const refusal = async (name: string, bytes: Uint8Array) => {
      const before = await snapshot()
      const error = await readRoster(name, bytes).then(
        () => undefined,
        (e: unknown) => e,
      )
      expect(await snapshot()).toEqual(before)
      expect(before).toEqual({ updates: 0, pending: 0, children: 0 })
      expect(error).toBeInstanceOf(RosterReadError)
      return (error as RosterReadError).code
    }

    it('an empty file', async () => {
      expect(await refusal('名单.csv', new Uint8Array())).toBe('empty')
      expect(await refusal('名单.csv', utf8WithBom('\r\n , ,\r\n\r\n'))).toBe('empty')
      const workbook = new ExcelJS.Workbook()
      workbook.addWorksheet('Sheet1')
      expect(await refusal('名单.xlsx', new Uint8Array(await workbook.xlsx.writeBuffer()))).toBe('empty')
    })

    it('a header and no pupils', async () => {
      expect(await refusal('名单.csv', utf8WithBom('姓名,性别\r\n'))).toBe('noRows')
    })

    it('a picture, a PDF, or bytes that are no text', async () => {
      const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52])
      expect(await refusal('名单.xlsx', png)).toBe('notSpreadsheet')
      const pdf = new Uint8Array([...new TextEncoder().encode('%PDF-1.7\n%'), 0xe2, 0xe3, 0xcf, 0xd3, 0x0a, 0x00, 0x01, 0x02])
      expect(await refusal('名单.csv', pdf)).toBe('notSpreadsheet')
      const next = random(3)
      expect(await refusal('data.bin', Uint8Array.from({ length: 4096 }, () => Math.floor(next() * 256)))).toBe('notSpreadsheet')
    })

    it('an old .xls (or a password-protected workbook)', async () => {
      const ole = new Uint8Array(512)
      ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])
      expect(await refusal('名单.xls', ole)).toBe('oldExcel')
    })

    it('a damaged .xlsx', async () => {
      const bytes = await buildXlsx(XLSX_HEADERS, generateRows(50, {}, 4))
      expect(await refusal('名单.xlsx', bytes.slice(0, Math.floor(bytes.length / 2)))).toBe('unreadable')
    })

    it('more than 5,000 pupils', async () => {
      const rows = [['姓名', '班级'], ...Array.from({ length: 5001 }, (_, i) => [nameOf(i), 'class-1'])]
      const error = await readRoster('big.csv', utf8WithBom(toCsv(rows))).catch((e: unknown) => e)
      expect(error).toMatchObject({ code: 'tooManyRows', params: { rows: 5001, max: 5000 } })
      expect(await snapshot()).toEqual({ updates: 0, pending: 0, children: 0 })
    })

    it('more than 5 MB, refused before it is read', async () => {
      let read = false
      const huge = {
        name: 'big.xlsx',
        size: 5 * 1024 * 1024 + 1,
        arrayBuffer: () => {
          read = true
          return Promise.resolve(new ArrayBuffer(0))
        },
      }
      await expect(readRosterFile(huge)).rejects.toMatchObject({ code: 'tooLarge', params: { maxMb: 5 } })
      expect(read).toBe(false)
      expect(await snapshot()).toEqual({ updates: 0, pending: 0, children: 0 })
    })
  })

  // SPEC L5
  it('records nothing when a row fails to be written, and reports that row', async () => {
    const file = await readRoster('a.csv', utf8WithBom(toCsv([['姓名'], ['甲'], ['乙'], ['丙']])))
    const report = checkFile(file)
    let calls = 0
    // The store refuses the second document (a full disk, an evicted store).
    const failing = {
      workspaceId: workspace.workspaceId,
      queries: workspace.queries,
      createDocument: (...args: Parameters<Workspace['createDocument']>) =>
        ++calls === 2 ? Promise.reject(new Error('QuotaExceededError')) : workspace.createDocument(...args),
    }
    const outcome = await importRosterRows(failing, report.rows, { author: TEST_AUTHOR, today: TODAY })
    expect(outcome.created.map((c) => c.row)).toEqual([2, 4])
    expect(outcome.failed).toEqual([{ row: 3, reason: 'storage' }])
    await expect.poll(async () => (await workspace.db.children.toArray()).map((c) => c.name).sort()).toEqual(['丙', '甲'].sort())
  })

  // SPEC L5
  it('reports a row whose write the store lost without an error, by looking for it', async () => {
    const file = await readRoster('a.csv', utf8WithBom(toCsv([['姓名'], ['甲'], ['乙']])))
    const report = checkFile(file)
    let calls = 0
    // The local store logs a failed write instead of throwing it: the second row seems
    // created, yet nothing of it is stored.
    const lossy = {
      workspaceId: workspace.workspaceId,
      queries: workspace.queries,
      createDocument: (...args: Parameters<Workspace['createDocument']>) =>
        ++calls === 2 ? Promise.resolve() : workspace.createDocument(...args),
    }
    const outcome = await importRosterRows(lossy, report.rows, { author: AUTHOR, today: TODAY })
    expect(outcome.created.map((c) => c.row)).toEqual([2])
    expect(outcome.failed).toEqual([{ row: 3, reason: 'storage' }])
  })
})
