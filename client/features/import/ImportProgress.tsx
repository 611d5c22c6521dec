import { useTranslation } from 'react-i18next'
import { useStepFocus } from './use-step-focus'

/** Step 4: the import running, with a way to stop it between batches. */
export function ImportProgress(props: { done: number; total: number; cancelling: boolean; onCancel: () => void }) {
  const { t } = useTranslation()
  const heading = useStepFocus<HTMLHeadingElement>()
  const status = t('import.progress.status', { done: props.done, total: props.total })
  return (
    <section className="import-step" aria-labelledby="import-progress-title">
      <p className="import-step-count">{t('import.step', { n: 4 })}</p>
      <h2 id="import-progress-title" ref={heading} tabIndex={-1}>{t('import.progress.title')}</h2>
      <progress className="import-progress" max={props.total} value={props.done} aria-label={status} data-testid="import-progress" />
      <p role="status">{status}</p>
      <p className="hint">{t('import.progress.keepOpen')}</p>
      <div className="import-actions">
        <button type="button" disabled={props.cancelling} onClick={props.onCancel}>
          {props.cancelling ? t('import.progress.cancelling') : t('import.progress.cancel')}
        </button>
      </div>
    </section>
  )
}
