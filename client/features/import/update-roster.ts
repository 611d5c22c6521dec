/**
 * A re-imported roster's updates (docs/SPEC.md H5, H6): the rows matched to a child this
 * device holds are read against that child's stored file, so the check step can show which
 * fields change (old → new), and then written into that file, only the changed fields,
 * through the field history and in the importer's name. No file is created for them.
 */
import type * as Y from 'yjs'
import { childDocumentId } from '../../../shared/doc-id'
import { isChildDocument, readChildFile, setChildFields, type Author } from '../../../shared/docs/child/child'
import type { IsoDate } from '../../../shared/dates'
import { fieldChanges, type FieldChange, type RowPlan } from '../../../shared/roster/match'
import { rowsToImport, type ImportChoice, type RosterReport, type RosterRowResult } from '../../../shared/roster/validate'
import type { Workspace } from '../../runtime/workspace'

export interface PlannedUpdate {
  row: RosterRowResult
  childId: string
  /** The child's name as the file has it now (a row matched on its number may spell it otherwise). */
  name: string
  changes: FieldChange[]
}

export type UpdateSource = Pick<Workspace, 'workspaceId' | 'readStored'>
export type UpdateTarget = Pick<Workspace, 'workspaceId' | 'editDocument'>

export interface UpdateOutcome {
  updated: { row: number; childId: string }[]
  failed: { row: number; reason: 'invalid' | 'storage' }[]
}

/** Reads each matched child's stored file; a row whose file is not readable here is left out. */
export async function planUpdates(source: UpdateSource, plans: readonly RowPlan[]): Promise<PlannedUpdate[]> {
  const out: PlannedUpdate[] = []
  for (const plan of plans) {
    if (plan.kind !== 'update') continue
    let doc: Y.Doc | undefined
    try {
      doc = await source.readStored(childDocumentId(source.workspaceId, plan.childId))
      if (!doc || !isChildDocument(doc)) continue
      const { fields } = readChildFile(doc)
      const name = fields.name?.value
      out.push({ row: plan.row, childId: plan.childId, name: typeof name === 'string' ? name : '', changes: fieldChanges(fields, plan.row.values) })
    } catch (error) {
      console.warn('roster import: stored file unreadable', plan.childId, error)
    } finally {
      doc?.destroy()
    }
  }
  return out
}

/** Writes the changed fields of each update into its file; a row with nothing to change writes nothing. */
export async function applyRosterUpdates(
  target: UpdateTarget,
  updates: readonly PlannedUpdate[],
  options: { author: Author; today: IsoDate; now?: () => number },
): Promise<UpdateOutcome> {
  const outcome: UpdateOutcome = { updated: [], failed: [] }
  for (const update of updates) {
    if (update.changes.length === 0) continue
    const patch = Object.fromEntries(update.changes.map((c) => [c.field, c.new]))
    let invalid = false
    try {
      await target.editDocument(childDocumentId(target.workspaceId, update.childId), (doc) => {
        const errors = setChildFields(doc, patch, { author: options.author, today: options.today, now: options.now?.() ?? Date.now() })
        invalid = Object.keys(errors).length > 0
      })
      if (invalid) outcome.failed.push({ row: update.row.row, reason: 'invalid' })
      else outcome.updated.push({ row: update.row.row, childId: update.childId })
    } catch (error) {
      console.warn('roster import: row not updated', update.row.row, error)
      outcome.failed.push({ row: update.row.row, reason: 'storage' })
    }
  }
  return outcome
}

/**
 * What "import" writes for this choice: the new children (all or nothing, and repeats left out
 * if asked, as before) and the updates that change something, under the same all-or-nothing rule.
 */
export function whatToImport(
  report: RosterReport,
  plans: readonly RowPlan[],
  updates: readonly PlannedUpdate[],
  choice: ImportChoice,
): { create: RosterRowResult[]; update: PlannedUpdate[] } {
  const kindOf = new Map(plans.map((p) => [p.row.row, p.kind]))
  const create = rowsToImport(report, choice).filter((r) => kindOf.get(r.row) === 'new')
  const allowed = report.errorRows === 0 || choice.validRowsOnly
  return { create, update: allowed ? updates.filter((u) => u.changes.length > 0) : [] }
}
