/** The members API (runtime/session/members-client.ts) over the runtime's one HTTP client. */
import { useMemo } from 'react'
import { createMembersApi, type MembersApi } from '../runtime/session/members-client'
import { useRuntime } from './runtime-context'

export function useMembersApi(): MembersApi {
  const { http } = useRuntime()
  return useMemo(() => createMembersApi(http), [http])
}
