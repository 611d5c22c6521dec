import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type * as Y from 'yjs'
import { CHILD_FIELDS, type ChildFieldKey } from '../../../shared/docs/child/child-fields'
import { fieldHistory } from '../../../shared/docs/child/child'
import { useFormatValue } from './FieldEditor'
import { labelKey } from './format-value'

/** "History" under a field: who changed it, when, from what to what; newest first. */
export function FieldHistory({ doc, field }: { doc: Y.Doc; field: ChildFieldKey }) {
  const { t, i18n } = useTranslation()
  const format = useFormatValue()
  const [open, setOpen] = useState(false)
  const kind = CHILD_FIELDS[field].kind
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' })
  const entries = fieldHistory(doc, field)
  // A field nobody has changed yet has no history to show.
  if (entries.length === 0) return null
  return (
    <div className="field-history">
      <button type="button" className="link-button" aria-expanded={open} onClick={() => setOpen(!open)}>
        {t('field.history.show')}
      </button>
      {open && (
        <div role="region" aria-label={t('field.history.title', { field: t(labelKey(field)) })}>
          {entries.length === 0 ? (
            <p className="hint">{t('field.history.none')}</p>
          ) : (
            <ol className="history-list">
              {entries.map((e) => (
                <li key={e.w}>
                  {t('field.history.entry', {
                    who: e.by || t('field.history.someone'),
                    when: e.at ? when.format(new Date(e.at)) : '—',
                    old: format(field, kind, e.old),
                    value: format(field, kind, e.v),
                  })}
                </li>
              ))}
            </ol>
          )}
        </div>
      )}
    </div>
  )
}
