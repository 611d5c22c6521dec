import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { todayIsoDate } from '../../shared/dates'
import { childDocumentId, newId } from '../../shared/doc-id'
import { createChild, validateChildInput, type ChildError, type ChildInput, type Gender } from '../../shared/schema/child'
import { GenderField, TextField } from '../components/ChildFields'
import { navigate, routeHref } from '../hooks/use-route'
import { useWorkspace } from '../hooks/workspace-context'

export function NewChild() {
  const { t } = useTranslation()
  const workspace = useWorkspace()
  const [input, setInput] = useState<ChildInput>({ name: '', className: '', birthDate: '' })
  const [errors, setErrors] = useState<ChildError[]>([])
  const [failure, setFailure] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const errorOf = (field: keyof ChildInput) => errors.find((e) => e.field === field)?.code

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    const today = todayIsoDate()
    const found = validateChildInput(input, today)
    setErrors(found)
    if (found.length > 0) return
    setBusy(true)
    const childId = newId()
    try {
      await workspace.createDocument(childDocumentId(workspace.workspaceId, childId), (doc) =>
        createChild(doc, input, today),
      )
      navigate({ name: 'child', childId })
    } catch (error) {
      setFailure(t('errors.storage', { detail: error instanceof Error ? error.message : String(error) }))
      setBusy(false)
    }
  }

  return (
    <main className="page">
      <h1>{t('child.newTitle')}</h1>
      <form className="child-form" onSubmit={(e) => void submit(e)} noValidate>
        <TextField
          id="name"
          commitOn="change"
          label={t('child.name')}
          value={input.name}
          required
          autoFocus
          error={errorOf('name')}
          onCommit={(name) => setInput((i) => ({ ...i, name }))}
        />
        <TextField
          id="className"
          commitOn="change"
          label={t('child.className')}
          value={input.className}
          error={errorOf('className')}
          onCommit={(className) => setInput((i) => ({ ...i, className }))}
        />
        <GenderField
          id="gender"
          value={input.gender ?? ''}
          onCommit={(g) => setInput((i) => ({ ...i, gender: g === '' ? undefined : (g as Gender) }))}
        />
        <TextField
          id="birthDate"
          type="date"
          commitOn="change"
          label={t('child.birthDate')}
          value={input.birthDate ?? ''}
          error={errorOf('birthDate')}
          onCommit={(birthDate) => setInput((i) => ({ ...i, birthDate }))}
        />
        {failure && (
          <p className="field-error" role="alert">
            {failure}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {t('child.create')}
          </button>
          <a className="button" href={routeHref({ name: 'list' })}>
            {t('child.cancel')}
          </a>
        </div>
      </form>
    </main>
  )
}
