/**
 * A term's shared plan (`<workspace>/plan/<term>`): its items and activities, which class
 * teachers and coordinators edit together. No content yet; this declares its place.
 */
import type { DocumentKindSpec } from '../kind'

export const PLAN_SCHEMA_VERSION = 1

export const planKind: DocumentKindSpec = {
  kind: 'plan',
  schemaVersion: PLAN_SCHEMA_VERSION,
  tables: [],
  project: () => ({}),
  label: (ref) => ({ kind: 'plan', term: ref.key ?? '' }),
  access: ({ role }) => (role === 'teacher' ? 'write' : role === 'helper' ? 'read' : 'none'),
}
