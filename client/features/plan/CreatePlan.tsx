import { useState, useSyncExternalStore } from 'react'
import { useTranslation } from 'react-i18next'
import type * as Y from 'yjs'
import { planDocumentId } from '../../../shared/doc-id'
import { copyPlan, createPlanFromTemplate, isPlanCreated, readPlan } from '../../../shared/docs/plan/plan'
import { termLabel } from '../../ui/class-label'
import { useEditContext } from '../../ui/fields/edit-context'
import { useDocState } from '../../ui/use-doc-state'
import { useOpenDoc } from '../../ui/use-open-doc'
import { useWorkspace } from '../../ui/use-session'
import type { OpenDoc } from '../../runtime/sync/live-docs'

/** No plan yet for the term: create it from the template (篇1 §六) or copy another term's (SPEC T10). */
export function CreatePlan({ doc, term, otherTerms }: { doc: Y.Doc; term: string; otherTerms: string[] }) {
  const { t } = useTranslation()
  const context = useEditContext()
  const [source, setSource] = useState('')
  return (
    <section className="plan-create" data-testid="plan-create">
      <p>{t('plan.create.none', { term: termLabel(t, term) })}</p>
      <button type="button" className="primary" data-testid="plan-from-template" onClick={() => createPlanFromTemplate(doc, term, context())}>
        {t('plan.create.fromTemplate')}
      </button>
      {otherTerms.length > 0 && (
        <div className="plan-copy">
          <label>
            <span>{t('plan.create.copyFrom')}</span>
            <select value={source} onChange={(e) => setSource(e.target.value)} data-testid="plan-copy-source">
              <option value="">{t('plan.create.pickTerm')}</option>
              {otherTerms.map((code) => (
                <option key={code} value={code}>
                  {termLabel(t, code)}
                </option>
              ))}
            </select>
          </label>
          {source && <CopyFrom key={source} doc={doc} term={term} source={source} />}
        </div>
      )}
    </section>
  )
}

/** Whether the relay has sent all it holds of an open document (false offline). */
function useSynced(open: OpenDoc): boolean {
  return useSyncExternalStore(
    (onChange) => {
      open.provider.on('sync', onChange)
      return () => open.provider.off('sync', onChange)
    },
    () => open.provider.synced,
  )
}

/** The source plan opened, and copied once it is there: loaded from this device, or synced with the relay. */
function CopyFrom({ doc, term, source }: { doc: Y.Doc; term: string; source: string }) {
  const { t } = useTranslation()
  const workspace = useWorkspace()
  const open = useOpenDoc(planDocumentId(workspace.workspaceId, source))
  return open ? <CopyOpen doc={doc} term={term} open={open} /> : <p>{t('plan.loading')}</p>
}

function CopyOpen({ doc, term, open }: { doc: Y.Doc; term: string; open: OpenDoc }) {
  const { t } = useTranslation()
  const context = useEditContext()
  const synced = useSynced(open)
  const created = useDocState(open.doc, isPlanCreated, String)
  const count = useDocState(open.doc, (d) => readPlan(d).items.filter((i) => i.status !== 'dropped').length, String)
  if (!created) return <p className="notice">{synced ? t('plan.create.sourceEmpty') : t('plan.create.waiting')}</p>
  return (
    <button type="button" data-testid="plan-copy" onClick={() => copyPlan(doc, term, open.doc, context())}>
      {t('plan.create.copy', { count })}
    </button>
  )
}
