import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ChildRow } from '../../../shared/indexes/rows'
import { AUDIT_ACTIONS, type DirectoryEntry } from '../../../shared/members-api'
import { classLabelIn } from '../../ui/class-label'
import { useOrganisation } from '../../ui/use-organisation'

export interface Filters {
  child?: string
  user?: string
  action?: string
  /** Dates as the date inputs give them (yyyy-mm-dd), read in the reader's time zone. */
  from?: string
  to?: string
}

/** Which part of the trail to read: a child (found by name in the device's index), a person, a kind, a period. */
export function AuditFilters({ filters, onChange, children, people }: { filters: Filters; onChange: (f: Filters) => void; children: readonly ChildRow[]; people: readonly DirectoryEntry[] }) {
  const { t } = useTranslation()
  const organisation = useOrganisation()
  const [search, setSearch] = useState('')
  const set = (key: keyof Filters, value: string) => {
    const next = { ...filters }
    if (value === '') delete next[key]
    else next[key] = value
    onChange(next)
  }
  const needle = search.trim()
  const matching = children.filter((c) => needle === '' || c.name.includes(needle) || c.id === filters.child).slice(0, 200)
  return (
    <fieldset className="members-section audit-filters" data-testid="audit-filters">
      <legend>{t('trail.filters')}</legend>
      <div className="member-scope">
        <label htmlFor="audit-child-search">{t('trail.childSearch')}</label>
        <input id="audit-child-search" type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
        <label htmlFor="audit-child">{t('trail.child')}</label>
        <select id="audit-child" value={filters.child ?? ''} onChange={(e) => set('child', e.target.value)}>
          <option value="">{t('trail.anyChild')}</option>
          {matching.map((c) => (
            <option key={c.id} value={c.id}>
              {c.classId ? `${c.name} · ${classLabelIn(t, organisation, c.classId) ?? c.classId}` : c.name}
            </option>
          ))}
        </select>
        <label htmlFor="audit-person">{t('trail.person')}</label>
        <select id="audit-person" value={filters.user ?? ''} onChange={(e) => set('user', e.target.value)}>
          <option value="">{t('trail.anyPerson')}</option>
          {people.map((p) => (
            <option key={p.id} value={p.id}>
              {p.removed ? t('trail.removed', { name: p.displayName }) : p.displayName}
            </option>
          ))}
        </select>
        <label htmlFor="audit-action">{t('trail.action')}</label>
        <select id="audit-action" value={filters.action ?? ''} onChange={(e) => set('action', e.target.value)}>
          <option value="">{t('trail.anyAction')}</option>
          {AUDIT_ACTIONS.map((a) => (
            <option key={a} value={a}>
              {t(`audit.actions.${a}`)}
            </option>
          ))}
        </select>
        <label htmlFor="audit-from">{t('trail.from')}</label>
        <input id="audit-from" type="date" value={filters.from ?? ''} onChange={(e) => set('from', e.target.value)} />
        <label htmlFor="audit-to">{t('trail.to')}</label>
        <input id="audit-to" type="date" value={filters.to ?? ''} onChange={(e) => set('to', e.target.value)} />
      </div>
      <button type="button" className="link-button" onClick={() => onChange({})}>
        {t('trail.clear')}
      </button>
    </fieldset>
  )
}

/** The start (or the end) of a local day, in ms: a period is the reader's days, not UTC's. */
export function dayBound(date: string | undefined, end: boolean): number | undefined {
  const m = date ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(date) : null
  if (!m) return undefined
  const start = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])).getTime()
  return end ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + 1).getTime() - 1 : start
}
