/**
 * SPEC Y4: a run that stops midway leaves what it did consistent, and the next run finishes the
 * rest. The documents here are plain Y.Docs behind the target's four methods (the real store,
 * relay and sync are in tests/integration/rollover.test.ts).
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { IsoDate } from '../../../shared/dates'
import { childDocumentId, planDocumentId, settingsDocumentId, toWorkspaceId, type DocumentId } from '../../../shared/doc-id'
import { createChildFile } from '../../../shared/docs/child/child'
import { currentPath } from '../../../shared/docs/child/child-path'
import { isPlanCreated } from '../../../shared/docs/plan/plan'
import { addClass, addSchool, addTerm, readOrganisation } from '../../../shared/docs/settings/organisation'
import { isRolloverEmpty, planRollover, readRolloverState, type RolloverPreview } from '../../../shared/docs/settings/rollover'
import { applyRollover, type RolloverTarget } from './apply-rollover'

const ws = toWorkspaceId('school-1')
const TODAY = '2026-08-25' as IsoDate
const author = { id: 'u-wang', name: '王校長' }

function workspace() {
  const docs = new Map<string, Y.Doc>()
  const settings = new Y.Doc()
  docs.set(settingsDocumentId(ws), settings)
  const school = addSchool(settings, { name: '石門小學' })
  if (!('id' in school)) throw new Error('school')
  const cls = [5, 6].map((grade) => {
    const added = addClass(settings, { schoolId: school.id, grade, section: '1' })
    return 'id' in added ? added.id : ''
  })
  addTerm(settings, { code: '2026-spring', start: '2026-02-20', end: '2026-07-10' })
  const rows = ['a', 'b', 'c'].map((id) => ({ id, name: id, classId: cls[1] as string, status: 'active' }))
  for (const row of rows) {
    const doc = new Y.Doc()
    createChildFile(doc, { name: row.name, classId: row.classId }, { author, today: TODAY, now: 1 })
    docs.set(childDocumentId(ws, row.id), doc)
  }
  const failing = new Set<string>()
  const reports: string[] = []
  const target: RolloverTarget = {
    workspaceId: ws,
    editDocument: async (docId: DocumentId, edit: (doc: Y.Doc) => void) => {
      const doc = docs.get(docId)
      if (!doc || failing.has(docId)) throw new Error(`not stored: ${docId}`)
      edit(doc)
    },
    createDocument: async (docId: DocumentId, init: (doc: Y.Doc) => void) => {
      const doc = docs.get(docId) ?? new Y.Doc()
      init(doc)
      docs.set(docId, doc)
    },
    readStored: async (docId: DocumentId) => docs.get(docId),
    reportAudit: async (_docId: DocumentId, action: string, term?: string) => void reports.push(`${action} ${term}`),
  }
  const preview = (): RolloverPreview => {
    const planned = planRollover(readRolloverState(settings), rows, {
      term: { code: '2026-autumn', start: '2026-09-01', end: '2027-01-20' },
      plan: 'template',
      nextPlanCreated: docs.has(planDocumentId(ws, '2026-autumn')),
      sourcePlanCreated: false,
      today: TODAY,
    })
    if (!planned.ok) throw new Error('refused')
    return planned.preview
  }
  const status = (id: string) => currentPath(docs.get(childDocumentId(ws, id)) as Y.Doc).status
  return { docs, settings, failing, reports, target, preview, status }
}

const ctx = { author, today: TODAY, now: () => 2 }

describe('applyRollover', () => {
  it('Y4: a file that cannot be written stops the step before the settings; the next run finishes it', async () => {
    const w = workspace()
    w.failing.add(childDocumentId(ws, 'b'))
    const first = await applyRollover(w.target, w.preview(), ctx)
    expect(first).toEqual({ ok: false, step: 'statuses', failed: ['b'] })
    // The others are written; the classes, the term and the trail wait, so nothing says "done".
    expect([w.status('a'), w.status('b'), w.status('c')]).toEqual(['finishedSchool', 'active', 'finishedSchool'])
    expect(readOrganisation(w.settings).currentTerm).toBe('2026-spring')
    expect(readOrganisation(w.settings).classes.map((c) => c.grade)).toEqual([5, 6])
    expect(w.reports).toEqual([])

    w.failing.clear()
    const second = w.preview()
    expect(await applyRollover(w.target, second, ctx)).toEqual({ ok: true })
    expect([w.status('a'), w.status('b'), w.status('c')]).toEqual(['finishedSchool', 'finishedSchool', 'finishedSchool'])
    // A status already written is not written twice.
    expect((w.docs.get(childDocumentId(ws, 'a')) as Y.Doc).getArray('path').length).toBe(1)
    expect(readOrganisation(w.settings).classes.map((c) => `${c.grade}${c.archived ? ' archived' : ''}`).sort()).toEqual(['6', '6 archived'])
    expect(isPlanCreated(w.docs.get(planDocumentId(ws, '2026-autumn')) as Y.Doc)).toBe(true)
    expect(w.reports).toEqual(['rolledOver 2026-autumn'])
    expect(isRolloverEmpty(w.preview())).toBe(true)
  })

  it('Y4: a plan that could not be made is made by the next run, with no second audit row', async () => {
    const w = workspace()
    const create = w.target.createDocument
    w.target.createDocument = () => Promise.reject(new Error('quota'))
    expect(await applyRollover(w.target, w.preview(), ctx)).toEqual({ ok: false, step: 'plan' })
    expect(readOrganisation(w.settings).currentTerm).toBe('2026-autumn')
    w.target.createDocument = create
    const rest = w.preview()
    expect(rest).toMatchObject({ done: true, leavers: [], moves: [], plan: { how: 'template' } })
    const progress: number[] = []
    expect(await applyRollover(w.target, rest, ctx, (p) => progress.push(p.total))).toEqual({ ok: true })
    expect(progress).toEqual([1, 1])
    expect(w.reports).toEqual(['rolledOver 2026-autumn'])
  })
})
