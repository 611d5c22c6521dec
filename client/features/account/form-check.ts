/**
 * The account forms' checks, before anything is sent: the contract's own schemas
 * (shared/auth-api.ts), with a reason per field the form can put into words.
 */
import { DisplayName, Password, PASSWORD_MIN, Username, WorkspaceSchema } from '../../../shared/auth-api'

export type AccountField = 'workspace' | 'username' | 'displayName' | 'password' | 'password2'
export type FieldProblem = 'required' | 'usernameFormat' | 'displayNameLength' | 'passwordShort' | 'passwordLong' | 'passwordMismatch' | 'workspaceFormat'
export type FieldProblems = Partial<Record<AccountField, FieldProblem>>

export interface AccountInput {
  workspace?: string
  username: string
  displayName: string
  password: string
  password2: string
}

export function checkAccountInput(input: AccountInput): FieldProblems {
  const problems: FieldProblems = {}
  if (input.workspace !== undefined) {
    if (input.workspace.trim() === '') problems.workspace = 'required'
    else if (!WorkspaceSchema.safeParse(input.workspace.trim()).success) problems.workspace = 'workspaceFormat'
  }
  if (input.username.trim() === '') problems.username = 'required'
  else if (!Username.safeParse(input.username).success) problems.username = 'usernameFormat'
  if (input.displayName.trim() === '') problems.displayName = 'required'
  else if (!DisplayName.safeParse(input.displayName).success) problems.displayName = 'displayNameLength'
  if (input.password === '') problems.password = 'required'
  else if (input.password.length < PASSWORD_MIN) problems.password = 'passwordShort'
  else if (!Password.safeParse(input.password).success) problems.password = 'passwordLong'
  if (input.password2 === '') problems.password2 = 'required'
  else if (input.password2 !== input.password) problems.password2 = 'passwordMismatch'
  return problems
}

/** The first field with a problem, in the form's order, to move the focus to. */
export function firstProblem(problems: FieldProblems): AccountField | undefined {
  return (['workspace', 'username', 'displayName', 'password', 'password2'] as const).find((f) => problems[f])
}
