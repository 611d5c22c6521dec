import { describe, expect, it } from 'vitest'
import { ROLES, type Access, type Role } from './access'
import { accessTo } from './docs/registry'
import type { DocumentKind } from './doc-id'

// The table of shared/access.ts, written out again (each kind's column is in its kind.ts): a change to either must be deliberate.
const TABLE: Record<DocumentKind, Record<Role, Access>> = {
  settings: { coordinator: 'write', teacher: 'read', helper: 'read', supervisor: 'read' },
  plan: { coordinator: 'write', teacher: 'write', helper: 'read', supervisor: 'none' },
  child: { coordinator: 'write', teacher: 'none', helper: 'none', supervisor: 'none' },
  report: { coordinator: 'write', teacher: 'read', helper: 'read', supervisor: 'read' },
}

describe('access: every role against every kind of document', () => {
  for (const kind of Object.keys(TABLE) as DocumentKind[]) {
    it.each(ROLES)(`${kind}: %s`, (role) => {
      expect(accessTo(kind, { role })).toBe(TABLE[kind][role])
    })
  }

  it('a teacher writes the children of their own classes, and no others', () => {
    expect(accessTo('child', { role: 'teacher', childInOwnClass: () => true })).toBe('write')
    expect(accessTo('child', { role: 'teacher', childInOwnClass: () => false, childPaired: () => true })).toBe('none')
  })

  it('a helper writes the children paired with them, and no others', () => {
    expect(accessTo('child', { role: 'helper', childPaired: () => true })).toBe('write')
    expect(accessTo('child', { role: 'helper', childPaired: () => false, childInOwnClass: () => true })).toBe('none')
  })

  it('a supervisor never reaches a child, whatever the scope says', () => {
    expect(accessTo('child', { role: 'supervisor', childPaired: () => true, childInOwnClass: () => true })).toBe('none')
  })
})
