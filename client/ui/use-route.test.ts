import { describe, expect, it } from 'vitest'
import { newId } from '../../shared/doc-id'
import { parseRoute, routeHref, type Route } from './use-route'

const TOKEN = 'aB3_-'.repeat(8) + 'xyz'

describe('routes in the hash', () => {
  it.each<Route>([
    { name: 'list' },
    { name: 'new' },
    { name: 'child', childId: 'Ab_9-xY' },
    { name: 'child', childId: newId() },
    { name: 'wholeFile', childId: newId() },
    { name: 'members' },
    { name: 'organisation' },
    { name: 'figures' },
    { name: 'summary' },
    { name: 'tasks' },
    { name: 'careRules' },
    { name: 'child', childId: 'Ab_9-xY', record: { type: 'talk' } },
    { name: 'child', childId: 'Ab_9-xY', record: { type: 'parentContact', method: 'call' } },
    { name: 'child', childId: 'Ab_9-xY', record: { type: 'talk', period: { start: '2026-10-01', end: '2026-10-31' } } },
    { name: 'setup', token: TOKEN },
    { name: 'invite', token: TOKEN },
    { name: 'publish' },
    { name: 'publish', term: '2026-autumn' },
  ])(
    'routeHref and parseRoute round-trip %o',
    (route) => {
      const href = routeHref(route)
      expect(href.startsWith('#/')).toBe(true)
      expect(parseRoute(href)).toEqual(route)
    },
  )

  it('parses a hash with or without the leading #', () => {
    expect(parseRoute('#/new')).toEqual({ name: 'new' })
    expect(parseRoute('/new')).toEqual({ name: 'new' })
    expect(parseRoute('#/child/abc')).toEqual({ name: 'child', childId: 'abc' })
  })

  it('U10: a task’s link opens the file on a record of its type; an unknown type opens the file only', () => {
    expect(parseRoute('#/child/abc/record/homeVisit')).toEqual({ name: 'child', childId: 'abc', record: { type: 'homeVisit' } })
    expect(parseRoute('#/child/abc/record/gossip')).toEqual({ name: 'child', childId: 'abc' })
    expect(parseRoute('#/child/abc/record/talk/x/y')).toEqual({ name: 'list' })
  })

  it('accepts the longest child id and no longer', () => {
    expect(parseRoute(`#/child/${'a'.repeat(64)}`)).toEqual({ name: 'child', childId: 'a'.repeat(64) })
    expect(parseRoute(`#/child/${'a'.repeat(65)}`)).toEqual({ name: 'list' })
  })

  it('reads the setup and invite links the relay and coordinators hand out', () => {
    expect(TOKEN).toHaveLength(43)
    expect(parseRoute(`#/setup/${TOKEN}`)).toEqual({ name: 'setup', token: TOKEN })
    expect(parseRoute(`#/invite/${TOKEN}`)).toEqual({ name: 'invite', token: TOKEN })
    expect(parseRoute('#/members')).toEqual({ name: 'members' })
  })

  it.each([
    '',
    '#',
    '#/',
    '#/child',
    '#/child/',
    '#/child/a/b',
    '#/child/a/print/',
    '#/child/a/prints',
    '#/child/../settings',
    '#/child/a%20b',
    '#/child/a.b',
    '#/child/王小明',
    '#/child/abc?x=1',
    '#/new/',
    '#/NEW',
    '#/unknown',
    '##/new',
    '#javascript:alert(1)',
    '#/child/abc\n',
    '#/members/',
    `#/setup/${TOKEN.slice(1)}`,
    `#/setup/${TOKEN}a`,
    `#/invite/${TOKEN.slice(0, 42)}=`,
    `#/invite/${TOKEN}?x=1`,
    `#/invite/${TOKEN}/`,
    `#/login/${TOKEN}`,
  ])('gives the list for the junk hash %j', (hash) => {
    expect(parseRoute(hash)).toEqual({ name: 'list' })
  })
})

describe('audit route', () => {
  it('round-trips a child and a member, and refuses junk', async () => {
    const { parseRoute: parse, routeHref: href } = await import('./use-route')
    expect(parse('#/audit?child=abc_1')).toEqual({ name: 'audit', childId: 'abc_1' })
    expect(parse('#/audit?user=u-x9')).toEqual({ name: 'audit', userId: 'u-x9' })
    expect(href({ name: 'audit', childId: 'abc_1' })).toBe('#/audit?child=abc_1')
    expect(parse('#/audit?child=../x')).toEqual({ name: 'list' })
    // The whole workspace's trail, and one's own account page (SPEC M1, M6).
    expect(parse(href({ name: 'audit' }))).toEqual({ name: 'audit' })
    expect(parse(href({ name: 'account' }))).toEqual({ name: 'account' })
  })
})

describe('term plan routes', () => {
  it('round-trips the plan, its views and items, aid rounds, the home, the rollover and the forms; refuses junk', () => {
    const routes: Route[] = [
      { name: 'plan' },
      { name: 'plan', term: '2027-spring' },
      { name: 'plan', term: '2027-spring', view: 'list' },
      { name: 'plan', term: '2026-autumn', view: 'print' },
      { name: 'plan', term: '2026-autumn', itemId: 't-talentShow' },
      { name: 'aid' },
      { name: 'aid', term: '2027-spring', distId: 'Ab_9-x' },
      { name: 'home', term: '2027-spring' },
      { name: 'rollover' },
      { name: 'forms' },
    ]
    for (const route of routes) expect(parseRoute(routeHref(route))).toEqual(route)
    expect(parseRoute('#/plan/2027-winter')).toEqual({ name: 'list' })
    expect(parseRoute('#/plan/2027-spring/item/../x')).toEqual({ name: 'list' })
    expect(parseRoute('#/aid/2027-spring/<b>')).toEqual({ name: 'list' })
  })
})
