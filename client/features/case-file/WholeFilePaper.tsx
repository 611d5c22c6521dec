import type { TFunction } from 'i18next'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { CHILD_FIELDS } from '../../../shared/docs/child/child-fields'
import { notesAreEmpty } from '../../../shared/docs/child/notes-blocks'
import { RECORD_FIELDS, type RecordType } from '../../../shared/docs/child/records'
import type { WholeFile, WholeFileField } from '../../../shared/docs/child/whole-file'
import type { FieldKind } from '../../../shared/validation/fields'
import { formatDate } from '../../ui/format'
import { formatValue, labelKey, optionSet } from './format-value'
import { NotesView } from './NotesView'
import { LINK_FIELDS, recordValueText } from './record-value'

export interface PaperHead {
  name: string
  school: string
  classLabel: string
  /** Who printed it and when, in words. */
  printed: string
}

/**
 * The whole file as a paper form (SPEC F2–F5): every field of the file in the case file's
 * groups, an unset one as a line to write on (a choice as boxes to tick), then the path, who
 * helps, every record oldest first and the case notes. The same elements on screen and on
 * A4; whole-file.css makes the screen look like the paper.
 */
export function WholeFilePaper({ file, head }: { file: WholeFile; head: PaperHead }) {
  const { t, i18n } = useTranslation()
  const valueOf = (field: WholeFileField) => fieldText(t, i18n.language, field, head.classLabel)
  const date = (iso: string | undefined) => (iso ? formatDate(iso, i18n.language) : '')
  const day = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' })
  return (
    <article className="wf-paper" data-testid="whole-file">
      <header className="wf-head">
        <p className="wf-kind">{t('wholefile.title')}</p>
        <h1 className="wf-name">
          <Line value={head.name} />
        </h1>
        <p className="wf-where">
          <span>
            <span className="wf-label">{t('wholefile.school')}</span>
            <Line value={head.school} />
          </span>
          <span>
            <span className="wf-label">{t('field.labels.classId')}</span>
            <Line value={head.classLabel} />
          </span>
        </p>
        <p className="wf-printed">{head.printed}</p>
      </header>
      {file.newerSchema && <p className="wf-warning">{t('child.newerSchema')}</p>}

      {file.groups.map(({ group, fields, texts }) => (
        <section key={group} className="wf-section wf-group" data-group={group}>
          <h2>{t(`field.groups.${group}`)}</h2>
          {fields.length > 0 && (
            <dl className="wf-fields">
              {fields.map((field) => (
                <div key={field.key} className="wf-field">
                  <dt>{t(labelKey(field.key))}</dt>
                  <dd>
                    <FieldValue field={field} shown={valueOf(field)} />
                  </dd>
                </div>
              ))}
            </dl>
          )}
          {texts.map((text) => (
            <div key={text.key} className="wf-text">
              <h3>{t(labelKey(text.key))}</h3>
              {text.text.trim() !== '' ? <p className="wf-long">{text.text}</p> : <BlankLines count={3} />}
            </div>
          ))}
        </section>
      ))}

      <section className="wf-section" data-testid="wf-path">
        <h2>{t('wholefile.sections.path')}</h2>
        <p className="wf-now">
          {file.current.since
            ? t('wholefile.statusNow', { status: t(`path.statuses.${file.current.status}`), date: date(file.current.since) })
            : t('wholefile.statusNowUndated', { status: t(`path.statuses.${file.current.status}`) })}
        </p>
        {file.path.length === 0 ? (
          <p className="wf-empty">{t('wholefile.noPath')}</p>
        ) : (
          <ol className="wf-list">
            {file.path.map((entry) => (
              <li key={entry.id}>
                {t('wholefile.pathEntry', { status: t(`path.statuses.${entry.status}`), date: date(entry.since) })}
                {entry.note && <span className="wf-note">{entry.note}</span>}
                <span className="wf-who">{t('wholefile.recorded', { who: entry.by || t('path.someone'), date: day.format(new Date(entry.at)) })}</span>
              </li>
            ))}
          </ol>
        )}
      </section>

      <section className="wf-section" data-testid="wf-pairings">
        <h2>{t('wholefile.sections.pairings')}</h2>
        {file.pairings.length === 0 ? (
          <p className="wf-empty">{t('pairings.empty')}</p>
        ) : (
          <ul className="wf-list">
            {file.pairings.map((p) => (
              <li key={p.id} className="wf-pairing">
                <strong>{t(`pairings.kinds.${p.kind}`)}</strong> {p.name}
                {p.phone && <span className="wf-phone"> {p.phone}</span>}
                <span className="wf-dates"> {p.to ? t('wholefile.fromTo', { from: date(p.from) || '…', to: date(p.to) }) : t('wholefile.sinceOngoing', { from: date(p.from) || '…' })}</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="wf-section" data-testid="wf-records">
        <h2>{t('wholefile.sections.records', { count: file.records.length })}</h2>
        {file.records.length === 0 && <p className="wf-empty">{t('wholefile.noRecords')}</p>}
        {file.records.map((r) => {
          const fields = Object.entries(r.fields).filter(([field, value]) => !LINK_FIELDS.has(field) && String(value).trim() !== '')
          return (
            <article key={r.id} className="wf-record" data-testid="wf-record">
              <h3>
                <span className="wf-record-date">{r.date ? date(r.date) : '—'}</span> <span>{t(`records.types.${r.type}`)}</span>{' '}
                <span className="wf-who">{t('wholefile.recordedBy', { who: r.author.name || t('field.history.someone') })}</span>
              </h3>
              {r.problems.length > 0 && <p className="wf-warning">{t('records.problems', { count: r.problems.length })}</p>}
              {fields.length > 0 && (
                <dl className="wf-record-fields">
                  {fields.map(([field, value]) => (
                    <div key={field} className={isLongText(r.type, field) ? 'wf-wide' : undefined}>
                      <dt>{t(`records.fields.${r.type}.${field}`)}</dt>
                      <dd>{recordValueText(t, i18n.language, r.type, field, value)}</dd>
                    </div>
                  ))}
                </dl>
              )}
              {r.notes.trim() !== '' && (
                <p className="wf-record-notes">
                  <span className="wf-label">{t('records.notes')}</span>
                  {r.notes}
                </p>
              )}
            </article>
          )
        })}
      </section>

      <section className="wf-section" data-testid="wf-notes">
        <h2>{t('wholefile.sections.notes')}</h2>
        {notesAreEmpty(file.notes) ? <BlankLines count={4} /> : <NotesView blocks={file.notes} />}
      </section>

      <footer className="wf-end">
        <p className="wf-sign">
          <span>
            <span className="wf-label">{t('wholefile.signature')}</span>
            <Line value="" />
          </span>
          <span>
            <span className="wf-label">{t('wholefile.signatureDate')}</span>
            <Line value="" />
          </span>
        </p>
        <p className="wf-blank-below">{t('wholefile.endOfFile')}</p>
      </footer>
    </article>
  )
}

/** A field's value on its line; unset, a line to write on, or boxes to tick for a choice. */
function FieldValue({ field, shown }: { field: WholeFileField; shown: string | undefined }) {
  const { t } = useTranslation()
  if (shown !== undefined && shown !== '') return <Line value={shown} />
  const kind = CHILD_FIELDS[field.key].kind
  const options =
    kind.type === 'choice'
      ? kind.options.map((o) => t(`field.options.${optionSet(field.key)}.${o}`))
      : kind.type === 'bool'
        ? [t('field.options.bool.true'), t('field.options.bool.false')]
        : undefined
  return (
    <>
      {options ? (
        <span className="wf-ticks">
          {options.map((o) => (
            <span key={o} className="wf-tick">
              <span className="wf-box" aria-hidden="true" />
              {o}
            </span>
          ))}
        </span>
      ) : (
        <Line value="" />
      )}
      {field.unreadable && <span className="wf-unreadable">{t('wholefile.unreadable')}</span>}
    </>
  )
}

/** A record's long text (a talk's record card, a visit's guidance) takes the record's whole width. */
const isLongText = (type: RecordType, field: string) => (RECORD_FIELDS[type] as Record<string, FieldKind | undefined>)[field]?.type === 'longText'

/** A value on its line; an empty one is only the line. */
function Line({ value }: { value: ReactNode }) {
  return <span className="wf-line">{value}</span>
}

function BlankLines({ count }: { count: number }) {
  return (
    <div className="wf-blank" aria-hidden="true">
      {Array.from({ length: count }, (_, i) => (
        <span key={i} />
      ))}
    </div>
  )
}

/** A set field's value in the reader's language (the class by the organisation's name for it). */
function fieldText(t: TFunction, language: string, field: WholeFileField, classLabel: string): string | undefined {
  if (field.value === undefined) return undefined
  if (field.key === 'classId') return classLabel
  return formatValue(t, field.key, CHILD_FIELDS[field.key].kind, field.value, language)
}
