import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { childDocumentId, newId } from '../../../shared/doc-id'
import { checkChildFields, createChildFile, type FieldErrors } from '../../../shared/docs/child/child'
import { CHILD_FIELDS } from '../../../shared/docs/child/child-fields'
import { useEditContext } from '../../ui/fields/edit-context'
import { FilingField } from '../../ui/FilingField'
import { useMayFileInto } from '../../ui/use-filing-classes'
import { navigate, routeHref } from '../../ui/use-route'
import { useFormDraft } from '../../ui/use-drafts'
import { useWorkspace } from '../../ui/use-session'

const FIELDS = ['name', 'classId', 'gender', 'birthDate'] as const

/** A kept draft of the form, if it reads as one (it comes back from the device's storage). */
const readStrings = (kept: unknown): Record<string, string> | undefined =>
  typeof kept === 'object' && kept !== null ? Object.fromEntries(Object.entries(kept).filter((e): e is [string, string] => typeof e[1] === 'string')) : undefined

export function NewChild() {
  const { t } = useTranslation()
  const workspace = useWorkspace()
  const context = useEditContext()
  // What is typed is kept on the device until the file is created or the form given up (SPEC L6).
  const [input, setInput, discard] = useFormDraft<Record<string, string>>(workspace.workspaceId, 'new-child', () => ({}), readStrings)
  const [errors, setErrors] = useState<FieldErrors>({})
  const [failure, setFailure] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const mayFileInto = useMayFileInto()

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    const ctx = context()
    const fields = { name: input.name ?? '', ...input }
    const found = checkChildFields(fields, ctx.today).errors
    // A teacher files only into their own classes (SPEC X3): nothing is created that the relay would refuse.
    if (!found.classId && !mayFileInto(input.classId ?? '')) found.classId = { code: 'invalidChoice' }
    setErrors(found)
    if (Object.keys(found).length > 0) return
    setBusy(true)
    const childId = newId()
    try {
      await workspace.createDocument(childDocumentId(workspace.workspaceId, childId), (doc) => {
        createChildFile(doc, fields, ctx)
      })
      discard()
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
        {FIELDS.map((field, i) => (
          <FilingField
            filing={field === 'classId'}
            key={field}
            id={field}
            label={t(`field.labels.${field}`)}
            kind={CHILD_FIELDS[field].kind}
            optionsKey={`field.options.${field}`}
            value={input[field] ?? ''}
            required={field === 'name'}
            autoFocus={i === 0}
            error={errors[field]}
            onChange={(value) => setInput((old) => ({ ...old, [field]: value }))}
          />
        ))}
        {failure && (
          <p className="field-error" role="alert">
            {failure}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {t('child.create')}
          </button>
          <a className="button" href={routeHref({ name: 'list' })} onClick={discard}>
            {t('child.cancel')}
          </a>
        </div>
      </form>
    </main>
  )
}
