import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { IsoDate } from '../../dates'
import { computeFigures, type Figures } from '../../figures/figures'
import { childRow, recordRow } from '../../indexes/rows'
import { MAX_REPORT_EDITION_BYTES } from '../../limits'
import type { PlanItem } from '../plan/plan'
import type { Organisation } from '../settings/organisation-read'
import type { TermCode } from '../settings/term-code'
import { signedName, FUTURE_SLACK_MS, type AuthenticatedWriter } from '../write-rules'
import { accessTo } from '../registry'
import { reportKind } from './kind'
import { EDITIONS_ROOT, latestOf, publishFigures, readReport, toPublishedFigures, type ReportContext } from './report'
import type { ReportScope } from './edition'

const NOW = Date.UTC(2027, 0, 20, 8)
const DAY = 24 * 60 * 60 * 1000
const TERM = '2026-autumn'
const PERIOD = { start: '2026-09-01' as IsoDate, end: '2027-01-20' as IsoDate, term: TERM }
const COORDINATOR: AuthenticatedWriter = { id: 'u-wang', role: 'coordinator', classTeacher: false, name: '王校長', memberSince: NOW - 300 * DAY }
const OTHER_COORDINATOR: AuthenticatedWriter = { id: 'u-zhao', role: 'coordinator', classTeacher: false, name: '趙主任', memberSince: NOW - 300 * DAY }
const HELPER: AuthenticatedWriter = { id: 'u-zhang', role: 'helper', classTeacher: false, name: '張媽媽', memberSince: NOW - 10 * DAY }
const ctxOf = (w: AuthenticatedWriter, now = NOW): ReportContext => ({ author: { id: w.id, name: signedName(w.name) }, now })

const ORG: Organisation = {
  schools: [
    { id: 's1', name: '东山镇中心小学', order: 0 },
    { id: 's2', name: '西岭村教学点', order: 1 },
  ],
  classes: [
    { id: 'c31', schoolId: 's1', grade: 3, section: '1', pupils: 40, archived: false },
    { id: 'w11', schoolId: 's2', grade: 1, section: '1', pupils: 12, archived: false },
  ],
  terms: [{ code: TERM as TermCode, year: 2026, season: 'autumn', start: PERIOD.start, end: PERIOD.end }],
}
const WHOLE: ReportScope = { kind: 'workspace' }
const EAST: ReportScope = { kind: 'school', schoolId: 's1', schoolName: '东山镇中心小学' }

function figures(filter: { schoolId?: string } = {}, extra = 0): Figures {
  const children = [
    childRow({ id: 'a', docId: 'ws/child/a', name: '李小紅', classId: 'c31', gender: 'female', birthDate: '2017-05-01', risk: 'red', careArrangement: 'grandparents' }),
    childRow({ id: 'b', docId: 'ws/child/b', name: '王小明', classId: 'w11', gender: 'male', birthDate: '2016-01-01' }),
    ...Array.from({ length: extra }, (_, i) => childRow({ id: `x${i}`, docId: `ws/child/x${i}`, name: `孩子${i}`, classId: 'c31' })),
  ]
  const records = [
    recordRow({ id: 'r1', childId: 'a', docId: 'ws/child/a', type: 'talk', date: '2026-10-01', authorName: '李老師' }),
    recordRow({ id: 'r3', childId: 'a', docId: 'ws/child/a', type: 'activity', date: '2026-10-15', planItem: `${TERM}/law` }),
    recordRow({ id: 'r2', childId: 'b', docId: 'ws/child/b', type: 'aid', date: '2026-12-01', amountYuan: 300, source: '春蕾计划' }),
  ]
  const law: PlanItem = { id: 'law', title: '法制安全讲座', month: undefined, date: '2026-10-15' as IsoDate, activity: 'lectureLaw', status: 'done', order: 'a', place: '', organiser: '', createdBy: { id: '', name: '', at: 0 } }
  return computeFigures({ org: ORG, children, records, pairings: [], planItems: [law], period: PERIOD, filter })
}

/** The update `change` makes on a copy of `base`. */
function updateOf(base: Y.Doc, change: (copy: Y.Doc) => void): Uint8Array {
  const copy = new Y.Doc()
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(base))
  const before = Y.encodeStateVector(copy)
  change(copy)
  return Y.encodeStateAsUpdate(copy, before)
}

/** The relay's verdict on an update, by its guard copy of `base`, for this writer at the relay's `now`. */
function refusal(base: Y.Doc, update: Uint8Array, writer: AuthenticatedWriter, now = NOW): string | undefined {
  const guard = new Y.Doc()
  Y.applyUpdate(guard, Y.encodeStateAsUpdate(base))
  return reportKind.inspectWrite?.(guard, () => Y.applyUpdate(guard, update), writer, now).refused
}

/** A report with one edition of the whole workspace, by the coordinator. */
function published(): Y.Doc {
  const doc = new Y.Doc()
  publishFigures(doc, { figures: figures(), scope: WHOLE }, ctxOf(COORDINATOR, NOW - DAY))
  return doc
}

const JSON_OF = (doc: Y.Doc) => JSON.stringify(doc.getArray(EDITIONS_ROOT).toJSON())

describe('a published report (SPEC J1)', () => {
  it('J1: publishing appends an edition signed by the publisher, with the period, the scope and the figures; it reads back equal', () => {
    const doc = new Y.Doc()
    const f = figures()
    const edition = publishFigures(doc, { figures: f, scope: WHOLE }, ctxOf(COORDINATOR))
    const report = readReport(doc)
    expect(report.editions).toEqual([edition])
    expect(edition).toMatchObject({ byId: COORDINATOR.id, by: '王校長', at: NOW, period: PERIOD, scope: WHOLE })
    expect(report.latest[0]?.figures.leftBehind).toBe(2)
    expect(report.latest[0]?.figures.gender).toEqual({ female: 1, male: 1 })
    expect(report.latest[0]?.figures.aidTotalYuan).toBe(300)
    expect(report.latest[0]?.figures).toEqual(toPublishedFigures(f))
  })

  it('J1: no child id or name is published, though the rows they were counted from carry both', () => {
    const doc = published()
    const text = JSON_OF(doc)
    for (const secret of ['李小紅', '王小明', 'ws/child/a', '"a"', 'c31', '李老師']) expect(text).not.toContain(secret)
    expect(readReport(doc).latest[0]?.figures.activities).toEqual([{ title: '法制安全讲座', date: '2026-10-15', activity: 'lectureLaw', attended: 1 }])
  })

  it('J1: a value outside its list counts as not given, so the edition is still one the relay takes', () => {
    const f = figures()
    const odd: Figures = { ...f, gender: { ...f.gender, 李小紅: 1 }, records: { ...f.records, secretType: 3 } }
    const base = new Y.Doc()
    const update = updateOf(base, (copy) => publishFigures(copy, { figures: odd, scope: WHOLE }, ctxOf(COORDINATOR)))
    expect(refusal(base, update, COORDINATOR)).toBeUndefined()
    const copy = new Y.Doc()
    Y.applyUpdate(copy, update)
    expect(readReport(copy).latest[0]?.figures.gender).toEqual({ female: 1, male: 1, '': 1 })
    expect(JSON_OF(copy)).not.toContain('李小紅')
  })

  it('J1: republishing keeps the earlier edition; the latest of each scope is the report', () => {
    const doc = published()
    publishFigures(doc, { figures: figures({ schoolId: 's1' }), scope: EAST }, ctxOf(COORDINATOR, NOW - DAY / 2))
    publishFigures(doc, { figures: figures({}, 3), scope: WHOLE }, ctxOf(OTHER_COORDINATOR))
    const report = readReport(doc)
    expect(report.editions.map((e) => e.figures.leftBehind)).toEqual([2, 1, 5])
    expect(report.latest.map((e) => [e.scope.kind, e.figures.leftBehind, e.by])).toEqual([
      ['workspace', 5, '趙主任'],
      ['school', 1, '王校長'],
    ])
    expect(latestOf(report, EAST)?.figures.leftBehind).toBe(1)
    expect(latestOf(report, { kind: 'school', schoolId: 's2', schoolName: '西岭村教学点' })).toBeUndefined()
  })

  it('J1: figures of another scope than the one named are not published', () => {
    const doc = new Y.Doc()
    expect(() => publishFigures(doc, { figures: figures({ schoolId: 's2' }), scope: EAST }, ctxOf(COORDINATOR))).toThrow()
    expect(() => publishFigures(doc, { figures: figures({ schoolId: 's1' }), scope: WHOLE }, ctxOf(COORDINATOR))).toThrow()
    expect(doc.getArray(EDITIONS_ROOT).length).toBe(0)
  })

  it('J1: a peer’s garbage is skipped, never thrown: the good editions still read', () => {
    const doc = published()
    const good = readReport(doc).editions[0]
    const arr = doc.getArray<unknown>(EDITIONS_ROOT)
    arr.push(['text', 42, null, { id: 'x' }, { ...good, figures: { ...good?.figures, leftBehind: -1 } }, { ...good, childName: '李小紅' }, good])
    arr.push([new Y.Map()])
    doc.getMap('editionsButAMap').set('x', 1)
    const report = readReport(doc)
    expect(report.editions).toHaveLength(1)
    expect(report.latest[0]?.figures.leftBehind).toBe(2)
    expect(readReport(new Y.Doc())).toEqual({ editions: [], latest: [] })
  })
})

describe('the relay takes only the append of a well-formed edition signed by its writer (SPEC J3)', () => {
  it('J3: the device’s publishing passes for its own coordinator', () => {
    const base = published()
    const update = updateOf(base, (copy) => publishFigures(copy, { figures: figures({ schoolId: 's1' }), scope: EAST }, ctxOf(COORDINATOR)))
    expect(refusal(base, update, COORDINATOR)).toBeUndefined()
  })

  it('J3: an edition signed with another name or id is refused notTheWriter; one dated too far ahead badTime', () => {
    const base = new Y.Doc()
    const forged = updateOf(base, (copy) => publishFigures(copy, { figures: figures(), scope: WHOLE }, ctxOf(OTHER_COORDINATOR)))
    expect(refusal(base, forged, COORDINATOR)).toBe('notTheWriter')
    const renamed = updateOf(base, (copy) => publishFigures(copy, { figures: figures(), scope: WHOLE }, { author: { id: COORDINATOR.id, name: '教育局' }, now: NOW }))
    expect(refusal(base, renamed, COORDINATOR)).toBe('notTheWriter')
    // A coordinator may re-apply a member's signed entries in a child's file (R1), never publish in their name.
    const withMembers: AuthenticatedWriter = { ...COORDINATOR, member: (id) => (id === OTHER_COORDINATOR.id ? OTHER_COORDINATOR : undefined) }
    expect(refusal(base, forged, withMembers)).toBe('notTheWriter')
    const ahead = updateOf(base, (copy) => publishFigures(copy, { figures: figures(), scope: WHOLE }, ctxOf(COORDINATOR, NOW + FUTURE_SLACK_MS + DAY)))
    expect(refusal(base, ahead, COORDINATOR)).toBe('badTime')
  })

  it('J3: an edition with a field the schema does not name (a child’s name) is refused notAnEdition', () => {
    const base = new Y.Doc()
    const edition = readReport(published()).editions[0]
    const withName = { ...edition, id: 'e2', at: NOW, childName: '李小紅' }
    expect(refusal(base, updateOf(base, (c) => c.getArray(EDITIONS_ROOT).push([withName])), COORDINATOR)).toBe('notAnEdition')
    const inFigures = { ...edition, id: 'e3', at: NOW, figures: { ...edition?.figures, children: ['李小紅'] } }
    expect(refusal(base, updateOf(base, (c) => c.getArray(EDITIONS_ROOT).push([inFigures])), COORDINATOR)).toBe('notAnEdition')
    const asKey = { ...edition, id: 'e4', at: NOW, figures: { ...edition?.figures, risk: { 李小紅: 1 } } }
    expect(refusal(base, updateOf(base, (c) => c.getArray(EDITIONS_ROOT).push([asKey])), COORDINATOR)).toBe('notAnEdition')
    const inRatio = { ...edition, id: 'e6', at: NOW, figures: { ...edition?.figures, enrolment: { ...edition?.figures.enrolment, names: '李小紅' } } }
    expect(refusal(base, updateOf(base, (c) => c.getArray(EDITIONS_ROOT).push([inRatio])), COORDINATOR)).toBe('notAnEdition')
    const inActivity = { ...edition, id: 'e5', at: NOW, figures: { ...edition?.figures, activities: [{ title: '讲座', date: '', activity: 'other', attended: 1, childIds: ['a'] }] } }
    expect(refusal(base, updateOf(base, (c) => c.getArray(EDITIONS_ROOT).push([inActivity])), COORDINATOR)).toBe('notAnEdition')
  })

  it('J3: rewriting or removing an earlier edition is refused historyRewritten', () => {
    const base = published()
    const earlier = readReport(base).editions[0]
    const rewrite = updateOf(base, (c) => {
      const arr = c.getArray(EDITIONS_ROOT)
      arr.delete(0, 1)
      arr.insert(0, [{ ...earlier, figures: { ...earlier?.figures, leftBehind: 99 } }])
    })
    expect(refusal(base, rewrite, COORDINATOR)).toBe('historyRewritten')
    expect(refusal(base, updateOf(base, (c) => c.getArray(EDITIONS_ROOT).delete(0, 1)), COORDINATOR)).toBe('historyRewritten')
  })

  it('J3: another part of the document, a nested type, an edition past its size bound, or a non-coordinator are refused', () => {
    const base = new Y.Doc()
    expect(refusal(base, updateOf(base, (c) => c.getMap('children').set('a', '李小紅')), COORDINATOR)).toBe('unknownPart')
    expect(refusal(base, updateOf(base, (c) => c.getArray(EDITIONS_ROOT).push([new Y.Map()])), COORDINATOR)).toBe('badShape')
    const edition = readReport(published()).editions[0]
    const huge = { ...edition, at: NOW, figures: { ...edition?.figures, activities: Array.from({ length: 190 }, () => ({ title: '很'.repeat(100), date: '', activity: 'other', attended: 1 })) } }
    const hugeBytes = JSON.stringify(huge).length
    const bigger = { ...huge, padding: 'x'.repeat(MAX_REPORT_EDITION_BYTES - hugeBytes + 10) }
    expect(refusal(base, updateOf(base, (c) => c.getArray(EDITIONS_ROOT).push([huge])), COORDINATOR)).toBeUndefined()
    expect(refusal(base, updateOf(base, (c) => c.getArray(EDITIONS_ROOT).push([bigger])), COORDINATOR)).toBe('editionTooLarge')
    const byHelper = updateOf(base, (c) => publishFigures(c, { figures: figures(), scope: WHOLE }, ctxOf(HELPER)))
    expect(refusal(base, byHelper, HELPER)).toBe('coordinatorsPublish')
  })
})

describe('who may read and write a report (SPEC J2)', () => {
  it('J2: coordinators write; supervisors, teachers and helpers read', () => {
    expect(accessTo('report', { role: 'coordinator' })).toBe('write')
    for (const role of ['supervisor', 'teacher', 'helper'] as const) expect(accessTo('report', { role })).toBe('read')
    // A supervisor reads the settings too, and no plan and no child's file.
    expect(accessTo('settings', { role: 'supervisor' })).toBe('read')
    expect(accessTo('plan', { role: 'supervisor' })).toBe('none')
    expect(accessTo('child', { role: 'supervisor', childInOwnClass: () => true, childPaired: () => true })).toBe('none')
  })
})
