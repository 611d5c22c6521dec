import { useSignedIn } from '../../ui/use-session'

/** Coordinators and teachers write the plan, helpers read it (shared/docs/plan/kind.ts). */
export function useMayWritePlan(): boolean {
  const { role } = useSignedIn().account
  return role === 'coordinator' || role === 'teacher'
}
