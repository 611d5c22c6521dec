import { describe, expect, it } from 'vitest'
import { guardLeaving, leaveWarning, type LeavingWork } from './leave-guard'
import { openDb } from './store/db'
import { NOTHING_UNSENT, countUnsent, followUnsent, type UnsentWork } from './store/unsent-work'

/** A page being closed: true when the handler asked the browser to confirm. */
function closePage(target: EventTarget): boolean {
  const event = new Event('beforeunload', { cancelable: true })
  target.dispatchEvent(event)
  return event.defaultPrevented
}

describe('leaving the page with unsent work', () => {
  // SPEC S9
  it.each<[LeavingWork, ReturnType<typeof leaveWarning>]>([
    [{ ...NOTHING_UNSENT, drafts: 0 }, []],
    [{ pendingFiles: 1, keptAside: 0, drafts: 0 }, ['pending']],
    [{ pendingFiles: 0, keptAside: 2, drafts: 0 }, ['keptAside']],
    [{ pendingFiles: 0, keptAside: 0, drafts: 1 }, ['drafts']],
    [{ pendingFiles: 3, keptAside: 1, drafts: 2 }, ['pending', 'keptAside', 'drafts']],
  ])('S9: %o warns about %o', (work, expected) => {
    expect(leaveWarning(work)).toEqual(expected)
  })

  // SPEC S9
  it('asks before closing while anything waits, not once it is all sent, and not after it stops', () => {
    const page = new EventTarget()
    let work: LeavingWork = { pendingFiles: 1, keptAside: 0, drafts: 0 }
    const stop = guardLeaving(page, () => work)
    expect(closePage(page)).toBe(true)
    work = { ...NOTHING_UNSENT, drafts: 0 }
    expect(closePage(page)).toBe(false)
    work = { pendingFiles: 0, keptAside: 1, drafts: 0 }
    expect(closePage(page)).toBe(true)
    work = { pendingFiles: 0, keptAside: 0, drafts: 1 }
    expect(closePage(page)).toBe(true)
    stop()
    expect(closePage(page)).toBe(false)
  })

  // SPEC S8
  it('counts files, not stored updates: three keystrokes in one file are one file waiting', async () => {
    const db = openDb(`leave-guard-${Date.now()}`)
    expect(await countUnsent(db)).toEqual(NOTHING_UNSENT)
    await db.pending.bulkAdd([{ docId: 'w/child/c1' }, { docId: 'w/child/c1' }, { docId: 'w/child/c1' }, { docId: 'w/settings' }])
    await db.keptAside.add({ docId: 'w/child/c9', name: '李小红', update: new Uint8Array([0, 0]), pendingCount: 5, at: 1 })
    expect(await countUnsent(db)).toEqual({ pendingFiles: 2, keptAside: 1 })
    await db.delete()
  })

  // SPEC S8 SPEC S9
  it('follows the store: says at once that something waits, and soon how many files', async () => {
    const db = openDb(`leave-guard-follow-${Date.now()}`)
    const seen: UnsentWork[] = []
    const stop = followUnsent(db, (work) => seen.push(work))
    const until = async (check: () => boolean) => {
      for (let i = 0; !check(); i++) {
        if (i > 500) throw new Error(`never: ${JSON.stringify(seen)}`)
        await new Promise((r) => setTimeout(r, 10))
      }
    }
    await until(() => seen.length > 0)
    expect(seen.at(-1)).toEqual(NOTHING_UNSENT)
    await db.pending.bulkAdd([{ docId: 'w/child/c1' }, { docId: 'w/child/c2' }, { docId: 'w/child/c2' }])
    await until(() => (seen.at(-1)?.pendingFiles ?? 0) === 2)
    // Every answer in between said that something waits, and never more files than there are.
    const since = seen.slice(seen.findIndex((w) => w.pendingFiles > 0))
    expect(since.every((w) => w.pendingFiles >= 1 && w.pendingFiles <= 2)).toBe(true)
    await db.pending.clear()
    await until(() => seen.at(-1)?.pendingFiles === 0)
    stop()
    await db.delete()
  })
})
