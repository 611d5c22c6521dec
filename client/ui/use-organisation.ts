/**
 * The workspace's organisation (schools, classes, terms), read live from the settings document,
 * which the workspace keeps open on every device (runtime/workspace.ts `start`), so it reads
 * offline and follows a coordinator's changes as they arrive.
 */
import { settingsDocumentId } from '../../shared/doc-id'
import { readOrganisation, type Organisation } from '../../shared/docs/settings/organisation'
import type { OpenDoc } from '../runtime/sync/live-docs'
import { useJsonDocState } from './use-doc-state'
import { useOpenDoc } from './use-open-doc'
import { useWorkspace } from './use-session'

const EMPTY: Organisation = { schools: [], classes: [], terms: [] }

/** The settings document, for the views that write it (coordinators); undefined while it loads. */
export function useSettingsDoc(): OpenDoc | undefined {
  const workspace = useWorkspace()
  return useOpenDoc(settingsDocumentId(workspace.workspaceId))
}

/** The organisation as readOrganisation gives it; empty until the settings document has loaded. */
export function useOrganisation(): Organisation {
  return useOrganisationOf(useSettingsDoc())
}

/** The organisation of an open settings document (a view that also writes it opens it once). */
export function useOrganisationOf(open: OpenDoc | undefined): Organisation {
  return useJsonDocState(open?.doc, readOrganisation, EMPTY)
}
