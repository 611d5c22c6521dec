import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type * as Y from 'yjs'
import type { IsoDate } from '../../../shared/dates'
import { addRecord, RECORD_FIELDS, RECORD_TYPES, updateRecord, type RecordErrors, type RecordType, type RecordView } from '../../../shared/docs/child/records'
import type { FieldKind } from '../../../shared/validation/fields'
import { useEditContext } from '../../ui/fields/edit-context'
import { FormField } from '../../ui/fields/FormField'

/** The option labels of a record field's choices. */
export const recordOptionsKey = (type: RecordType, field: string) => `records.options.${type}.${field}`

/**
 * Add or edit a record in under a minute on a phone: today and "me" by default, the type's
 * few fields, notes; Enter saves from any one-line field.
 */
export function RecordForm(props: {
  doc: Y.Doc
  birthDate: IsoDate | undefined
  record?: RecordView
  onDone: (id: string | undefined) => void
}) {
  const { t } = useTranslation()
  const context = useEditContext()
  const editing = props.record
  const [type, setType] = useState<RecordType>(editing?.type ?? 'talk')
  const [date, setDate] = useState<string>(editing?.date ?? context().today)
  const [notes, setNotes] = useState(editing?.notes ?? '')
  const [fields, setFields] = useState<Record<string, string>>(() =>
    Object.fromEntries(Object.entries(editing?.fields ?? {}).map(([k, v]) => [k, String(v)])),
  )
  const [errors, setErrors] = useState<RecordErrors>({})
  const kinds = RECORD_FIELDS[type] as Record<string, FieldKind>

  const submit = (e: FormEvent) => {
    e.preventDefault()
    const ctx = { ...context(), birthDate: props.birthDate }
    const own = Object.fromEntries(Object.keys(kinds).map((k) => [k, fields[k] ?? '']))
    if (editing) {
      const found = updateRecord(props.doc, editing.id, { date, notes, fields: own }, ctx)
      setErrors(found)
      if (Object.keys(found).length === 0) props.onDone(editing.id)
    } else {
      const result = addRecord(props.doc, { type, date, notes, fields: own }, ctx)
      if ('errors' in result) setErrors(result.errors)
      else props.onDone(result.id)
    }
  }

  const prefix = editing ? `r-${editing.id}` : 'new-record'
  return (
    <form className="record-form" onSubmit={submit} noValidate aria-label={editing ? t('records.edit') : t('records.add')}>
      {!editing && (
        <div className="field">
          <label htmlFor={`${prefix}-type`}>{t('records.type')}</label>
          <select id={`${prefix}-type`} value={type} autoFocus onChange={(e) => setType(e.target.value as RecordType)}>
            {RECORD_TYPES.map((rt) => (
              <option key={rt} value={rt}>
                {t(`records.types.${rt}`)}
              </option>
            ))}
          </select>
        </div>
      )}
      <FormField
        id={`${prefix}-date`}
        label={t('records.date')}
        kind={{ type: 'date', notFuture: true }}
        value={date}
        required
        error={errors.date}
        onChange={setDate}
      />
      {Object.entries(kinds).map(([field, kind]) => (
        <FormField
          key={`${type}-${field}`}
          id={`${prefix}-${field}`}
          label={t(`records.fields.${type}.${field}`)}
          kind={kind}
          optionsKey={recordOptionsKey(type, field)}
          value={fields[field] ?? ''}
          error={errors[field]}
          onChange={(v) => setFields((f) => ({ ...f, [field]: v }))}
        />
      ))}
      <FormField id={`${prefix}-notes`} label={t('records.notes')} kind={{ type: 'longText', max: 5000 }} value={notes} error={errors.notes} onChange={setNotes} />
      <div className="actions">
        <button type="submit" className="primary">
          {t('records.save')}
        </button>
        <button type="button" onClick={() => props.onDone(undefined)}>
          {t('records.cancel')}
        </button>
      </div>
    </form>
  )
}
