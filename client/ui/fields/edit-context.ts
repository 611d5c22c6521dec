import { useCallback } from 'react'
import { todayIsoDate } from '../../../shared/dates'
import type { EditContext } from '../../../shared/docs/child/child'
import { useAuthor } from '../use-author'

/** The author and dates of an edit made now, by this user. */
export function useEditContext(): () => EditContext {
  const author = useAuthor()
  return useCallback(() => ({ author, today: todayIsoDate(), now: Date.now() }), [author])
}
