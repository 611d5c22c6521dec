/**
 * Which field a spreadsheet column holds, guessed from its header as schools write it
 * (simplified or traditional Chinese, or English). The guess is only a suggestion: the
 * user confirms or changes every column in the mapping step.
 */
import { CHILD_FIELDS, type ChildFieldKey } from '../docs/child/child-fields'
import { foldWord } from './fold'

/** Whole headers, in simplified Chinese and English (folded before comparing). */
const HEADERS: Partial<Record<ChildFieldKey, readonly string[]>> = {
  name: ['姓名', '名字', '儿童姓名', '学生姓名', '孩子姓名', '幼儿姓名', 'name', 'full name', 'student name', "child's name", 'child name'],
  // 學籍號: a re-imported roster is matched on it first (match.ts).
  studentNumber: ['学籍号', '学籍号码', '学生学籍号', '全国学籍号', '学籍编号', 'student number', 'student id', 'student no'],
  gender: ['性别', '男女', 'gender', 'sex'],
  birthDate: ['出生日期', '出生年月', '出生年月日', '出生时间', '生日', '出生', 'date of birth', 'birth date', 'birthday', 'dob'],
  classId: ['班级', '班', '班别', '所在班级', '年级班级', 'class', 'class name', 'form'],
  boarding: ['寄宿', '是否寄宿', '寄宿生', '是否寄宿生', '住校', '是否住校', '寄宿情况', 'boarding', 'boarder'],
  schoolingStatus: ['就学状况', '就学情况', '就读状态', '在校情况', 'schooling', 'schooling status'],
  parentsAway: ['外出务工', '外出务工情况', '父母外出情况', '父母外出', '外出情况', '留守类型', 'parents working away', 'parents away'],
  awaySince: ['外出时间', '外出务工时间', '父母外出时间', 'away since'],
  careArrangement: ['看护方式', '看护类型', '监护方式', '监护类型', '托管方式', 'cared for by', 'care arrangement', 'care'],
  'guardian.relation': [
    ...['与孩子关系', '与儿童关系', '与学生关系', '与本人关系', '与监护人关系', '监护人与孩子关系', '关系'],
    ...['relation to the child', 'relation', 'relationship'],
  ],
  'guardian.rapport': ['与监护人融洽程度', '融洽程度', 'gets on with the guardian', 'rapport'],
  'guardian.phone': ['联系电话', '联系方式', '家长电话', '家长联系电话', '电话', '手机', '手机号', '手机号码', 'phone', 'telephone', 'contact phone'],
  'flags.priority': ['重点帮扶对象', '帮扶对象', '重点帮扶', 'priority child', 'priority'],
  'flags.risk': ['风险等级', '风险级别', '四色等级', '预警等级', 'risk level', 'risk'],
  'flags.potential': ['潜能生', 'potential pupil'],
  'flags.health': ['健康需关注', '健康关注', 'health concern'],
  'flags.psychological': ['心理需关注', '心理关注', 'psychological concern'],
  'flags.safety': ['安全需关注', '安全关注', 'safety concern'],
  'consent.by': ['同意人', 'consent given by'],
  'consent.date': ['同意日期', 'consent date'],
  'consent.method': ['同意方式', 'how consent was given'],
  'iep.owner': ['负责人', '帮扶负责人', 'responsible'],
  'iep.reviewDate': ['复查日期', 'review date'],
  // The home address as rosters split it ("石門村", "三組", the rest); 組 and 詳細 are not folded.
  'home.village': ['村', '所在村', '村名', '村社区', '所在村社区', '村居', 'village'],
  'home.group': ['组', '組', '村民小组', '村民小組', '小组', '小組', '村组', '村組', 'group', 'village group'],
  'home.address': ['家庭住址', '家庭地址', '住址', '地址', '现住址', '详细地址', '詳細地址', '家庭详细地址', 'home address', 'address'],
}

/** Whose field a header names, as a word before or after what it is ("父亲电话", "联系频率（父亲）"). */
const PEOPLE = {
  father: ['父亲', '爸爸', '父', 'fathers', 'father', 'dads', 'dad'],
  mother: ['母亲', '妈妈', '母', 'mothers', 'mother', 'mums', 'mum', 'moms', 'mom'],
  guardian: ['临时监护人', '实际监护人', '委托监护人', '监护人', '看护人', '代养人', 'guardians', 'guardian'],
} as const

/** What of that person the column holds; '' is the person's bare name ("监护人" = the guardian's name). */
const ATTRIBUTES: Record<string, readonly string[]> = {
  name: ['', '姓名', '名字', 'name', 'full name'],
  phone: ['电话', '手机', '手机号', '手机号码', '电话号码', '联系电话', '联系方式', '号码', 'phone', 'tel', 'telephone', 'mobile', 'phone number'],
  workplace: ['务工地址', '务工地点', '务工地', '外出务工地', '打工地点', '工作地点', '工作单位', '单位', 'place of work', 'workplace', 'work'],
  contactFrequency: ['联系频率', '与孩子联系频率', '联系次数', 'contacts the child', 'contact frequency'],
  relation: ['关系', '与孩子关系', 'relation', 'relationship', 'relation to the child'],
  age: ['年龄', 'age'],
  literate: ['识字', '是否识字', 'can read', 'literate'],
  rapport: ['融洽程度', 'rapport'],
}

/** Words around a header that say nothing about the field ("*姓名（必填）", "学生性别"). */
const FILLER_PREFIXES = ['留守儿童', '学生', '儿童', '孩子', '幼儿']
const FILLER_SUFFIXES = ['必填', '选填', '可选', 'required', 'optional']

const EXACT = new Map<string, ChildFieldKey>()
for (const [field, words] of Object.entries(HEADERS) as [ChildFieldKey, readonly string[]][]) {
  for (const word of words) EXACT.set(foldWord(word), field)
}

const folded = (words: readonly string[]) => words.map(foldWord).sort((a, b) => b.length - a.length)
const PEOPLE_FOLDED = Object.entries(PEOPLE).map(([who, words]) => [who, folded(words)] as const)
const ATTRIBUTES_FOLDED = new Map<string, string>()
for (const [attribute, words] of Object.entries(ATTRIBUTES)) for (const w of words) ATTRIBUTES_FOLDED.set(foldWord(w), attribute)

function personField(word: string): ChildFieldKey | null {
  for (const [who, names] of PEOPLE_FOLDED) {
    for (const person of names) {
      const rest = word.startsWith(person) ? word.slice(person.length) : word.endsWith(person) ? word.slice(0, -person.length) : null
      if (rest === null) continue
      const attribute = ATTRIBUTES_FOLDED.get(rest)
      const key = attribute === undefined ? undefined : `${who}.${attribute}`
      if (key !== undefined && Object.hasOwn(CHILD_FIELDS, key)) return key as ChildFieldKey
    }
  }
  return null
}

function withoutFiller(word: string): string {
  let w = word
  for (const s of FILLER_SUFFIXES) if (w.endsWith(s) && w.length > s.length) w = w.slice(0, -s.length)
  for (const p of FILLER_PREFIXES) if (w.startsWith(p) && w.length > p.length) w = w.slice(p.length)
  return w
}

/** The field a header most likely names, or null when it names none we know. */
export function guessField(header: string): ChildFieldKey | null {
  const word = foldWord(header)
  if (word === '') return null
  for (const w of [word, withoutFiller(word)]) {
    const field = EXACT.get(w) ?? personField(w)
    if (field) return field
  }
  return null
}

/** A column's field, or null to leave the column out; one entry per column of the table. */
export type RosterMapping = readonly (ChildFieldKey | null)[]

/** Guesses every column; a field guessed twice is kept for its first column only. */
export function guessMapping(headers: readonly string[]): RosterMapping {
  const taken = new Set<ChildFieldKey>()
  return headers.map((header) => {
    const field = guessField(header)
    if (!field || taken.has(field)) return null
    taken.add(field)
    return field
  })
}

export type MappingProblem =
  | { code: 'nameNotMapped' }
  /** Two columns would write one field: which value wins would be arbitrary. */
  | { code: 'fieldTwice'; field: ChildFieldKey; columns: number[] }

/** What stops a mapping from being used: every case file needs a name, and a field one column. */
export function checkMapping(mapping: RosterMapping): MappingProblem[] {
  const problems: MappingProblem[] = []
  const columnsOf = new Map<ChildFieldKey, number[]>()
  mapping.forEach((field, column) => {
    if (field) columnsOf.set(field, [...(columnsOf.get(field) ?? []), column])
  })
  if (!columnsOf.has('name')) problems.push({ code: 'nameNotMapped' })
  for (const [field, columns] of columnsOf) if (columns.length > 1) problems.push({ code: 'fieldTwice', field, columns })
  return problems
}
