import * as Y from 'yjs'
import { seedWorkspace } from '/work/wt-derived/bench/client-workspace'
import { projectDocument } from '/work/wt-derived/shared/docs/registry'
import { readCareRules } from '/work/wt-derived/shared/docs/settings/care-rules'
import { readOrganisation } from '/work/wt-derived/shared/docs/settings/organisation-read'
import { dueTasks } from '/work/wt-derived/shared/care/due'
import { computeFigures } from '/work/wt-derived/shared/figures/figures'
import { unpackRecordSets } from '/work/wt-derived/shared/indexes/record-set'
const n = Number(process.argv[2] ?? 2000)
const stored: { docId: string; update: Uint8Array }[] = []
await seedWorkspace({ append: async (u: { docId: string; update: Uint8Array }[]) => { stored.push(...u) } } as never, 'bench', n)
const rows = { children: [] as any[], records: [] as any[], pairings: [] as any[], recordSets: [] as any[] }
let settings: Y.Doc | undefined
for (const { docId, update } of stored) {
  const doc = new Y.Doc(); Y.applyUpdate(doc, update)
  if (docId.endsWith('/settings')) { settings = doc; continue }
  const r = projectDocument(docId, doc)
  for (const k of ['children', 'records', 'pairings', 'recordSets'] as const) rows[k].push(...(r[k] ?? []))
}
const org = readOrganisation(settings!)
const rules = readCareRules(settings!).rules
const today = '2026-12-02' as never
let t = performance.now()
const packedChars = rows.recordSets.reduce((s, r) => s + r.packed.length, 0)
const rec = unpackRecordSets(rows.recordSets)
console.log('unpack', (performance.now() - t).toFixed(0), 'ms', rec.length, 'records', (packedChars / 1e6).toFixed(1), 'M chars')
t = performance.now()
const tasks = dueTasks({ rules, children: rows.children, records: rows.records, pairings: rows.pairings, terms: org.terms, today })
console.log('dueTasks', (performance.now() - t).toFixed(0), 'ms', tasks.length, 'tasks')
t = performance.now()
const f = computeFigures({ org, children: rows.children, records: rows.records, pairings: rows.pairings, period: { start: '2026-09-01' as never, end: '2027-01-20' as never, term: '2026-autumn' }, care: { rules, today } })
console.log('computeFigures', (performance.now() - t).toFixed(0), 'ms', f.leftBehind)
t = performance.now()
structuredClone(rows.records); console.log('clone records', (performance.now() - t).toFixed(0))
t = performance.now()
structuredClone(rows.recordSets); console.log('clone sets', (performance.now() - t).toFixed(0))
t = performance.now()
structuredClone(rows.children); console.log('clone children', (performance.now() - t).toFixed(0))
const { tasksWithin } = await import('/work/wt-derived/shared/care/due')
for (let i = 0; i < 4; i++) {
  const t0 = performance.now()
  const tw = tasksWithin({ rules, children: rows.children, records: rows.records, pairings: rows.pairings, terms: org.terms, today, window: { start: '2026-09-01' as never, end: '2027-01-20' as never }, noLonger: false })
  const t1 = performance.now()
  const copy = tw.slice().reverse(); copy.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  const t2 = performance.now()
  dueTasks({ rules, children: rows.children, records: rows.records, pairings: rows.pairings, terms: org.terms, today })
  const t3 = performance.now()
  console.log('tasksWithin', (t1 - t0).toFixed(0), tw.length, 'sort', (t2 - t1).toFixed(0), 'due', (t3 - t2).toFixed(0))
}
