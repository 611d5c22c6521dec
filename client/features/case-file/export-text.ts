/**
 * A child's exported file (shared/docs/child/export.ts) as a guardian reads it: plain text in
 * the reader's language, with the labels the app shows, one section per part of the file,
 * fields grouped as on the form, only what the file holds. Pure: the button downloads it.
 */
import type { TFunction } from 'i18next'
import { CHILD_FIELDS, FIELD_GROUPS, type ChildFieldKey } from '../../../shared/docs/child/child-fields'
import type { ChildExport } from '../../../shared/docs/child/export'
import { RECORD_FIELDS } from '../../../shared/docs/child/records'
import type { FieldKind, FieldValue } from '../../../shared/validation/fields'
import { formatDate } from '../../ui/format'
import { formatValue, labelKey } from './format-value'

type ExportedRecord = ChildExport['records'][number]
type ExportedPairing = ChildExport['pairings'][number]

const RECORD_KINDS: Readonly<Record<string, Readonly<Record<string, FieldKind>> | undefined>> = RECORD_FIELDS

export function exportText(file: ChildExport, t: TFunction, language: string): string {
  const when = (ms: number) => new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(ms))
  const date = (iso: string | null) => (iso ? formatDate(iso, language) : '…')
  const nameOf = file.fields.find((f) => f.key === 'name')?.value
  const name = typeof nameOf === 'string' && nameOf !== '' ? nameOf : t('children.unnamed')
  const fieldValue = (key: string, value: FieldValue | null) => {
    const spec = CHILD_FIELDS[key as ChildFieldKey] as (typeof CHILD_FIELDS)[ChildFieldKey] | undefined
    return spec ? formatValue(t, key, spec.kind, value, language) : String(value ?? t('export.none'))
  }
  const recordValue = (type: string, field: string, value: FieldValue) => {
    const kind = RECORD_KINDS[type]?.[field]
    if (kind?.type === 'choice') return t(`records.options.${type}.${field}.${String(value)}`, { defaultValue: String(value) })
    if (kind?.type === 'number') return new Intl.NumberFormat(language).format(Number(value))
    return String(value)
  }

  const labelled = (label: string, value: string) => t('export.labelValue', { label, value })

  const out: string[] = [t('export.title', { name }), t('export.intro'), t('export.exportedAt', { when: when(Date.parse(file.exportedAt)) }), t('export.fileId', { id: file.docId })]
  const section = (title: string, lines: string[]) => {
    out.push('', `== ${title} ==`, ...(lines.length > 0 ? lines : [t('export.none')]))
  }

  for (const group of FIELD_GROUPS) {
    const fields = file.fields.filter((f) => f.group === group && f.value !== null).map((f) => labelled(t(labelKey(f.key)), fieldValue(f.key, f.value)))
    const texts = file.texts.filter((x) => x.group === group && x.text.trim() !== '').map((x) => labelled(t(labelKey(x.key)), `\n${indent(x.text)}`))
    if (fields.length + texts.length > 0) section(t(`field.groups.${group}`), [...fields, ...texts])
  }

  const record = (r: ExportedRecord) => {
    const lines = [t('export.record', { date: date(r.date), type: t(`records.types.${r.type}`, { defaultValue: r.type }), author: r.author.name || t('export.nobody') })]
    for (const [field, value] of Object.entries(r.fields)) {
      const shown = recordValue(r.type, field, value)
      if (shown.trim() !== '') lines.push(`  ${labelled(t(`records.fields.${r.type}.${field}`, { defaultValue: field }), shown.includes('\n') ? `\n${indent(shown, 4)}` : shown)}`)
    }
    if (r.notes.trim() !== '') lines.push(`  ${labelled(t('records.notes'), `\n${indent(r.notes, 4)}`)}`)
    return lines.join('\n')
  }
  const pairing = (p: ExportedPairing) =>
    t('export.pairing', {
      kind: t(`pairings.kinds.${p.kind}`, { defaultValue: p.kind }),
      name: p.name,
      phone: p.phone || t('export.none'),
      from: date(p.from),
      to: p.to ? date(p.to) : t('pairings.ongoing'),
    })
  const deleted = (d: { by: string; at: number } | undefined) => (d ? `  (${t('file.bin.deleted', { who: d.by || t('file.bin.someone'), when: when(d.at) })})` : '')

  section(t('records.title'), file.records.filter((r) => !r.deleted).map(record))
  section(t('pairings.title'), file.pairings.filter((p) => !p.deleted).map(pairing))
  section(t('file.tabs.notes'), file.notes.trim() === '' ? [] : [file.notes])
  const binned = [...file.records.filter((r) => r.deleted).map((r) => record(r) + deleted(r.deleted)), ...file.pairings.filter((p) => p.deleted).map((p) => pairing(p) + deleted(p.deleted))]
  if (binned.length > 0) section(t('export.bin'), binned)
  section(
    t('export.history'),
    file.history.map((h) => t('export.historyLine', { when: when(h.at), field: t(labelKey(h.key)), value: fieldValue(h.key, h.value), by: h.by || t('export.nobody') })),
  )
  if (file.problems.length > 0) section(t('export.problems'), file.problems.map((p) => labelled(t(labelKey(p.key)), p.raw)))
  return `${out.join('\n')}\n`
}

const indent = (text: string, spaces = 2) =>
  text
    .split('\n')
    .map((line) => `${' '.repeat(spaces)}${line}`)
    .join('\n')
