/**
 * The audit trail as a reader sees it (docs/SPEC.md M8): each entry with the person's name
 * (the directory) and the child's name (the device's index) instead of ids, in the time it
 * happened (the device's, for a report) newest first, and as CSV with headers in the reader's
 * language and times in the reader's time zone. Pure, so it is tested without a page.
 */
import type { TFunction } from 'i18next'
import type { AuditEntry } from '../../../shared/auth-api'
import { termLabel } from '../../ui/class-label'

export interface AuditView {
  seq: number
  /** When it happened (ms): the device's time for a report, else the relay's. */
  when: number
  /** When the relay heard of it (ms). */
  received: number
  person: string
  child: string
  action: string
}

export interface Names {
  person(userId: string | null): string
  /** The document as the reader is told of it: a child's file by the child's name (ui/document-name.ts). */
  document(docId: string): string
  /** A class by its name in the organisation (a move's detail names the class ids). */
  className?(classId: string): string
}

/** What an entry's detail says, in names: a move's classes, the member a pairing names. */
function detailOf(e: AuditEntry, names: Names, t: TFunction): string {
  if (!e.detail) return ''
  if (e.action === 'moved') return e.detail.split(' → ').map((id) => names.className?.(id) ?? id).join(' → ')
  if (e.action === 'paired' || e.action === 'unpaired') return names.person(e.detail)
  if (e.action === 'reportsRefused' && /^\d{1,9}$/.test(e.detail)) return t('audit.refusedCount', { count: Number(e.detail) })
  if (e.action === 'rolledOver') return termLabel(t, e.detail)
  return ''
}

export function toViews(entries: readonly AuditEntry[], names: Names, t: TFunction): AuditView[] {
  return entries
    .map((e) => {
      return {
        seq: e.seq,
        when: e.reportedAt ?? e.at,
        received: e.at,
        person: names.person(e.userId),
        child: e.docId ? names.document(e.docId) : '',
        action: [t(`audit.actions.${e.action}`, { defaultValue: e.action }), detailOf(e, names, t)].filter((s) => s !== '').join(t('audit.detailSeparator')),
      }
    })
    .sort((a, b) => b.when - a.when || b.seq - a.seq)
}

/** `2024-03-02 00:30:00` in the reader's time zone: a spreadsheet sorts it and reads it as local. */
export function localTime(ms: number, timeZone?: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    ...(timeZone ? { timeZone } : {}),
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(ms))
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? ''
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}:${part('second')}`
}

/** The CSV a coordinator saves: a byte-order mark (so spreadsheets read the Chinese), CRLF rows. */
export function auditCsv(rows: readonly AuditView[], t: TFunction, timeZone?: string): string {
  const quote = (v: string) => `"${v.replace(/"/g, '""')}"`
  const header = ['when', 'received', 'person', 'child', 'action'].map((k) => t(`trail.csv.${k}`))
  const body = rows.map((r) => [localTime(r.when, timeZone), localTime(r.received, timeZone), r.person, r.child, r.action])
  return '\ufeff' + [header, ...body].map((r) => r.map(quote).join(',')).join('\r\n')
}
