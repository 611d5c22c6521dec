import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { failureMessage } from '../../ui/auth-messages'
import { AuthField } from './AuthField'
import { PhoneField, readPhone } from './PhoneField'
import { checkAccountInput, firstProblem, type AccountInput, type FieldProblems } from './form-check'

export interface NewAccount {
  workspace?: string
  username: string
  displayName: string
  password: string
  /** One's own phone, normalised; asked only when invited (SPEC M1). */
  phone?: string
}

/** The fields of a new account (setup and invitations): checked here, then handed to `create`. */
export function NewAccountForm({ withWorkspace, withPhone = false, submitLabel, create }: { withWorkspace: boolean; withPhone?: boolean; submitLabel: string; create: (account: NewAccount) => Promise<void> }) {
  const { t } = useTranslation()
  const [input, setInput] = useState<AccountInput>({ ...(withWorkspace ? { workspace: '' } : {}), username: '', displayName: '', password: '', password2: '' })
  const [problems, setProblems] = useState<FieldProblems>({})
  const [failure, setFailure] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [phone, setPhone] = useState('')
  const [phoneInvalid, setPhoneInvalid] = useState(false)
  const set = (field: keyof AccountInput) => (value: string) => setInput((old) => ({ ...old, [field]: value }))

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    const found = checkAccountInput(input)
    setProblems(found)
    setFailure(null)
    const first = firstProblem(found)
    if (first) return document.getElementById(`account-${first}`)?.focus()
    const readPhoneValue = withPhone ? readPhone(phone) : null
    setPhoneInvalid(readPhoneValue === undefined)
    if (readPhoneValue === undefined) return document.getElementById('account-phone')?.focus()
    setBusy(true)
    try {
      await create({
        ...(input.workspace !== undefined ? { workspace: input.workspace.trim() } : {}),
        username: input.username.trim(),
        displayName: input.displayName.trim(),
        password: input.password,
        ...(readPhoneValue ? { phone: readPhoneValue } : {}),
      })
    } catch (error) {
      setFailure(failureMessage(t, error))
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="auth-form" onSubmit={(e) => void submit(e)} noValidate>
      {input.workspace !== undefined && (
        <AuthField
          id="account-workspace"
          label={t('auth.fields.workspace')}
          hint={t('auth.fields.workspaceHint')}
          value={input.workspace}
          onChange={set('workspace')}
          problem={problems.workspace}
          autoCapitalize="none"
          autoCorrect="off"
          spellCheck={false}
          autoFocus
        />
      )}
      <AuthField
        id="account-displayName"
        label={t('auth.fields.displayName')}
        hint={t('auth.fields.displayNameHint')}
        value={input.displayName}
        onChange={set('displayName')}
        problem={problems.displayName}
        autoComplete="name"
        autoFocus={!withWorkspace}
      />
      <AuthField
        id="account-username"
        label={t('auth.fields.username')}
        hint={t('auth.fields.usernameHint')}
        value={input.username}
        onChange={set('username')}
        problem={problems.username}
        autoComplete="username"
        autoCapitalize="none"
        autoCorrect="off"
        spellCheck={false}
      />
      <AuthField
        id="account-password"
        label={t('auth.fields.password')}
        hint={t('auth.fields.passwordHint')}
        type="password"
        value={input.password}
        onChange={set('password')}
        problem={problems.password}
        autoComplete="new-password"
      />
      <AuthField
        id="account-password2"
        label={t('auth.fields.password2')}
        type="password"
        value={input.password2}
        onChange={set('password2')}
        problem={problems.password2}
        autoComplete="new-password"
      />
      {withPhone && <PhoneField value={phone} onChange={setPhone} invalid={phoneInvalid} />}
      {failure && (
        <p className="auth-failure" role="alert">
          {failure}
        </p>
      )}
      <button type="submit" className="primary auth-submit" disabled={busy}>
        {busy ? t('auth.busy') : submitLabel}
      </button>
    </form>
  )
}
