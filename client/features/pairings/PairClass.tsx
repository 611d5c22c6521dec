import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { IsoDate } from '../../../shared/dates'
import type { Member } from '../../runtime/session/auth-client'
import { failureMessage } from '../../ui/auth-messages'
import { ClassPicker } from '../../ui/ClassPicker'
import { useEditContext } from '../../ui/fields/edit-context'
import { useLive } from '../../ui/use-live'
import { useSignedIn } from '../../ui/use-session'
import { applyAssignments, type ApplyOutcome } from './apply-pairings'
import { useHelpers } from './use-helpers'
import { KindAndStart, usePairingDefaults } from './KindAndStart'
import { isActiveChild, shareOut } from './who-helps-whom'

/**
 * Pairs a class in one step (SPEC W2): a class, one or more helpers' accounts, a kind and a start;
 * the preview shows who gets whom; applying writes each pairing into its child's file. The
 * accounts come from the relay, so choosing them needs the network; the table above does not.
 */
export function PairClass() {
  const { t } = useTranslation()
  const { workspace } = useSignedIn()
  const context = useEditContext()
  const { members, helpers } = useHelpers()
  const [classId, setClassId] = useState('')
  const [chosen, setChosen] = useState<string[]>([])
  const defaults = usePairingDefaults()
  const { kind, start } = defaults
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null)
  const [outcome, setOutcome] = useState<ApplyOutcome | null>(null)
  const inClass = useLive(() => workspace.queries.childrenInClass(classId), [classId], [])
  const children = inClass.filter(isActiveChild)

  const picked = chosen.map((id) => helpers.find((m) => m.id === id)).filter((m): m is Member => m !== undefined)
  const plan = shareOut(children, picked)
  const ready = classId !== '' && picked.length > 0 && children.length > 0 && start !== undefined && progress === null

  const toggle = (id: string) => setChosen((old) => (old.includes(id) ? old.filter((x) => x !== id) : [...old, id]))
  const apply = async () => {
    if (!ready || start === undefined) return
    setOutcome(null)
    const assignments = plan.flatMap((s) => s.children.map((c) => ({ childId: c.id, userId: s.helper.id, name: s.helper.displayName })))
    const result = await applyAssignments(workspace, assignments, { kind, from: start as IsoDate }, context, (done, total) => setProgress({ done, total }))
    setProgress(null)
    setOutcome(result)
    if (result.failed.length === 0) setChosen([])
  }

  return (
    <section className="helping-section pair-class" aria-labelledby="pair-class-title">
      <h2 id="pair-class-title">{t('helping.pairClass')}</h2>
      <div className="field">
        <label htmlFor="pair-class">{t('helping.class')}</label>
        <ClassPicker id="pair-class" value={classId} onChange={setClassId} />
      </div>
      <fieldset className="helper-choice">
        <legend>{t('helping.helpers')}</legend>
        {members.state === 'offline' ? (
          <p className="auth-note" data-testid="pair-offline">
            {t('helping.needsNetwork')}
          </p>
        ) : members.state === 'loading' ? (
          <p role="status">{t('helping.loadingMembers')}</p>
        ) : members.state === 'failed' ? (
          <p className="auth-failure" role="alert">
            {failureMessage(t, members.error)}
          </p>
        ) : helpers.length === 0 ? (
          <p className="empty">{t('helping.noHelpers')}</p>
        ) : (
          helpers.map((m) => (
            <label key={m.id} className="helper-option">
              <input type="checkbox" checked={chosen.includes(m.id)} onChange={() => toggle(m.id)} /> {m.displayName}
              <span className="member-username"> {m.username}</span>
            </label>
          ))
        )}
      </fieldset>
      <KindAndStart id="pair" kindLabel={t('helping.kind')} fromLabel={t('helping.since')} defaults={defaults} />
      {classId !== '' && children.length === 0 && <p className="empty">{t('helping.classEmpty')}</p>}
      {picked.length > 0 && children.length > 0 && (
        <div className="share-preview" data-testid="share-preview">
          <h3>{t('helping.preview', { count: children.length })}</h3>
          {plan.map((s) => (
            <div key={s.helper.id} className="share-row" data-testid="share-row">
              <strong>{t('helping.gets', { helper: s.helper.displayName, count: s.children.length })}</strong>
              <span className="share-names">{s.children.map((c) => c.name || t('helping.unnamed')).join('、')}</span>
            </div>
          ))}
        </div>
      )}
      {progress && <progress className="pair-progress" max={progress.total} value={progress.done} aria-label={t('helping.applying', progress)} data-testid="pair-progress" />}
      <div className="actions">
        <button type="button" className="primary" disabled={!ready} onClick={() => void apply()}>
          {t('helping.apply')}
        </button>
      </div>
      {outcome && (
        <p role={outcome.failed.length > 0 ? 'alert' : 'status'} className={outcome.failed.length > 0 ? 'auth-failure' : 'member-done'} data-testid="pair-outcome">
          {outcome.failed.length > 0 ? t('helping.someFailed', { count: outcome.failed.length, done: outcome.paired.length }) : t('helping.applied', { count: outcome.paired.length })}
        </p>
      )}
    </section>
  )
}
