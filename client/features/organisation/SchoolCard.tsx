import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type * as Y from 'yjs'
import {
  addClass, archiveClass, renameSchool, updateClass, type ClassInfo, type Organisation, type School,
} from '../../../shared/docs/settings/organisation'
import { classLabel } from '../../ui/class-label'
import { ClassForm } from './ClassForm'
import { NameForm } from './NameForm'

/** A school and its classes in grade order; `doc` only for a member who may change them. */
export function SchoolCard({ doc, org, school }: { doc: Y.Doc | undefined; org: Organisation; school: School }) {
  const { t } = useTranslation()
  const [renaming, setRenaming] = useState(false)
  const [adding, setAdding] = useState(false)
  const classes = org.classes.filter((c) => c.schoolId === school.id)
  const active = classes.filter((c) => !c.archived)
  const archived = classes.filter((c) => c.archived)
  return (
    <li className="org-school" data-testid="org-school">
      {renaming && doc ? (
        <NameForm
          label={t('org.schools.name')}
          submit={t('org.schools.save')}
          initial={school.name}
          testId="rename-school"
          onSave={(name) => {
            const refused = renameSchool(doc, school.id, name).name
            if (!refused) setRenaming(false)
            return refused
          }}
          onCancel={() => setRenaming(false)}
        />
      ) : (
        <div className="org-school-head">
          <h3>{school.name}</h3>
          {doc && (
            <button type="button" className="link-button" onClick={() => setRenaming(true)}>
              {t('org.schools.rename')}
            </button>
          )}
        </div>
      )}
      {active.length === 0 && <p className="empty">{t('org.classes.empty')}</p>}
      <ul className="org-classes" aria-label={t('org.classes.title')}>
        {active.map((c) => (
          <ClassRow key={c.id} doc={doc} cls={c} />
        ))}
      </ul>
      {doc &&
        (adding ? (
          <ClassForm
            submit={t('org.classes.add')}
            testId="add-class"
            onSave={(input) => {
              const result = addClass(doc, { ...input, schoolId: school.id })
              return 'errors' in result ? result.errors : {}
            }}
            onCancel={() => setAdding(false)}
          />
        ) : (
          <button type="button" onClick={() => setAdding(true)} data-testid="open-add-class">
            {t('org.classes.add')}
          </button>
        ))}
      {archived.length > 0 && (
        <details className="org-archived">
          <summary>{t('org.classes.showArchived', { count: archived.length })}</summary>
          <ul className="org-classes">
            {archived.map((c) => (
              <ClassRow key={c.id} doc={doc} cls={c} />
            ))}
          </ul>
        </details>
      )}
    </li>
  )
}

function ClassRow({ doc, cls }: { doc: Y.Doc | undefined; cls: ClassInfo }) {
  const { t } = useTranslation()
  const [editing, setEditing] = useState(false)
  const label = classLabel(t, cls)
  if (editing && doc) {
    return (
      <li>
        <ClassForm
          initial={cls}
          submit={t('org.classes.save')}
          testId="edit-class"
          onSave={(input) => {
            const errors = updateClass(doc, cls.id, input)
            if (Object.keys(errors).length === 0) setEditing(false)
            return errors
          }}
          onCancel={() => setEditing(false)}
        />
      </li>
    )
  }
  return (
    <li className="org-class" data-testid="org-class">
      <span className="org-class-name">{label}</span>
      {cls.pupils !== undefined && <span className="org-class-pupils">{t('org.classes.pupilCount', { count: cls.pupils })}</span>}
      {doc && (
        <span className="org-row-actions">
          {!cls.archived && (
            <button type="button" className="link-button" onClick={() => setEditing(true)}>
              {t('org.classes.edit')}
            </button>
          )}
          <button
            type="button"
            className="link-button"
            onClick={() => {
              if (cls.archived) archiveClass(doc, cls.id, false)
              else if (window.confirm(t('org.classes.confirmArchive', { label }))) archiveClass(doc, cls.id)
            }}
          >
            {cls.archived ? t('org.classes.restore') : t('org.classes.archive')}
          </button>
        </span>
      )}
    </li>
  )
}
