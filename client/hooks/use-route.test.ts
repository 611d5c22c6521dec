import { describe, expect, it } from 'vitest'
import { newId } from '../../shared/doc-id'
import { parseRoute, routeHref, type Route } from './use-route'

describe('routes in the hash', () => {
  it.each<Route>([{ name: 'list' }, { name: 'new' }, { name: 'child', childId: 'Ab_9-xY' }, { name: 'child', childId: newId() }])(
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

  it('accepts the longest child id and no longer', () => {
    expect(parseRoute(`#/child/${'a'.repeat(64)}`)).toEqual({ name: 'child', childId: 'a'.repeat(64) })
    expect(parseRoute(`#/child/${'a'.repeat(65)}`)).toEqual({ name: 'list' })
  })

  it.each([
    '',
    '#',
    '#/',
    '#/child',
    '#/child/',
    '#/child/a/b',
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
  ])('gives the list for the junk hash %j', (hash) => {
    expect(parseRoute(hash)).toEqual({ name: 'list' })
  })
})
