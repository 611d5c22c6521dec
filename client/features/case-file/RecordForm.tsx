import { useEffect, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type * as Y from 'yjs'
import type { IsoDate } from '../../../shared/dates'
import { addRecord, RECORD_FIELDS, RECORD_TYPES, updateRecord, type RecordErrors, type RecordType, type RecordView } from '../../../shared/docs/child/records'
import type { FieldKind } from '../../../shared/validation/fields'
import { useEditContext } from '../../ui/fields/edit-context'
import { FormField } from '../../ui/fields/FormField'
import { useDrafts } from '../../ui/use-drafts'
import { LINK_FIELDS, recordOptionsKey } from './record-value'
import { formatDate } from '../../ui/format'
import type { RecordPreset } from '../../ui/use-route'

/** A record form as it is kept on the device while it is being filled in (SPEC L6). */
export interface RecordDraft {
  type: RecordType
  date: string
  notes: string
  fields: Record<string, string>
}

/** The draft key of a new record's form (each form its own), or of an edit of `recordId`. */
export const newRecordDraftKey = (id: string) => `record:new:${id}`
export const editRecordDraftKey = (recordId: string) => `record:edit:${recordId}`


/** A stored draft, if it has the shape of one (it is read back from the device's storage). */
export function readRecordDraft(value: unknown): RecordDraft | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const v = value as Partial<Record<keyof RecordDraft, unknown>>
  if (!RECORD_TYPES.includes(v.type as RecordType) || typeof v.date !== 'string' || typeof v.notes !== 'string') return undefined
  const fields = typeof v.fields === 'object' && v.fields !== null ? (v.fields as Record<string, unknown>) : {}
  return { type: v.type as RecordType, date: v.date, notes: v.notes, fields: Object.fromEntries(Object.entries(fields).filter((e): e is [string, string] => typeof e[1] === 'string')) }
}

/** The method a task asks for, in the field its record type keeps it in (an aid's kind, a contact's method). */
function presetFields(preset: RecordPreset | undefined): Record<string, string> {
  if (!preset?.method) return {}
  const field = preset.type === 'aid' ? 'kind' : 'method'
  return field in RECORD_FIELDS[preset.type] ? { [field]: preset.method } : {}
}

/**
 * Add or edit a record in under a minute on a phone: today and "me" by default, the type's
 * few fields, notes; Enter saves from any one-line field. What is typed is a draft kept on the
 * device under `draftKey` until the record is saved or the person discards it: leaving the tab,
 * Back or a reload keeps it, and the form opens again with it.
 */
export function RecordForm(props: {
  doc: Y.Doc
  docId: string
  draftKey: string
  birthDate: IsoDate | undefined
  record?: RecordView
  /**
   * A new record's type (and method) chosen beforehand: a task asks for it (SPEC U10). The
   * date stays today's: the form says which days the task counts, and the person writes when it
   * happened, never a date made up to fit.
   */
  preset?: RecordPreset
  onDone: (id: string | undefined) => void
}) {
  const { t, i18n } = useTranslation()
  const context = useEditContext()
  const drafts = useDrafts()
  const editing = props.record
  const [draft, setDraft] = useState<RecordDraft>(
    () =>
      readRecordDraft(drafts.get(props.docId, props.draftKey)?.value) ?? {
        type: editing?.type ?? props.preset?.type ?? 'talk',
        date: editing?.date ?? context().today,
        notes: editing?.notes ?? '',
        fields: editing
          ? Object.fromEntries(Object.entries(editing.fields).map(([k, v]) => [k, String(v)]))
          : presetFields(props.preset),
      },
  )
  const [touched, setTouched] = useState(false)
  const { type, date, notes, fields } = draft
  const change = (patch: Partial<RecordDraft>) => {
    setTouched(true)
    setDraft((d) => ({ ...d, ...patch }))
  }
  // Kept on the device as it is typed, once the person has typed something.
  useEffect(() => {
    if (touched) drafts.put(props.docId, props.draftKey, draft)
  }, [draft, touched, drafts, props.docId, props.draftKey])
  const setType = (value: RecordType) => change({ type: value })
  const setDate = (value: string) => change({ date: value })
  const setNotes = (value: string) => change({ notes: value })
  const setFields = (update: (f: Record<string, string>) => Record<string, string>) => change({ fields: update(fields) })
  const [errors, setErrors] = useState<RecordErrors>({})
  const kinds = RECORD_FIELDS[type] as Record<string, FieldKind>

  const submit = (e: FormEvent) => {
    e.preventDefault()
    const ctx = { ...context(), birthDate: props.birthDate }
    const own = Object.fromEntries(Object.keys(kinds).map((k) => [k, fields[k] ?? '']))
    if (editing) {
      const found = updateRecord(props.doc, editing.id, { date, notes, fields: own }, ctx)
      setErrors(found)
      if (Object.keys(found).length === 0) {
        drafts.remove(props.docId, props.draftKey)
        props.onDone(editing.id)
      }
    } else {
      const result = addRecord(props.doc, { type, date, notes, fields: own }, ctx)
      if ('errors' in result) setErrors(result.errors)
      else {
        drafts.remove(props.docId, props.draftKey)
        props.onDone(result.id)
      }
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
      {props.preset?.period && type === props.preset.type && (
        <p className="hint record-period" data-testid="record-period">
          {t('care.form.periodHint', { start: formatDate(props.preset.period.start, i18n.language), end: formatDate(props.preset.period.end, i18n.language) })}
        </p>
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
      {/* A link to a plan item is kept as it is (`own` above), never typed. */}
      {Object.entries(kinds).filter(([field]) => !LINK_FIELDS.has(field)).map(([field, kind]) => (
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
        <button
          type="button"
          onClick={() => {
            drafts.remove(props.docId, props.draftKey)
            props.onDone(undefined)
          }}
        >
          {t('records.discard')}
        </button>
      </div>
    </form>
  )
}
