import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { IsoDate } from '../../dates'
import { readBin } from '../child/bin'
import { readRecords } from '../child/records'
import { readAttendance, setAttendance, syncActivityRecords, type Attendee } from './attendance'
import { addDistribution, readDistributions, readRecipients, setRecipients, syncAidRecord, totalYuan } from './distribution'
import { addItem, createPlanFromTemplate, readPlan, type PlanContext } from './plan'

const TERM = '2027-spring'
const DAY = '2027-05-12' as IsoDate
const li = { id: 'u-li', name: '李老師' }
const wang = { id: 'u-wang', name: '王老師' }
const plan = (author = li): PlanContext => ({ author, now: 1_780_000_000_000 })
const edit = (author = li) => ({ author, now: 1_780_000_000_000, today: DAY })

function merge(...docs: Y.Doc[]): void {
  for (const a of docs) for (const b of docs) if (a !== b) Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)))
}

/** One device's step: record attendance in its copy of the plan and bring each child's file in line. */
function record(planDoc: Y.Doc, files: Map<string, Y.Doc>, itemId: string, children: { childId: string; came?: 'parent' | 'guardian' }[], remove: string[], author = li) {
  const { changed } = setAttendance(planDoc, itemId, { add: children, remove }, plan(author))
  const item = readPlan(planDoc).items.find((i) => i.id === itemId)
  if (!item) throw new Error('no item')
  const attendees = new Map<string, Attendee>(readAttendance(planDoc, itemId).map((a) => [a.childId, a]))
  for (const childId of changed) {
    const file = files.get(childId)
    if (file) syncActivityRecords(file, TERM, { ...item, title: item.title }, attendees.get(childId), item.date ?? DAY, edit(author))
  }
}

describe('activities and their attendance (SPEC T5)', () => {
  it('T5: two teachers who record one activity offline give one activity record per child, and a guardian record where a guardian came', () => {
    const start = new Y.Doc()
    createPlanFromTemplate(start, TERM, plan())
    const added = addItem(start, { title: '家长学校：亲子沟通', month: '2027-05', date: DAY, activity: 'parentsSchool' }, plan())
    if (!('id' in added)) throw new Error('not added')
    const children = ['c1', 'c2', 'c3']
    const fileStart = new Map(children.map((id) => [id, new Y.Doc()]))
    const devices = [li, wang].map(() => {
      const p = new Y.Doc()
      Y.applyUpdate(p, Y.encodeStateAsUpdate(start))
      const files = new Map([...fileStart].map(([id, f]) => {
        const copy = new Y.Doc()
        Y.applyUpdate(copy, Y.encodeStateAsUpdate(f))
        return [id, copy] as const
      }))
      return { plan: p, files }
    })
    const [a, b] = devices as [(typeof devices)[0], (typeof devices)[0]]
    record(a.plan, a.files, added.id, [{ childId: 'c1', came: 'guardian' }, { childId: 'c2' }], [], li)
    record(b.plan, b.files, added.id, [{ childId: 'c1', came: 'guardian' }, { childId: 'c2' }, { childId: 'c3', came: 'parent' }], [], wang)
    merge(a.plan, b.plan)
    for (const id of children) merge(a.files.get(id) as Y.Doc, b.files.get(id) as Y.Doc)
    expect(readAttendance(a.plan, added.id).map((x) => x.childId)).toEqual(children)
    for (const id of children) {
      const records = readRecords(a.files.get(id) as Y.Doc)
      expect(records.filter((r) => r.type === 'activity'), id).toHaveLength(1)
      expect(records.find((r) => r.type === 'activity')?.fields).toMatchObject({ title: '家长学校：亲子沟通', planItem: `${TERM}/${added.id}` })
      expect(records.filter((r) => r.type === 'guardianContact'), id).toHaveLength(id === 'c2' ? 0 : 1)
      expect(readRecords(b.files.get(id) as Y.Doc)).toEqual(records)
    }
  })

  it('T5: a child taken off the list has the record moved to the bin; put back on, it comes back', () => {
    const p = new Y.Doc()
    createPlanFromTemplate(p, TERM, plan())
    const itemId = readPlan(p).items.find((i) => i.templateKey === 'talentShow')?.id ?? ''
    const file = new Y.Doc()
    const files = new Map([['c1', file]])
    record(p, files, itemId, [{ childId: 'c1' }], [])
    expect(readRecords(file).map((r) => r.type)).toEqual(['activity'])
    record(p, files, itemId, [], ['c1'])
    expect(readRecords(file)).toEqual([])
    expect(readBin(file)).toHaveLength(1)
    record(p, files, itemId, [{ childId: 'c1' }], [])
    expect(readRecords(file)).toHaveLength(1)
    // Recording the same again changes nothing.
    expect(setAttendance(p, itemId, { add: [{ childId: 'c1' }] }, plan()).changed).toEqual([])
  })
})

describe('one distribution to many children (SPEC T6)', () => {
  it('T6: a round given to 128 children: 128 aid records, the amounts summed to the fen', () => {
    const p = new Y.Doc()
    const dist = addDistribution(p, { title: '六一慰问', date: '2027-06-01', kind: 'gift', source: '县妇联' }, plan())
    if (!('id' in dist)) throw new Error('not added')
    const recipients = Array.from({ length: 128 }, (_, i) => ({ childId: `c${i}`, amountYuan: i % 2 === 0 ? 200.1 : 199.9, ...(i === 5 ? { source: '爱心企业' } : {}) }))
    const result = setRecipients(p, dist.id, { set: recipients }, plan())
    if (!('changed' in result)) throw new Error('refused')
    expect(result.changed).toHaveLength(128)
    const round = readDistributions(p)[0]
    if (!round) throw new Error('no round')
    const files = recipients.map((r) => {
      const file = new Y.Doc()
      syncAidRecord(file, TERM, round, readRecipients(p, dist.id).find((x) => x.childId === r.childId), edit())
      return file
    })
    const aid = files.flatMap((f) => readRecords(f).filter((r) => r.type === 'aid'))
    expect(aid).toHaveLength(128)
    // Counted independently: 64 × 200.10 + 64 × 199.90 = 25,600.00.
    const fen = aid.reduce((sum, r) => sum + Math.round(Number(r.fields.amountYuan) * 100), 0)
    expect(fen).toBe(64 * 20010 + 64 * 19990)
    expect(totalYuan(readRecipients(p, dist.id))).toBe(25600)
    expect(aid[5]?.fields.source).toBe('爱心企业')
    expect(aid[0]?.fields).toMatchObject({ kind: 'gift', source: '县妇联', amountYuan: 200.1 })
    expect(aid[0]?.date).toBe('2027-06-01')
  })

  it('T6: a bad amount refuses the whole change and writes nothing', () => {
    const p = new Y.Doc()
    const dist = addDistribution(p, { title: '春节慰问', date: '2027-02-01', kind: 'gift', source: '' }, plan())
    if (!('id' in dist)) throw new Error('not added')
    const result = setRecipients(p, dist.id, { set: [{ childId: 'c1', amountYuan: 100 }, { childId: 'c2', amountYuan: -5 }] }, plan())
    expect(result).toMatchObject({ errors: { c2: { code: 'outOfRange' } } })
    expect(readRecipients(p, dist.id)).toEqual([])
    expect(addDistribution(p, { title: '', date: 'x', kind: 'cash' }, plan())).toMatchObject({ errors: { title: {}, date: {}, kind: {} } })
  })
})
