/** The runtime (client/runtime/runtime.ts) as React sees it: provided once, at the root. */
import { createContext, useContext } from 'react'
import type { Runtime } from '../runtime/runtime'

export const RuntimeContext = createContext<Runtime | null>(null)

export function useRuntime(): Runtime {
  const runtime = useContext(RuntimeContext)
  if (!runtime) throw new Error('useRuntime outside RuntimeContext')
  return runtime
}
