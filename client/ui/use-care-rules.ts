/**
 * The workspace's care rules (shared/docs/settings/care-rules.ts), read live from the settings
 * document every device keeps open, so they read offline and follow a coordinator's changes.
 */
import { useCallback, useRef, useSyncExternalStore } from 'react'
import { readCareRules, type CareRules } from '../../shared/docs/settings/care-rules'
import type { OpenDoc } from '../runtime/sync/live-docs'
import { useSettingsDoc } from './use-organisation'

const EMPTY: CareRules = { rules: [], skipped: [] }

/** The rules and what could not be read; empty until the settings document has loaded. */
export function useCareRules(): CareRules {
  return useCareRulesOf(useSettingsDoc())
}

export function useCareRulesOf(open: OpenDoc | undefined): CareRules {
  const doc = open?.doc
  const cache = useRef<{ key: string; value: CareRules }>({ key: JSON.stringify(EMPTY), value: EMPTY })
  const subscribe = useCallback(
    (onChange: () => void) => {
      doc?.on('update', onChange)
      return () => doc?.off('update', onChange)
    },
    [doc],
  )
  const getSnapshot = () => {
    const value = doc ? readCareRules(doc) : EMPTY
    // A new object only when what it says changed, so views re-render only then.
    const key = JSON.stringify(value)
    if (cache.current.key !== key) cache.current = { key, value }
    return cache.current.value
  }
  return useSyncExternalStore(subscribe, getSnapshot)
}
