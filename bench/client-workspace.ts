/**
 * A generated workspace for the client bench (issue 13, item 4): an organisation of schools
 * and classes with a current term, and `children` children's files of 20 records each, made
 * with the schema's own functions (shared/docs/child/) and put into the relay's store directly,
 * as another device's finished sync would have left them.
 */
import * as Y from 'yjs'
import type { IsoDate } from '../shared/dates'
import { childDocumentId, newId, settingsDocumentId, toWorkspaceId } from '../shared/doc-id'
import { createChildFile, type EditContext } from '../shared/docs/child/child'
import { addRecord, type RecordType } from '../shared/docs/child/records'
import { addClass, addSchool, addTerm, setCurrentTerm } from '../shared/docs/settings/organisation'
import type { DocStore } from '../server/store/doc-store'

const CTX: EditContext = { author: { id: '', name: '生成' }, today: '2026-12-02' as IsoDate, now: Date.UTC(2026, 8, 2) }
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蔡蒋余于杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'
const GIVEN = '小明红华丽军伟芳娜敏静秀英杰涛强磊洋艳勇超霞平刚桂兰玉梅春燕子涵宇轩浩然欣怡梓萱一诺思雨俊熙'
const TYPES: readonly RecordType[] = ['talk', 'talk', 'talk', 'homeVisit', 'parentContact', 'guardianContact', 'healthCheck']
export const CLASS_SIZE = 40

/** The i-th child's name: a surname and one or two given characters, varied so names repeat rarely. */
export function nameOf(i: number): string {
  const s = SURNAMES[i % SURNAMES.length] ?? '王'
  const g1 = GIVEN[Math.floor(i / SURNAMES.length) % GIVEN.length] ?? '小'
  const g2 = GIVEN[Math.floor(i / (SURNAMES.length * GIVEN.length)) % GIVEN.length] ?? ''
  return i < SURNAMES.length * GIVEN.length ? `${s}${g1}` : `${s}${g1}${g2}`
}

export interface GeneratedWorkspace {
  children: { id: string; name: string; phone: string }[]
  classIds: string[]
  records: number
}

function organisation(classCount: number): { update: Uint8Array; classIds: string[] } {
  const doc = new Y.Doc()
  const id = (result: { id: string } | { errors: unknown }) => {
    if (!('id' in result)) throw new Error(JSON.stringify(result.errors))
    return result.id
  }
  const schools = Math.max(1, Math.ceil(classCount / 36))
  const classIds: string[] = []
  for (let s = 0; s < schools; s++) {
    const school = id(addSchool(doc, { name: `第${s + 1}中心小学` }))
    for (let c = 0; c < 36 && classIds.length < classCount; c++) {
      // Made in the organisation's order (grade, then 班號), so the files' order is the list's.
      classIds.push(id(addClass(doc, { schoolId: school, grade: Math.floor(c / 6) + 1, section: String((c % 6) + 1), pupils: CLASS_SIZE + 5 })))
    }
  }
  addTerm(doc, { code: '2026-autumn', start: '2026-09-01', end: '2027-01-20' })
  setCurrentTerm(doc, '2026-autumn')
  return { update: Y.encodeStateAsUpdate(doc), classIds }
}

function childFile(i: number, classId: string, recordsEach: number): { doc: Y.Doc; phone: string } {
  const doc = new Y.Doc()
  const phone = `139${String(10_000_000 + i).padStart(8, '0')}`
  const errors = createChildFile(
    doc,
    { name: nameOf(i), classId, gender: i % 2 ? 'male' : 'female', birthDate: `201${i % 6}-0${(i % 9) + 1}-1${i % 9}`, 'guardian.name': '奶奶', 'guardian.phone': phone, parentsAway: 'both', careArrangement: 'grandparents', schoolingStatus: 'enrolled', 'consent.date': '2026-09-02' },
    CTX,
  )
  if (Object.keys(errors).length > 0) throw new Error(JSON.stringify(errors))
  for (let r = 0; r < recordsEach; r++) {
    const day = String((r % 28) + 1).padStart(2, '0')
    const month = ['09', '10', '11'][r % 3] ?? '10'
    addRecord(doc, { type: TYPES[r % TYPES.length] ?? 'talk', date: `2026-${month}-${day}` }, CTX)
  }
  return { doc, phone }
}

/** Writes the organisation and the children's files into the relay's store, in chunks. */
export async function seedWorkspace(store: DocStore, workspace: string, children: number, recordsEach = 20): Promise<GeneratedWorkspace> {
  const ws = toWorkspaceId(workspace)
  const org = organisation(Math.ceil(children / CLASS_SIZE))
  await store.append([{ docId: settingsDocumentId(ws), update: org.update }])
  const out: GeneratedWorkspace = { children: [], classIds: org.classIds, records: 0 }
  let chunk: { docId: string; update: Uint8Array }[] = []
  for (let i = 0; i < children; i++) {
    const id = newId()
    const classId = org.classIds[Math.floor(i / CLASS_SIZE)] ?? ''
    const { doc, phone } = childFile(i, classId, recordsEach)
    chunk.push({ docId: childDocumentId(ws, id), update: Y.encodeStateAsUpdate(doc) })
    doc.destroy()
    out.children.push({ id, name: nameOf(i), phone })
    out.records += recordsEach
    if (chunk.length === 500) {
      await store.append(chunk)
      chunk = []
    }
  }
  if (chunk.length > 0) await store.append(chunk)
  return out
}
