import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { DocumentId } from '../../../shared/doc-id'
import { ChildExportSchema } from '../../../shared/docs/child/export'
import { failureMessage } from '../../ui/auth-messages'
import { useWorkspace } from '../../ui/use-session'
import { exportText } from './export-text'
import { downloadFile } from '../../ui/download'

type Step = 'idle' | 'exporting' | 'confirming' | 'erasing'

/**
 * A coordinator's tools for the whole file, for the family it is about (docs/SPEC.md E4, E5):
 * export it for the guardian, as text in the coordinator's language; or erase it from the relay
 * and every device, after a confirmation that names the child and says it cannot be undone.
 * Once erased, the page hears it like any ended access and leaves.
 */
export function FileRights({ docId, name }: { docId: DocumentId; name: string }) {
  const { t, i18n } = useTranslation()
  const workspace = useWorkspace()
  const [step, setStep] = useState<Step>('idle')
  const [failure, setFailure] = useState<string>()

  const exportFile = async () => {
    setStep('exporting')
    setFailure(undefined)
    try {
      const file = await workspace.exportFile(ChildExportSchema, docId)
      // With a byte-order mark, so Windows' Notepad shows the Chinese text as it is.
      download(`${t('app.name')}-${name}-${file.exportedAt.slice(0, 10)}.txt`, `\ufeff${exportText(file, t, i18n.language)}`)
    } catch (error) {
      setFailure(t('export.failed', { reason: failureMessage(t, error) }))
    } finally {
      setStep('idle')
    }
  }

  const erase = async () => {
    setStep('erasing')
    setFailure(undefined)
    try {
      await workspace.eraseFile(docId)
    } catch (error) {
      setFailure(t('erase.failed', { reason: failureMessage(t, error) }))
      setStep('idle')
    }
  }

  const confirming = step === 'confirming' || step === 'erasing'
  return (
    <>
      <button type="button" className="link-button" data-testid="export-file" disabled={step === 'exporting'} onClick={() => void exportFile()}>
        {step === 'exporting' ? t('export.working') : t('export.button')}
      </button>
      <button type="button" className="link-button danger" data-testid="erase-file" disabled={confirming} onClick={() => setStep('confirming')}>
        {t('erase.button')}
      </button>
      {confirming && (
        <div className="notice file-rights" role="alertdialog" aria-labelledby="erase-confirm-text" data-testid="erase-confirm">
          <p id="erase-confirm-text">{t('erase.confirm', { name })}</p>
          <div className="conflict-actions">
            <button type="button" className="danger" data-testid="erase-confirmed" disabled={step === 'erasing'} onClick={() => void erase()}>
              {step === 'erasing' ? t('erase.working') : t('erase.confirmButton')}
            </button>
            {/* The safe choice has the focus. */}
            <button type="button" autoFocus disabled={step === 'erasing'} onClick={() => setStep('idle')}>
              {t('erase.cancel')}
            </button>
          </div>
        </div>
      )}
      {failure && (
        <p className="notice file-rights" role="alert">
          {failure}
        </p>
      )}
    </>
  )
}

function download(fileName: string, text: string): void {
  downloadFile(fileName, new Blob([text], { type: 'text/plain;charset=utf-8' }))
}
