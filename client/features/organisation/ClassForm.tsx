import { useState } from 'react'
import { useOrgErrors } from './use-org-errors'
import { useTranslation } from 'react-i18next'
import {
  MAX_GRADE, MAX_SECTION, MIN_GRADE, stageOf, type ClassField, type ClassInfo, type ClassInput, type OrgErrors, type Stage,
} from '../../../shared/docs/settings/organisation'

const GRADES = Array.from({ length: MAX_GRADE - MIN_GRADE + 1 }, (_, i) => i + MIN_GRADE)
const STAGES: Stage[] = ['primary', 'junior', 'senior']

/** A class's grade, 班號 and pupil count; the model checks them (nothing is saved when refused). */
export function ClassForm({ initial, submit, testId, onSave, onCancel }: {
  initial?: ClassInfo
  submit: string
  testId: string
  onSave: (input: Omit<ClassInput, 'schoolId'>) => OrgErrors<ClassField>
  onCancel: () => void
}) {
  const { t } = useTranslation()
  const { id, setErrors, error, invalid } = useOrgErrors<ClassField>(t)
  const [grade, setGrade] = useState(String(initial?.grade ?? ''))
  const [section, setSection] = useState(initial?.section ?? '')
  const [pupils, setPupils] = useState(initial?.pupils === undefined ? '' : String(initial.pupils))
  return (
    <form
      className="org-form org-class-form"
      data-testid={testId}
      onSubmit={(e) => {
        e.preventDefault()
        const refused = onSave({ grade, section, pupils })
        setErrors(refused)
        // A new class saved: the form stays for the next one of the grade.
        if (!initial && Object.keys(refused).length === 0) {
          setSection('')
          setPupils('')
        }
      }}
    >
      <div className="field">
        <label htmlFor={`${id}-grade`}>{t('org.classes.grade')}</label>
        <select id={`${id}-grade`} value={grade} onChange={(e) => setGrade(e.target.value)} {...invalid('grade')}>
          <option value="" />
          {STAGES.map((stage) => (
            <optgroup key={stage} label={t(`org.stage.${stage}`)}>
              {GRADES.filter((g) => stageOf(g) === stage).map((g) => (
                <option key={g} value={g}>
                  {t(`org.grade.${g}`)}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
        {error('grade')}
      </div>
      <div className="field">
        <label htmlFor={`${id}-section`}>{t('org.classes.section')}</label>
        <input id={`${id}-section`} value={section} maxLength={MAX_SECTION} placeholder={t('org.classes.sectionHint')} onChange={(e) => setSection(e.target.value)} {...invalid('section')} />
        {error('section')}
      </div>
      <div className="field">
        <label htmlFor={`${id}-pupils`}>{t('org.classes.pupils')}</label>
        <input id={`${id}-pupils`} value={pupils} inputMode="numeric" onChange={(e) => setPupils(e.target.value)} {...invalid('pupils')} />
        {error('pupils')}
      </div>
      {error('schoolId')}
      <div className="org-actions">
        <button type="submit" className="primary">
          {submit}
        </button>
        <button type="button" onClick={onCancel}>
          {t('org.classes.cancel')}
        </button>
      </div>
    </form>
  )
}
