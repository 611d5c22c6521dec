import { useTranslation } from 'react-i18next'
import type { RefusedFile } from '../runtime/sync/refused-files'
import { documentName } from '../ui/document-name'
import { useLive } from '../ui/use-live'
import { useRefusedFiles } from '../ui/use-refused'
import { useWorkspace } from '../ui/use-session'

/**
 * The relay refused changes to a file this user may only read, changes its rules do not allow
 * them (SPEC S7, D3, R), or changes past one of its limits (Q): nothing of them is on the relay,
 * and they are not lost either. The person is told which files, why (the relay's reason, in
 * their language), that the changes stay on this device, and whom to ask.
 */
export function RefusedNotice() {
  const { t } = useTranslation()
  const workspace = useWorkspace()
  const refused = useRefusedFiles()
  const labels = useLive(() => workspace.queries.labels(refused.map((f) => f.docId)), [refused], [])
  if (refused.length === 0) return null
  const named = refused.map((f, i) => ({ ...f, name: documentName(t, labels[i]) }))
  const of = (refusal: RefusedFile['refusal']) => named.filter((f) => f.refusal === refusal)
  const names = (files: typeof named) => files.map((f) => f.name).join('、')
  // A reason this build does not know (a newer relay's) still reads as a refusal, never as a key.
  const why = (reason: string | undefined) => t(`refusal.${reason ?? 'unknown'}`, { defaultValue: t('refusal.unknown') })
  const reasons = (files: typeof named) =>
    files.some((f) => f.reason !== undefined) && (
      <ul className="refused-reasons">
        {files.map((f) => (
          <li key={f.docId}>{t('sync.refusedBecause', { name: f.name, reason: why(f.reason) })}</li>
        ))}
      </ul>
    )
  const readOnly = of('readOnly')
  const rules = of('rules')
  const limit = of('limit')
  return (
    <div className="notice refused-notice" role="status" data-testid="refused-notice">
      {readOnly.length > 0 && <p>{t('sync.refused', { count: readOnly.length, names: names(readOnly) })}</p>}
      {rules.length > 0 && <p>{t('sync.refusedRules', { count: rules.length, names: names(rules) })}</p>}
      {reasons(rules)}
      {limit.length > 0 && <p>{t('sync.refusedLimit', { count: limit.length, names: names(limit) })}</p>}
      {reasons(limit)}
    </div>
  )
}
