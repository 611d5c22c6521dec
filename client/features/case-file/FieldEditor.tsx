import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { FieldError, FieldKind, FieldValue } from '../../../shared/validation/fields'
import { ClassPicker } from '../../ui/ClassPicker'
import { useDrafts, usePageLeave } from '../../ui/use-drafts'
import { formatValue, labelKey, optionSet } from './format-value'

/** A pause this long in typing writes what was typed into the document (one update, not one per key). */
const WRITE_AFTER_MS = 400

/**
 * One field of the case file, edited the way its kind needs: a select for choices and yes/no,
 * a textarea for long text, an input for the rest. What is typed is kept (SPEC L6): it goes
 * into the device's drafts at once, into the document after a pause in typing, and at the
 * latest when the page may be left (Back, reload, closed tab, switching apps). While typing, a
 * value that does not fit yet (half a phone number) stays a draft and says nothing; on leaving
 * the field it is written or its error shown. A colleague's change arriving meanwhile never
 * moves the cursor: the field shows the draft until the document holds it.
 */
export function FieldEditor(props: {
  /** The document the field belongs to, for its draft. */
  docId: string
  field: string
  kind: FieldKind
  value: FieldValue | null | undefined
  error?: FieldError | undefined
  /** A value in the file that does not fit (written by a faulty peer). */
  problem?: string | undefined
  required?: boolean
  /** Writes the value; `quiet`: while typing, a value that does not fit writes nothing and shows no error. Returns whether it was written (or already held). */
  onCommit: (raw: string, quiet: boolean) => boolean
  children?: ReactNode
}) {
  const { t } = useTranslation()
  const drafts = useDrafts()
  const draftKey = `field:${props.field}`
  const id = `f-${props.field.replace(/\./g, '-')}`
  const stored = props.value === null || props.value === undefined ? '' : String(props.value)
  // What was typed and not yet written, restored from the device after a reload.
  const [draft, setDraft] = useState<string | null>(() => {
    const kept = drafts.get<string>(props.docId, draftKey)?.value
    return typeof kept === 'string' ? kept : null
  })
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  const shown = draft ?? stored

  /** Writes the draft; once the document holds it (in its normal form, a phone without spaces), the kept draft goes. */
  const write = useCallback(
    (quiet: boolean) => {
      clearTimeout(timer.current)
      if (draft === null) return
      if (draft !== stored && !props.onCommit(draft, quiet)) return
      drafts.remove(props.docId, draftKey)
      // While typing the field keeps showing what was typed; on leaving it, what the file holds.
      if (!quiet) setDraft(null)
    },
    [draft, stored, props, drafts, draftKey],
  )
  // Once the document holds what was typed, the draft has done its job.
  useEffect(() => {
    if (draft !== null && draft === stored) {
      drafts.remove(props.docId, draftKey)
      setDraft(null)
    }
  }, [draft, stored, drafts, props.docId, draftKey])
  // A draft restored after a reload is written as soon as the file is open again.
  useEffect(() => {
    if (draft !== null) write(true)
    // Only at the start: typing schedules its own writes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])
  usePageLeave(() => write(true))

  const type = (raw: string) => {
    setDraft(raw)
    if (!drafts.put(props.docId, draftKey, raw)) {
      // Nowhere to keep a draft (storage full): write now rather than risk it.
      props.onCommit(raw, true)
      return
    }
    clearTimeout(timer.current)
    timer.current = setTimeout(() => {
      if (raw === stored || props.onCommit(raw, true)) drafts.remove(props.docId, draftKey)
    }, WRITE_AFTER_MS)
  }
  const leave = () => write(false)

  const describedBy = props.error ? `${id}-error` : undefined
  const common = {
    id,
    name: props.field,
    'aria-invalid': props.error ? true : undefined,
    'aria-describedby': describedBy,
  } as const
  let control: ReactNode
  const kind = props.kind
  if (props.field === 'classId') {
    // A class is one of the organisation's, never typed (SPEC P1): a typed name would be refused.
    control = <ClassPicker {...common} value={stored} onChange={(v) => props.onCommit(v, false)} />
  } else if (kind.type === 'choice' || kind.type === 'bool') {
    const options = kind.type === 'choice' ? kind.options : ['true', 'false']
    control = (
      <select {...common} value={stored} onChange={(e) => props.onCommit(e.target.value, false)}>
        <option value="">{t('field.options.unset')}</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {kind.type === 'bool' ? t(`field.options.bool.${o}`) : t(`field.options.${optionSet(props.field)}.${o}`)}
          </option>
        ))}
      </select>
    )
  } else if (kind.type === 'longText') {
    control = <textarea {...common} rows={3} value={shown} onChange={(e) => type(e.target.value)} onBlur={leave} />
  } else {
    const inputType = kind.type === 'date' ? 'date' : kind.type === 'phone' ? 'tel' : 'text'
    const inputMode = kind.type === 'number' ? (kind.decimals > 0 ? 'decimal' : 'numeric') : kind.type === 'phone' ? 'tel' : undefined
    control = (
      <input
        {...common}
        type={inputType}
        inputMode={inputMode}
        autoComplete="off"
        required={props.required}
        value={shown}
        onChange={(e) => type(e.target.value)}
        onBlur={leave}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault()
            e.currentTarget.blur()
          } else if (e.key === 'Escape') {
            clearTimeout(timer.current)
            drafts.remove(props.docId, draftKey)
            setDraft(null)
          }
        }}
      />
    )
  }
  return (
    <div className={`field field-${kind.type}`}>
      <label htmlFor={id}>{t(labelKey(props.field))}</label>
      {control}
      {props.error && (
        <p className="field-error" id={`${id}-error`} role="alert">
          {t(`field.errors.${props.error.code}`, props.error.params ?? {})}
        </p>
      )}
      {props.problem !== undefined && <p className="field-problem">{t('child.badValue', { raw: props.problem })}</p>}
      {props.children}
    </div>
  )
}

/** The value as text, for history lines and conflict notices. */
export function useFormatValue() {
  const { t, i18n } = useTranslation()
  return (field: string, kind: FieldKind, value: FieldValue | null | undefined) => formatValue(t, field, kind, value, i18n.language)
}
