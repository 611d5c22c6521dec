/**
 * The workspace's care rules (shared/docs/settings/care-rules.ts), read live from the settings
 * document every device keeps open, so they read offline and follow a coordinator's changes.
 */
import { readCareRules, type CareRules } from '../../shared/docs/settings/care-rules'
import type { OpenDoc } from '../runtime/sync/live-docs'
import { useJsonDocState } from './use-doc-state'
import { useSettingsDoc } from './use-organisation'

const EMPTY: CareRules = { rules: [], skipped: [] }

/** The rules and what could not be read; empty until the settings document has loaded. */
export function useCareRules(): CareRules {
  return useCareRulesOf(useSettingsDoc())
}

export function useCareRulesOf(open: OpenDoc | undefined): CareRules {
  return useJsonDocState(open?.doc, readCareRules, EMPTY)
}
