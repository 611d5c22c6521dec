/** SPEC K1: every kind declared once, asked through the registry, and no kind branch elsewhere. */
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { DocumentKind } from '../../shared/doc-id'
import { DOCUMENT_KINDS, kindOf, projectDocument } from '../../shared/docs/registry'
import { INDEX_TABLES, childRow } from '../../shared/indexes/rows'
import { writeChild } from '../helpers/child-file'

const IDS: Record<DocumentKind, string> = {
  child: 'school-1/child/c1',
  settings: 'school-1/settings',
  plan: 'school-1/plan/2026-autumn',
  report: 'school-1/report/2026-autumn',
}

describe('document kinds (SPEC K1)', () => {
  it.each(Object.entries(IDS) as [DocumentKind, string][])('%s is registered under its own name and found from its id', (kind, docId) => {
    const spec = DOCUMENT_KINDS[kind]
    expect(spec.kind).toBe(kind)
    expect(Number.isInteger(spec.schemaVersion) && spec.schemaVersion > 0).toBe(true)
    expect(kindOf(docId)?.spec).toBe(spec)
    expect(spec.label(kindOf(docId)!.ref, {}).kind).toBe(kind)
    for (const table of spec.tables) expect(INDEX_TABLES).toContain(table)
  })

  it.each(Object.entries(IDS) as [DocumentKind, string][])('%s projects only into the tables it declares, whatever the content', (kind, docId) => {
    const filled = new Y.Doc()
    writeChild(filled, { name: '王小明', classId: 'class-1' })
    for (const doc of [new Y.Doc(), filled]) {
      const rows = projectDocument(docId, doc)
      for (const table of Object.keys(rows)) expect(DOCUMENT_KINDS[kind].tables).toContain(table)
    }
  })

  it('names a child by its name in the index, and a term plan by its term', () => {
    const child = kindOf(IDS.child)!
    expect(child.spec.label(child.ref, { children: [childRow({ id: 'c1', docId: IDS.child, name: '李小紅', classId: '', gender: '', birthDate: '', priority: '', status: 'active', studentNumber: '' })] })).toEqual({ kind: 'child', name: '李小紅' })
    const plan = kindOf(IDS.plan)!
    expect(plan.spec.label(plan.ref, {})).toEqual({ kind: 'plan', term: '2026-autumn' })
  })

  it('nothing outside shared/docs/ and the id grammar branches on a document kind', () => {
    const files = execFileSync('git', ['ls-files', 'client', 'server', 'shared', 'bench'], { encoding: 'utf8' })
      .split('\n')
      .filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.test.ts') && !f.startsWith('shared/docs/') && f !== 'shared/doc-id.ts')
    const kinds = '(child|settings|plan|report)'
    const branch = new RegExp(`\\bkind\\s*[!=]==\\s*['"]${kinds}['"]|['"]${kinds}['"]\\s*[!=]==\\s*[\\w.]*kind\\b|switch\\s*\\([^)]*\\bkind\\)`)
    const found = files.filter((f) => branch.test(readFileSync(f, 'utf8')))
    expect(found).toEqual([])
  })
})
