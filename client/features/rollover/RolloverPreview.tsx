import { useTranslation } from 'react-i18next'
import { schoolById, type Organisation } from '../../../shared/docs/settings/organisation'
import { isRolloverEmpty, type RolloverPreview as Preview } from '../../../shared/docs/settings/rollover'
import { classLabel, classLabelIn, termLabel } from '../../ui/class-label'
import { formatDate } from '../../ui/format'

/**
 * What the rollover will change, in words (SPEC Y1, Y7): the term, each class's grade before and
 * after by school, the classes that leave, the children whose status changes and those who keep
 * theirs, the plan, and what needs attention. Two-column tables, so they fit 360 px.
 */
export function RolloverPreview({ preview, org }: { preview: Preview; org: Organisation }) {
  const { t, i18n } = useTranslation()
  const term = termLabel(t, preview.code)
  const date = (d: string) => formatDate(d, i18n.language)
  const inClass = (id: string) => classLabelIn(t, org, id) ?? '—'
  if (isRolloverEmpty(preview)) {
    return (
      <p className="rollover-nothing" role="status" data-testid="rollover-nothing">
        {t('rollover.nothing', { term })}
      </p>
    )
  }
  const schools = org.schools.filter((s) => preview.moves.some((m) => m.cls.schoolId === s.id))
  return (
    <section className="rollover-preview" aria-labelledby="rollover-preview" data-testid="rollover-preview">
      <h2 id="rollover-preview">{t('rollover.preview')}</h2>
      <p data-testid="rollover-term">
        {preview.term
          ? t(preview.term.exists ? 'rollover.termExisting' : 'rollover.termAdded', { term, start: date(preview.term.start), end: date(preview.term.end) })
          : t('rollover.termDone', { term })}
      </p>

      {!preview.done && (
        <>
          <h3>{t('rollover.classes')}</h3>
          {preview.moves.length === 0 && <p className="hint">{t('rollover.noMoves')}</p>}
          {schools.map((school) => (
            <table className="rollover-table" key={school.id} data-testid="rollover-moves">
              <caption>{school.name}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('rollover.classNow')}</th>
                  <th scope="col">{t('rollover.classAfter')}</th>
                </tr>
              </thead>
              <tbody>
                {preview.moves
                  .filter((m) => m.cls.schoolId === school.id)
                  .map((m) => (
                    <tr key={m.cls.id}>
                      <td>{classLabel(t, { grade: m.from, section: m.cls.section })}</td>
                      <td>{classLabel(t, { grade: m.to, section: m.cls.section })}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          ))}
          {preview.leaving.length > 0 && (
            <>
              <h3>{t('rollover.leavingClasses')}</h3>
              <ul data-testid="rollover-leaving">
                {preview.leaving.map((c) => (
                  <li key={c.id}>{classLabel(t, c, schoolById(org, c.schoolId))}</li>
                ))}
              </ul>
            </>
          )}
          <h3>{t('rollover.leavers')}</h3>
          {preview.leavers.length === 0 ? (
            <p className="hint">{t('rollover.noLeavers')}</p>
          ) : (
            <>
              <p className="hint">{t('rollover.leaversHint', { date: date(preview.leavers[0]?.since ?? '') })}</p>
              <ChildTable rows={preview.leavers.map((l) => ({ id: l.childId, name: l.name, second: inClass(l.classId) }))} second={t('rollover.class')} testId="rollover-leavers" />
            </>
          )}
          {preview.kept.length > 0 && (
            <>
              <h3>{t('rollover.kept')}</h3>
              <ChildTable rows={preview.kept.map((k) => ({ id: k.childId, name: k.name, second: t(`path.statuses.${k.status}`, { defaultValue: k.status }) }))} second={t('rollover.status')} testId="rollover-kept" />
            </>
          )}
        </>
      )}

      <h3>{t('rollover.plan')}</h3>
      <p data-testid="rollover-plan">
        {!preview.plan
          ? t('rollover.planExists', { term })
          : preview.plan.how === 'copy'
            ? t('rollover.planWillCopy', { term, from: termLabel(t, preview.plan.from) })
            : t('rollover.planWillTemplate', { term })}
      </p>

      {preview.attention.length > 0 && (
        <div className="rollover-attention" role="note" data-testid="rollover-attention">
          <h3>{t('rollover.attention')}</h3>
          <ul>
            {preview.attention.map((a) => (
              <li key={a.code === 'noIntake' ? `${a.code}-${a.schoolId}` : a.code}>
                {a.code === 'noIntake'
                  ? t('rollover.noIntake', { school: schoolById(org, a.schoolId)?.name ?? '', grade: t(`org.grade.${a.grade}`) })
                  : t(`rollover.${a.code}`)}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  )
}

function ChildTable({ rows, second, testId }: { rows: { id: string; name: string; second: string }[]; second: string; testId: string }) {
  const { t } = useTranslation()
  return (
    <table className="rollover-table" data-testid={testId}>
      <thead>
        <tr>
          <th scope="col">{t('rollover.child')}</th>
          <th scope="col">{second}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id}>
            <td>{r.name}</td>
            <td>{r.second}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
