/**
 * docs/SPEC.md I1–I4, as a property: whatever happens on a device (local edits in open files,
 * remote updates to open and closed ones, new files, deleted records, files dropped when
 * access ends, the page closed mid-write, an index version change), once the indexer has
 * caught up, the incremental index equals one rebuilt from scratch from the stored documents,
 * and says it is complete.
 *
 * 200 seeds run in `npm test`; PROPERTY_SEEDS=5000 runs more. A seed that ever fails is kept
 * in REGRESSION_SEEDS with what it found.
 */
import * as prng from 'lib0/prng'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import Dexie from 'dexie'
import type { IsoDate } from '../../shared/dates'
import { createChildFile, setChildFields, type EditContext } from '../../shared/docs/child/child'
import { addRecord, deleteRecord, readRecords } from '../../shared/docs/child/records'
import { projectDocument } from '../../shared/docs/registry'
import { withSearch } from '../../client/runtime/indexes/project'
import { INDEX_TABLES, INDEX_VERSION } from '../../shared/indexes/rows'
import { Origin } from '../../shared/origin'
import { Indexer } from '../../client/runtime/indexes/indexer'
import { openDb, type ShouwangDb } from '../../client/runtime/store/db'
import { DocPersistence, appendUpdate, loadStoredUpdate } from '../../client/runtime/store/doc-persistence'
import { storedDocumentIds } from '../../client/runtime/store/documents'
import { allRows } from '../../client/runtime/store/index-rows'
import { dropDocument } from '../../client/runtime/store/kept-aside'

const SEEDS = Number(process.env.PROPERTY_SEEDS ?? 200)
/** Seeds that failed once, and what they found; they run first, always. */
const REGRESSION_SEEDS: readonly number[] = [
  // Rows were projected from an open Y.Doc, ahead of the store; the page closed before the
  // write (and its mark) committed, so the index kept records that were never stored. Then:
  // a flush asked for while a pass was finishing returned with that pass, leaving a mark.
  16,
  // A pass projected a file, the file was dropped (access ended), and the pass wrote its
  // rows back: a child nobody may open any more was listed again.
  9,
]
const STEPS = 40
const TRACE = Number(process.env.PROPERTY_TRACE ?? 0)
const TODAY = '2026-11-29' as IsoDate
/** The origin remote updates carry, as a live socket's provider would be. */
const REMOTE = { name: 'relay socket' }
const CLASSES = ['class-1-1', 'class-2-1', 'class-3-2']
const NAMES = ['王小明', '李小紅', '張偉', '劉芳', '陳靜', '']

interface Open {
  doc: Y.Doc
  persistence: DocPersistence
}

class Device {
  db: ShouwangDb
  indexer: Indexer
  readonly open = new Map<string, Open>()

  constructor(readonly name: string) {
    this.db = openDb(name)
    this.indexer = this.makeIndexer()
  }

  private makeIndexer(): Indexer {
    return new Indexer(this.db, { delayMs: 1, maxDelayMs: 5, batchSize: 3, onError: () => {} })
  }

  async openDoc(docId: string): Promise<Open> {
    const existing = this.open.get(docId)
    if (existing) return existing
    const doc = new Y.Doc()
    const persistence = new DocPersistence(this.db, docId, doc, { add: () => undefined, remove: () => {}, leftovers: () => [] } as never)
    persistence.onError = () => {}
    persistence.onStored = () => this.indexer.changed()
    persistence.addRemoteOrigin(REMOTE)
    const entry = { doc, persistence }
    this.open.set(docId, entry)
    await persistence.load()
    return entry
  }

  async closeDoc(docId: string): Promise<void> {
    const entry = this.open.get(docId)
    if (!entry) return
    this.open.delete(docId)
    await entry.persistence.flushed()
    entry.persistence.destroy()
    entry.doc.destroy()
  }

  /** The page closes: open documents are dropped mid-flight, the indexer's timers with them. */
  async restart(): Promise<void> {
    this.indexer.close()
    for (const { persistence, doc } of this.open.values()) {
      persistence.destroy()
      doc.destroy()
    }
    this.open.clear()
    this.db.close()
    this.db = openDb(this.name)
    this.indexer = this.makeIndexer()
    await this.indexer.start()
  }

  async settle(): Promise<void> {
    for (const { persistence } of this.open.values()) await persistence.flushed()
    await this.indexer.flush()
  }
}

/** Every row the documents stored on the device give, computed from nothing but those documents. */
async function rebuiltFromScratch(db: ShouwangDb): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = Object.fromEntries(INDEX_TABLES.map((t) => [t, []]))
  for (const docId of await storedDocumentIds(db)) {
    const stored = await loadStoredUpdate(db, docId)
    if (!stored) continue
    const doc = new Y.Doc()
    try {
      Y.applyUpdate(doc, stored)
    } catch {
      continue
    }
    // As the device's indexer projects: with the search text on child rows (SPEC I6).
    const rows = withSearch(projectDocument(docId, doc))
    for (const table of INDEX_TABLES) out[table]?.push(...(rows[table] ?? []))
    doc.destroy()
  }
  return out
}

const sorted = (rows: Record<string, unknown[]>) =>
  Object.fromEntries(Object.entries(rows).map(([t, list]) => [t, list.map((r) => JSON.stringify(r)).sort()]))

const ctx = (gen: prng.PRNG, step: number): EditContext => ({
  author: { id: `u${prng.uint32(gen, 1, 3)}`, name: '助手' },
  today: TODAY,
  now: 1_000_000 + step,
})

/** A colleague's change to what the relay has of the file: applied as a remote update. */
function remoteChange(stored: Uint8Array | undefined, change: (doc: Y.Doc) => void): Uint8Array {
  const colleague = new Y.Doc()
  if (stored) Y.applyUpdate(colleague, stored)
  const before = Y.encodeStateVector(colleague)
  change(colleague)
  const update = Y.encodeStateAsUpdate(colleague, before)
  colleague.destroy()
  return update
}

function editFile(gen: prng.PRNG, doc: Y.Doc, step: number): void {
  const roll = prng.uint32(gen, 0, 9)
  const c = ctx(gen, step)
  if (roll < 4) setChildFields(doc, { name: prng.oneOf(gen, NAMES), classId: prng.oneOf(gen, CLASSES) }, c)
  else if (roll < 7) addRecord(doc, { type: prng.oneOf(gen, ['talk', 'homeVisit', 'aid'] as const), date: `2026-0${prng.uint32(gen, 1, 9)}-1${prng.uint32(gen, 0, 9)}` }, c)
  else if (roll < 9) {
    const records = readRecords(doc)
    if (records.length > 0) deleteRecord(doc, prng.oneOf(gen, records).id, c)
  } else setChildFields(doc, { 'flags.priority': prng.oneOf(gen, ['problem', 'hardship', '']) }, c)
}

async function runSeed(seed: number): Promise<void> {
  const gen = prng.create(seed)
  const device = new Device(`property-${seed}-${crypto.randomUUID()}`)
  await device.indexer.start()
  const ids: string[] = []
  try {
    for (let step = 0; step < STEPS; step++) {
      const roll = prng.uint32(gen, 0, 99)
      const known = ids.length > 0 ? prng.oneOf(gen, ids) : undefined
      if (TRACE === seed) {
        await device.settle()
        const same = JSON.stringify(sorted(await allRows(device.db))) === JSON.stringify(sorted(await rebuiltFromScratch(device.db)))
        console.log('STEP', step, roll, known, [...device.open.keys()].join(','), same)
      }
      if (roll < 14 || !known) {
        // A new file: made here (local), or arriving from the relay (background pull).
        const docId = `school-1/child/c${step}`
        ids.push(docId)
        if (prng.bool(gen)) {
          const { doc } = await device.openDoc(docId)
          createChildFile(doc, { name: prng.oneOf(gen, NAMES), classId: prng.oneOf(gen, CLASSES) }, { ...ctx(gen, step), origin: Origin.localEdit })
        } else {
          await appendUpdate(device.db, docId, remoteChange(undefined, (d) => createChildFile(d, { name: prng.oneOf(gen, NAMES) }, ctx(gen, step))))
          device.indexer.changed()
        }
      } else if (roll < 40) {
        const { doc } = await device.openDoc(known)
        editFile(gen, doc, step)
      } else if (roll < 58) {
        // A colleague's change: over the socket of an open file, or pulled for a closed one.
        const stored = await loadStoredUpdate(device.db, known)
        const update = remoteChange(stored, (d) => editFile(gen, d, step))
        const open = device.open.get(known)
        if (open) Y.applyUpdate(open.doc, update, REMOTE)
        else {
          await appendUpdate(device.db, known, update)
          if (prng.bool(gen)) device.indexer.changed()
        }
      } else if (roll < 66) {
        await device.closeDoc(known)
      } else if (roll < 72) {
        // Access ended: the file is closed and dropped with its rows.
        await device.closeDoc(known)
        await dropDocument(device.db, known)
        ids.splice(ids.indexOf(known), 1)
      } else if (roll < 78) {
        await device.restart()
      } else if (roll < 81) {
        // A new build with another index version: the next start must rebuild.
        await device.db.meta.put({ key: 'index-version', value: INDEX_VERSION - 1 })
        await device.restart()
      } else if (roll < 86) {
        // The workspace's settings: a kind with no rows, stored like any other document.
        const { doc } = await device.openDoc('school-1/settings')
        doc.getMap('meta').set('touched', step)
      } else if (roll < 93) {
        await device.indexer.flush()
      } else {
        await new Promise((r) => setTimeout(r, prng.uint32(gen, 0, 8)))
      }
    }
    await device.settle()
    expect(sorted(await allRows(device.db))).toEqual(sorted(await rebuiltFromScratch(device.db)))
    expect(await device.indexer.isComplete()).toBe(true)
  } finally {
    device.indexer.close()
    for (const docId of [...device.open.keys()]) await device.closeDoc(docId)
    device.db.close()
    await Dexie.delete(device.name)
  }
}

// SPEC I1–I4
describe('the incremental index equals a rebuild from scratch (SPEC I1–I4)', () => {
  afterEach(() => {})

  it.each([...REGRESSION_SEEDS])('regression seed %i', async (seed) => runSeed(seed))

  it(`${SEEDS} random seeds of edits, remote updates, drops, restarts and version changes`, async () => {
    for (let seed = 1; seed <= SEEDS; seed++) {
      try {
        await runSeed(seed)
      } catch (error) {
        throw new Error(`seed ${seed} failed: keep it in REGRESSION_SEEDS once understood`, { cause: error })
      }
    }
  }, 600_000)
})
