import { afterEach, describe, expect, it } from 'vitest'
import type { Access } from '../../shared/access'
import { CloseCode } from '../../shared/protocol'
import type { Caller } from '../auth/authorizer'
import { createMemoryLogger } from '../log'
import { LiveConnections } from './live-connections'
import type { Peer } from './room'

/** A caller whose session and access the test changes, as a coordinator's tools would. */
function changingCaller(id: string, state: { signedIn: boolean; access: Access }): Caller {
  const caller: Caller = {
    identity: { id, name: id },
    access: () => state.access,
    mayList: () => true,
    readScope: () => '',
    listMarks: () => ({ filing: '', directory: '' }),
    writer: () => ({ id, role: 'coordinator', classTeacher: false, name: 'u', memberSince: 0 }),
    mayManage: () => false,
    audit: () => {},
    again: () => (state.signedIn ? caller : undefined),
  }
  return caller
}

function peer(label: string): Peer & { closedWith?: number } {
  const p: Peer & { closedWith?: number } = {
    label,
    canWrite: true,
    identity: { id: label, name: label },
    writer: () => ({ id: label, role: 'coordinator', classTeacher: false, name: 'u', memberSince: 0 }),
    send: () => {},
    close: (code) => void (p.closedWith = code),
  }
  return p
}

describe('LiveConnections: a change of access takes effect on open connections', () => {
  let live: LiveConnections
  afterEach(() => live.destroy())

  it('closes a connection whose session ended with 4401, one that lost access with 4403, narrows one now read-only', () => {
    live = new LiveConnections(createMemoryLogger())
    const ended = { signedIn: true, access: 'write' as Access }
    const lost = { signedIn: true, access: 'write' as Access }
    const narrowed = { signedIn: true, access: 'write' as Access }
    const [a, b, c] = [peer('a'), peer('b'), peer('c')]
    live.add(a, changingCaller('u1', ended), 'w/child/1')
    live.add(b, changingCaller('u2', lost), 'w/child/2')
    live.add(c, changingCaller('u3', narrowed), 'w/child/3')

    live.recheck()
    expect([a.closedWith, b.closedWith, c.closedWith, c.canWrite]).toEqual([undefined, undefined, undefined, true])

    ended.signedIn = false
    lost.access = 'none'
    narrowed.access = 'read'
    live.recheck()
    expect(a.closedWith).toBe(CloseCode.sessionEnded)
    expect(b.closedWith).toBe(CloseCode.accessEnded)
    expect(c.closedWith).toBeUndefined()
    expect(c.canWrite).toBe(false)
    expect(live.size).toBe(1)
  })

  it('re-checks only the user whose access changed, when told which', () => {
    live = new LiveConnections(createMemoryLogger())
    const mine = { signedIn: true, access: 'write' as Access }
    const theirs = { signedIn: true, access: 'write' as Access }
    const [a, b] = [peer('a'), peer('b')]
    live.add(a, changingCaller('u1', mine), 'w/child/1')
    live.add(b, changingCaller('u2', theirs), 'w/child/1')
    mine.access = 'none'
    theirs.access = 'none'
    live.recheck('u1')
    expect(a.closedWith).toBe(CloseCode.accessEnded)
    expect(b.closedWith).toBeUndefined()
    live.remove(b)
    live.recheck()
    expect(b.closedWith).toBeUndefined()
    expect(live.size).toBe(0)
  })
})
