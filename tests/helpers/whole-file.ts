/**
 * A child's file with something in every part (fields, a long text, a record, a pairing, the
 * notes), written with the schema's own functions, and the facts in it that tests look for:
 * in an export, or, after an erase, nowhere on disk.
 */
import * as Y from 'yjs'
import { todayIsoDate } from '../../shared/dates'
import { moveToBin } from '../../shared/docs/child/bin'
import { createChildFile, notesFragment, setChildText, type EditContext } from '../../shared/docs/child/child'
import type { ChildFieldKey, ChildTextKey } from '../../shared/docs/child/child-fields'
import { changePath } from '../../shared/docs/child/child-path'
import { addPairing } from '../../shared/docs/child/pairings'
import { addRecord } from '../../shared/docs/child/records'
import { Origin } from '../../shared/origin'
import type { FieldValue } from '../../shared/validation/fields'

/** Distinctive enough that finding one in a file's bytes can only mean this child's data. */
export const WHOLE_FILE = {
  name: '李小紅',
  fatherPhone: '13812345678',
  classId: 'class-3-2',
  interests: '喜歡畫畫，最愛畫外婆家的黃狗',
  recordText: '談心：想念在東莞打工的媽媽，晚上常哭',
  helperName: '張愛心',
  helperPhone: '13987654321',
  notes: '外婆說孩子最近食慾不好，需要跟進',
} as const

export function writeWholeFile(doc: Y.Doc, author = { id: 'u-coordinator', name: '王校長' }): void {
  const ctx: EditContext = { author, today: todayIsoDate(), now: Date.now() }
  const refused = (what: string, result: object) => {
    if ('errors' in result || Object.keys(result).length > 0) throw new Error(`${what} refused: ${JSON.stringify(result)}`)
  }
  refused('fields', createChildFile(doc, { name: WHOLE_FILE.name, classId: WHOLE_FILE.classId, 'father.phone': WHOLE_FILE.fatherPhone, gender: 'female' }, ctx))
  const textError = setChildText(doc, 'profile.interests', WHOLE_FILE.interests, ctx)
  if (textError) throw new Error(`text refused: ${JSON.stringify(textError)}`)
  const record = addRecord(doc, { type: 'talk', date: ctx.today, fields: { mood: WHOLE_FILE.recordText } }, ctx)
  if ('errors' in record) refused('record', record)
  const pairing = addPairing(doc, { kind: 'caringMother', name: WHOLE_FILE.helperName, phone: WHOLE_FILE.helperPhone, from: ctx.today }, ctx)
  if ('errors' in pairing) refused('pairing', pairing)
  doc.transact(() => {
    const paragraph = new Y.XmlElement('paragraph')
    paragraph.insert(0, [new Y.XmlText(WHOLE_FILE.notes)])
    notesFragment(doc).insert(0, [paragraph])
  }, Origin.localEdit)
}

/**
 * A file with every short field and every long text set, three records (added out of date
 * order), one record and one pairing in the bin, two helpers (one ended), two changes of the
 * path and formatted notes: the whole file on paper (SPEC F) is checked against it.
 */
export const EVERY_FIELD = {
  fields: {
    name: '陈小雨',
    studentNumber: 'G5201232015060100',
    gender: 'female',
    birthDate: '2015-06-01',
    classId: 'class-3-2',
    boarding: true,
    schoolingStatus: 'enrolled',
    parentsAway: 'both',
    awaySince: '2019-02-15',
    careArrangement: 'grandparents',
    'father.name': '陈大山',
    'father.workplace': '广东省东莞市长安镇电子厂',
    'father.phone': '13812345678',
    'father.contactFrequency': 'weekly',
    'mother.name': '刘春花',
    'mother.workplace': '浙江省义乌市小商品城',
    'mother.phone': '13912345678',
    'mother.contactFrequency': 'monthly',
    'guardian.name': '王秀英',
    'guardian.relation': 'grandmother',
    'guardian.phone': '13698765432',
    'guardian.age': 68,
    'guardian.literate': false,
    'guardian.rapport': 'good',
    'flags.priority': 'hardship',
    'flags.risk': 'yellow',
    'flags.potential': true,
    'flags.health': false,
    'flags.psychological': true,
    'flags.safety': false,
    'consent.by': '王秀英',
    'consent.date': '2024-09-02',
    'consent.method': 'written',
    'iep.owner': '李老师',
    'iep.reviewDate': '2025-01-10',
    'home.village': '东山村',
    'home.group': '三组',
    'home.address': '东山村三组17号',
  } satisfies Record<ChildFieldKey, FieldValue>,
  texts: {
    'profile.character': '诚实，懂礼貌',
    'profile.habits': '作业按时完成，早上常迟到',
    'profile.interests': '喜欢画画，最爱画外婆家的黄狗',
    'profile.academic': '语文中等，数学偏弱',
    'profile.personality': '内向，熟悉后话多',
    'profile.motivation': '想考上县城的初中',
    'profile.parentCommunication': '每周和爸爸视频一次，很少和妈妈说心里话',
    'iep.goals': '数学成绩提高到及格',
    'iep.measures': '小老师每周辅导两次',
  } satisfies Record<ChildTextKey, string>,
  /** In date order; written to the file in another order. */
  records: [
    { type: 'talk', date: '2024-09-12', fields: { mood: '想念在东莞打工的爸爸' }, notes: '约好下周再谈' },
    { type: 'parentContact', date: '2024-10-05', fields: { method: 'video', participants: '妈妈', durationMinutes: 20 }, notes: '妈妈答应寒假回家' },
    { type: 'homeVisit', date: '2024-11-20', fields: { visited: '奶奶', guidance: '提醒奶奶每天检查作业' }, notes: '家里新修了厨房' },
  ],
  binnedRecord: { type: 'healthCheck', date: '2024-10-01', fields: { ent: '删掉的体检记录' } },
  pairings: [
    { kind: 'classTeacher', name: '李老师', phone: '13700137000', from: '2024-09-01' },
    { kind: 'caringMother', name: '张爱心', phone: '13987654321', from: '2024-09-15', to: '2025-01-15' },
  ],
  binnedPairing: { kind: 'peerBuddy', name: '删掉的小伙伴', from: '2024-09-01' },
  path: [
    { status: 'noLongerLeftBehind', since: '2024-07-01', note: '妈妈回家了' },
    { status: 'active', since: '2024-09-01', note: '妈妈又外出务工' },
  ],
  notes: { heading: '家庭情况', bold: '奶奶腿脚不便', paragraph: '需要邻居帮忙接送。', items: ['周三放学有人接', '周末在姑姑家'] },
} as const

export function writeEveryField(doc: Y.Doc, author = { id: 'u-coordinator', name: '王校長' }, classId: string = EVERY_FIELD.fields.classId): void {
  const now = Date.now()
  let tick = 0
  const ctx = (): EditContext => ({ author, today: todayIsoDate(), now: now + tick++ })
  const must = (what: string, result: object) => {
    if ('errors' in result || (!('id' in result) && Object.keys(result).length > 0)) throw new Error(`${what} refused: ${JSON.stringify(result)}`)
  }
  must('fields', createChildFile(doc, { ...EVERY_FIELD.fields, classId }, ctx()))
  for (const [key, text] of Object.entries(EVERY_FIELD.texts) as [ChildTextKey, string][]) {
    const error = setChildText(doc, key, text, ctx())
    if (error) throw new Error(`${key} refused: ${JSON.stringify(error)}`)
  }
  const [first, second, third] = EVERY_FIELD.records
  for (const record of [third, first, second]) must('record', addRecord(doc, record, ctx()))
  const binned = addRecord(doc, EVERY_FIELD.binnedRecord, ctx())
  must('binned record', binned)
  if ('id' in binned) moveToBin(doc, 'records', binned.id, ctx())
  for (const pairing of EVERY_FIELD.pairings) must('pairing', addPairing(doc, pairing, ctx()))
  const binnedPairing = addPairing(doc, EVERY_FIELD.binnedPairing, ctx())
  must('binned pairing', binnedPairing)
  if ('id' in binnedPairing) moveToBin(doc, 'pairings', binnedPairing.id, ctx())
  for (const change of EVERY_FIELD.path) must('path', changePath(doc, change, ctx()))
  const { heading, bold, paragraph, items } = EVERY_FIELD.notes
  doc.transact(() => {
    const title = new Y.XmlElement('heading')
    // Tiptap's binding stores the level as a number; Yjs's types say attributes are strings.
    title.setAttribute('level', 2 as unknown as string)
    title.insert(0, [new Y.XmlText(heading)])
    const para = new Y.XmlElement('paragraph')
    const line = new Y.XmlText()
    line.insert(0, bold, { bold: {} })
    line.insert(bold.length, `，${paragraph}`, {})
    para.insert(0, [line])
    const list = new Y.XmlElement('bulletList')
    list.insert(
      0,
      items.map((item) => {
        const li = new Y.XmlElement('listItem')
        const p = new Y.XmlElement('paragraph')
        p.insert(0, [new Y.XmlText(item)])
        li.insert(0, [p])
        return li
      }),
    )
    notesFragment(doc).insert(0, [title, para, list])
  }, Origin.localEdit)
}
