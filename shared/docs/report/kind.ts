/**
 * A term's published figures (`<workspace>/report/<term>`, report.ts), the one document
 * supervisors read besides the settings: counts only, no child's data (docs/SPEC.md J1, J2).
 */
import type { DocumentKindSpec } from '../kind'
import { inspectReportWrite } from './report-rules'

export const REPORT_SCHEMA_VERSION = 1

export const reportKind: DocumentKindSpec = {
  kind: 'report',
  schemaVersion: REPORT_SCHEMA_VERSION,
  tables: [],
  project: () => ({}),
  label: (ref) => ({ kind: 'report', term: ref.key ?? '' }),
  // Coordinators publish (accessTo gives them write). Supervisors read it: it is made for them.
  // Teachers and helpers read it too: what is published to a supervisor outside the workspace
  // holds nothing a member inside may not see, and they see what was reported of their work.
  access: () => 'read',
  // Only the append of a well-formed edition signed by its writer (report-rules.ts, J3).
  inspectWrite: inspectReportWrite,
}
