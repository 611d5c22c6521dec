/**
 * The workspace's settings (`<workspace>/settings`): schools, classes, terms, care rules, no
 * child's data. Empty so far; every device keeps it open, and its socket tells whether the
 * relay is reachable. Readable by every member but supervisors, written by coordinators.
 */
import type { DocumentKindSpec } from '../kind'

export const SETTINGS_SCHEMA_VERSION = 1

export const settingsKind: DocumentKindSpec = {
  kind: 'settings',
  schemaVersion: SETTINGS_SCHEMA_VERSION,
  tables: [],
  project: () => ({}),
  label: () => ({ kind: 'settings' }),
  access: ({ role }) => (role === 'supervisor' ? 'none' : 'read'),
}
