/**
 * The workspace's settings (`<workspace>/settings`): schools, classes, terms, care rules, no
 * child's data (organisation.ts). Every device keeps it open, and its socket tells whether the
 * relay is reachable. Readable by every member, supervisors too; written by coordinators.
 */
import type { DocumentKindSpec } from '../kind'

export const SETTINGS_SCHEMA_VERSION = 1

export const settingsKind: DocumentKindSpec = {
  kind: 'settings',
  schemaVersion: SETTINGS_SCHEMA_VERSION,
  tables: [],
  project: () => ({}),
  label: () => ({ kind: 'settings' }),
  // SPEC O6: no child's data, and a supervisor needs the schools and terms to read reports.
  access: () => 'read',
}
