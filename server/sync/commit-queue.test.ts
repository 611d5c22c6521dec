import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { DocStore } from '../store/doc-store'
import { openSqliteDocStore } from '../store/sqlite-doc-store'
import { createCommitQueue, type CommitQueue } from './commit-queue'

type Result = { seq: number } | { error: unknown }

function textUpdate(text: string, clientID: number): Uint8Array {
  const doc = new Y.Doc()
  doc.clientID = clientID
  doc.getText('notes').insert(0, text)
  return Y.encodeStateAsUpdate(doc)
}

/** A doc id SQLite refuses (NOT NULL), so the whole transaction fails for real. */
const UNSTORABLE = null as unknown as string

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve))

describe('CommitQueue: group commit in front of the store', () => {
  let store: DocStore
  let appends: number[]
  let errors: unknown[]
  let queue: CommitQueue

  beforeEach(() => {
    const sqlite = openSqliteDocStore({ file: ':memory:' })
    appends = []
    // The real store, counting how many entries each transaction carried.
    store = {
      ...sqlite,
      append: (entries) => {
        appends.push(entries.length)
        return sqlite.append(entries)
      },
    }
    errors = []
    queue = createCommitQueue(store, (error) => errors.push(error))
  })
  afterEach(() => store.close())

  function enqueue(docId: string, update: Uint8Array): Promise<Result> {
    return new Promise((resolve) => queue.enqueue(docId, update, resolve))
  }

  it('commits everything queued in one turn of the event loop in one append, seqs in queue order', async () => {
    const results = await Promise.all([
      enqueue('w/child/a', textUpdate('a1', 1)),
      enqueue('w/child/b', textUpdate('b1', 2)),
      enqueue('w/child/a', textUpdate('a2', 3)),
    ])
    expect(appends).toEqual([3])
    const seqs = results.map((r) => ('seq' in r ? r.seq : NaN))
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y))
    expect(new Set(seqs).size).toBe(3)
    expect(store.load('w/child/a').lastSeq).toBe(seqs[2])

    await enqueue('w/child/a', textUpdate('a3', 4))
    expect(appends).toEqual([3, 1])
  })

  it('tells a waiter only once its update is in the store', async () => {
    const update = textUpdate('saved', 1)
    const heard: { result: Result; stored: number[][] }[] = []
    queue.enqueue('w/child/a', update, (result) => {
      heard.push({ result, stored: store.load('w/child/a').updates.map((u) => [...u]) })
    })
    expect(heard).toEqual([])
    expect(store.load('w/child/a').updates).toEqual([])

    await nextTurn()
    expect(heard).toHaveLength(1)
    expect(heard[0]?.result).toHaveProperty('seq')
    expect(heard[0]?.stored).toEqual([[...update]])
  })

  it('reports a failed commit to every waiter in the batch, stores none of it, and keeps working', async () => {
    const [before] = store.append([{ docId: 'w/child/a', update: textUpdate('before', 9) }])
    const results = await Promise.all([
      enqueue('w/child/a', textUpdate('lost 1', 1)),
      enqueue('w/child/b', textUpdate('lost 2', 2)),
      enqueue(UNSTORABLE, textUpdate('bad', 3)),
    ])
    for (const result of results) expect(result).toHaveProperty('error')
    expect(errors).toHaveLength(1)
    expect(store.load('w/child/a')).toMatchObject({ lastSeq: before })
    expect(store.load('w/child/a').updates).toHaveLength(1)
    expect(store.load('w/child/b').updates).toEqual([])

    const after = await enqueue('w/child/b', textUpdate('after', 4))
    expect(after).toHaveProperty('seq')
    expect(store.load('w/child/b').updates).toHaveLength(1)
  })

  it('runs afterCommitted once everything queued before it is committed, after those waiters', async () => {
    const events: string[] = []
    queue.enqueue('w/child/a', textUpdate('a', 1), (r) => events.push(`a ${'seq' in r ? 'stored' : 'failed'}`))
    queue.afterCommitted(() => events.push(`barrier sees ${store.updateCount('w/child/a')} stored`))
    queue.enqueue('w/child/a', textUpdate('b', 2), (r) => events.push(`b ${'seq' in r ? 'stored' : 'failed'}`))
    expect(events).toEqual([])

    await nextTurn()
    expect(events.indexOf('a stored')).toBeLessThan(events.findIndex((e) => e.startsWith('barrier')))
    expect(events).toContain('barrier sees 2 stored')

    // With nothing queued it still runs, on the next commit.
    let ran = false
    queue.afterCommitted(() => {
      ran = true
    })
    expect(ran).toBe(false)
    await nextTurn()
    expect(ran).toBe(true)
  })

  it('runs afterCommitted after a failed batch too, once its waiters have heard', async () => {
    const events: string[] = []
    queue.enqueue(UNSTORABLE, textUpdate('bad', 1), (r) => events.push('error' in r ? 'failed' : 'stored'))
    queue.afterCommitted(() => events.push('barrier'))
    await nextTurn()
    expect(events).toEqual(['failed', 'barrier'])
  })

  it('flush commits at once, and a later turn finds nothing left to do', async () => {
    const heard: Result[] = []
    queue.enqueue('w/child/a', textUpdate('now', 1), (r) => heard.push(r))
    queue.flush()
    expect(heard).toHaveLength(1)
    expect(store.updateCount('w/child/a')).toBe(1)
    await nextTurn()
    expect(appends).toEqual([1])
    expect(heard).toHaveLength(1)
  })
})
