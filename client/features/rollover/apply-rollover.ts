/**
 * The turn of the year as one action from a coordinator's device (docs/SPEC.md Y4, Y6): the
 * leavers' statuses first, each in its own file; then, only if every one of them was written,
 * the settings in one transaction (classes archived and moved, the term added and current, the
 * rollover recorded); then the new term's plan; then one audit report for the whole step.
 *
 * Each step leaves what it did consistent on its own, and each is idempotent (a status is
 * written only while the file is still active; the settings step only while the settings do
 * not record it; creating a plan twice is one plan), so after a failure the same preview,
 * planned again, finishes the rest.
 */
import type * as Y from 'yjs'
import type { IsoDate } from '../../../shared/dates'
import { childDocumentId, planDocumentId, settingsDocumentId } from '../../../shared/doc-id'
import { changePath, currentPath } from '../../../shared/docs/child/child-path'
import type { Author } from '../../../shared/docs/child/field-log'
import { copyPlan, createPlanFromTemplate, isPlanCreated } from '../../../shared/docs/plan/plan'
import { applyRolloverSettings, type RolloverPreview } from '../../../shared/docs/settings/rollover'
import type { OrgErrors, TermField } from '../../../shared/docs/settings/organisation'
import type { Workspace } from '../../runtime/workspace'

export type RolloverTarget = Pick<Workspace, 'workspaceId' | 'editDocument' | 'createDocument' | 'readStored' | 'reportAudit'>

export interface RolloverContext {
  author: Author
  today: IsoDate
  /** The corrected clock (the relay refuses writes dated in its future). */
  now: () => number
}

export interface RolloverProgress {
  done: number
  total: number
}

export type RolloverOutcome =
  | { ok: true }
  /** Some leavers' files could not be written: nothing else was done; run again to finish. */
  | { ok: false; step: 'statuses'; failed: string[] }
  | { ok: false; step: 'settings'; errors: OrgErrors<TermField> }
  | { ok: false; step: 'settings' | 'plan'; errors?: undefined }

/** Whether a term's plan document exists (created) on this device. */
export async function planExists(target: Pick<Workspace, 'workspaceId' | 'readStored'>, term: string): Promise<boolean> {
  let doc: Y.Doc | undefined
  try {
    doc = await target.readStored(planDocumentId(target.workspaceId, term))
    return doc !== undefined && isPlanCreated(doc)
  } finally {
    doc?.destroy()
  }
}

/** How many steps `applyRollover` reports progress over. */
export function rolloverSteps(preview: RolloverPreview): number {
  return preview.leavers.length + (preview.done ? 0 : 1) + (preview.plan ? 1 : 0)
}

export async function applyRollover(
  target: RolloverTarget,
  preview: RolloverPreview,
  ctx: RolloverContext,
  onProgress: (progress: RolloverProgress) => void = () => {},
): Promise<RolloverOutcome> {
  const total = rolloverSteps(preview)
  let done = 0
  const step = () => onProgress({ done: ++done, total })
  onProgress({ done, total })

  const failed: string[] = []
  for (const leaver of preview.leavers) {
    try {
      await target.editDocument(childDocumentId(target.workspaceId, leaver.childId), (doc) => {
        // Read in the file itself: the index may not show a status written a moment ago.
        if (currentPath(doc).status !== 'active') return
        changePath(doc, { status: 'finishedSchool', since: leaver.since }, { author: ctx.author, today: ctx.today, now: ctx.now() })
      })
    } catch (error) {
      console.warn('rollover: status not written', leaver.childId, error)
      failed.push(leaver.childId)
    }
    step()
  }
  // The settings must not say "done" while a leaver is still active in an archived class.
  if (failed.length > 0) return { ok: false, step: 'statuses', failed }

  const settingsId = settingsDocumentId(target.workspaceId)
  if (!preview.done) {
    let errors: OrgErrors<TermField> = {}
    try {
      await target.editDocument(settingsId, (doc) => (errors = applyRolloverSettings(doc, preview)))
    } catch (error) {
      console.warn('rollover: settings not written', error)
      return { ok: false, step: 'settings' }
    }
    if (Object.keys(errors).length > 0) return { ok: false, step: 'settings', errors }
    step()
    // One row for the whole step, from the run that made it (SPEC Y6).
    await target.reportAudit(settingsId, 'rolledOver', preview.code)
  }

  if (preview.plan) {
    const plan = preview.plan
    const planCtx = { author: ctx.author, now: ctx.now() }
    let source: Y.Doc | undefined
    try {
      if (plan.how === 'copy') source = await target.readStored(planDocumentId(target.workspaceId, plan.from))
      await target.createDocument(planDocumentId(target.workspaceId, preview.code), (doc) => {
        if (source && isPlanCreated(source)) copyPlan(doc, preview.code, source, planCtx)
        else createPlanFromTemplate(doc, preview.code, planCtx)
      })
    } catch (error) {
      console.warn('rollover: plan not created', error)
      return { ok: false, step: 'plan' }
    } finally {
      source?.destroy()
    }
    step()
  }
  return { ok: true }
}
