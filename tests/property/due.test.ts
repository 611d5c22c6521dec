/**
 * docs/SPEC.md U5–U8 as properties of `dueTasks` over seeded random workspaces (children with
 * paths, flags, risk colours and review dates; pairings by account and by name, begun and ended;
 * records of every type, method and author; the default rules switched on and off and rules of
 * random shape; a random today):
 * - a record that satisfies a task's rule counts for that task, and changes only the tasks it
 *   matches (their rule's type, method, period and author);
 * - moving "today" forward makes a task due on its period's first day and overdue the day after
 *   its last, never before;
 * - switching a rule off removes its tasks and nothing else;
 * - a child no longer left behind has no task, and the others keep theirs;
 * - the tasks are the same whatever order the rows come in.
 *
 * 200 seeds run in `npm test`; PROPERTY_SEEDS=5000 runs more. A seed that ever fails is kept in
 * REGRESSION_SEEDS with what it found.
 */
import * as prng from 'lib0/prng'
import { describe, expect, it } from 'vitest'
import { addDays, type IsoDate } from '../../shared/dates'
import { IEP_REVIEW, dueTasks, type DueInput, type Task } from '../../shared/care/due'
import { RISK_LEVELS } from '../../shared/docs/child/child-fields'
import { CONTACT_METHODS, RECORD_TYPES } from '../../shared/docs/child/records'
import { DEFAULT_RULES, RULE_FLAGS, RULE_PERIODS, type CareRule, type RuleChildren } from '../../shared/docs/settings/care-rules'
import { childRow, recordRow, type ChildRow, type PairingRow, type RecordRow } from '../../shared/indexes/rows'

const SEEDS = Number(process.env.PROPERTY_SEEDS ?? 200)
const REGRESSION_SEEDS: readonly number[] = []
const USERS = ['u1', 'u2', 'u3', 'u4']
const NAMES = ['张妈妈', '李阿姨', '王老师']
const CLASSES = ['k1', 'k2', 'k3']
const KINDS = ['classTeacher', 'caringMother', 'proxyParent', 'cadre', 'peerBuddy'] as const
const TERMS = [
  { start: '2026-09-01' as IsoDate, end: '2027-01-20' as IsoDate },
  { start: '2027-02-20' as IsoDate, end: '2027-07-10' as IsoDate },
]
const FIRST_DAY = '2026-08-01' as IsoDate

type Gen = prng.PRNG

const dayIn = (gen: Gen, from: IsoDate, span: number) => addDays(from, prng.int32(gen, 0, span))

function randomChildren(gen: Gen): RuleChildren {
  switch (prng.int32(gen, 0, 3)) {
    case 0:
      return { all: true }
    case 1:
      return { priority: true }
    case 2:
      return { flag: prng.oneOf(gen, [...RULE_FLAGS]) }
    default:
      return { risk: RISK_LEVELS.filter(() => prng.bool(gen)).concat(['red']) }
  }
}

function randomRule(gen: Gen, i: number): CareRule {
  const type = prng.oneOf(gen, ['talk', 'homeVisit', 'parentContact', 'activity'] as const)
  const method = type === 'parentContact' && prng.bool(gen) ? prng.oneOf(gen, [...CONTACT_METHODS]) : undefined
  return {
    id: `custom-${i}`,
    what: method ? { record: type, method } : { record: type },
    every: prng.oneOf(gen, [...RULE_PERIODS]),
    times: prng.int32(gen, 1, 3),
    by: prng.bool(gen) ? { anyone: true } : { pairing: prng.oneOf(gen, [...KINDS]) },
    children: randomChildren(gen),
    on: prng.int32(gen, 0, 4) > 0,
  }
}

function world(seed: number): DueInput {
  const gen = prng.create(seed)
  const today = dayIn(gen, '2026-09-01' as IsoDate, 330)
  const children: ChildRow[] = []
  const records: RecordRow[] = []
  const pairings: PairingRow[] = []
  const count = prng.int32(gen, 1, 7)
  for (let c = 0; c < count; c++) {
    const id = `c${c}`
    const docId = `ws/child/${id}`
    const path = prng.int32(gen, 0, 3) === 0 ? [{ status: prng.oneOf(gen, ['noLongerLeftBehind', 'active', 'movedSchool']), since: dayIn(gen, FIRST_DAY, 400) }] : []
    children.push(
      childRow({
        id,
        docId,
        classId: prng.oneOf(gen, CLASSES),
        risk: prng.oneOf(gen, ['', ...RISK_LEVELS]),
        priority: prng.oneOf(gen, ['', '', 'problem', 'hardship']),
        flags: RULE_FLAGS.filter(() => prng.int32(gen, 0, 3) === 0),
        missing: prng.bool(gen) ? [] : ['consent.date'],
        iepReview: prng.int32(gen, 0, 3) === 0 ? dayIn(gen, FIRST_DAY, 400) : '',
        createdAt: prng.bool(gen) ? 0 : Date.UTC(2026, 7, prng.int32(gen, 1, 300)),
        path,
      }),
    )
    for (let p = prng.int32(gen, 0, 3); p > 0; p--) {
      const byName = prng.int32(gen, 0, 2) === 0
      pairings.push({
        id: `${id}/p${p}`,
        childId: id,
        docId,
        pairingId: `p${p}`,
        userId: byName ? '' : prng.oneOf(gen, USERS),
        name: prng.oneOf(gen, NAMES),
        kind: prng.oneOf(gen, [...KINDS]),
        from: prng.bool(gen) ? '' : dayIn(gen, FIRST_DAY, 400),
        to: prng.int32(gen, 0, 2) === 0 ? dayIn(gen, FIRST_DAY, 400) : '',
      })
    }
    for (let r = prng.int32(gen, 0, 14); r > 0; r--) records.push(randomRecord(gen, id, `${id}/r${r}`, today))
  }
  const rules = [...DEFAULT_RULES.map((rule) => ({ ...rule, on: prng.int32(gen, 0, 3) > 0 })), ...Array.from({ length: prng.int32(gen, 0, 3) }, (_, i) => randomRule(gen, i))]
  const classTeachers = new Map(CLASSES.filter(() => prng.bool(gen)).map((k) => [k, [prng.oneOf(gen, USERS)]]))
  return { rules, children, records, pairings, terms: prng.bool(gen) ? TERMS : TERMS.slice(0, 1), today, classTeachers }
}

function randomRecord(gen: Gen, childId: string, id: string, today: IsoDate): RecordRow {
  const type = prng.oneOf(gen, [...RECORD_TYPES])
  return recordRow({
    id,
    childId,
    docId: `ws/child/${childId}`,
    type,
    date: prng.int32(gen, 0, 20) === 0 ? '' : addDays(today, -prng.int32(gen, 0, 200)),
    authorId: prng.oneOf(gen, USERS),
    method: type === 'parentContact' ? prng.oneOf(gen, [...CONTACT_METHODS]) : '',
  })
}

/** Whether a record counts for a task, as SPEC U7 says it in words (the oracle). */
function satisfies(task: Task, rule: CareRule, record: RecordRow): boolean {
  if ('filed' in rule.what || record.childId !== task.childId || record.type !== rule.what.record) return false
  if (rule.what.method !== undefined && rule.what.method !== record.method) return false
  if (record.date < task.period.start || record.date > task.period.end) return false
  return task.helper.type !== 'account' || task.helper.userId === record.authorId
}

function shuffle<T>(gen: Gen, list: readonly T[]): T[] {
  const out = [...list]
  for (let i = out.length - 1; i > 0; i--) {
    const j = prng.int32(gen, 0, i)
    ;[out[i], out[j]] = [out[j] as T, out[i] as T]
  }
  return out
}

const byId = (tasks: readonly Task[]) => new Map(tasks.map((t) => [t.id, t]))
const seeds = [...REGRESSION_SEEDS, ...Array.from({ length: SEEDS }, (_, i) => i + 1)]

describe('what is due, as properties (SPEC U5–U8)', () => {
  it('SPEC U7: a record that satisfies a task’s rule counts for it, and changes only the tasks it matches', () => {
    let cleared = 0
    for (const seed of seeds) {
      const input = world(seed)
      const gen = prng.create(seed * 7919)
      const before = dueTasks(input)
      const open = before.filter((t) => t.state !== 'done' && t.ruleId !== IEP_REVIEW && t.ruleId !== 'file-first-month')
      if (open.length === 0) continue
      const task = prng.oneOf(gen, open)
      const rule = input.rules.find((r) => r.id === task.ruleId)
      const what = rule?.what
      if (!what || 'filed' in what) throw new Error('a task of no rule')
      const last = task.period.end < input.today ? task.period.end : input.today
      const added = Array.from({ length: task.times - task.count }, (_, i) =>
        recordRow({
          id: `${task.childId}/new${i}`,
          childId: task.childId,
          docId: `ws/child/${task.childId}`,
          type: what.record,
          date: dayIn(gen, task.period.start, Math.max(0, (Date.parse(last) - Date.parse(task.period.start)) / 86_400_000)),
          authorId: task.helper.type === 'account' ? task.helper.userId : prng.oneOf(gen, USERS),
          method: what.method ?? (what.record === 'parentContact' ? prng.oneOf(gen, [...CONTACT_METHODS]) : ''),
        }),
      )
      const after = byId(dueTasks({ ...input, records: [...input.records, ...added] }))
      expect([...after.keys()], `seed ${seed}`).toEqual(before.map((t) => t.id))
      expect(after.get(task.id)?.state, `seed ${seed}`).toBe('done')
      cleared++
      for (const other of before) {
        const otherRule = input.rules.find((r) => r.id === other.ruleId)
        const matched = otherRule ? added.filter((r) => satisfies(other, otherRule, r)).length : 0
        const now = after.get(other.id)
        expect(now?.count, `seed ${seed}: ${other.id}`).toBe(other.count + matched)
        if (matched === 0) expect(now, `seed ${seed}: ${other.id}`).toEqual(other)
      }
    }
    expect(cleared).toBeGreaterThan(SEEDS / 2)
  })

  it('SPEC U5: moving today forward makes a task due on its period’s first day and overdue the day after its last', () => {
    let checked = 0
    for (const seed of seeds) {
      // A steady world: no pairing ends, no status changes, every file made before the first day.
      const base = world(seed)
      const input: DueInput = {
        ...base,
        children: base.children.map((c) => ({ ...c, path: [], createdAt: 0 })),
        pairings: base.pairings.map((p) => ({ ...p, to: '' })),
        records: base.records.filter((r) => r.date !== ''),
      }
      for (const task of dueTasks(input).filter((t) => t.state === 'due' && t.ruleId !== IEP_REVIEW)) {
        const at = (today: IsoDate) => byId(dueTasks({ ...input, today })).get(task.id)
        const startsIn = task.period.start < input.today ? task.period.start : input.today
        // Pairings begun later than the period's first day make it theirs only from then.
        if (input.pairings.some((p) => p.childId === task.childId && p.from > task.period.start)) continue
        expect(at(addDays(task.period.start, -1)), `seed ${seed}: ${task.id} before it starts`).toBeUndefined()
        expect(at(startsIn)?.state, `seed ${seed}: ${task.id} on its first day`).toBe('due')
        expect(at(task.period.end)?.state, `seed ${seed}: ${task.id} on its last day`).toBe('due')
        expect(at(addDays(task.period.end, 1))?.state, `seed ${seed}: ${task.id} the day after`).toBe('overdue')
        checked++
      }
    }
    expect(checked).toBeGreaterThan(SEEDS)
  })

  it('SPEC U5: switching a rule off removes its tasks and nothing else', () => {
    for (const seed of seeds) {
      const input = world(seed)
      const gen = prng.create(seed * 31)
      const rule = prng.oneOf(gen, input.rules.filter((r) => r.on).concat(DEFAULT_RULES[0] as CareRule))
      const all = dueTasks(input)
      const without = dueTasks({ ...input, rules: input.rules.map((r) => (r.id === rule.id ? { ...r, on: false } : r)) })
      expect(without, `seed ${seed}`).toEqual(all.filter((t) => t.ruleId !== rule.id))
    }
  })

  it('SPEC U8: a child no longer left behind has no task, and the other children keep theirs', () => {
    for (const seed of seeds) {
      const input = world(seed)
      const gen = prng.create(seed * 17)
      const leaving = prng.oneOf(gen, [...input.children])
      const since = dayIn(gen, '2026-06-01' as IsoDate, Math.max(0, (Date.parse(input.today) - Date.parse('2026-06-01')) / 86_400_000))
      const children = input.children.map((c) => (c.id === leaving.id ? { ...c, path: [...c.path, { status: 'noLongerLeftBehind', since }].sort((a, b) => (a.since < b.since ? -1 : 1)) } : c))
      // The latest entry begun by today decides: make the new one the last of those.
      const child = children.find((c) => c.id === leaving.id)
      if (child) child.path = child.path.filter((e) => e.since <= since || e.since > input.today)
      const after = dueTasks({ ...input, children })
      expect(after.filter((t) => t.childId === leaving.id), `seed ${seed}`).toEqual([])
      expect(after, `seed ${seed}`).toEqual(dueTasks(input).filter((t) => t.childId !== leaving.id))
    }
  })

  it('SPEC U5: the tasks are the same whatever order the rows come in', () => {
    for (const seed of seeds) {
      const input = world(seed)
      const gen = prng.create(seed * 101)
      const shuffled: DueInput = {
        ...input,
        rules: shuffle(gen, input.rules),
        children: shuffle(gen, input.children),
        records: shuffle(gen, input.records),
        pairings: shuffle(gen, input.pairings),
        terms: shuffle(gen, input.terms),
      }
      expect(dueTasks(shuffled), `seed ${seed}`).toEqual(dueTasks(input))
    }
  })
})
