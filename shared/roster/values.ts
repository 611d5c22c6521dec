/**
 * A spreadsheet cell turned into what `checkValue` expects for its field: dates from Excel
 * serial numbers and the ways Chinese spreadsheets write them, choices from their Chinese
 * or English words, yes/no words and ticks. Checking (length, range, future dates, phone
 * numbers) is left to `checkValue`, so an imported value passes the same rules as a typed one.
 */
import { CHILD_FIELDS, type ChildFieldKey } from '../docs/child/child-fields'
import { foldWord } from './fold'

/** A cell as the file readers give it: text, a number, a boolean, or empty. Dates come as ISO text. */
export type RosterCell = string | number | boolean | null

export type Normalised =
  | { ok: true; value: string | number | boolean | null }
  | { ok: false; code: 'invalidDate' | 'dateWithoutDay' | 'invalidChoice' | 'invalidBool' }

/** Words for each choice, besides its own key (folded before comparing). */
const CONTACT_FREQUENCY = {
  daily: ['每天', '每日', '天天', 'daily', 'every day'],
  weekly: ['每周', '每星期', '一周一次', 'weekly', 'every week'],
  monthly: ['每月', '一月一次', 'monthly', 'every month'],
  quarterly: ['每季度', '每季', '每三个月', 'quarterly', 'every three months'],
  yearly: ['每年', '一年一次', 'yearly', 'every year'],
  rarely: ['很少联系', '很少', '极少', '从不联系', '几乎不联系', 'rarely', 'never'],
}

const CHOICE_WORDS: Partial<Record<ChildFieldKey, Record<string, readonly string[]>>> = {
  gender: {
    female: ['女', '女性', '女生', '女孩', 'f', 'female', 'girl'],
    male: ['男', '男性', '男生', '男孩', 'm', 'male', 'boy'],
  },
  schoolingStatus: {
    enrolled: ['在读', '在校', '就读', 'enrolled'],
    droppedOut: ['辍学', 'dropped out'],
    outOfSchool: ['失学', 'out of school'],
    finishedJunior: ['初中毕业未升学', '初中毕业', 'finished junior middle school not continuing'],
  },
  parentsAway: {
    both: ['父母都外出', '父母均外出', '父母外出', '双亲外出', '都外出', '父母', 'both parents', 'both'],
    father: ['父亲外出', '父外出', '父亲', '父', 'father'],
    mother: ['母亲外出', '母外出', '母亲', '母', 'mother'],
  },
  careArrangement: {
    grandparents: ['祖辈看护', '祖辈', '祖父母', '爷爷奶奶', '外公外婆', '隔代看护', '隔代抚养', 'grandparents'],
    relatives: ['亲戚看护', '亲戚', '亲属', '亲属看护', 'relatives'],
    teacher: ['老师看护', '老师', '教师', 'a teacher', 'teacher'],
    other: ['其他', '其它', 'other'],
  },
  'father.contactFrequency': CONTACT_FREQUENCY,
  'mother.contactFrequency': CONTACT_FREQUENCY,
  'guardian.relation': {
    grandfather: ['祖父/外祖父', '祖父', '外祖父', '爷爷', '外公', '姥爷', 'grandfather'],
    grandmother: ['祖母/外祖母', '祖母', '外祖母', '奶奶', '外婆', '姥姥', 'grandmother'],
    relative: ['其他亲属', '亲属', '亲戚', '叔叔', '婶婶', '伯伯', '伯母', '姑姑', '姑父', '舅舅', '舅妈', '姨', '阿姨', '姨妈', 'other relative', 'relative'],
    sibling: ['兄姐', '哥哥', '姐姐', '兄长', 'older sibling', 'sibling'],
    neighbour: ['邻居', 'neighbour', 'neighbor'],
    teacher: ['老师', '教师', 'teacher'],
    other: ['其他', '其它', 'other'],
  },
  'guardian.rapport': {
    good: ['融洽', '好', '良好', '很好', 'well', 'good'],
    fair: ['一般', '较好', 'fairly', 'fair'],
    poor: ['不融洽', '差', '较差', '不好', 'poorly', 'poor'],
  },
  'flags.priority': {
    none: ['否', '无', '不是', 'no', 'none'],
    problem: ['问题留守儿童', '问题', 'problem'],
    hardship: ['困难留守儿童', '困难', 'hardship'],
  },
  'flags.risk': {
    red: ['红', '红色', '红色预警', '高风险', 'red', 'high'],
    yellow: ['黄', '黄色', '黄色预警', '中风险', 'yellow', 'medium'],
    blue: ['蓝', '蓝色', '蓝色预警', '低风险', 'blue', 'low'],
    green: ['绿', '绿色', '健康', '正常', 'green', 'well'],
  },
  'consent.method': {
    written: ['书面', '书面同意', '签字', 'in writing', 'written'],
    oral: ['口头', '口头同意', 'orally', 'oral'],
    other: ['其他', '其它', 'other'],
  },
}

const HAN_WITH_SPACES = /^\p{Script=Han}+(\s+\p{Script=Han}+)+$/u

const CHOICES = new Map<ChildFieldKey, Map<string, string>>()
for (const [field, words] of Object.entries(CHOICE_WORDS) as [ChildFieldKey, Record<string, readonly string[]>][]) {
  const map = new Map<string, string>()
  for (const [value, list] of Object.entries(words)) for (const w of [value, ...list]) map.set(foldWord(w), value)
  CHOICES.set(field, map)
}

const YES = ['是', '有', '是的', '需要', '需关注', 'true', 'yes', 'y', '1']
const NO = ['否', '无', '不是', '没有', '不需要', 'false', 'no', 'n', '0']
const TICKS = new Map<string, boolean>([['√', true], ['✓', true], ['✔', true], ['×', false], ['✗', false], ['✘', false]])
const BOOL_EXTRA: Partial<Record<ChildFieldKey, { yes: string[]; no: string[] }>> = {
  boarding: { yes: ['寄宿', '住校', '住宿', '寄宿生'], no: ['走读', '不寄宿', '不住校', '走读生'] },
  'guardian.literate': { yes: ['识字'], no: ['不识字', '文盲'] },
}

function boolWords(field: ChildFieldKey): Map<string, boolean> {
  const extra = BOOL_EXTRA[field]
  const map = new Map<string, boolean>()
  for (const w of [...YES, ...(extra?.yes ?? [])]) map.set(foldWord(w), true)
  for (const w of [...NO, ...(extra?.no ?? [])]) map.set(foldWord(w), false)
  return map
}

/** A choice's key from the words a spreadsheet uses for it ("祖輩看護" → "grandparents"). */
export function matchChoice(field: ChildFieldKey, raw: string): string | undefined {
  const words = CHOICES.get(field)
  if (!words) return undefined
  // "Problem (問題留守兒童)", "女（F）": the words before a bracket name the choice too.
  return words.get(foldWord(raw)) ?? words.get(foldWord(raw.split(/[(（[【]/)[0] ?? ''))
}

/** Turns one cell into the value `checkValue` checks for the field, or says why it cannot. */
export function normaliseCell(field: ChildFieldKey, cell: RosterCell): Normalised {
  if (cell === null || (typeof cell === 'string' && cell.trim() === '')) return { ok: true, value: null }
  const kind = CHILD_FIELDS[field].kind
  const text = typeof cell === 'string' ? cell.trim() : String(cell)
  switch (kind.type) {
    case 'text':
    case 'longText': {
      // "王 伟" (a full-width space between): rosters pad two-character names to line up; the name has no space.
      const isName = field === 'name' || field.endsWith('.name')
      return { ok: true, value: isName && HAN_WITH_SPACES.test(text) ? text.replace(/\s/g, '') : text }
    }
    case 'phone':
      return { ok: true, value: text.normalize('NFKC') }
    case 'number': {
      if (typeof cell === 'number') return { ok: true, value: cell }
      // "65岁", "６５": the unit and full-width digits are how people write an age.
      return { ok: true, value: text.normalize('NFKC').replace(/\s*(周岁|岁|歲|週歲)$/, '') }
    }
    case 'choice': {
      const value = matchChoice(field, text)
      return value === undefined ? { ok: false, code: 'invalidChoice' } : { ok: true, value }
    }
    case 'bool': {
      if (typeof cell === 'boolean') return { ok: true, value: cell }
      const tick = TICKS.get(text)
      if (tick !== undefined) return { ok: true, value: tick }
      const value = boolWords(field).get(foldWord(text))
      return value === undefined ? { ok: false, code: 'invalidBool' } : { ok: true, value }
    }
    case 'date':
      return typeof cell === 'number' ? fromSerial(cell) : parseDateText(text)
  }
}

/**
 * Excel's day numbers (1900 system): day 1 is 1900-01-01, and Excel counts a 29 February
 * 1900 that never was, so from day 61 on the count starts from 1899-12-30.
 */
export function excelSerialToIso(serial: number): string | undefined {
  if (!Number.isFinite(serial) || serial < 1 || serial >= 2_958_466) return undefined
  const day = Math.floor(serial)
  const base = day < 61 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30)
  return new Date(base + day * 86_400_000).toISOString().slice(0, 10)
}

function fromSerial(n: number): Normalised {
  // 20150901 typed as a number is a date written without separators, not a day count.
  if (Number.isInteger(n) && n >= 19_000_101 && n <= 29_991_231) return parseDateText(String(n))
  const iso = excelSerialToIso(n)
  return iso ? { ok: true, value: iso } : { ok: false, code: 'invalidDate' }
}

const YMD = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/
const YMD_COMPACT = /^(\d{4})(\d{2})(\d{2})$/
const YM = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$|^(\d{4})(\d{2})$/
const SERIAL = /^\d{5}(\.\d+)?$/

/** 2015-09-01, 2015/9/1, 2015.9.1, 2015年9月1日, 20150901; a 5-digit day number from a CSV. */
function parseDateText(raw: string): Normalised {
  const text = raw.normalize('NFKC').trim()
  const m = YMD.exec(text) ?? YMD_COMPACT.exec(text)
  if (m) return { ok: true, value: `${m[1]}-${pad(m[2])}-${pad(m[3])}` }
  if (YM.test(text)) return { ok: false, code: 'dateWithoutDay' }
  if (SERIAL.test(text)) return fromSerial(Number(text))
  return { ok: false, code: 'invalidDate' }
}

const pad = (s: string | undefined) => (s ?? '').padStart(2, '0')
