import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { DocStore } from '../store/doc-store'
import { openMemoryDocStore } from '../store/memory-doc-store'
import { createCommitQueue, type CommitQueue } from './commit-queue'

type Result = { seq: number } | { error: unknown }

function textUpdate(text: string, clientID: number): Uint8Array {
  const doc = new Y.Doc()
  doc.clientID = clientID
  doc.getText('notes').insert(0, text)
  return Y.encodeStateAsUpdate(doc)
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve))

/** Resolves once `check` holds, looking after each turn of the event loop. */
async function waitFor(check: () => boolean, what: string): Promise<void> {
  for (let turn = 0; !check(); turn++) {
    if (turn > 10_000) throw new Error(`it never happened: ${what}`)
    await nextTurn()
  }
}

/** A doc id every store refuses, so the whole batch fails for real. */
const UNSTORABLE = null as unknown as string

interface HeldAppend {
  size: number
  release(): void
  fail(error: Error): void
}

/**
 * A real store whose appends can be held open, as a slow disk or a remote database would,
 * counting how many entries each carried and how many ran at once.
 */
function slowStore(inner: DocStore) {
  const held: HeldAppend[] = []
  const sizes: number[] = []
  let holding = false
  let running = 0
  let mostAtOnce = 0
  const store: DocStore = {
    ...inner,
    async append(entries) {
      sizes.push(entries.length)
      running++
      mostAtOnce = Math.max(mostAtOnce, running)
      try {
        if (holding) {
          await new Promise<void>((release, fail) => held.push({ size: entries.length, release, fail }))
        }
        return await inner.append(entries)
      } finally {
        running--
      }
    },
  }
  return {
    store,
    held,
    sizes,
    hold: (on: boolean) => void (holding = on),
    mostAtOnce: () => mostAtOnce,
  }
}

describe('CommitQueue: group commit in front of the store', () => {
  let inner: DocStore
  let slow: ReturnType<typeof slowStore>
  let store: DocStore
  let errors: unknown[]
  let queue: CommitQueue

  beforeEach(() => {
    inner = openMemoryDocStore()
    slow = slowStore(inner)
    store = slow.store
    errors = []
    queue = createCommitQueue(store, (error) => errors.push(error))
  })
  afterEach(() => inner.close())

  function enqueue(docId: string, update: Uint8Array): Promise<Result> {
    return new Promise((resolve) => queue.enqueue(docId, update, resolve))
  }
  const barrier = () => new Promise<void>((resolve) => queue.afterCommitted(resolve))

  it('commits everything queued in one turn of the event loop in one append, seqs in queue order', async () => {
    const results = await Promise.all([
      enqueue('w/child/a', textUpdate('a1', 1)),
      enqueue('w/child/b', textUpdate('b1', 2)),
      enqueue('w/child/a', textUpdate('a2', 3)),
    ])
    expect(slow.sizes).toEqual([3])
    const seqs = results.map((r) => ('seq' in r ? r.seq : NaN))
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y))
    expect(new Set(seqs).size).toBe(3)
    expect((await store.load('w/child/a')).lastSeq).toBe(seqs[2])

    await enqueue('w/child/a', textUpdate('a3', 4))
    expect(slow.sizes).toEqual([3, 1])
  })

  it('tells a waiter only once its append has finished, with the update in the store', async () => {
    slow.hold(true)
    const update = textUpdate('saved', 1)
    const heard: Result[] = []
    const told = new Promise<void>((resolve) =>
      queue.enqueue('w/child/a', update, (result) => {
        heard.push(result)
        resolve()
      }),
    )
    await waitFor(() => slow.held.length === 1, 'the append to start')
    expect(heard).toEqual([])
    expect(await store.load('w/child/a')).toEqual({ updates: [], lastSeq: 0 })

    slow.held[0]?.release()
    await told
    expect(heard[0]).toHaveProperty('seq')
    expect((await store.load('w/child/a')).updates.map((u) => [...u])).toEqual([[...update]])
  })

  it('writes what is queued during an append in the next one, after it, never two at once', async () => {
    slow.hold(true)
    const first = [enqueue('w/child/a', textUpdate('1', 1)), enqueue('w/child/b', textUpdate('2', 2))]
    await waitFor(() => slow.held.length === 1, 'the first append to start')
    const second = [enqueue('w/child/a', textUpdate('3', 3)), enqueue('w/child/c', textUpdate('4', 4)), enqueue('w/child/a', textUpdate('5', 5))]
    const heardSecond: Result[] = []
    void Promise.all(second).then((r) => heardSecond.push(...r))
    // The queue writes on the next turn: that is when a second append at once would begin.
    await nextTurn()
    expect(slow.sizes).toEqual([2])
    expect(heardSecond).toEqual([])

    slow.hold(false)
    slow.held[0]?.release()
    const results = await Promise.all([...first, ...second])
    expect(slow.sizes).toEqual([2, 3])
    expect(slow.mostAtOnce()).toBe(1)
    const seqs = results.map((r) => ('seq' in r ? r.seq : NaN))
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y))
  })

  it('fails exactly the batch whose append failed, reports it once, and goes on with the next', async () => {
    const before = await store.append([{ docId: 'w/child/a', update: textUpdate('before', 9) }])
    slow.hold(true)
    const failing = [enqueue('w/child/a', textUpdate('lost 1', 1)), enqueue('w/child/b', textUpdate('lost 2', 2))]
    await waitFor(() => slow.held.length === 1, 'the first append to start')
    const next = [enqueue('w/child/b', textUpdate('after', 3))]
    slow.hold(false)
    slow.held[0]?.fail(new Error('injected: disk full'))

    for (const result of await Promise.all(failing)) expect(result).toHaveProperty('error')
    const [after] = await Promise.all(next)
    expect(after).toHaveProperty('seq')
    expect(errors).toHaveLength(1)
    expect(await store.load('w/child/a')).toMatchObject({ lastSeq: before[0] })
    expect(await store.updateCount('w/child/a')).toBe(1)
    expect(await store.updateCount('w/child/b')).toBe(1)
  })

  it('stores none of a batch the store refuses whole, and keeps working', async () => {
    const results = await Promise.all([
      enqueue('w/child/a', textUpdate('lost 1', 1)),
      enqueue('w/child/b', textUpdate('lost 2', 2)),
      enqueue(UNSTORABLE, textUpdate('bad', 3)),
    ])
    for (const result of results) expect(result).toHaveProperty('error')
    expect(errors).toHaveLength(1)
    expect(await store.changesSince('', 0, 10)).toEqual([])
    expect(await enqueue('w/child/b', textUpdate('after', 4))).toHaveProperty('seq')
  })

  it('runs afterCommitted once everything queued before it is committed, after those waiters', async () => {
    const events: string[] = []
    queue.enqueue('w/child/a', textUpdate('a', 1), (r) => events.push(`a ${'seq' in r ? 'stored' : 'failed'}`))
    const seen = new Promise<number>((resolve) => queue.afterCommitted(() => void store.updateCount('w/child/a').then(resolve)))
    queue.afterCommitted(() => events.push('barrier'))
    queue.enqueue('w/child/a', textUpdate('b', 2), (r) => events.push(`b ${'seq' in r ? 'stored' : 'failed'}`))
    expect(events).toEqual([])

    expect(await seen).toBe(2)
    expect(events.indexOf('a stored')).toBeLessThan(events.indexOf('barrier'))

    // With nothing queued it still runs.
    await barrier()
  })

  it('runs a barrier set during an append after that append, and after what was queued before it', async () => {
    slow.hold(true)
    const events: string[] = []
    queue.enqueue('w/child/a', textUpdate('a', 1), () => events.push('a'))
    await waitFor(() => slow.held.length === 1, 'the first append to start')
    queue.enqueue('w/child/a', textUpdate('b', 2), () => events.push('b'))
    const done = barrier().then(() => events.push('barrier'))
    queue.enqueue('w/child/a', textUpdate('c', 3), () => events.push('c'))
    slow.hold(false)
    slow.held[0]?.release()
    await done
    // Not before a (in flight) nor b (queued before it); c may share b's append, so it may come first.
    const beforeBarrier = events.slice(0, events.indexOf('barrier'))
    expect(beforeBarrier[0]).toBe('a')
    expect(beforeBarrier).toContain('b')
    await barrier()
    expect([...events].sort()).toEqual(['a', 'b', 'barrier', 'c'])
  })

  it('runs afterCommitted after a failed batch too, once its waiters have heard', async () => {
    const events: string[] = []
    queue.enqueue(UNSTORABLE, textUpdate('bad', 1), (r) => events.push('error' in r ? 'failed' : 'stored'))
    await barrier().then(() => events.push('barrier'))
    expect(events).toEqual(['failed', 'barrier'])
  })

  it('flush commits what is queued without waiting for the next turn, and what is in flight', async () => {
    const heard: Result[] = []
    queue.enqueue('w/child/a', textUpdate('now', 1), (r) => heard.push(r))
    await queue.flush()
    expect(heard).toHaveLength(1)
    expect(await store.updateCount('w/child/a')).toBe(1)

    slow.hold(true)
    queue.enqueue('w/child/a', textUpdate('slow', 2), (r) => heard.push(r))
    await waitFor(() => slow.held.length === 1, 'the append to start')
    queue.enqueue('w/child/a', textUpdate('queued behind', 3), (r) => heard.push(r))
    const flushed = queue.flush()
    slow.hold(false)
    slow.held[0]?.release()
    await flushed
    expect(heard).toHaveLength(3)
    expect(slow.sizes).toEqual([1, 1, 1])
  })
})
