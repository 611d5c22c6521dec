import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openAccessStore, type AccessStore } from './access-store'

describe('access store', () => {
  let clock = 1_000_000
  let store: AccessStore
  const open = () => (store = openAccessStore({ file: ':memory:', now: () => clock }))
  afterEach(() => store.close())

  it('is empty until the first account, which then has its role', () => {
    open()
    expect(store.isEmpty()).toBe(true)
    const u = store.createUser('wang', '王老師', 'hash')
    store.setRole('school-1', u.id, 'coordinator')
    expect(store.isEmpty()).toBe(false)
    expect(store.roleIn(u.id, 'school-1')).toBe('coordinator')
    expect(store.roleIn(u.id, 'school-2')).toBeUndefined()
    expect(() => store.createUser('WANG', 'x', 'h')).toThrow()
  })

  // SPEC S23
  it('S23: the directory version moves with every change of what the directory lists, and with nothing else', () => {
    open()
    const version = () => store.directoryVersion('school-1')
    const seen = new Set([version()])
    const moved = () => {
      const now = version()
      const fresh = !seen.has(now)
      seen.add(now)
      return fresh
    }
    const u = store.createUser('wang', '王老師', 'hash')
    expect(moved()).toBe(false)
    store.setRole('school-1', u.id, 'coordinator')
    expect(moved()).toBe(true)
    store.setRole('school-1', u.id, 'teacher')
    expect(moved()).toBe(true)
    store.setPhone(u.id, '13800000000')
    expect(moved()).toBe(true)
    const helper = store.acceptInvite(store.createInvite('school-1', 'helper', u.id), 'zhang', '張媽媽', 'hash')
    expect(moved()).toBe(true)
    store.removeMember('school-1', helper?.id ?? '')
    expect(moved()).toBe(true)
    // Not the directory's: classes, pairings, another workspace's members.
    store.assignClass('school-1', u.id, 'class-1')
    store.pair('school-1', u.id, 'c1')
    store.setRole('school-2', store.createUser('li', '李老師', 'hash').id, 'teacher')
    expect(moved()).toBe(false)
  })

  // SPEC S23
  it('S23: another opening of the same file never gives the same directory version (a restored backup counts from an older one)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'access-'))
    try {
      store = openAccessStore({ file: join(dir, 'access.db') })
      store.setRole('school-1', store.createUser('wang', '王老師', 'hash').id, 'coordinator')
      const first = store.directoryVersion('school-1')
      store.close()
      store = openAccessStore({ file: join(dir, 'access.db') })
      expect(store.directoryVersion('school-1')).not.toBe(first)
      expect(store.directoryVersion('school-1').split(':')[1]).toBe(first.split(':')[1])
    } finally {
      store.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('sessions: found by token, never by anything stored; ended, expired and unknown ones refused', () => {
    open()
    const u = store.createUser('li', '李媽媽', 'hash')
    const a = store.createSession(u.id, 1000)
    const b = store.createSession(u.id)
    expect(store.sessionUser(a.token)?.id).toBe(u.id)
    const stored = store.raw.prepare('SELECT token_hash FROM sessions').all() as { token_hash: string }[]
    expect(stored.map((s) => s.token_hash)).not.toContain(a.token)
    expect(store.sessionUser(a.token.slice(0, -1) + 'x')).toBeUndefined()
    clock += 1000
    expect(store.sessionUser(a.token)).toBeUndefined()
    expect(store.sessionUser(b.token)?.id).toBe(u.id)
    store.endSession(b.token)
    expect(store.sessionUser(b.token)).toBeUndefined()
    const c = store.createSession(u.id)
    const d = store.createSession(u.id)
    expect(store.endAllSessions(u.id)).toBe(2)
    expect(store.sessionUser(c.token)).toBeUndefined()
    expect(store.sessionUser(d.token)).toBeUndefined()
  })

  it('invites carry a role, work once, and expire', () => {
    open()
    const token = store.createInvite('school-1', 'helper', null, 5000)
    expect(store.peekInvite(token)).toEqual({ workspace: 'school-1', role: 'helper' })
    const user = store.acceptInvite(token, 'zhang', '張媽媽', 'hash')
    expect(user && store.roleIn(user.id, 'school-1')).toBe('helper')
    expect(store.acceptInvite(token, 'other', '別人', 'hash')).toBeUndefined()
    expect(store.userByName('other')).toBeUndefined()
    const late = store.createInvite('school-1', 'teacher', null, 5000)
    clock += 5000
    expect(store.acceptInvite(late, 'late', '晚到', 'hash')).toBeUndefined()
  })

  it('scope: a teacher teaches the children of their classes; a helper is paired until the pairing ends', () => {
    open()
    const teacher = store.createUser('t', '老師', 'h')
    const helper = store.createUser('h', '媽媽', 'h')
    store.assignClass('school-1', teacher.id, 'class-3-2')
    store.setChildClass('school-1', 'c1', 'class-3-2')
    store.setChildClass('school-1', 'c2', 'class-1')
    expect(store.teachesChild('school-1', teacher.id, 'c1')).toBe(true)
    expect(store.teachesChild('school-1', teacher.id, 'c2')).toBe(false)
    expect(store.teachesChild('school-2', teacher.id, 'c1')).toBe(false)
    store.setChildClass('school-1', 'c1', 'class-1')
    expect(store.teachesChild('school-1', teacher.id, 'c1')).toBe(false)

    expect(store.isPaired('school-1', helper.id, 'c1')).toBe(false)
    store.pair('school-1', helper.id, 'c1')
    expect(store.isPaired('school-1', helper.id, 'c1')).toBe(true)
    clock += 1
    expect(store.unpair('school-1', helper.id, 'c1')).toBe(1)
    expect(store.isPaired('school-1', helper.id, 'c1')).toBe(false)
  })

  it('the audit trail is append-only', () => {
    open()
    store.audit('school-1', 'u1', 'school-1/child/c1', 'opened')
    store.audit('school-1', 'u2', 'school-1/child/c1', 'changed')
    store.audit('school-1', 'u1', 'school-1/child/c2', 'exported')
    expect(store.auditForDoc('school-1', 'school-1/child/c1').map((e) => [e.userId, e.action])).toEqual([
      ['u1', 'opened'],
      ['u2', 'changed'],
    ])
    expect(store.auditForUser('school-1', 'u1').map((e) => e.action)).toEqual(['opened', 'exported'])
    expect(() => store.raw.prepare("UPDATE audit SET action = 'nothing'").run()).toThrow(/append-only/)
    expect(() => store.raw.prepare('DELETE FROM audit').run()).toThrow(/append-only/)
    expect(store.auditForDoc('school-1', 'school-1/child/c1')).toHaveLength(2)
  })

  // SPEC E5
  it("forgetting an erased child deletes its class and pairings, no other child's, and keeps its audit trail", () => {
    open()
    const helper = store.createUser('h', '媽媽', 'h')
    const teacher = store.createUser('t', '老師', 'h')
    store.assignClass('school-1', teacher.id, 'class-3')
    store.setChildClass('school-1', 'c1', 'class-3')
    store.setChildClass('school-1', 'c2', 'class-3')
    store.pair('school-1', helper.id, 'c1')
    store.pair('school-1', helper.id, 'c2')
    store.audit('school-1', helper.id, 'school-1/child/c1', 'opened')

    store.forgetChild('school-1', 'c1')
    expect(store.childClass('school-1', 'c1')).toBeUndefined()
    expect(store.isPaired('school-1', helper.id, 'c1')).toBe(false)
    expect(store.raw.prepare("SELECT COUNT(*) AS n FROM pairings WHERE child_id = 'c1'").get()).toEqual({ n: 0 })
    expect(store.childClass('school-1', 'c2')).toBe('class-3')
    expect(store.isPaired('school-1', helper.id, 'c2')).toBe(true)
    expect(store.auditForDoc('school-1', 'school-1/child/c1').map((e) => e.action)).toEqual(['opened'])
  })
})
