import { useEffect, useState } from 'react'
import { useAuth, useSignedIn } from '../../ui/use-session'

export interface ClassTeachers {
  /** Class id -> the accounts teaching it. */
  teachers: ReadonlyMap<string, readonly string[]>
  /** Every member's display name, by account, as the relay answered. */
  names: ReadonlyMap<string, string>
}

/**
 * The accounts teaching each class, from the relay's members list (coordinators, online only):
 * undefined offline or until it answers, and the class teachers' tasks are then listed by class.
 */
export function useClassTeachers(): ClassTeachers | undefined {
  const { api } = useAuth()
  const { session, account } = useSignedIn()
  const ask = session === 'live' && account.role === 'coordinator'
  const [teachers, setTeachers] = useState<ClassTeachers | undefined>(undefined)
  useEffect(() => {
    if (!ask) return
    let current = true
    api.members().then(
      (members) => {
        const out = new Map<string, string[]>()
        for (const m of members) if (m.role === 'teacher') for (const classId of m.classes) out.set(classId, [...(out.get(classId) ?? []), m.id])
        if (current) setTeachers({ teachers: out, names: new Map(members.map((m) => [m.id, m.displayName])) })
      },
      // Not known: the tasks are listed by class, as offline.
      () => undefined,
    )
    return () => void (current = false)
  }, [api, ask])
  return ask ? teachers : undefined
}
