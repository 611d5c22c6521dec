import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { RosterMapping } from '../../../shared/roster/headers'
import { isDuplicate, type ImportChoice, type RosterIssue, type RosterReport } from '../../../shared/roster/validate'
import type { ChildFieldKey } from '../../../shared/docs/child/child-fields'
import type { RowPlan } from '../../../shared/roster/match'
import { describeColumn, describeIssue, fieldLabel, formatFieldValue } from './field-display'
import { RosterUpdates } from './RosterUpdates'
import { whatToImport, type PlannedUpdate } from './update-roster'
import { useStepFocus } from './use-step-focus'

const PREVIEW_ROWS = 5
const ISSUES_SHOWN = 50

/**
 * Step 3: what the file will become, and every problem by row and column. A file with
 * errors imports nothing unless the user picks "import only the valid rows", which names
 * how many; there is no button that imports a file with errors as a whole.
 */
export function RosterCheck(props: {
  mapping: RosterMapping
  report: RosterReport
  /** Which rows are children this device holds (SPEC H5), and what would change in each. */
  plans: readonly RowPlan[]
  updates: readonly PlannedUpdate[]
  onImport: (choice: ImportChoice) => void
  onBack: () => void
  onCancel: () => void
}) {
  const { t, i18n } = useTranslation()
  const heading = useStepFocus<HTMLHeadingElement>()
  const { report } = props
  const [skipDuplicates, setSkipDuplicates] = useState(true)
  const planOf = new Map(props.plans.map((p) => [p.row.row, p]))
  const changeOf = new Map(props.updates.map((u) => [u.row.row, u.changes.length]))
  const isNew = (row: number) => planOf.get(row)?.kind === 'new'
  const duplicates = report.rows.filter((r) => r.ok && isNew(r.row) && isDuplicate(r)).length
  const hasErrors = report.errorRows > 0
  const choice: ImportChoice = { validRowsOnly: hasErrors, skipDuplicates }
  const toWrite = whatToImport(report, props.plans, props.updates, choice)
  const count = toWrite.create.length + toWrite.update.length
  /** What the row becomes: a new child, an update of one held here, or nothing. */
  const rowKind = (row: number) => {
    const plan = planOf.get(row)
    if (!plan) return 'skip'
    if (plan.kind === 'update') return (changeOf.get(row) ?? 0) > 0 ? 'update' : 'unchanged'
    return plan.kind === 'ambiguous' ? 'skip' : 'new'
  }
  const fields = props.mapping.filter((f): f is ChildFieldKey => f !== null)
  // Errors first: they decide what can be imported; warnings only ask for a look.
  const errors = report.issues.filter((i) => i.severity === 'error')
  // A row matched to a child held here is that child's update, not a child "already in the list".
  const warnings = report.issues.filter((i) => i.severity === 'warning' && !(i.code === 'alreadyInList' && !isNew(i.row)))
  const describe = (issue: RosterIssue) => ({
    where: t('import.check.where', { row: issue.row, column: describeColumn(t, { letter: issue.columnLetter, header: issue.column }) }),
    what: describeIssue(t, i18n.language, issue),
  })

  return (
    <section className="import-step" aria-labelledby="import-check-title">
      <p className="import-step-count">{t('import.step', { n: 3 })}</p>
      <h2 id="import-check-title" ref={heading} tabIndex={-1}>{t('import.check.title')}</h2>
      <ul className="import-summary" data-testid="import-summary">
        <li>{t('import.check.rows', { count: report.rows.length })}</li>
        <li className="ok">{t('import.check.valid', { count: report.validRows })}</li>
        {report.errorRows > 0 && <li className="bad">{t('import.check.errors', { count: report.errorRows })}</li>}
        {report.warningRows > 0 && <li className="warn">{t('import.check.warnings', { count: report.warningRows })}</li>}
      </ul>

      <h3>{t('import.check.preview', { count: Math.min(PREVIEW_ROWS, report.rows.length) })}</h3>
      <div className="import-preview" tabIndex={0} role="region" aria-label={t('import.check.preview', { count: PREVIEW_ROWS })}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('import.check.row')}</th>
              <th scope="col">{t('reimport.kindColumn')}</th>
              {fields.map((f) => (
                <th key={f} scope="col">
                  {fieldLabel(t, f)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {report.rows.slice(0, PREVIEW_ROWS).map((row) => (
              <tr key={row.row} className={row.ok ? undefined : 'bad'}>
                <th scope="row">{row.row}</th>
                <td className={`row-kind row-${rowKind(row.row)}`}>{t(`reimport.kinds.${rowKind(row.row)}`)}</td>
                {fields.map((f) => {
                  const issue = row.issues.find((i) => i.field === f && i.severity === 'error')
                  return (
                    <td key={f} className={issue ? 'bad' : undefined}>
                      {issue ? issue.value || '—' : formatFieldValue(t, i18n.language, f, row.values[f])}
                    </td>
                  )
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <RosterUpdates plans={props.plans} updates={props.updates} />

      {report.issues.length === 0 ? (
        <>
          <h3>{t('import.check.issuesTitle')}</h3>
          <p className="hint">{t('import.check.noIssues')}</p>
        </>
      ) : (
        <>
          <IssueList
            title={t('import.check.errorsTitle', { count: errors.length })}
            issues={errors}
            describe={describe}
            testId="import-errors"
          />
          <IssueList
            title={t('import.check.warningsTitle', { count: warnings.length })}
            issues={warnings}
            describe={describe}
            testId="import-warnings"
          />
        </>
      )}

      {hasErrors && (
        <p className="import-notice">{report.validRows > 0 ? t('import.check.allOrNothing') : t('import.check.nothingValid')}</p>
      )}
      {duplicates > 0 && (
        <label className="import-option">
          <input type="checkbox" checked={skipDuplicates} onChange={(e) => setSkipDuplicates(e.target.checked)} />
          {t('import.check.skipDuplicates', { count: duplicates })}
        </label>
      )}
      <div className="import-actions">
        {count > 0 && (
          <button type="button" className="primary" onClick={() => props.onImport(choice)}>
            {toWrite.update.length > 0
              ? t('reimport.importAndUpdate', { created: toWrite.create.length, updated: toWrite.update.length })
              : hasErrors
                ? t('import.check.importValid', { count })
                : t('import.check.importAll', { count })}
          </button>
        )}
        <button type="button" onClick={props.onBack}>
          {t('import.check.backToMap')}
        </button>
        <button type="button" onClick={props.onCancel}>
          {t('import.check.cancel')}
        </button>
      </div>
    </section>
  )
}

/** One kind of issue, by row; a long list shows its first rows until asked for all. */
function IssueList(props: {
  title: string
  issues: RosterIssue[]
  describe: (issue: RosterIssue) => { where: string; what: string }
  testId: string
}) {
  const { t } = useTranslation()
  const [showAll, setShowAll] = useState(false)
  if (props.issues.length === 0) return null
  const shown = showAll ? props.issues : props.issues.slice(0, ISSUES_SHOWN)
  return (
    <>
      <h3>{props.title}</h3>
      <ul className="import-issues" data-testid={props.testId}>
        {shown.map((issue) => {
          const { where, what } = props.describe(issue)
          return (
            <li
              key={`${issue.row}-${issue.columnLetter}-${issue.code}`}
              className={issue.severity}
              data-row={issue.row}
              data-column={issue.columnLetter}
            >
              <span className="issue-where">
                <span className="issue-kind">{t(`import.check.${issue.severity}`)}</span>
                {where}
              </span>
              {issue.value !== '' && <span className="issue-value">“{issue.value}”</span>}
              <span className="issue-what">{what}</span>
            </li>
          )
        })}
      </ul>
      {!showAll && props.issues.length > ISSUES_SHOWN && (
        <button type="button" className="link-button" onClick={() => setShowAll(true)}>
          {t('import.check.showAll', { count: props.issues.length })}
        </button>
      )}
    </>
  )
}
