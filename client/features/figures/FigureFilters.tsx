/** Which children the figures count: a school, a grade, a class (classes in the organisation's grade order). */
import { useTranslation } from 'react-i18next'
import type { Organisation } from '../../../shared/docs/settings/organisation'
import type { FigureFilter } from '../../../shared/figures/figures'
import { classLabel } from '../../ui/class-label'
import { gradesOf, narrowFilter } from './figures-view'
import { SchoolPicker } from '../../ui/SchoolPicker'

export function FigureFilters({ org, filter, onChange }: { org: Organisation; filter: FigureFilter; onChange: (filter: FigureFilter) => void }) {
  const { t } = useTranslation()
  const grades = gradesOf(org, filter.schoolId)
  // readOrganisation lists classes by school, grade and 班號 already (compareClasses).
  const classes = org.classes.filter((c) => !c.archived && (filter.schoolId === undefined || c.schoolId === filter.schoolId) && (filter.grade === undefined || c.grade === filter.grade))
  const school = (id: string) => (org.schools.length > 1 && filter.schoolId === undefined ? org.schools.find((s) => s.id === id) : undefined)
  const set = (patch: Partial<Record<keyof FigureFilter, string>>) => {
    const next = { ...filter, ...patch }
    const raw: FigureFilter = {
      ...(next.schoolId ? { schoolId: String(next.schoolId) } : {}),
      ...(next.grade !== undefined && String(next.grade) !== '' ? { grade: Number(next.grade) } : {}),
      ...(next.classId ? { classId: String(next.classId) } : {}),
    }
    onChange(narrowFilter(org, raw))
  }
  return (
    <fieldset className="fig-filters">
      <legend>{t('figures.filters.title')}</legend>
      {org.schools.length > 1 && (
        <div className="field">
          <label htmlFor="fig-school">{t('figures.filters.school')}</label>
          <SchoolPicker id="fig-school" org={org} value={filter.schoolId ?? ''} onChange={(schoolId) => set({ schoolId, classId: '' })} all={t('figures.filters.all')} />
        </div>
      )}
      <div className="field">
        <label htmlFor="fig-grade">{t('figures.filters.grade')}</label>
        <select id="fig-grade" value={filter.grade ?? ''} onChange={(e) => set({ grade: e.target.value, classId: '' })}>
          <option value="">{t('figures.filters.all')}</option>
          {grades.map((g) => (
            <option key={g} value={g}>
              {t(`org.grade.${g}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="fig-class">{t('figures.filters.class')}</label>
        <select id="fig-class" value={filter.classId ?? ''} onChange={(e) => set({ classId: e.target.value })}>
          <option value="">{t('figures.filters.all')}</option>
          {classes.map((c) => (
            <option key={c.id} value={c.id}>
              {classLabel(t, c, school(c.schoolId))}
            </option>
          ))}
        </select>
      </div>
    </fieldset>
  )
}
