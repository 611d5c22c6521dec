/**
 * A write to a term's report checked against its writer (docs/SPEC.md J3), on the rules every
 * kind shares (write-rules.ts, R1–R5): the update may only append editions to `editions`, each
 * one well-formed (edition.ts, nothing the schema does not name), within
 * MAX_REPORT_EDITION_BYTES, signed by the writer themself at a time the relay accepts; nothing already
 * there is deleted or replaced. Only coordinators publish: the access table makes everyone else's
 * connection read-only, and the rule says so again, in case a kind's column ever changes.
 */
import * as Y from 'yjs'
import { MAX_REPORT_EDITION_BYTES } from '../../limits'
import type { WriteVerdict } from '../kind'
import { WriteRefusal, asEntry, refuseRoots, refuseSignature, watchWrite, type AuthenticatedWriter, type WriteSeen } from '../write-rules'
import { Edition } from './edition'
import { EDITIONS_ROOT } from './report'

/** Why a report's write is refused, besides the shared reasons (the device shows `refusal.<reason>`). */
export const ReportRefusal = {
  /** An appended value is not an edition the schema reads (a missing figure, a key it does not name). */
  notAnEdition: 'notAnEdition',
  /** An edition larger than MAX_REPORT_EDITION_BYTES. */
  editionTooLarge: 'editionTooLarge',
  /** Someone other than a coordinator published. */
  coordinatorsPublish: 'coordinatorsPublish',
} as const

const rootType = (name: string) => (name === EDITIONS_ROOT ? ('array' as const) : undefined)
const bytes = new TextEncoder()

/** Why the report's rules refuse what the update did, or undefined. */
export function refuseReportWrite(seen: WriteSeen, writer: AuthenticatedWriter, now: number): string | undefined {
  const shape = refuseRoots(seen, rootType)
  if (shape) return shape
  // An edition is never taken out or replaced: the supervisor must see what was published, and when.
  if (seen.deleted.length > 0) return WriteRefusal.historyRewritten
  const self: AuthenticatedWriter = { id: writer.id, role: writer.role, classTeacher: writer.classTeacher, name: writer.name, memberSince: writer.memberSince }
  for (const item of seen.added) {
    if (item.content instanceof Y.ContentDeleted) continue
    if (writer.role !== 'coordinator') return ReportRefusal.coordinatorsPublish
    if (!(item.content instanceof Y.ContentAny)) return WriteRefusal.badShape
    for (const value of item.content.getContent()) {
      if (bytes.encode(JSON.stringify(value) ?? '').byteLength > MAX_REPORT_EDITION_BYTES) return ReportRefusal.editionTooLarge
      if (!Edition.safeParse(value).success) return ReportRefusal.notAnEdition
      // Signed by the writer themself: R1's exception (a coordinator re-applying a member's signed
      // entries) does not reach a report, which a coordinator publishes under their own name only.
      const refused = refuseSignature(asEntry(value) ?? {}, self, now)
      if (refused) return refused
    }
  }
  return undefined
}

/** The report kind's inspectWrite (shared/docs/kind.ts): applies the update, then judges it. */
export function inspectReportWrite(doc: Y.Doc, apply: () => void, writer: AuthenticatedWriter, now: number): WriteVerdict {
  const refused = refuseReportWrite(watchWrite(doc, apply), writer, now)
  return refused ? { refused, audit: [] } : { audit: [] }
}
