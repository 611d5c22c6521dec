import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { IsoDate } from '../../dates'
import { addItem, copyPlan, createPlanFromTemplate, editItem, isOverdue, moveItem, readPlan, type PlanContext } from './plan'
import { PLAN_TEMPLATE, templateItemId, termMonths, type Month } from './template'

const ctx = (id: string): PlanContext => ({ author: { id, name: id === 'u-li' ? '李老師' : '王老師' }, now: 1_780_000_000_000 })
const TERM = '2027-spring'

/** Each peer's changes reach the other, in both directions. */
function merge(...docs: Y.Doc[]): void {
  for (const a of docs) for (const b of docs) if (a !== b) Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)))
}

const ids = (doc: Y.Doc) => readPlan(doc).items.map((i) => i.id)

describe('the term plan (SPEC T1–T4)', () => {
  it('T1: a plan from the template has its items month by month in the term, each in its stage', () => {
    const doc = new Y.Doc()
    createPlanFromTemplate(doc, TERM, ctx('u-li'))
    const plan = readPlan(doc)
    expect(plan.created).toBe(true)
    expect(plan.items).toHaveLength(PLAN_TEMPLATE.length)
    expect(termMonths(TERM)).toEqual(['2027-02', '2027-03', '2027-04', '2027-05', '2027-06', '2027-07'])
    const first = plan.items[0]
    expect(first).toMatchObject({ templateKey: 'termPlan', month: '2027-02', stage: 1, status: 'planned', title: '' })
    expect(plan.items.find((i) => i.templateKey === 'talentShow')).toMatchObject({ month: '2027-04', stage: 2, activity: 'talentShow' })
    // The seed's July and August items fall in the spring term's last month; an autumn term ends in January.
    expect(plan.items.find((i) => i.templateKey === 'awards')?.month).toBe('2027-07')
    const autumn = new Y.Doc()
    createPlanFromTemplate(autumn, '2026-autumn', ctx('u-li'))
    expect(readPlan(autumn).items.find((i) => i.templateKey === 'awards')?.month).toBe('2027-01')
  })

  it('T1: two people who create the same term’s plan offline end with one plan, and neither loses an edit', () => {
    const a = new Y.Doc()
    const b = new Y.Doc()
    createPlanFromTemplate(a, TERM, ctx('u-li'))
    createPlanFromTemplate(b, TERM, ctx('u-wang'))
    editItem(a, templateItemId('talentShow'), { title: '才艺展示（五月）', status: 'underway' }, ctx('u-li'))
    editItem(b, templateItemId('talentShow'), { place: '学校礼堂' }, ctx('u-wang'))
    const added = addItem(b, { title: '六一联欢', month: '2027-06' }, ctx('u-wang'))
    if (!('id' in added)) throw new Error('not added')
    merge(a, b)
    expect(ids(a)).toEqual(ids(b))
    expect(ids(a)).toHaveLength(PLAN_TEMPLATE.length + 1)
    expect(new Set(ids(a)).size).toBe(ids(a).length)
    expect(readPlan(a).items.find((i) => i.templateKey === 'talentShow')).toMatchObject({ title: '才艺展示（五月）', status: 'underway', place: '学校礼堂' })
    expect(readPlan(a)).toEqual(readPlan(b))
  })

  it('T2: adds, edits and clears fields; refuses bad values and writes nothing', () => {
    const doc = new Y.Doc()
    createPlanFromTemplate(doc, TERM, ctx('u-li'))
    expect(addItem(doc, { title: '', month: '2027-03' }, ctx('u-li'))).toEqual({ errors: { title: { code: 'required' } } })
    expect(addItem(doc, { title: '家访', month: '2027-13' }, ctx('u-li'))).toMatchObject({ errors: { month: {} } })
    expect(addItem(doc, { title: 'x'.repeat(101), month: '2027-03' }, ctx('u-li'))).toMatchObject({ errors: { title: { code: 'tooLong' } } })
    expect(readPlan(doc).items).toHaveLength(PLAN_TEMPLATE.length)
    const added = addItem(doc, { title: '法制安全讲座', month: '2027-05', date: '2027-05-12', activity: 'lectureLaw', owner: 'u-li' }, ctx('u-li'))
    if (!('id' in added)) throw new Error('not added')
    const item = () => readPlan(doc).items.find((i) => i.id === added.id)
    expect(item()).toMatchObject({ title: '法制安全讲座', date: '2027-05-12', activity: 'lectureLaw', status: 'planned', createdBy: { id: 'u-li', name: '李老師' } })
    // The new item goes last in its month.
    expect(readPlan(doc).items.filter((i) => i.month === '2027-05').at(-1)?.id).toBe(added.id)
    expect(editItem(doc, added.id, { status: 'finished' }, ctx('u-li'))).toMatchObject({ status: { code: 'invalidChoice' } })
    expect(editItem(doc, added.id, { status: 'done', date: null }, ctx('u-li'))).toEqual({})
    expect(item()?.status).toBe('done')
    expect(item()?.date).toBeUndefined()
    // Overdue: past its date, or its month, and neither done nor dropped.
    const survey = readPlan(doc).items.find((i) => i.templateKey === 'difficultySurvey')
    if (!survey) throw new Error('no survey')
    expect(isOverdue(survey, '2027-03-31' as IsoDate)).toBe(false)
    expect(isOverdue(survey, '2027-04-01' as IsoDate)).toBe(true)
    expect(isOverdue({ ...survey, date: '2027-03-10' as IsoDate }, '2027-03-11' as IsoDate)).toBe(true)
    expect(isOverdue({ ...survey, status: 'done' }, '2027-09-01' as IsoDate)).toBe(false)
  })

  it('T3: moves an item between months and within one; the rest keep their order', () => {
    const doc = new Y.Doc()
    createPlanFromTemplate(doc, TERM, ctx('u-li'))
    const march = () => readPlan(doc).items.filter((i) => i.month === '2027-03').map((i) => i.templateKey)
    expect(march()).toEqual(['difficultySurvey', 'startMeeting', 'checkPairings'])
    moveItem(doc, templateItemId('checkPairings'), '2027-03' as Month, 0, ctx('u-li'))
    expect(march()).toEqual(['checkPairings', 'difficultySurvey', 'startMeeting'])
    moveItem(doc, templateItemId('termPlan'), '2027-03' as Month, 2, ctx('u-li'))
    expect(march()).toEqual(['checkPairings', 'difficultySurvey', 'termPlan', 'startMeeting'])
    expect(readPlan(doc).items.filter((i) => i.month === '2027-02').map((i) => i.templateKey)).toEqual(['cleanUpFiles', 'assignDuties'])
  })

  it('T3: two teachers offline reorder, edit and move items, then reconnect: none lost or doubled, every edit kept, one order', () => {
    for (let seed = 1; seed <= 20; seed++) {
      let state = seed
      const random = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)
      const pick = <T,>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T
      const start = new Y.Doc()
      createPlanFromTemplate(start, TERM, ctx('u-li'))
      const peers = [new Y.Doc(), new Y.Doc()]
      for (const p of peers) Y.applyUpdate(p, Y.encodeStateAsUpdate(start))
      const months = termMonths(TERM)
      /** What each peer wrote, by item and field: a field only one peer wrote must be kept. */
      const written = peers.map(() => new Map<string, string>())
      peers.forEach((doc, k) => {
        const who = ctx(k === 0 ? 'u-li' : 'u-wang')
        for (let step = 0; step < 12; step++) {
          const items = readPlan(doc).items
          const item = pick(items)
          const op = random()
          if (op < 0.3) moveItem(doc, item.id, pick(months), Math.floor(random() * 4), who)
          else if (op < 0.55) {
            const title = `${k}-${step}`
            editItem(doc, item.id, { title }, who)
            written[k]?.set(`${item.id}.title`, title)
          } else if (op < 0.75) {
            const place = `地点${k}-${step}`
            editItem(doc, item.id, { place }, who)
            written[k]?.set(`${item.id}.place`, place)
          } else {
            const added = addItem(doc, { title: `新${k}-${step}`, month: pick(months) }, who)
            if ('id' in added) written[k]?.set(`${added.id}.title`, `新${k}-${step}`)
          }
        }
      })
      const before = new Set(peers.flatMap((p) => ids(p)))
      merge(...peers)
      const [a, b] = peers as [Y.Doc, Y.Doc]
      expect(readPlan(a), `seed ${seed}`).toEqual(readPlan(b))
      expect(new Set(ids(a)), `seed ${seed}: no item lost`).toEqual(before)
      expect(ids(a).length, `seed ${seed}: none doubled`).toBe(before.size)
      const byId = new Map(readPlan(a).items.map((i) => [i.id, i]))
      for (const [k, mine] of written.entries()) {
        const other = written[1 - k] ?? new Map<string, string>()
        for (const [key, value] of mine) {
          if (other.has(key)) continue
          const [id, field] = key.split('.') as [string, 'title' | 'place']
          expect(byId.get(id)?.[field], `seed ${seed}: ${key} kept`).toBe(value)
        }
      }
    }
  })

  it('T4: a copy of last term’s plan: its items planned again at the same month of the new term, once however often it is copied', () => {
    const last = new Y.Doc()
    createPlanFromTemplate(last, '2026-autumn', ctx('u-li'))
    const added = addItem(last, { title: '寒假家访', month: '2027-01', owner: 'u-li', activity: 'outing' }, ctx('u-li'))
    if (!('id' in added)) throw new Error('not added')
    editItem(last, templateItemId('talentShow'), { status: 'done', title: '校园才艺节' }, ctx('u-li'))
    editItem(last, templateItemId('openDay'), { status: 'dropped' }, ctx('u-li'))
    const a = new Y.Doc()
    const b = new Y.Doc()
    copyPlan(a, '2027-autumn', last, ctx('u-li'))
    editItem(a, `c-${templateItemId('talentShow')}`, { owner: 'u-wang' }, ctx('u-li'))
    copyPlan(b, '2027-autumn', last, ctx('u-wang'))
    merge(a, b)
    const plan = readPlan(a)
    expect(plan).toEqual(readPlan(b))
    expect(plan.items).toHaveLength(PLAN_TEMPLATE.length)
    expect(plan.items.find((i) => i.id === `c-${added.id}`)).toMatchObject({ title: '寒假家访', month: '2028-01', status: 'planned', owner: 'u-li' })
    expect(plan.items.find((i) => i.templateKey === 'talentShow')).toMatchObject({ title: '校园才艺节', status: 'planned', owner: 'u-wang', month: '2027-11' })
    expect(plan.items.some((i) => i.templateKey === 'openDay')).toBe(false)
  })
})
