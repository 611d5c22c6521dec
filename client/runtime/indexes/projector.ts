/**
 * Where stored documents are decoded into index rows: a Web Worker in the browser (SPEC I9),
 * or this thread where there is none (tests under Node), then in slices that give the page
 * back every few tens of milliseconds.
 */
import type { DocumentRows } from '../../../shared/indexes/rows'

export interface StoredDoc {
  docId: string
  update: Uint8Array
}

/** One document's rows, or why it could not be read (it then has none). */
export type ProjectResult = { rows: DocumentRows; error?: undefined } | { rows?: undefined; error: string }

export interface ProjectRequest {
  id: number
  docs: StoredDoc[]
}

export interface ProjectReply {
  id: number
  results: ProjectResult[]
}

export interface Projector {
  project(docs: readonly StoredDoc[]): Promise<ProjectResult[]>
  close(): void
}

/** The longest stretch this thread projects before letting the page paint. */
const SLICE_MS = 30

const yieldToPage = () => new Promise<void>((resolve) => setTimeout(resolve, 0))

/** Projects on this thread, in slices (the module with the pinyin dictionary is loaded on first use). */
export function inThreadProjector(): Projector {
  return {
    async project(docs) {
      const { projectStored } = await import('./project')
      const out: ProjectResult[] = []
      let sliceStart = performance.now()
      for (const { docId, update } of docs) {
        try {
          out.push({ rows: projectStored(docId, update) })
        } catch (error) {
          out.push({ error: error instanceof Error ? error.message : String(error) })
        }
        if (performance.now() - sliceStart > SLICE_MS) {
          await yieldToPage()
          sliceStart = performance.now()
        }
      }
      return out
    },
    close() {},
  }
}

/** Projects in a Web Worker; one batch at a time is in flight per indexer, but several are allowed. */
export function workerProjector(): Projector {
  const worker = new Worker(new URL('./project-worker.ts', import.meta.url), { type: 'module' })
  const waiting = new Map<number, { resolve: (results: ProjectResult[]) => void; reject: (error: unknown) => void }>()
  let next = 0
  worker.onmessage = (event: MessageEvent<ProjectReply>) => {
    const entry = waiting.get(event.data.id)
    waiting.delete(event.data.id)
    entry?.resolve(event.data.results)
  }
  // A worker that failed (its script would not load) fails every batch after, never leaves one waiting.
  let failed: Error | undefined
  worker.onerror = (event) => {
    failed = new Error(`index worker: ${event.message}`)
    for (const entry of waiting.values()) entry.reject(failed)
    waiting.clear()
  }
  return {
    project(docs) {
      if (failed) return Promise.reject(failed)
      const id = ++next
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject })
        // Copies, not transfers: the caller's buffers may be views into larger ones.
        worker.postMessage({ id, docs: docs.map((d) => ({ docId: d.docId, update: d.update })) } satisfies ProjectRequest)
      })
    },
    close() {
      worker.terminate()
      for (const entry of waiting.values()) entry.reject(new Error('index worker closed'))
      waiting.clear()
    },
  }
}

/** A worker started before any workspace opens, for the first indexer to take (SPEC I13). */
let preloaded: Projector | undefined

/**
 * Starts the index worker now, at the app's start, so it has loaded its script and the pinyin
 * dictionary (project-worker.ts warms it) before the first file is filed or synced, not after.
 */
export function preloadIndexWorker(): void {
  if (typeof Worker === 'undefined' || preloaded) return
  preloaded = workerProjector()
}

/** The worker where the platform has one (the preloaded one first), else (or once it fails) this thread in slices. */
export function defaultProjector(): Projector {
  if (typeof Worker === 'undefined') return inThreadProjector()
  let worker: Projector | undefined = preloaded ?? workerProjector()
  preloaded = undefined
  const fallback = inThreadProjector()
  return {
    async project(docs) {
      if (worker) {
        try {
          return await worker.project(docs)
        } catch (error) {
          console.warn('index worker', error)
          worker.close()
          worker = undefined
        }
      }
      return fallback.project(docs)
    },
    close() {
      worker?.close()
    },
  }
}
