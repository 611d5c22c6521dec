import { useTranslation } from 'react-i18next'
import type { RowPlan } from '../../../shared/roster/match'
import { fieldLabel, formatFieldValue } from './field-display'
import type { PlannedUpdate } from './update-roster'

/**
 * The rows of the roster that are children already on this device (SPEC H5, H6): each one
 * to update with what changes, old → new; those that change nothing; and those matched to
 * several children, which are shown and left alone.
 */
export function RosterUpdates({ plans, updates }: { plans: readonly RowPlan[]; updates: readonly PlannedUpdate[] }) {
  const { t, i18n } = useTranslation()
  const changing = updates.filter((u) => u.changes.length > 0)
  const unchanged = updates.length - changing.length
  const ambiguous = plans.filter((p): p is Extract<RowPlan, { kind: 'ambiguous' }> => p.kind === 'ambiguous')
  if (updates.length === 0 && ambiguous.length === 0) return null
  const show = (field: PlannedUpdate['changes'][number]['field'], value: Parameters<typeof formatFieldValue>[3]) =>
    value === undefined ? t('reimport.empty') : formatFieldValue(t, i18n.language, field, value)
  return (
    <>
      <h3>{t('reimport.updatesTitle', { count: changing.length })}</h3>
      {unchanged > 0 && <p className="hint">{t('reimport.unchanged', { count: unchanged })}</p>}
      {changing.length > 0 && (
        <ul className="import-updates" data-testid="import-updates">
          {changing.map((u) => (
            <li key={u.row.row} data-row={u.row.row}>
              <span className="issue-where">
                <span className="row-kind row-update">{t('reimport.update')}</span>
                {t('reimport.rowChild', { row: u.row.row, name: u.name || t('children.unnamed') })}
              </span>
              <ul className="field-changes">
                {u.changes.map((c) => (
                  <li key={c.field}>
                    {fieldLabel(t, c.field)}: <del>{show(c.field, c.old)}</del> → <ins>{show(c.field, c.new)}</ins>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
      {ambiguous.length > 0 && (
        <>
          <h3>{t('reimport.ambiguousTitle', { count: ambiguous.length })}</h3>
          <ul className="import-issues" data-testid="import-ambiguous">
            {ambiguous.map((p) => (
              <li key={p.row.row} className="warning" data-row={p.row.row}>
                <span className="issue-where">{t('import.check.where', { row: p.row.row, column: fieldLabel(t, 'name') })}</span>
                <span className="issue-value">“{formatFieldValue(t, i18n.language, 'name', p.row.values.name)}”</span>
                <span className="issue-what">{t(`reimport.why.${p.why}`, { count: p.childIds.length })}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  )
}
