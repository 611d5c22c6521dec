import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { WHOLE_FILE, writeWholeFile } from '../../../tests/helpers/whole-file'
import { childDocumentId, toWorkspaceId } from '../../doc-id'
import { Origin } from '../../origin'
import { moveToBin } from './bin'
import { notesFragment } from './child'
import { CHILD_FIELD_KEYS, CHILD_TEXT_KEYS } from './child-fields'
import { ChildExportSchema, exportChildFile, notesText } from './export'
import { addRecord } from './records'

const docId = childDocumentId(toWorkspaceId('school-1'), 'c1')
const ref = { docId, workspace: toWorkspaceId('school-1'), key: 'c1' }
const NOW = Date.UTC(2024, 10, 1, 8, 30)

// SPEC E4
describe("a child's whole file, exported", () => {
  it('holds every field and long text by key, the field history, records, pairings and the notes, as plain JSON', () => {
    const doc = new Y.Doc()
    writeWholeFile(doc)
    const exported = exportChildFile(doc, ref, NOW)
    // Plain JSON, and what the device reads it with.
    expect(ChildExportSchema.parse(JSON.parse(JSON.stringify(exported)))).toEqual(exported)
    expect(exported).toMatchObject({ format: 'shouwang.child-file', version: 1, docId, childId: 'c1', exportedAt: '2024-11-01T08:30:00.000Z' })

    expect(exported.fields.map((f) => f.key)).toEqual(CHILD_FIELD_KEYS)
    const field = (key: string) => exported.fields.find((f) => f.key === key)
    expect(field('name')).toMatchObject({ group: 'identity', value: WHOLE_FILE.name, by: '王校長' })
    expect(field('father.phone')?.value).toBe(WHOLE_FILE.fatherPhone)
    expect(field('mother.phone')?.value).toBeNull()
    expect(exported.texts.map((t) => t.key)).toEqual(CHILD_TEXT_KEYS)
    expect(exported.texts.find((t) => t.key === 'profile.interests')?.text).toBe(WHOLE_FILE.interests)
    expect(exported.history.filter((h) => h.key === 'name').map((h) => h.value)).toEqual([WHOLE_FILE.name])

    expect(exported.records).toHaveLength(1)
    expect(exported.records[0]).toMatchObject({ type: 'talk', author: { id: 'u-coordinator', name: '王校長' }, fields: { mood: WHOLE_FILE.recordText } })
    expect(exported.records[0]?.date).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    expect(exported.pairings).toEqual([expect.objectContaining({ kind: 'caringMother', name: WHOLE_FILE.helperName, phone: WHOLE_FILE.helperPhone, to: null })])
    expect(exported.notes).toBe(WHOLE_FILE.notes)
    expect(exported.problems).toEqual([])
  })

  it('holds what is in the bin too, marked with who deleted it and when', () => {
    const doc = new Y.Doc()
    writeWholeFile(doc)
    const ctx = { author: { id: 'u-t', name: '李老師' }, today: '2024-10-01' as never, now: NOW }
    const added = addRecord(doc, { type: 'homeVisit', date: '2024-10-01', fields: { visited: '外婆' } }, ctx)
    if ('errors' in added) throw new Error('refused')
    moveToBin(doc, 'records', added.id, { author: ctx.author, now: NOW + 1 })
    const binned = exportChildFile(doc, ref, NOW).records.find((r) => r.id === added.id)
    expect(binned).toMatchObject({ type: 'homeVisit', fields: { visited: '外婆' }, deleted: { by: '李老師', at: NOW + 1 } })
  })

  it('writes the notes as text: a line a paragraph, list items, quotes and hard breaks', () => {
    const doc = new Y.Doc()
    doc.transact(() => {
      const el = (name: string, ...children: (Y.XmlElement | Y.XmlText)[]) => {
        const e = new Y.XmlElement(name)
        e.insert(0, children)
        return e
      }
      const bold = new Y.XmlText()
      bold.insert(0, '粗體')
      bold.format(0, 2, { bold: true })
      notesFragment(doc).insert(0, [
        el('heading', new Y.XmlText('十一月')),
        el('paragraph', new Y.XmlText('第一行'), el('hardBreak'), new Y.XmlText('第二行')),
        el('bulletList', el('listItem', el('paragraph', new Y.XmlText('要做'))), el('listItem', el('paragraph', bold))),
        el('blockquote', el('paragraph', new Y.XmlText('外婆說的話'))),
        el('paragraph'),
      ])
    }, Origin.localEdit)
    expect(notesText(notesFragment(doc))).toBe(['十一月', '第一行', '第二行', '- 要做', '- 粗體', '> 外婆說的話', ''].join('\n'))
    expect(notesText(new Y.Doc().getXmlFragment('notes'))).toBe('')
  })
})
