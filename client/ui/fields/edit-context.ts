import { useCallback } from 'react'
import { todayIsoDate } from '../../../shared/dates'
import type { EditContext } from '../../../shared/docs/child/child'
import { useAuthor } from '../use-author'
import { useWorkspace } from '../use-session'

/**
 * The author and time of an edit made now, by this user. The time is the device's clock
 * corrected to the relay's (shared/clock.ts), for "today" as for the write's stamp: a phone a
 * year off neither wins every conflict nor refuses a birth date as in the future.
 */
export function useEditContext(): () => EditContext {
  const author = useAuthor()
  const { clock } = useWorkspace()
  return useCallback(() => {
    const now = clock.now()
    return { author, today: todayIsoDate(new Date(now)), now }
  }, [author, clock])
}
