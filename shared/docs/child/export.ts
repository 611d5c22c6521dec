/**
 * A child's whole file as the guardian may ask for it (PIPL; docs/SPEC.md E4): every value the
 * file holds, read through the schema's own readers (every value checked, nothing of Yjs left),
 * as plain JSON. The relay builds it when a coordinator asks (server/http/file-api.ts); the
 * device renders it in the reader's language with the field labels. Records and pairings in
 * the bin are in it too, marked: the file still holds them.
 */
import * as Y from 'yjs'
import { z } from 'zod'
import type { DocRef } from '../kind'
import { readBin, type Deletion } from './bin'
import { fieldHistory, notesFragment, readChildFile } from './child'
import { CHILD_FIELDS, CHILD_FIELD_KEYS, CHILD_TEXTS, CHILD_TEXT_KEYS } from './child-fields'
import { readPairing, readPairings, type PairingView } from './pairings'
import { readRecord, readRecords, type RecordView } from './records'

export const CHILD_EXPORT_FORMAT = 'shouwang.child-file'

const Value = z.union([z.string(), z.number(), z.boolean()])
const Deleted = z.object({ by: z.string(), at: z.number() }).optional()

export const ChildExportSchema = z.object({
  format: z.literal(CHILD_EXPORT_FORMAT),
  version: z.literal(1),
  docId: z.string(),
  childId: z.string(),
  /** When the relay made the export (ISO 8601). */
  exportedAt: z.string(),
  /** Every short field, in the schema's order; `value` null when the file holds none. */
  fields: z.array(z.object({ key: z.string(), group: z.string(), value: Value.nullable(), by: z.string(), at: z.number() })),
  /** Every long text field, in the schema's order ('' when empty). */
  texts: z.array(z.object({ key: z.string(), group: z.string(), text: z.string() })),
  /** Every write of every short field, oldest first: earlier values are data the file holds too. */
  history: z.array(z.object({ key: z.string(), value: Value.nullable(), by: z.string(), at: z.number() })),
  records: z.array(
    z.object({
      id: z.string(),
      type: z.string(),
      date: z.string().nullable(),
      author: z.object({ id: z.string(), name: z.string() }),
      createdAt: z.number(),
      notes: z.string(),
      fields: z.record(z.string(), Value),
      deleted: Deleted,
    }),
  ),
  pairings: z.array(
    z.object({ id: z.string(), kind: z.string(), name: z.string(), phone: z.string(), from: z.string().nullable(), to: z.string().nullable(), deleted: Deleted }),
  ),
  /** The case notes as plain text, one paragraph a line. */
  notes: z.string(),
  /** Values that could not be read, as they are stored. */
  problems: z.array(z.object({ key: z.string(), raw: z.string() })),
})
export type ChildExport = z.infer<typeof ChildExportSchema>

export function exportChildFile(doc: Y.Doc, ref: DocRef, now: number): ChildExport {
  const file = readChildFile(doc)
  const deleted = (d: Deletion) => ({ deleted: { by: d.by, at: d.at } })
  const record = (r: RecordView) => ({ id: r.id, type: r.type, date: r.date ?? null, author: r.author, createdAt: r.createdAt, notes: r.notes, fields: r.fields })
  const pairing = (p: PairingView) => ({ id: p.id, kind: p.kind, name: p.name, phone: p.phone, from: p.from ?? null, to: p.to ?? null })
  const bin = readBin(doc)
  return {
    format: CHILD_EXPORT_FORMAT,
    version: 1,
    docId: ref.docId,
    childId: ref.key ?? '',
    exportedAt: new Date(now).toISOString(),
    fields: CHILD_FIELD_KEYS.map((key) => {
      const state = file.fields[key]
      return { key, group: CHILD_FIELDS[key].group, value: state?.value ?? null, by: state?.by ?? '', at: state?.at ?? 0 }
    }),
    texts: CHILD_TEXT_KEYS.map((key) => ({ key, group: CHILD_TEXTS[key].group, text: file.texts[key] })),
    history: CHILD_FIELD_KEYS.flatMap((key) => fieldHistory(doc, key).map((e) => ({ key, value: e.v, by: e.by, at: e.at }))).sort((a, b) => a.at - b.at),
    records: [
      ...readRecords(doc).map(record),
      ...bin.flatMap((e) => {
        const view = e.collection === 'records' ? readRecord(e.id, e.entry) : undefined
        return view ? [{ ...record(view), ...deleted(e.deletion) }] : []
      }),
    ],
    pairings: [
      ...readPairings(doc).map(pairing),
      ...bin.flatMap((e) => {
        const view = e.collection === 'pairings' ? readPairing(e.id, e.entry) : undefined
        return view ? [{ ...pairing(view), ...deleted(e.deletion) }] : []
      }),
    ],
    notes: notesText(notesFragment(doc)),
    problems: file.problems.map((p) => ({ key: p.field, raw: p.raw })),
  }
}

/**
 * The notes (Tiptap's ProseMirror nodes in a Y.XmlFragment) as plain text: a paragraph or
 * heading a line, list items with "- ", quotes with "> ", a hard break as a line break.
 */
export function notesText(fragment: Y.XmlFragment): string {
  const lines: string[] = []
  blocks(fragment, '', lines)
  return lines.join('\n')
}

function blocks(node: Y.XmlFragment | Y.XmlElement, prefix: string, lines: string[]): void {
  for (const child of node.toArray()) {
    if (child instanceof Y.XmlText) {
      lines.push(prefix + inlineOf(child))
      continue
    }
    if (!(child instanceof Y.XmlElement)) continue
    switch (child.nodeName) {
      case 'bulletList':
      case 'orderedList':
        blocks(child, prefix, lines)
        break
      case 'blockquote':
        blocks(child, `${prefix}> `, lines)
        break
      case 'listItem': {
        const inner: string[] = []
        blocks(child, '', inner)
        inner.forEach((line, i) => lines.push(`${prefix}${i === 0 ? '- ' : '  '}${line}`))
        break
      }
      case 'horizontalRule':
        lines.push(`${prefix}---`)
        break
      default:
        for (const line of inlineText(child).split('\n')) lines.push(prefix + line)
    }
  }
}

function inlineText(node: Y.XmlElement): string {
  return node
    .toArray()
    .map((child) => (child instanceof Y.XmlText ? inlineOf(child) : child instanceof Y.XmlElement ? (child.nodeName === 'hardBreak' ? '\n' : inlineText(child)) : ''))
    .join('')
}

const inlineOf = (text: Y.XmlText): string =>
  (text.toDelta() as { insert?: unknown }[]).map((op) => (typeof op.insert === 'string' ? op.insert : '')).join('')
