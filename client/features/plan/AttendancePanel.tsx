import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type * as Y from 'yjs'
import { childDocumentId } from '../../../shared/doc-id'
import { CAME, readAttendance, setAttendance, syncActivityRecords, type Came } from '../../../shared/docs/plan/attendance'
import type { PlanItem } from '../../../shared/docs/plan/plan'
import { GUARDIAN_KINDS } from '../../../shared/docs/plan/template'
import type { ChildRow } from '../../../shared/indexes/rows'
import { classLabelIn } from '../../ui/class-label'
import { useEditContext } from '../../ui/fields/edit-context'
import { useDocState } from '../../ui/use-doc-state'
import { useLive } from '../../ui/use-live'
import { useOrganisation } from '../../ui/use-organisation'
import { useWorkspace } from '../../ui/use-session'
import { attendanceChange, chosenOf, itemTitle } from './plan-view'

const NO_CHILDREN: ChildRow[] = []

/** Per child: ticked (with who came) or unticked (null). */
type Edits = ReadonlyMap<string, { came: Came | undefined } | null>

function applyEdits(base: Map<string, Came | undefined>, edits: Edits): Map<string, Came | undefined> {
  for (const [childId, edit] of edits) {
    if (edit === null) base.delete(childId)
    else base.set(childId, edit.came)
  }
  return base
}

type Progress = { done: number; total: number; failed: number } | undefined

/**
 * Who took part in an activity: children chosen by class (a whole class at once, then untick) or
 * by name, and for a guardian session who came for each. Saving writes the plan, then each
 * changed child's file (its activity record), with a progress bar (SPEC T11).
 */
export function AttendancePanel({ doc, item, term, readOnly }: { doc: Y.Doc; item: PlanItem; term: string; readOnly: boolean }) {
  const { t } = useTranslation()
  const workspace = useWorkspace()
  const context = useEditContext()
  const org = useOrganisation()
  const current = useDocState(doc, (d) => readAttendance(d, item.id), JSON.stringify)
  const children = useLive(() => workspace.queries.childrenByName(), [], NO_CHILDREN)
  // What this form changed, over the attendance as it is now: another teacher's additions stay.
  const [edits, setEdits] = useState<Edits>(() => new Map())
  const chosen = applyEdits(chosenOf(current), edits)
  const [classId, setClassId] = useState('')
  const [search, setSearch] = useState('')
  const [progress, setProgress] = useState<Progress>(undefined)
  const guardians = item.activity !== undefined && GUARDIAN_KINDS.includes(item.activity)
  const byId = useMemo(() => new Map(children.map((c) => [c.id, c])), [children])
  const classes = useMemo(() => [...new Set(children.filter((c) => c.status === 'active').map((c) => c.classId))].filter(Boolean), [children])
  const active = children.filter((c) => c.status === 'active')
  const inClass = classId ? active.filter((c) => c.classId === classId) : []
  const needle = search.trim()
  const found = needle ? active.filter((c) => c.name.includes(needle)).slice(0, 30) : []
  const change = attendanceChange(current, chosen)
  const dirty = (change.add?.length ?? 0) + (change.remove?.length ?? 0) > 0
  const saving = progress !== undefined && progress.done < progress.total

  const toggle = (childId: string, on: boolean) => setEdits((m) => new Map(m).set(childId, on ? { came: chosen.get(childId) } : null))
  const setCame = (childId: string, came: Came | undefined) => setEdits((m) => new Map(m).set(childId, { came }))
  const tickClass = () =>
    setEdits((m) => {
      const next = new Map(m)
      for (const c of inClass) if (!chosen.has(c.id)) next.set(c.id, { came: undefined })
      return next
    })

  const save = async () => {
    const ctx = context()
    const { changed } = setAttendance(doc, item.id, change, ctx)
    setEdits(new Map())
    const after = new Map(readAttendance(doc, item.id).map((a) => [a.childId, a]))
    const title = itemTitle(t, item)
    // A future activity recorded ahead is dated today: a record's date is never in the future.
    const day = item.date && item.date <= ctx.today ? item.date : ctx.today
    let done = 0
    let failed = 0
    setProgress({ done, total: changed.length, failed })
    for (const childId of changed) {
      try {
        await workspace.editDocument(childDocumentId(workspace.workspaceId, childId), (child) =>
          syncActivityRecords(child, term, { id: item.id, ...(item.activity ? { activity: item.activity } : {}), title }, after.get(childId), day, ctx),
        )
      } catch (error) {
        console.warn('activity record', error)
        failed++
      }
      done++
      setProgress({ done, total: changed.length, failed })
    }
  }

  const row = (c: ChildRow) => (
    <li key={c.id}>
      <label className="check">
        <input type="checkbox" checked={chosen.has(c.id)} disabled={readOnly} onChange={(e) => toggle(c.id, e.target.checked)} data-testid="attend-child" data-child={c.id} />
        {c.name || t('plan.attendance.unnamed')}
      </label>
    </li>
  )

  return (
    <section className="plan-attendance" aria-label={t('plan.attendance.title')} data-testid="plan-attendance">
      <h3>{t('plan.attendance.title')}</h3>
      <p>{t('plan.attendance.count', { count: current.length })}</p>
      {!readOnly && (
        <div className="plan-attendance-pick">
          <div className="field">
            <label htmlFor="attend-class">{t('plan.attendance.byClass')}</label>
            <select id="attend-class" value={classId} onChange={(e) => setClassId(e.target.value)} data-testid="attend-class">
              <option value="">{t('plan.attendance.pickClass')}</option>
              {classes.map((id) => (
                <option key={id} value={id}>
                  {classLabelIn(t, org, id) ?? t('plan.attendance.unknownClass')}
                </option>
              ))}
            </select>
          </div>
          {classId && (
            <>
              <button type="button" onClick={tickClass} data-testid="attend-whole-class">
                {t('plan.attendance.wholeClass', { count: inClass.length })}
              </button>
              <ul className="plan-children">{inClass.map(row)}</ul>
            </>
          )}
          <div className="field">
            <label htmlFor="attend-search">{t('plan.attendance.byName')}</label>
            <input id="attend-search" type="search" value={search} onChange={(e) => setSearch(e.target.value)} autoComplete="off" data-testid="attend-search" />
          </div>
          {needle && (found.length === 0 ? <p className="empty">{t('plan.attendance.noMatch')}</p> : <ul className="plan-children">{found.map(row)}</ul>)}
        </div>
      )}
      <h4>{t('plan.attendance.chosen', { count: chosen.size })}</h4>
      <ul className="plan-chosen" data-testid="attend-chosen">
        {[...chosen].map(([childId, came]) => (
          <li key={childId}>
            <span>{byId.get(childId)?.name || t('plan.attendance.notHere')}</span>
            {guardians && (
              <select
                value={came ?? ''}
                disabled={readOnly}
                aria-label={t('plan.attendance.came')}
                onChange={(e) => setCame(childId, (CAME as readonly string[]).includes(e.target.value) ? (e.target.value as Came) : undefined)}
                data-testid="attend-came"
              >
                <option value="">{t('plan.attendance.cameNone')}</option>
                {CAME.map((c) => (
                  <option key={c} value={c}>
                    {t(`plan.attendance.cameBy.${c}`)}
                  </option>
                ))}
              </select>
            )}
            {!readOnly && (
              <button type="button" className="link-button" onClick={() => toggle(childId, false)}>
                {t('plan.attendance.remove')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {!readOnly && (
        <button type="button" className="primary" disabled={!dirty || saving} onClick={() => void save()} data-testid="attend-save">
          {t('plan.attendance.save')}
        </button>
      )}
      {progress && (
        <div className="plan-progress" role="status" data-testid="attend-progress">
          {progress.total > 1 && <progress value={progress.done} max={progress.total} />}
          <span>{saving ? t('plan.attendance.saving', { done: progress.done, total: progress.total }) : t('plan.attendance.saved', { count: progress.total - progress.failed })}</span>
          {progress.failed > 0 && !saving && <p className="field-error">{t('plan.attendance.failed', { count: progress.failed })}</p>}
        </div>
      )}
    </section>
  )
}
