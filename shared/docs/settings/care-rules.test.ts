import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { Origin } from '../../origin'
import {
  DEFAULT_RULES, addRule, careRulesMap, readCareRules, removeRule, resetRule, riskRuleId, rulesInForce, switchRule, updateRule,
  type RuleBody,
} from './care-rules'

const NOW = 1_780_000_000_000
const WEEKLY_PRIORITY: RuleBody = { what: { record: 'talk' }, every: 'week', times: 1, by: { anyone: true }, children: { priority: true }, on: true }

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)))
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)))
}

const ids = (doc: Y.Doc) => readCareRules(doc).rules.map((r) => r.id)

describe('care rules: the defaults (SPEC U2)', () => {
  it('U2: an empty settings document holds the seed’s nine rules, in force, and the four risk colours’ visits, off', () => {
    const { rules, skipped } = readCareRules(new Y.Doc())
    expect(skipped).toEqual([])
    expect(rules.filter((r) => r.on).map((r) => r.id)).toEqual([
      'talk-monthly-teacher', 'talk-weekly-caring-mother', 'parent-contact-monthly', 'guardian-contact-monthly',
      'home-visit-termly-teacher', 'proxy-parent-monthly', 'home-visit-half-year-cadre', 'file-first-month', 'activity-termly',
    ])
    expect(rules.filter((r) => !r.on).map((r) => r.id)).toEqual(['visit-risk-red', 'visit-risk-yellow', 'visit-risk-blue', 'visit-risk-green'])
    expect(rules.every((r) => r.source === 'default')).toBe(true)
    expect(rules.find((r) => r.id === 'talk-monthly-teacher')).toMatchObject({ what: { record: 'talk' }, every: 'month', times: 1, by: { pairing: 'classTeacher' } })
    expect(rules.find((r) => r.id === 'home-visit-termly-teacher')).toMatchObject({ what: { record: 'homeVisit' }, every: 'term', times: 2 })
    expect(rules.find((r) => r.id === riskRuleId('red'))).toMatchObject({ every: 'week', children: { risk: ['red'] } })
  })

  it('U2: two devices that never edited a rule read the same rules, and store nothing for them', () => {
    const a = new Y.Doc()
    const b = new Y.Doc()
    sync(a, b)
    expect(readCareRules(a)).toEqual(readCareRules(b))
    expect(careRulesMap(a).size).toBe(0)
  })
})

describe('care rules: changes (SPEC U1, U2)', () => {
  it('U1: switching a default off writes one entry under its id; the rest stay defaults', () => {
    const doc = new Y.Doc()
    expect(switchRule(doc, 'talk-weekly-caring-mother', false)).toEqual({})
    expect([...careRulesMap(doc).keys()]).toEqual(['talk-weekly-caring-mother'])
    const rule = readCareRules(doc).rules.find((r) => r.id === 'talk-weekly-caring-mother')
    expect(rule).toMatchObject({ on: false, source: 'edited', every: 'week' })
    expect(rulesInForce(doc).map((r) => r.id)).not.toContain('talk-weekly-caring-mother')
    expect(rulesInForce(doc)).toHaveLength(8)
  })

  it('U1: an edit is checked whole; a wrong one returns its errors by field and writes nothing', () => {
    const doc = new Y.Doc()
    let updates = 0
    doc.on('update', () => updates++)
    expect(updateRule(doc, 'home-visit-termly-teacher', { times: 0 })).toEqual({ times: { code: 'outOfRange', params: { min: 1, max: 31 } } })
    expect(updateRule(doc, 'parent-contact-monthly', { what: { record: 'parentContact', method: 'telegram' } })).toEqual({ method: { code: 'invalidChoice' } })
    expect(updateRule(doc, 'talk-monthly-teacher', { what: { record: 'talk', method: 'call' } })).toEqual({ method: { code: 'invalidChoice' } })
    expect(updateRule(doc, 'file-first-month', { every: 'month' })).toEqual({ every: { code: 'filedEveryTerm' } })
    expect(updateRule(doc, 'visit-risk-red', { children: { risk: [] } })).toEqual({ children: { code: 'required' } })
    expect(updateRule(doc, 'nope', { on: false })).toEqual({ what: { code: 'noSuchRule' } })
    expect(updates).toBe(0)
    expect(updateRule(doc, 'home-visit-termly-teacher', { times: 3 }, Origin.localEdit)).toEqual({})
    expect(readCareRules(doc).rules.find((r) => r.id === 'home-visit-termly-teacher')?.times).toBe(3)
    expect(updates).toBe(1)
    // The same value again changes nothing.
    updateRule(doc, 'home-visit-termly-teacher', { times: 3 })
    expect(updates).toBe(1)
  })

  it('U1: a method asks for that way of contact only; a title is the coordinator’s own name for the rule', () => {
    const doc = new Y.Doc()
    expect(updateRule(doc, 'parent-contact-monthly', { what: { record: 'parentContact', method: 'video' }, every: 'week', title: '每周亲情视频' })).toEqual({})
    expect(readCareRules(doc).rules.find((r) => r.id === 'parent-contact-monthly')).toMatchObject({ what: { record: 'parentContact', method: 'video' }, every: 'week', title: '每周亲情视频' })
    expect(updateRule(doc, 'parent-contact-monthly', { title: '' })).toEqual({})
    expect(readCareRules(doc).rules.find((r) => r.id === 'parent-contact-monthly')?.title).toBeUndefined()
  })

  it('U2: added rules follow the defaults, oldest first; only they can be removed, a default is reset', () => {
    const doc = new Y.Doc()
    const first = addRule(doc, WEEKLY_PRIORITY, { now: NOW })
    const second = addRule(doc, { ...WEEKLY_PRIORITY, children: { flag: 'psychological' }, what: { record: 'homeVisit' } }, { now: NOW + 1 })
    if (!('id' in first) || !('id' in second)) throw new Error('refused')
    expect(ids(doc).slice(-2)).toEqual([first.id, second.id])
    expect(readCareRules(doc).rules.at(-1)).toMatchObject({ source: 'added', children: { flag: 'psychological' } })
    expect(addRule(doc, { ...WEEKLY_PRIORITY, times: '' }, { now: NOW })).toEqual({ errors: { times: { code: 'required' } } })
    expect(removeRule(doc, 'talk-monthly-teacher')).toEqual({ what: { code: 'isADefault' } })
    expect(removeRule(doc, first.id)).toEqual({})
    expect(ids(doc)).not.toContain(first.id)
    expect(resetRule(doc, second.id)).toEqual({ what: { code: 'notADefault' } })

    updateRule(doc, 'talk-monthly-teacher', { every: 'week', times: 2 })
    expect(resetRule(doc, 'talk-monthly-teacher')).toEqual({})
    expect(readCareRules(doc).rules[0]).toEqual({ ...DEFAULT_RULES[0], source: 'default' })
  })

  it('U2: two coordinators editing one rule offline end with one whole edit on both devices, never a mix', () => {
    const a = new Y.Doc()
    const b = new Y.Doc()
    updateRule(a, 'home-visit-termly-teacher', { times: 3 })
    updateRule(b, 'home-visit-termly-teacher', { every: 'month' })
    sync(a, b)
    const onA = readCareRules(a).rules.find((r) => r.id === 'home-visit-termly-teacher')
    expect(readCareRules(b).rules.find((r) => r.id === 'home-visit-termly-teacher')).toEqual(onA)
    expect([['term', 3], ['month', 2]]).toContainEqual([onA?.every, onA?.times])
  })
})

describe('care rules: what a peer wrote (SPEC U3)', () => {
  it('U3: garbage under a rule id is skipped and reported; a default under it stays as shipped', () => {
    const doc = new Y.Doc()
    const map = careRulesMap(doc)
    doc.transact(() => {
      map.set('talk-monthly-teacher', { what: { record: 'gossip' }, every: 'month', times: 1, by: { anyone: true }, children: { all: true }, on: true })
      map.set('weird', 'not a rule')
      map.set('nested', new Y.Map())
      map.set('bad id!', { ...WEEKLY_PRIORITY })
      map.set('too-often', { ...WEEKLY_PRIORITY, times: 1000 })
      map.set('no-children', { ...WEEKLY_PRIORITY, children: { risk: ['purple'] } })
      map.set('fine', { ...WEEKLY_PRIORITY, added: 'yesterday', extra: 'from a newer version' })
    })
    const { rules, skipped } = readCareRules(doc)
    expect(skipped).toEqual([
      { id: 'bad id!', reason: 'badId' },
      { id: 'nested', reason: 'required' },
      { id: 'no-children', reason: 'required' },
      { id: 'talk-monthly-teacher', reason: 'invalidChoice' },
      { id: 'too-often', reason: 'outOfRange' },
      { id: 'weird', reason: 'required' },
    ])
    expect(rules.find((r) => r.id === 'talk-monthly-teacher')).toEqual({ ...DEFAULT_RULES[0], source: 'default' })
    expect(rules.find((r) => r.id === 'fine')).toMatchObject({ ...WEEKLY_PRIORITY, source: 'added' })
    // A coordinator's edit replaces the garbage with a whole rule.
    expect(switchRule(doc, 'talk-monthly-teacher', false)).toEqual({})
    expect(readCareRules(doc).skipped.map((s) => s.id)).not.toContain('talk-monthly-teacher')
  })
})
