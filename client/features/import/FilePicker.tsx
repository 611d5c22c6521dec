import { useTranslation } from 'react-i18next'
import { ROSTER_LIMITS } from '../../../shared/roster/table'
import type { RosterReadError } from './read-roster'
import { useStepFocus } from './use-step-focus'

/** Step 1: the file. A refused file is explained here, with the promise that nothing changed. */
export function FilePicker(props: { reading: string | null; error: RosterReadError | null; onFile: (file: File) => void }) {
  const { t } = useTranslation()
  const heading = useStepFocus<HTMLHeadingElement>()
  return (
    <section className="import-step" aria-labelledby="import-choose-title">
      <p className="import-step-count">{t('import.step', { n: 1 })}</p>
      <h2 id="import-choose-title" ref={heading} tabIndex={-1}>{t('import.choose.title')}</h2>
      <p className="hint">
        {t('import.choose.hint', { maxMb: ROSTER_LIMITS.maxBytes / (1024 * 1024), maxRows: ROSTER_LIMITS.maxRows })}
      </p>
      <input
        id="roster-file"
        className="visually-hidden"
        type="file"
        accept=".xlsx,.csv,.txt,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        disabled={props.reading !== null}
        onChange={(e) => {
          const file = e.target.files?.[0]
          // Cleared, so choosing the same file again (after fixing it) reads it again.
          e.target.value = ''
          if (file) props.onFile(file)
        }}
      />
      <label className={`button primary file-button${props.reading ? ' disabled' : ''}`} htmlFor="roster-file">
        {t('import.choose.label')}
      </label>
      {props.reading !== null && (
        <div className="import-reading" role="status">
          <progress className="import-progress" aria-label={t('import.choose.reading', { name: props.reading })} />
          <span>{t('import.choose.reading', { name: props.reading })}</span>
        </div>
      )}
      {props.error && (
        <div className="import-error" role="alert" data-testid="import-error">
          {/* The refusals every sheet shares beyond the import's own are worded once, in sheets. */}
          <p>{t([`import.readErrors.${props.error.code}`, `sheets.readErrors.${props.error.code}`], props.error.params)}</p>
          <p className="hint">{t('import.choose.nothingChanged')}</p>
        </div>
      )}
    </section>
  )
}
