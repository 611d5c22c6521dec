import { describe, expect, it } from 'vitest'
import {
  childDocumentId,
  isDocumentId,
  newId,
  parseDocumentId,
  planDocumentId,
  settingsDocumentId,
  toWorkspaceId,
} from './doc-id'

describe('parseDocumentId', () => {
  it('accepts the four kinds of document', () => {
    expect(parseDocumentId('school-1/settings')).toEqual({ workspace: 'school-1', kind: 'settings' })
    expect(parseDocumentId('school-1/child/Ab_9-xY')).toEqual({ workspace: 'school-1', kind: 'child', key: 'Ab_9-xY' })
    expect(parseDocumentId('school-1/plan/2025-autumn')).toEqual({ workspace: 'school-1', kind: 'plan', key: '2025-autumn' })
    expect(parseDocumentId('s/report/2025s1')).toEqual({ workspace: 's', kind: 'report', key: '2025s1' })
  })

  it('accepts the longest workspace and key, and rejects one character more', () => {
    const ws40 = 'w'.repeat(40)
    const key64 = 'k'.repeat(64)
    expect(parseDocumentId(`${ws40}/child/${key64}`)).toEqual({ workspace: ws40, kind: 'child', key: key64 })
    expect(parseDocumentId(`${ws40}w/child/${key64}`)).toBeUndefined()
    expect(parseDocumentId(`${ws40}/child/${key64}k`)).toBeUndefined()
    expect(parseDocumentId(`ws/child/${'k'.repeat(10_000)}`)).toBeUndefined()
  })

  it.each([
    ['a path escape', '../x'],
    ['a path escape below a workspace', 'ws/child/..'],
    ['an empty key', 'ws/child/'],
    ['a nested key', 'ws/child/a/b'],
    ['a missing key', 'ws/child'],
    ['a key on settings', 'ws/settings/x'],
    ['a trailing slash on settings', 'ws/settings/'],
    ['an uppercase workspace', 'School/settings'],
    ['an uppercase kind', 'ws/Child/x'],
    ['a workspace starting with a dash', '-ws/settings'],
    ['an unknown kind', 'ws/unknown/x'],
    ['the empty string', ''],
    ['a bare workspace', 'ws'],
    ['an empty workspace', '/child/x'],
    ['a leading slash', '/ws/child/x'],
    ['a percent sign', 'ws/child/a%2Fb'],
    ['a dot', 'ws/child/a.b'],
    ['a dot in the workspace', 'w.s/settings'],
    ['a space', 'ws/child/a b'],
    ['a leading space', ' ws/settings'],
    ['a trailing newline', 'ws/child/x\n'],
    ['a backslash', 'ws/child/a\\b'],
    ['a CJK key', 'ws/child/王小明'],
  ])('rejects %s', (_why, raw) => {
    expect(parseDocumentId(raw)).toBeUndefined()
    expect(isDocumentId(raw)).toBe(false)
  })
})

describe('newId', () => {
  it('gives 16 url-safe characters that are valid document keys', () => {
    for (let i = 0; i < 200; i++) {
      const id = newId()
      expect(id).toMatch(/^[A-Za-z0-9_-]{16}$/)
      expect(encodeURIComponent(id)).toBe(id)
    }
  })

  it('gives 1,000 distinct ids in 1,000 calls', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => newId()))
    expect(ids.size).toBe(1000)
  })
})

describe('building ids', () => {
  it('childDocumentId round-trips through parseDocumentId', () => {
    const workspace = toWorkspaceId('school-1')
    for (let i = 0; i < 50; i++) {
      const childId = newId()
      const docId = childDocumentId(workspace, childId)
      expect(docId).toBe(`school-1/child/${childId}`)
      expect(parseDocumentId(docId)).toEqual({ workspace: 'school-1', kind: 'child', key: childId })
    }
  })

  it('childDocumentId refuses a key that would not parse', () => {
    const workspace = toWorkspaceId('school-1')
    expect(() => childDocumentId(workspace, '../settings')).toThrow()
    expect(() => childDocumentId(workspace, '')).toThrow()
    expect(() => childDocumentId(workspace, 'a/b')).toThrow()
  })

  it('settingsDocumentId round-trips, toWorkspaceId refuses a bad workspace', () => {
    const workspace = toWorkspaceId('school-1')
    expect(parseDocumentId(settingsDocumentId(workspace))).toEqual({ workspace: 'school-1', kind: 'settings' })
    expect(() => toWorkspaceId('School')).toThrow()
    expect(() => toWorkspaceId('a/b')).toThrow()
    expect(() => toWorkspaceId('')).toThrow()
  })

  it("planDocumentId names a term's plan, and refuses a term that would not parse", () => {
    const workspace = toWorkspaceId('school-1')
    expect(parseDocumentId(planDocumentId(workspace, '2027-spring'))).toEqual({ workspace: 'school-1', kind: 'plan', key: '2027-spring' })
    expect(() => planDocumentId(workspace, '../x')).toThrow()
  })
})
