/**
 * A term's published figures (`<workspace>/report/<term>`), the one document supervisors
 * read: no child's data in it. No content yet; this declares its place.
 */
import type { DocumentKindSpec } from '../kind'

export const REPORT_SCHEMA_VERSION = 1

export const reportKind: DocumentKindSpec = {
  kind: 'report',
  schemaVersion: REPORT_SCHEMA_VERSION,
  tables: [],
  project: () => ({}),
  label: (ref) => ({ kind: 'report', term: ref.key ?? '' }),
  access: () => 'read',
}
