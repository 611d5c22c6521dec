import { useTranslation } from 'react-i18next'
import { routeHref } from '../../ui/use-route'
import type { ImportOutcome } from './import-roster'
import type { UpdateOutcome } from './update-roster'
import { useStepFocus } from './use-step-focus'

/** The end: how many files were started, and each row that was not, with why. */
/** Besides the outcome, the rows the check step held back: with errors, or repeats the user left out. */
export function ImportResult(props: { outcome: ImportOutcome; updated: UpdateOutcome; errorRows: number; duplicateRows: number; onAgain: () => void }) {
  const { t } = useTranslation()
  const heading = useStepFocus<HTMLHeadingElement>()
  const { created, skipped } = props.outcome
  const failed = [...props.outcome.failed, ...props.updated.failed].sort((a, b) => a.row - b.row)
  return (
    <section className="import-step" aria-labelledby="import-result-title" data-testid="import-result">
      <h2 id="import-result-title" ref={heading} tabIndex={-1}>
        {skipped.length > 0 ? t('import.result.stoppedTitle') : t('import.result.title')}
      </h2>
      <p className="import-created">{t('import.result.created', { count: created.length })}</p>
      {props.updated.updated.length > 0 && <p className="import-updated">{t('reimport.updated', { count: props.updated.updated.length })}</p>}
      {skipped.length > 0 && <p>{t('import.result.cancelledRows', { count: skipped.length })}</p>}
      {props.errorRows > 0 && <p>{t('import.result.errorRows', { count: props.errorRows })}</p>}
      {props.duplicateRows > 0 && <p>{t('import.result.duplicateRows', { count: props.duplicateRows })}</p>}
      {failed.length > 0 && (
        <div className="import-error" role="alert">
          <p>{t('import.result.failed', { count: failed.length })}</p>
          <ul>
            {failed.map((f) => (
              <li key={f.row}>{t('import.result.failedRow', { row: f.row, reason: t(`import.result.reasons.${f.reason}`) })}</li>
            ))}
          </ul>
        </div>
      )}
      {created.length > 0 && <p className="hint">{t('import.result.saved')}</p>}
      <div className="import-actions">
        <a className="button primary" href={routeHref({ name: 'list' })}>
          {t('import.result.list')}
        </a>
        <button type="button" onClick={props.onAgain}>
          {t('import.result.again')}
        </button>
      </div>
    </section>
  )
}
