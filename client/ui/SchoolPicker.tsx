/**
 * Choosing one of the workspace's schools, or all of them, in the organisation's order: the
 * figures' filter, the official forms, the term summary and a published report's scope.
 */
import type { Organisation } from '../../shared/docs/settings/organisation-read'

export function SchoolPicker({ id, org, value, onChange, all }: { id: string; org: Organisation; value: string; onChange: (schoolId: string) => void; all: string }) {
  return (
    <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{all}</option>
      {org.schools.map((s) => (
        <option key={s.id} value={s.id}>
          {s.name}
        </option>
      ))}
    </select>
  )
}
