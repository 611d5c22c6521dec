import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type * as Y from 'yjs'
import { todayIsoDate } from '../../shared/dates'
import { childDocumentId } from '../../shared/doc-id'
import {
  notesFragment,
  readChild,
  updateChildProfile,
  validateChildInput,
  type ChildError,
  type ChildField,
  type ChildInput,
  type ChildView,
  type Gender,
} from '../../shared/schema/child'
import { GenderField, TextField } from '../components/ChildFields'
import { Presence } from '../components/Presence'
import { NotesEditor } from '../editor/NotesEditor'
import { useDocState } from '../hooks/use-doc-state'
import { useOpenDoc } from '../hooks/use-open-doc'
import { routeHref } from '../hooks/use-route'
import { useWorkspace } from '../hooks/workspace-context'
import type { OpenDoc } from '../sync/workspace'

export function ChildPage({ childId }: { childId: string }) {
  const { t } = useTranslation()
  const workspace = useWorkspace()
  const open = useOpenDoc(childDocumentId(workspace.workspaceId, childId))
  return (
    <main className="page">
      <a className="back" href={routeHref({ name: 'list' })}>
        ← {t('child.back')}
      </a>
      {open ? <ChildFile open={open} /> : <p>{t('child.loading')}</p>}
    </main>
  )
}

const viewKey = (v: ChildView) => JSON.stringify(v)

function ChildFile({ open }: { open: OpenDoc }) {
  const { t } = useTranslation()
  const view = useDocState(open.doc, readChild, viewKey)
  const [errors, setErrors] = useState<ChildError[]>([])
  const { profile } = view
  const save = (patch: Partial<ChildInput>) => {
    const found = validateChildInput(patch, todayIsoDate())
    const fields = Object.keys(patch) as ChildField[]
    setErrors((old) => [...old.filter((e) => !fields.includes(e.field)), ...found])
    if (found.length === 0) updateChildProfile(open.doc, patch, todayIsoDate())
  }
  const errorOf = (field: ChildField) => errors.find((e) => e.field === field)?.code
  const problemOf = (field: ChildField) => {
    const problem = view.problems.find((p) => p.field === field)
    return problem ? <p className="field-problem">{t('child.badValue', { raw: problem.raw })}</p> : undefined
  }
  return (
    <>
      <h1 data-testid="child-title">{profile.name || t('children.unnamed')}</h1>
      {view.newerSchema && <p className="notice">{t('child.newerSchema')}</p>}
      <Presence provider={open.provider} />
      <section className="child-form">
        <TextField id="name" label={t('child.name')} value={profile.name} error={errorOf('name')} problem={problemOf('name')} onCommit={(name) => save({ name })} />
        <TextField id="className" label={t('child.className')} value={profile.className} error={errorOf('className')} problem={problemOf('className')} onCommit={(className) => save({ className })} />
        <GenderField id="gender" value={profile.gender ?? ''} problem={problemOf('gender')} onCommit={(g) => save({ gender: g === '' ? undefined : (g as Gender) })} />
        <TextField id="birthDate" type="date" label={t('child.birthDate')} value={profile.birthDate ?? ''} error={errorOf('birthDate')} problem={problemOf('birthDate')} onCommit={(birthDate) => save({ birthDate })} />
      </section>
      <section className="notes">
        <h2>{t('child.notes')}</h2>
        <p className="hint">{t('child.notesHint')}</p>
        <Notes doc={open.doc} provider={open.provider} />
      </section>
    </>
  )
}

function Notes({ doc, provider }: { doc: Y.Doc; provider: OpenDoc['provider'] }) {
  return <NotesEditor fragment={notesFragment(doc)} provider={provider} />
}
