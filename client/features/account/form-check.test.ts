import { describe, expect, it } from 'vitest'
import { TRANSLATIONS } from '../../i18n/resources'
import { checkAccountInput, firstProblem, type FieldProblem } from './form-check'

const good = { workspace: 'dongshan-1', username: 'wang.li', displayName: '王老师', password: 'password1', password2: 'password1' }

describe('account form checks', () => {
  it('accepts a complete, well-formed account', () => {
    expect(checkAccountInput(good)).toEqual({})
    expect(checkAccountInput({ ...good, username: '王丽' })).toEqual({})
  })

  it('names each field that is missing', () => {
    const problems = checkAccountInput({ workspace: ' ', username: '', displayName: '  ', password: '', password2: '' })
    expect(problems).toEqual({ workspace: 'required', username: 'required', displayName: 'required', password: 'required', password2: 'required' })
    expect(firstProblem(problems)).toBe('workspace')
  })

  it('checks the workspace only on the setup form', () => {
    const invite = { username: good.username, displayName: good.displayName, password: good.password, password2: good.password2 }
    expect(checkAccountInput(invite)).toEqual({})
  })

  it.each([
    [{ workspace: 'Dongshan' }, { workspace: 'workspaceFormat' }],
    [{ workspace: '-dongshan' }, { workspace: 'workspaceFormat' }],
    [{ workspace: 'a'.repeat(41) }, { workspace: 'workspaceFormat' }],
    [{ username: 'w' }, { username: 'usernameFormat' }],
    [{ username: 'wang li' }, { username: 'usernameFormat' }],
    [{ username: 'wang@li' }, { username: 'usernameFormat' }],
    [{ displayName: '王'.repeat(41) }, { displayName: 'displayNameLength' }],
    [{ password: 'short77', password2: 'short77' }, { password: 'passwordShort' }],
    [{ password: 'x'.repeat(201), password2: 'x'.repeat(201) }, { password: 'passwordLong' }],
    [{ password2: 'password2' }, { password2: 'passwordMismatch' }],
  ])('%o gives %o', (change, expected) => {
    expect(checkAccountInput({ ...good, ...change })).toEqual(expected)
  })
})

describe('form problems in words', () => {
  it.each(Object.keys(TRANSLATIONS))('%s says something for every form problem', (language) => {
    // A Record over the union makes the type-checker fail here when a problem is added.
    const problems: Record<FieldProblem, true> = {
      required: true,
      usernameFormat: true,
      displayNameLength: true,
      passwordShort: true,
      passwordLong: true,
      passwordMismatch: true,
      workspaceFormat: true,
    }
    const auth = TRANSLATIONS[language]?.auth as { problems?: Record<string, unknown> } | undefined
    for (const problem of Object.keys(problems)) expect(auth?.problems?.[problem], problem).toEqual(expect.any(String))
  })
})
