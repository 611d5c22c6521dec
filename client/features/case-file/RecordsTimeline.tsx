import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type * as Y from 'yjs'
import type { IsoDate } from '../../../shared/dates'
import { deleteRecord, readRecords, RECORD_TYPES, type RecordType, type RecordView } from '../../../shared/docs/child/records'
import { mayBin } from '../../../shared/docs/child/bin'
import { formatDate } from '../../ui/format'
import { useEditContext } from '../../ui/fields/edit-context'
import { useWriter } from '../../ui/use-author'
import { useDocState } from '../../ui/use-doc-state'
import { BinPanel } from './BinPanel'
import { editRecordDraftKey, newRecordDraftKey, readRecordDraft, RecordForm } from './RecordForm'
import { LINK_FIELDS, recordValueText } from './record-value'
import { newId } from '../../../shared/doc-id'
import { useDraftCount, useDrafts } from '../../ui/use-drafts'
import type { RecordPreset } from '../../ui/use-route'

const recordsKey = (r: RecordView[]) => JSON.stringify(r)

/** One timeline of the child's records, newest first, filtered by type. */
export function RecordsTimeline({
  doc,
  docId,
  birthDate,
  preset,
  onPresetSaved,
}: {
  doc: Y.Doc
  docId: string
  birthDate: IsoDate | undefined
  /** A task's record (SPEC U10): the form opens on it at once. */
  preset?: RecordPreset
  onPresetSaved?: () => void
}) {
  const { t, i18n } = useTranslation()
  const records = useDocState(doc, readRecords, recordsKey)
  const context = useEditContext()
  const writer = useWriter()
  const [filter, setFilter] = useState<RecordType | 'all'>('all')
  /** The draft key of the new-record form open, if one is. */
  const [adding, setAdding] = useState<string | null>(() => (preset ? newRecordDraftKey(newId()) : null))
  const [presetKey] = useState(adding)
  const [editing, setEditing] = useState<string | null>(null)
  const drafts = useDrafts()
  // Read again whenever a draft is kept or removed on this device.
  const draftCount = useDraftCount()
  const newDrafts = useMemo(
    () => (draftCount >= 0 ? drafts.list(docId, 'record:new:') : []).filter((d) => d.key !== adding && readRecordDraft(d.value)),
    [drafts, docId, draftCount, adding],
  )
  const editDrafts = useMemo(() => new Set((draftCount >= 0 ? drafts.list(docId, 'record:edit:') : []).map((d) => d.key)), [drafts, docId, draftCount])
  const shown = filter === 'all' ? records : records.filter((r) => r.type === filter)
  const count = (type: RecordType) => records.filter((r) => r.type === type).length
  const describe = (r: RecordView) =>
    Object.entries(r.fields)
      .filter(([field]) => !LINK_FIELDS.has(field))
      .map(([field, value]) => (
        <div key={field} className="record-field">
          <dt>{t(`records.fields.${r.type}.${field}`)}</dt>
          <dd>{recordValueText(t, i18n.language, r.type, field, value)}</dd>
        </div>
      ))

  return (
    <section className="records" aria-label={t('records.title')}>
      <div className="records-toolbar">
        <div className="filters" role="group" aria-label={t('records.filter')}>
          <button type="button" aria-pressed={filter === 'all'} onClick={() => setFilter('all')}>
            {t('records.all')} {records.length}
          </button>
          {RECORD_TYPES.map((type) => (
            <button key={type} type="button" aria-pressed={filter === type} onClick={() => setFilter(type)}>
              {t(`records.types.${type}`)} {count(type)}
            </button>
          ))}
        </div>
        {!adding && (
          <button type="button" className="primary" onClick={() => setAdding(newRecordDraftKey(newId()))}>
            {t('records.add')}
          </button>
        )}
      </div>
      {newDrafts.length > 0 && (
        <ul className="drafts" data-testid="record-drafts">
          {newDrafts.map((d) => {
            const kept = readRecordDraft(d.value)
            return (
              kept && (
                <li key={d.key} className="notice">
                  <span>{t('records.draft', { type: t(`records.types.${kept.type}`), when: formatDate(kept.date as IsoDate, i18n.language) })}</span>
                  <button type="button" className="link-button" onClick={() => setAdding(d.key)}>
                    {t('records.resume')}
                  </button>
                  <button type="button" className="link-button danger" onClick={() => window.confirm(t('records.discardConfirm')) && drafts.remove(docId, d.key)}>
                    {t('records.discard')}
                  </button>
                </li>
              )
            )
          })}
        </ul>
      )}
      {adding && (
        <RecordForm
          key={adding}
          doc={doc}
          docId={docId}
          draftKey={adding}
          birthDate={birthDate}
          {...(preset && adding === presetKey ? { preset } : {})}
          onDone={(id) => {
            setAdding(null)
            if (id !== undefined && preset && adding === presetKey) onPresetSaved?.()
          }}
        />
      )}
      {shown.length === 0 ? (
        <p className="empty">{t('records.empty')}</p>
      ) : (
        <ol className="timeline" data-testid="timeline">
          {shown.map((r) =>
            editing === r.id ? (
              <li key={r.id}>
                <RecordForm doc={doc} docId={docId} draftKey={editRecordDraftKey(r.id)} birthDate={birthDate} record={r} onDone={() => setEditing(null)} />
              </li>
            ) : (
              <li key={r.id} className={`record record-${r.type}`} data-testid="record">
                <div className="record-head">
                  <span className="record-type">{t(`records.types.${r.type}`)}</span>
                  <span className="record-date">{r.date ? formatDate(r.date, i18n.language) : '—'}</span>
                  <span className="record-author">{r.author.name || t('field.history.someone')}</span>
                </div>
                {r.problems.length > 0 && <p className="field-problem">{t('records.problems', { count: r.problems.length })}</p>}
                <dl className="record-fields">{describe(r)}</dl>
                {r.notes && <p className="record-notes">{r.notes}</p>}
                <div className="record-actions">
                  <button type="button" className="link-button" onClick={() => setEditing(r.id)}>
                    {editDrafts.has(editRecordDraftKey(r.id)) ? t('records.resumeEdit') : t('records.edit')}
                  </button>
                  {mayBin(writer, r.author.id, 'delete') && (
                    <button
                      type="button"
                      className="link-button danger"
                      onClick={() => {
                        if (window.confirm(t('records.confirmDelete'))) deleteRecord(doc, r.id, context())
                      }}
                    >
                      {t('records.delete')}
                    </button>
                  )}
                </div>
              </li>
            ),
          )}
        </ol>
      )}
      <BinPanel doc={doc} collection="records" />
    </section>
  )
}
