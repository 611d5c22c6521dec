import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { readKeptAsideFile, type KeptAsideFileProblem } from '../../../shared/kept-aside-file'
import { documentName } from '../../ui/document-name'
import { useWorkspace } from '../../ui/use-session'

type Outcome = { state: 'idle' } | { state: 'reading' } | { state: 'done'; names: string } | { state: 'refused'; problem: KeptAsideFileProblem } | { state: 'failed'; detail: string }

/**
 * Someone whose access to a file ended saved their unsent changes to a file (the kept-aside
 * notice); a coordinator opens it here, and the changes become the coordinator's own pending
 * changes of those files, sent to the relay like any other (SPEC A13). A file that is not one
 * the app saved, or holds anything it cannot read, is refused whole and changes nothing.
 */
export function KeptAsideImport() {
  const { t } = useTranslation()
  const workspace = useWorkspace()
  const [outcome, setOutcome] = useState<Outcome>({ state: 'idle' })

  const open = async (file: File) => {
    setOutcome({ state: 'reading' })
    try {
      const read = readKeptAsideFile(await file.text(), workspace.workspaceId)
      if (!read.ok) return setOutcome({ state: 'refused', problem: read.problem })
      const imported = await workspace.importKeptAside(read.entries)
      if (!imported.ok) return setOutcome({ state: 'refused', problem: imported.problem })
      setOutcome({ state: 'done', names: imported.labels.map((label) => documentName(t, label)).join('、') })
    } catch (error) {
      console.warn('kept-aside import failed', error)
      setOutcome({ state: 'failed', detail: error instanceof Error ? error.message : String(error) })
    }
  }

  return (
    <section className="members-section" aria-labelledby="kept-import-title" data-testid="kept-import">
      <h2 id="kept-import-title">{t('kept.importTitle')}</h2>
      <p className="auth-hint">{t('kept.importHint')}</p>
      <input
        id="kept-import-file"
        className="visually-hidden"
        type="file"
        accept=".json,application/json"
        disabled={outcome.state === 'reading'}
        onChange={(e) => {
          const file = e.target.files?.[0]
          // Cleared, so the same file can be chosen again.
          e.target.value = ''
          if (file) void open(file)
        }}
      />
      <label className={`button file-button${outcome.state === 'reading' ? ' disabled' : ''}`} htmlFor="kept-import-file">
        {t('kept.importChoose')}
      </label>
      {outcome.state === 'done' && (
        <p className="member-done" role="status">
          {t('kept.importDone', { names: outcome.names })}
        </p>
      )}
      {(outcome.state === 'refused' || outcome.state === 'failed') && (
        <div className="auth-failure" role="alert" data-testid="kept-import-error">
          <p>
            {outcome.state === 'refused'
              ? t(`kept.problems.${outcome.problem.code}`, { name: 'name' in outcome.problem && outcome.problem.name ? outcome.problem.name : t('kept.unnamed') })
              : t('errors.storage', { detail: outcome.detail })}
          </p>
          <p>{t('kept.nothingChanged')}</p>
        </div>
      )}
    </section>
  )
}
