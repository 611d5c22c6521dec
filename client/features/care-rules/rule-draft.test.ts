import { describe, expect, it } from 'vitest'
import { DEFAULT_RULES, checkRuleBody } from '../../../shared/docs/settings/care-rules'
import { NEW_RULE, bodyOf, draftOf } from './rule-draft'

describe('a care rule in its form (SPEC U4)', () => {
  it.each(DEFAULT_RULES.map((r) => [r.id, r] as const))('U4: %s reads back from its form as it was', (_id, rule) => {
    const { what, every, times, by, children, on } = rule
    const body = { what, every, times, by, children, on }
    expect(checkRuleBody(bodyOf(draftOf(body)))).toEqual({ body })
  })

  it('U4: a method left from another record type is dropped, and a wrong count comes back as its error', () => {
    expect(checkRuleBody(bodyOf({ ...NEW_RULE, what: 'homeVisit', method: 'call' }))).toMatchObject({ body: { what: { record: 'homeVisit' } } })
    expect(checkRuleBody(bodyOf({ ...NEW_RULE, what: 'parentContact', method: 'call' }))).toMatchObject({ body: { what: { record: 'parentContact', method: 'call' } } })
    expect(checkRuleBody(bodyOf({ ...NEW_RULE, times: 'twice' }))).toEqual({ errors: { times: { code: 'notNumber' } } })
    expect(checkRuleBody(bodyOf({ ...NEW_RULE, children: 'risk', risk: [] }))).toEqual({ errors: { children: { code: 'required' } } })
  })
})
