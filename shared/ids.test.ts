import { describe, expect, it } from 'vitest'
import { ChangesQuery } from './api'
import { ChildClassRequest, PairingRequest, SetupRequest, WorkspaceSchema } from './auth-api'
import { newId, parseDocumentId } from './doc-id'
import {
  DOCUMENT_KEY_PATTERN,
  DOCUMENT_KEY_SHAPE,
  DocumentKeySchema,
  TOKEN_PATTERN,
  TOKEN_SHAPE,
  TokenSchema,
  WORKSPACE_ID_PATTERN,
  WORKSPACE_ID_SHAPE,
  WorkspaceIdSchema,
  isDocumentKey,
  isToken,
  isWorkspaceId,
} from './ids'

/** Each shape as its three forms; all three must agree on every input. */
const SHAPES = [
  {
    name: 'workspace id',
    pattern: WORKSPACE_ID_PATTERN,
    is: isWorkspaceId,
    schema: WorkspaceIdSchema,
    valid: ['school-1', 'a', '0', 'x'.repeat(40), 'a-b-c', 'a--'],
    invalid: ['', '-school', 'School-1', 'x'.repeat(41), 'school_1', 'school.1', 'a/b', '../etc', 'school 1', '学校', 'school-1\n'],
  },
  {
    name: 'document key',
    pattern: DOCUMENT_KEY_PATTERN,
    is: isDocumentKey,
    schema: DocumentKeySchema,
    valid: ['c1', 'a', 'A_b-9', 'x'.repeat(64), '2026-1', '-', '_'],
    invalid: ['', 'x'.repeat(65), 'a/b', '..', 'a.b', 'a b', 'a%2F', 'a\u0000', '李', 'abc\n'],
  },
  {
    name: 'token',
    pattern: TOKEN_PATTERN,
    is: isToken,
    schema: TokenSchema,
    valid: ['A'.repeat(43), '_-'.repeat(21) + '9', 'aZ09'.repeat(10) + 'abc'],
    invalid: ['', 'A'.repeat(42), 'A'.repeat(44), 'A'.repeat(42) + '=', 'A'.repeat(42) + '+', 'A'.repeat(42) + '/', 'not-a-token', 'A'.repeat(43) + '\n'],
  },
] as const

describe.each(SHAPES)('$name: the pattern, the predicate and the schema agree', ({ pattern, is, schema, valid, invalid }) => {
  it.each(valid)('takes %j', (raw) => {
    expect(pattern.test(raw)).toBe(true)
    expect(is(raw)).toBe(true)
    expect(schema.safeParse(raw).success).toBe(true)
  })

  it.each(invalid)('refuses %j', (raw) => {
    expect(pattern.test(raw)).toBe(false)
    expect(is(raw)).toBe(false)
    expect(schema.safeParse(raw).success).toBe(false)
  })

  it('refuses what is not a string', () => {
    for (const raw of [undefined, null, 42, ['a'], { a: 1 }]) {
      expect(is(raw)).toBe(false)
      expect(schema.safeParse(raw).success).toBe(false)
    }
  })
})

describe('the shapes inside larger patterns', () => {
  it('match what the anchored patterns match', () => {
    const route = new RegExp(`^/w/(${WORKSPACE_ID_SHAPE})/child/(${DOCUMENT_KEY_SHAPE})/t/(${TOKEN_SHAPE})$`)
    const token = 'T'.repeat(43)
    expect(route.exec(`/w/school-1/child/c1/t/${token}`)?.slice(1)).toEqual(['school-1', 'c1', token])
    expect(route.test(`/w/School/child/c1/t/${token}`)).toBe(false)
    expect(route.test(`/w/school-1/child/c1/t/${token}x`)).toBe(false)
  })
})

describe('every use of a shape is this one', () => {
  it('new ids are document keys', () => {
    for (let i = 0; i < 100; i++) expect(isDocumentKey(newId())).toBe(true)
  })

  it('document ids take exactly these workspaces and keys', () => {
    expect(parseDocumentId('school-1/child/A_b-9')).toEqual({ workspace: 'school-1', kind: 'child', key: 'A_b-9' })
    expect(parseDocumentId('School-1/child/c1')).toBeUndefined()
    expect(parseDocumentId(`school-1/child/${'x'.repeat(65)}`)).toBeUndefined()
    expect(parseDocumentId('school-1/plan/a.b')).toBeUndefined()
  })

  it('the HTTP schemas check workspaces, child ids and tokens with them', () => {
    const token = 'A'.repeat(43)
    const setup = { token, workspace: 'school-1', username: 'wang', displayName: '王', password: 'long-enough' }
    expect(SetupRequest.safeParse(setup).success).toBe(true)
    expect(SetupRequest.safeParse({ ...setup, token: token.slice(1) }).success).toBe(false)
    expect(SetupRequest.safeParse({ ...setup, workspace: '-x' }).success).toBe(false)
    expect(WorkspaceSchema.safeParse('x'.repeat(41)).success).toBe(false)
    expect(ChangesQuery.safeParse({ workspace: 'School' }).success).toBe(false)
    expect(ChangesQuery.safeParse({ workspace: 'school-1' }).success).toBe(true)
    expect(ChildClassRequest.safeParse({ childId: 'a/b', classId: 'class-1' }).success).toBe(false)
    expect(ChildClassRequest.safeParse({ childId: 'c1', classId: 'class-1' }).success).toBe(true)
    expect(PairingRequest.safeParse({ userId: 'u-1', childId: '', paired: true }).success).toBe(false)
    expect(PairingRequest.safeParse({ userId: 'u-1', childId: 'c1', paired: true }).success).toBe(true)
  })
})
