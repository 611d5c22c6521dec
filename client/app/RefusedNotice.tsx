import { useTranslation } from 'react-i18next'
import { documentName } from '../ui/document-name'
import { useLive } from '../ui/use-live'
import { useRefusedFiles } from '../ui/use-refused'
import { useWorkspace } from '../ui/use-session'

/**
 * The relay refused changes to a file this user may only read, or changes its rules do not allow
 * them (SPEC S7, D3): nothing of them is on the relay, and they are not lost either. The person
 * is told which files, why, that the changes stay on this device, and whom to ask.
 */
export function RefusedNotice() {
  const { t } = useTranslation()
  const workspace = useWorkspace()
  const refused = useRefusedFiles()
  const labels = useLive(() => workspace.queries.labels(refused.map((f) => f.docId)), [refused], [])
  if (refused.length === 0) return null
  const named = refused.map((f, i) => ({ ...f, name: documentName(t, labels[i]) }))
  const readOnly = named.filter((f) => f.refusal === 'readOnly')
  const rules = named.filter((f) => f.refusal === 'rules')
  const names = (files: typeof named) => files.map((f) => f.name).join('、')
  return (
    <div className="notice refused-notice" role="status" data-testid="refused-notice">
      {readOnly.length > 0 && <p>{t('sync.refused', { count: readOnly.length, names: names(readOnly) })}</p>}
      {rules.length > 0 && <p>{t('sync.refusedRules', { count: rules.length, names: names(rules) })}</p>}
    </div>
  )
}
