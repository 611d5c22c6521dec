import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { IsoDate } from '../../dates'
import { readBin } from '../child/bin'
import { readRecords } from '../child/records'
import {
  addOpening, callRecordId, dutyAt, editOpening, readHome, recordSession, removeOpening, sessionId, setCalls, setRota,
  setSessionChildren, syncCallRecord, weekdayOf, type Home,
} from './home'
import type { PlanContext } from './plan'

const TERM = '2027-spring'
const TODAY = '2027-05-14' as IsoDate
const li = { id: 'u-li', name: '李老師' }
const wang = { id: 'u-wang', name: '王老師' }
const ctx = (author = li): PlanContext & { today: IsoDate } => ({ author, now: 1_780_000_000_000, today: TODAY })
const edit = (author = li) => ({ author, now: 1_780_000_000_000, today: TODAY })

function merge(...docs: Y.Doc[]): void {
  for (const a of docs) for (const b of docs) if (a !== b) Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)))
}

/** One device's step: log the calls of a session and bring each called child's file in line. */
function logCalls(plan: Y.Doc, files: Map<string, Y.Doc>, sid: string, calls: { childId: string; who: string; minutes?: number; note?: string }[], remove: string[] = [], author = li) {
  const result = setCalls(plan, sid, { set: calls, remove }, ctx(author))
  if (!('changed' in result)) throw new Error('refused')
  const home = readHome(plan)
  const session = home.sessions.find((s) => s.id === sid)
  if (!session) throw new Error('no session')
  for (const childId of result.changed) {
    const file = files.get(childId)
    if (file) syncCallRecord(file, TERM, session, childId, session.calls.find((c) => c.childId === childId), edit(author))
  }
}

describe("the children's home (SPEC G4–G6)", () => {
  it('G4: opening times with who is on duty, by opening or by the weekday’s rota; bad times refused, nothing written', () => {
    const doc = new Y.Doc()
    const wed = addOpening(doc, { weekday: 3, from: '15:30', to: '17:30', duty: wang }, ctx())
    const sat = addOpening(doc, { weekday: 6, from: '09:00', to: '11:30' }, ctx())
    if (!('id' in wed) || !('id' in sat)) throw new Error('not added')
    expect(addOpening(doc, { weekday: 8, from: '25:00', to: '10:00' }, ctx())).toMatchObject({ errors: { weekday: {}, from: {} } })
    expect(addOpening(doc, { weekday: 1, from: '17:00', to: '16:00' }, ctx())).toEqual({ errors: { to: { code: 'outOfRange' } } })
    setRota(doc, 6, li, ctx())
    let home: Home = readHome(doc)
    expect(home.openings.map((o) => [o.weekday, o.from, o.to])).toEqual([[3, '15:30', '17:30'], [6, '09:00', '11:30']])
    expect(home.openings.map((o) => dutyAt(home, o)?.name)).toEqual(['王老師', '李老師'])
    expect(editOpening(doc, wed.id, { to: '15:00' }, ctx())).toEqual({ to: { code: 'outOfRange' } })
    expect(editOpening(doc, wed.id, { duty: null, to: '18:00' }, ctx())).toEqual({})
    setRota(doc, 3, li, ctx())
    home = readHome(doc)
    expect(home.openings[0]).toMatchObject({ to: '18:00' })
    expect(dutyAt(home, home.openings[0] as never)?.name).toBe('李老師')
    removeOpening(doc, sat.id, ctx())
    expect(readHome(doc).openings.map((o) => o.id)).toEqual([wed.id])
    expect(weekdayOf('2027-05-12' as IsoDate)).toBe(3)
    expect(weekdayOf('2027-05-16' as IsoDate)).toBe(7)
  })

  it('G5: a session logs what they did and which children came; no session in the future', () => {
    const doc = new Y.Doc()
    expect(recordSession(doc, { date: '2027-05-15', did: 'x' }, ctx())).toEqual({ errors: { date: { code: 'futureDate' } } })
    expect(recordSession(doc, { date: '2027-05-12', did: 'x'.repeat(501) }, ctx())).toMatchObject({ errors: { did: { code: 'tooLong' } } })
    expect(readHome(doc).sessions).toEqual([])
    const s = recordSession(doc, { date: '2027-05-12', did: '写作业，读绘本' }, ctx())
    if (!('id' in s)) throw new Error('not logged')
    expect(s.id).toBe(sessionId('2027-05-12' as IsoDate))
    expect(setSessionChildren(doc, s.id, { add: ['c1', 'c2', 'bad id!'] }, ctx()).changed).toEqual(['c1', 'c2'])
    expect(setSessionChildren(doc, s.id, { add: ['c1'], remove: ['c2'] }, ctx()).changed).toEqual(['c2'])
    expect(readHome(doc).sessions).toEqual([{ id: s.id, date: '2027-05-12', did: '写作业，读绘本', children: ['c1'], calls: [] }])
  })

  it('G6: a call to a parent is one parent-contact record on the child’s file; taken off, it goes to the bin', () => {
    const plan = new Y.Doc()
    const file = new Y.Doc()
    const files = new Map([['c1', file]])
    const s = recordSession(plan, { date: '2027-05-12', did: '视频通话' }, ctx())
    if (!('id' in s)) throw new Error('not logged')
    expect(setCalls(plan, s.id, { set: [{ childId: 'c1', who: '母亲', minutes: 700 }, { childId: 'c2', who: '' }] }, ctx())).toMatchObject({
      errors: { c1: { minutes: { code: 'outOfRange' } }, c2: { who: { code: 'required' } } },
    })
    logCalls(plan, files, s.id, [{ childId: 'c1', who: '母亲', minutes: 12, note: '说了期中考试' }])
    const records = readRecords(file)
    expect(records).toHaveLength(1)
    expect(records[0]).toMatchObject({ id: callRecordId(TERM, s.id, 'c1'), type: 'parentContact', date: '2027-05-12', notes: '说了期中考试', fields: { method: 'call', participants: '母亲', durationMinutes: 12 } })
    expect(records[0]?.problems).toEqual([])
    logCalls(plan, files, s.id, [{ childId: 'c1', who: '父亲', note: '爸爸接的' }])
    expect(readRecords(file)[0]).toMatchObject({ notes: '爸爸接的', fields: { participants: '父亲' } })
    expect(readRecords(file)[0]?.fields.durationMinutes).toBeUndefined()
    logCalls(plan, files, s.id, [], ['c1'])
    expect(readRecords(file)).toEqual([])
    expect(readBin(file)).toHaveLength(1)
  })

  it('G6: two recorders offline log the same session and its calls: one session, one record per child, both children kept', () => {
    const start = new Y.Doc()
    const fileStart = new Map(['c1', 'c2', 'c3'].map((id) => [id, new Y.Doc()]))
    const devices = [li, wang].map(() => {
      const plan = new Y.Doc()
      Y.applyUpdate(plan, Y.encodeStateAsUpdate(start))
      const files = new Map([...fileStart].map(([id, f]) => {
        const copy = new Y.Doc()
        Y.applyUpdate(copy, Y.encodeStateAsUpdate(f))
        return [id, copy] as const
      }))
      return { plan, files }
    })
    const [a, b] = devices as [(typeof devices)[0], (typeof devices)[0]]
    const sa = recordSession(a.plan, { date: '2027-05-12', did: '手工课' }, ctx(li))
    const sb = recordSession(b.plan, { date: '2027-05-12', did: '手工课，打电话' }, ctx(wang))
    if (!('id' in sa) || !('id' in sb)) throw new Error('not logged')
    expect(sa.id).toBe(sb.id)
    setSessionChildren(a.plan, sa.id, { add: ['c1', 'c2'] }, ctx(li))
    setSessionChildren(b.plan, sb.id, { add: ['c2', 'c3'] }, ctx(wang))
    logCalls(a.plan, a.files, sa.id, [{ childId: 'c1', who: '母亲', minutes: 5 }, { childId: 'c2', who: '父亲' }], [], li)
    logCalls(b.plan, b.files, sb.id, [{ childId: 'c1', who: '母亲', minutes: 5 }, { childId: 'c3', who: '母亲' }], [], wang)
    merge(a.plan, b.plan)
    for (const id of fileStart.keys()) merge(a.files.get(id) as Y.Doc, b.files.get(id) as Y.Doc)
    const home = readHome(a.plan)
    expect(home).toEqual(readHome(b.plan))
    expect(home.sessions).toHaveLength(1)
    expect(home.sessions[0]?.children).toEqual(['c1', 'c2', 'c3'])
    expect(home.sessions[0]?.calls.map((c) => c.childId)).toEqual(['c1', 'c2', 'c3'])
    for (const id of fileStart.keys()) {
      const records = readRecords(a.files.get(id) as Y.Doc)
      expect(records.filter((r) => r.type === 'parentContact'), id).toHaveLength(1)
      expect(readRecords(b.files.get(id) as Y.Doc)).toEqual(records)
    }
  })

  it('G5: values a peer wrote badly are left out, never shown', () => {
    const doc = new Y.Doc()
    doc.getMap('homeOpening:x1').set('weekday', 9)
    doc.getMap('homeOpening:x1').set('from', '10:00')
    doc.getMap('homeSession:bad').set('date', 'soon')
    doc.getMap('homeRota').set('3', { id: 'not an id!', name: 'x' })
    doc.getMap('homeRota').set('12', { id: 'u-li', name: 'x' })
    doc.getMap('homeSession:d20270512').set('date', '2027-05-12')
    doc.getMap('homeCalls:d20270512').set('c1', { who: 42 })
    doc.getMap('homeCalls:d20270512').set('c2', 'hello')
    expect(readHome(doc)).toEqual({ openings: [], rota: {}, sessions: [{ id: 'd20270512', date: '2027-05-12', did: '', children: [], calls: [] }] })
  })
})
