import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { EVERY_FIELD, writeEveryField, writeWholeFile } from '../../../tests/helpers/whole-file'
import type { IsoDate } from '../../dates'
import { Origin } from '../../origin'
import { moveToBin } from './bin'
import { createChildFile } from './child'
import { CHILD_FIELDS, CHILD_FIELD_KEYS, CHILD_TEXTS, CHILD_TEXT_KEYS, FIELD_GROUPS } from './child-fields'
import { addRecord, readRecords } from './records'
import { readWholeFile } from './whole-file'

const author = { id: 'u-t', name: '李老師' }
const ctx = (now: number) => ({ author, today: '2024-12-01' as IsoDate, now })

describe('the whole file on paper, read from the document', () => {
  it('SPEC F2: every field and long text of the file, in the form’s groups and order, set or not', () => {
    const doc = new Y.Doc()
    writeWholeFile(doc)
    const file = readWholeFile(doc)
    expect(file.groups.map((g) => g.group)).toEqual([...FIELD_GROUPS])
    expect(file.groups.flatMap((g) => g.fields.map((f) => f.key)).sort()).toEqual([...CHILD_FIELD_KEYS].sort())
    expect(file.groups.flatMap((g) => g.texts.map((f) => f.key)).sort()).toEqual([...CHILD_TEXT_KEYS].sort())
    for (const { group, fields, texts } of file.groups) {
      expect(fields.map((f) => f.key)).toEqual(CHILD_FIELD_KEYS.filter((k) => CHILD_FIELDS[k].group === group))
      expect(texts.map((f) => f.key)).toEqual(CHILD_TEXT_KEYS.filter((k) => CHILD_TEXTS[k].group === group))
    }
    const field = (key: string) => file.groups.flatMap((g) => g.fields).find((f) => f.key === key)
    // A set field has its value; an unset one is there with none, a line to fill in by hand.
    expect(field('father.phone')).toEqual({ key: 'father.phone', value: '13812345678', unreadable: false })
    expect(field('mother.phone')).toEqual({ key: 'mother.phone', value: undefined, unreadable: false })
    expect(file.groups.find((g) => g.group === 'profile')?.texts.find((t) => t.key === 'profile.habits')).toEqual({ key: 'profile.habits', text: '' })
  })

  it('SPEC F2: a file with every field set reads every value back', () => {
    const doc = new Y.Doc()
    writeEveryField(doc)
    const file = readWholeFile(doc)
    const values = Object.fromEntries(file.groups.flatMap((g) => g.fields.map((f) => [f.key, f.value])))
    expect(values).toEqual(EVERY_FIELD.fields)
    const texts = Object.fromEntries(file.groups.flatMap((g) => g.texts.map((t) => [t.key, t.text])))
    expect(texts).toEqual(EVERY_FIELD.texts)
    expect(file.newerSchema).toBe(false)
  })

  it('SPEC F3: records oldest first by date, then by when they were made; the bin is left out', () => {
    const doc = new Y.Doc()
    writeEveryField(doc)
    const file = readWholeFile(doc)
    expect(file.records.map((r) => [r.date, r.type])).toEqual(EVERY_FIELD.records.map((r) => [r.date, r.type]))
    expect(file.records.map((r) => r.notes)).toEqual(EVERY_FIELD.records.map((r) => r.notes))
    expect(JSON.stringify(file)).not.toContain(EVERY_FIELD.binnedRecord.fields.ent)
    // Two records of one day: the one made first comes first, whichever arrived first.
    const later = addRecord(doc, { type: 'aid', date: '2024-09-12', fields: { source: '县妇联' } }, ctx(Date.now() + 10_000))
    const earlier = addRecord(doc, { type: 'activity', date: '2024-09-12', fields: { title: '六一' } }, ctx(0))
    if (!('id' in later) || !('id' in earlier)) throw new Error('refused')
    const sameDay = readWholeFile(doc).records.filter((r) => r.date === '2024-09-12').map((r) => r.type)
    expect(sameDay).toEqual(['activity', 'talk', 'aid'])
    // A record moved to the bin after the first reading leaves the paper too.
    moveToBin(doc, 'records', earlier.id, { author, now: Date.now() })
    expect(readWholeFile(doc).records.map((r) => r.type)).toEqual(['talk', 'aid', 'parentContact', 'homeVisit'])
    // The device's own list (newest first) is left as it was.
    expect(readRecords(doc)[0]?.type).toBe('homeVisit')
  })

  it('SPEC F3: who helps by start date, ended ones too, none from the bin; the path in the order it was recorded', () => {
    const doc = new Y.Doc()
    writeEveryField(doc)
    const file = readWholeFile(doc)
    expect(file.pairings.map((p) => [p.kind, p.name, p.phone, p.from, p.to])).toEqual(EVERY_FIELD.pairings.map((p) => [p.kind, p.name, p.phone, p.from, 'to' in p ? p.to : undefined]))
    expect(JSON.stringify(file)).not.toContain(EVERY_FIELD.binnedPairing.name)
    expect(file.path.map((e) => [e.status, e.since, e.note])).toEqual(EVERY_FIELD.path.map((e) => [e.status, e.since, e.note]))
    expect(file.current.status).toBe('active')
    expect(file.current.since).toBe('2024-09-01')
  })

  it('SPEC F5: the notes as formatted blocks', () => {
    const doc = new Y.Doc()
    writeEveryField(doc)
    const { heading, bold, paragraph, items } = EVERY_FIELD.notes
    expect(readWholeFile(doc).notes).toEqual([
      { type: 'heading', level: 2, inline: [{ type: 'text', text: heading, marks: [] }] },
      {
        type: 'paragraph',
        inline: [
          { type: 'text', text: bold, marks: ['bold'] },
          { type: 'text', text: `，${paragraph}`, marks: [] },
        ],
      },
      { type: 'bulletList', items: items.map((item) => [{ type: 'paragraph', inline: [{ type: 'text', text: item, marks: [] }] }]) },
    ])
  })

  it('SPEC F2: a value a faulty peer wrote is marked unreadable, not shown, and the rest still reads', () => {
    const doc = new Y.Doc()
    createChildFile(doc, { name: '王小明' }, ctx(1))
    doc.transact(() => doc.getMap('profile').set('guardian.age', 'very old'), Origin.backgroundSync)
    const field = readWholeFile(doc).groups.flatMap((g) => g.fields).find((f) => f.key === 'guardian.age')
    expect(field).toEqual({ key: 'guardian.age', value: undefined, unreadable: true })
    expect(readWholeFile(doc).groups[0]?.fields[0]).toEqual({ key: 'name', value: '王小明', unreadable: false })
  })
})
