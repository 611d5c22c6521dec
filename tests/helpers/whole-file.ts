/**
 * A child's file with something in every part (fields, a long text, a record, a pairing, the
 * notes), written with the schema's own functions, and the facts in it that tests look for:
 * in an export, or, after an erase, nowhere on disk.
 */
import * as Y from 'yjs'
import { todayIsoDate } from '../../shared/dates'
import { createChildFile, notesFragment, setChildText, type EditContext } from '../../shared/docs/child/child'
import { addPairing } from '../../shared/docs/child/pairings'
import { addRecord } from '../../shared/docs/child/records'
import { Origin } from '../../shared/origin'

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
