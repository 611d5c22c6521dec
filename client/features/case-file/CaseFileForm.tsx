import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type * as Y from 'yjs'
import {
  childConflicts,
  readChildFile,
  setChildFields,
  setChildText,
  type ChildFile,
  type FieldErrors,
} from '../../../shared/docs/child/child'
import {
  CHILD_FIELDS,
  CHILD_FIELD_KEYS,
  CHILD_TEXTS,
  CHILD_TEXT_KEYS,
  FIELD_GROUPS,
  type ChildFieldKey,
  type ChildTextKey,
  type FieldGroup,
} from '../../../shared/docs/child/child-fields'
import type { Conflict } from '../../../shared/docs/child/field-log'
import { useDocState } from '../../ui/use-doc-state'
import { ConflictNotice } from './ConflictNotice'
import { useEditContext } from '../../ui/fields/edit-context'
import { FieldEditor } from './FieldEditor'
import { FieldHistory } from './FieldHistory'

const DISMISSED = 'shouwang.dismissedConflicts'

function loadDismissed(): Set<string> {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(DISMISSED) ?? '[]')
    return new Set(Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === 'string') : [])
  } catch {
    return new Set()
  }
}

const fileKey = (f: ChildFile) => JSON.stringify(f)

/** Every field of the case file, in groups that open and close (identity open first). */
export function CaseFileForm({ doc, docId }: { doc: Y.Doc; docId: string }) {
  const { t } = useTranslation()
  const context = useEditContext()
  const file = useDocState(doc, readChildFile, fileKey)
  const me = context().author.id
  const conflicts = useDocState(doc, (d) => childConflicts(d, me), (c: Conflict[]) => JSON.stringify(c))
  const [errors, setErrors] = useState<FieldErrors>({})
  const [dismissed, setDismissed] = useState(loadDismissed)

  /** Writes a field; quietly (while typing) a value that does not fit yet writes nothing and shows nothing. */
  const saveField = (field: ChildFieldKey, raw: unknown, quiet = false): boolean => {
    const found = setChildFields(doc, { [field]: raw }, context())
    const ok = Object.keys(found).length === 0
    if (quiet && !ok) return false
    setErrors((old) => {
      const next = { ...old }
      delete next[field]
      return { ...next, ...found }
    })
    return ok
  }
  const saveText = (field: ChildTextKey, value: string, quiet = false): boolean => {
    const error = setChildText(doc, field, value, context())
    if (quiet && error) return false
    setErrors((old) => {
      const next = { ...old }
      delete next[field]
      return error ? { ...next, [field]: error } : next
    })
    return error === undefined
  }
  const dismiss = (w: string) => {
    const next = new Set(dismissed).add(w)
    localStorage.setItem(DISMISSED, JSON.stringify([...next].slice(-500)))
    setDismissed(next)
  }

  const fieldsOf = (group: FieldGroup) => CHILD_FIELD_KEYS.filter((k) => CHILD_FIELDS[k].group === group)
  const textsOf = (group: FieldGroup) => CHILD_TEXT_KEYS.filter((k) => CHILD_TEXTS[k].group === group)

  return (
    <div className="case-file">
      {FIELD_GROUPS.map((group) => (
        <details key={group} open={group === 'identity'} className="field-group">
          <summary>{t(`field.groups.${group}`)}</summary>
          <div className="field-grid">
            {fieldsOf(group).map((field) => {
              const conflict = conflicts.find((c) => c.field === field && !dismissed.has(c.w))
              return (
                <FieldEditor
                  key={field}
                  docId={docId}
                  field={field}
                  kind={CHILD_FIELDS[field].kind}
                  value={file.fields[field]?.value}
                  error={errors[field]}
                  problem={file.problems.find((p) => p.field === field)?.raw}
                  required={'required' in CHILD_FIELDS[field]}
                  onCommit={(raw, quiet) => saveField(field, raw, quiet)}
                >
                  {conflict && (
                    <ConflictNotice
                      conflict={conflict}
                      kind={CHILD_FIELDS[field].kind}
                      onKeepMine={() => {
                        saveField(field, conflict.yours ?? '')
                        dismiss(conflict.w)
                      }}
                      onDismiss={() => dismiss(conflict.w)}
                    />
                  )}
                  <FieldHistory doc={doc} field={field} />
                </FieldEditor>
              )
            })}
            {textsOf(group).map((field) => (
              <FieldEditor
                key={field}
                docId={docId}
                field={field}
                kind={CHILD_TEXTS[field].kind}
                value={file.texts[field]}
                error={errors[field]}
                onCommit={(raw, quiet) => saveText(field, raw, quiet)}
              />
            ))}
          </div>
        </details>
      ))}
    </div>
  )
}
