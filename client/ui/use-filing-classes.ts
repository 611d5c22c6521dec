/**
 * The classes this member may file a new child into (runtime/store/filing-classes.ts, SPEC X3),
 * as the relay last said: a coordinator any, a teacher their own, the other roles none.
 */
import type { FilingClasses } from '../../shared/auth-api'
import { useLive } from './use-live'
import { useSignedIn } from './use-session'

/**
 * `'any'` for a coordinator; else the classes offered (`[]`: none assigned), or `undefined`
 * while the device has not heard from the relay yet.
 */
export function useOwnClasses(): 'any' | readonly string[] | undefined {
  const { account, workspace } = useSignedIn()
  const filing: FilingClasses | undefined = useLive(() => workspace.queries.filingClasses(), [])
  // The relay takes any class from a coordinator, known or not.
  if (account.role === 'coordinator' || filing?.anyClass) return 'any'
  return filing?.classes
}

/** Whether a new child may be filed into this class (a form checks before it creates anything). */
export function useMayFileInto(): (classId: string) => boolean {
  const own = useOwnClasses()
  return (classId) => own === 'any' || (own?.includes(classId) ?? false)
}
