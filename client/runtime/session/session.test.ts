/** The account session's rules (A1–A5 in session.ts), with a fake relay and a real (fake-indexeddb) store. */
import { describe, expect, it } from 'vitest'
import { memoryStorage } from '../../../tests/helpers/memory-storage'
import type { Role } from '../../../shared/access'
import { openDb, type ShouwangDb } from '../store/db'
import { ACCOUNT_KEY, loadAccount, storeAccount, type Account } from './account-store'
import { RelayRequestError } from '../sync/relay-http'
import { readOwner, writeOwner } from '../store/local-data'
import { createVerifier } from './offline-verifier'
import { AuthSession, type AuthDeps, type AuthPhase, type SessionWorkspace } from './session'
import { childRow } from '../../../shared/indexes/rows'

const PASSWORD = 'correct horse'
const member = (id: string, role: Role = 'helper', workspace = 'dongshan'): Account => ({ user: { id, username: `user-${id}`, displayName: `名字${id}` }, workspace, role })
const WANG = member('wang')
const LI = member('li')

interface FakeRuntime extends SessionWorkspace {
  workspaceId: string
  network: boolean[]
  closed: boolean
  account: Account
}

let dbCounter = 0

/** A device: its localStorage, its database name, and a relay whose answers the test sets. */
function device(options: { online?: boolean; session?: Account; password?: Record<string, string> } = {}) {
  const storage = memoryStorage()
  const dbName = `session-${++dbCounter}-${Date.now()}`
  const relay = {
    online: options.online ?? true,
    reachable: true,
    session: options.session,
    passwords: options.password ?? { [WANG.user.username]: PASSWORD, [LI.user.username]: PASSWORD },
    accounts: [WANG, LI],
    logouts: 0,
    /** A refusal /me answers with instead of the session, when set. */
    meRefusal: undefined as 'forbidden' | undefined,
  }
  const unreachable = () => new RelayRequestError('network')
  const api: AuthDeps<SessionWorkspace>['api'] = {
    me: async () => {
      if (!relay.reachable) throw unreachable()
      if (relay.meRefusal) throw new RelayRequestError(relay.meRefusal)
      return relay.session
    },
    login: async ({ username, password }) => {
      if (!relay.reachable) throw unreachable()
      const account = relay.accounts.find((a) => a.user.username === username)
      if (!account || relay.passwords[username] !== password) throw new RelayRequestError('bad_credentials')
      relay.session = account
      // The relay's answer carries the bearer token; the session must never keep it.
      return { ...account, token: 'T'.repeat(43), expiresAt: Date.now() + 1000 } as Account
    },
    setup: async () => {
      throw new RelayRequestError('setup_done')
    },
    acceptInvite: async () => {
      throw new RelayRequestError('invite_invalid')
    },
    logout: async () => {
      if (!relay.reachable) throw unreachable()
      relay.logouts++
      relay.session = undefined
    },
  }
  const runtimes: FakeRuntime[] = []
  const dbs: ShouwangDb[] = []
  const deps: AuthDeps<FakeRuntime> = {
    api,
    storage,
    isOnline: () => relay.online,
    openDb: () => {
      const db = openDb(dbName)
      dbs.push(db)
      return db
    },
    openWorkspace: (db, account) => {
      const runtime: FakeRuntime = {
        db,
        workspaceId: account.workspace,
        network: [],
        closed: false,
        account,
        setNetworkAllowed: (allowed) => void runtime.network.push(allowed),
        setAccount: (next) => void (runtime.account = next),
        close: () => void (runtime.closed = true),
      }
      runtimes.push(runtime)
      return runtime
    },
  }
  const session = new AuthSession(deps)
  const phase = () => session.getSnapshot()
  const signedIn = () => {
    const p = phase()
    if (p.name !== 'signed-in') throw new Error(`not signed in but ${p.name}`)
    return p
  }
  const lastDb = () => dbs.at(-1) as ShouwangDb
  return { storage, relay, session, deps, runtimes, phase, signedIn, lastDb, dbName }
}

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (e: unknown) => (e instanceof RelayRequestError ? e.code : String(e)),
  )

describe('signing in', () => {
  it('A1: a live cookie opens the workspace of the member the relay names, and nothing opens before', async () => {
    const d = device({ session: member('wang', 'teacher', 'xishan') })
    // The device signed in before (a cookie is only ever set by a sign-in, which keeps the account).
    storeAccount(d.storage, member('wang', 'teacher', 'xishan'), await createVerifier(PASSWORD))
    expect(d.phase().name).toBe('starting')
    expect(d.runtimes).toHaveLength(0)
    await d.session.start()
    const p = d.signedIn()
    expect(p.session).toBe('live')
    expect(p.restored).toBe(true)
    expect(p.workspace.workspaceId).toBe('xishan')
    expect(await readOwner(d.lastDb())).toEqual({ userId: 'wang', workspace: 'xishan' })
  })

  it('without a session, shows the sign-in form, naming who signed in here last', async () => {
    const d = device()
    storeAccount(d.storage, WANG, await createVerifier(PASSWORD))
    await d.session.start()
    expect(d.phase()).toEqual({ name: 'signed-out', known: WANG })
    expect(d.runtimes).toHaveLength(0)
  })

  it('A2: an online sign-in keeps the account and a verifier, never the password or the token', async () => {
    const d = device()
    await d.session.start()
    await d.session.signIn(' user-wang ', PASSWORD)
    expect(d.signedIn().session).toBe('live')
    expect(d.signedIn().account).toEqual(WANG)
    const raw = d.storage.getItem(ACCOUNT_KEY) ?? ''
    expect(raw).not.toContain(PASSWORD)
    expect(raw).not.toContain('T'.repeat(43))
    expect(loadAccount(d.storage)?.user).toEqual(WANG.user)
    // Beside the account, only whose data the database holds (L7), with no secret in it either.
    expect([...d.storage.entries().keys()].sort()).toEqual([ACCOUNT_KEY, 'shouwang.held'].sort())
    expect(d.storage.getItem('shouwang.held')).toBe(JSON.stringify({ userId: WANG.user.id, workspace: WANG.workspace }))
  })

  it('a wrong password online is the relay answer, and opens nothing', async () => {
    const d = device()
    await d.session.start()
    expect(await codeOf(d.session.signIn('user-wang', 'wrong password'))).toBe('bad_credentials')
    expect(d.phase().name).toBe('signed-out')
    expect(loadAccount(d.storage)).toBeUndefined()
  })
})

describe('A3: offline sign-in', () => {
  it('opens the local data with the right password, and says the session is offline', async () => {
    const d = device({ online: false })
    storeAccount(d.storage, WANG, await createVerifier(PASSWORD))
    await d.session.start()
    expect(d.phase()).toEqual({ name: 'signed-out', known: WANG })
    await d.session.signIn('User-Wang', PASSWORD)
    expect(d.signedIn().session).toBe('offline')
    expect(d.signedIn().account).toEqual(WANG)
  })

  it('refuses a wrong password, another username, and a device nobody signed in on', async () => {
    const d = device({ online: false })
    expect(await codeOf(d.session.signIn('user-wang', PASSWORD))).toBe('offline_first_time')
    storeAccount(d.storage, WANG, await createVerifier(PASSWORD))
    expect(await codeOf(d.session.signIn('user-wang', 'not the password'))).toBe('bad_credentials')
    expect(await codeOf(d.session.signIn('user-li', PASSWORD))).toBe('offline_unknown_user')
    expect(d.runtimes).toHaveLength(0)
  })

  it('falls back to the device when the browser says online but the relay does not answer', async () => {
    const d = device()
    storeAccount(d.storage, WANG, await createVerifier(PASSWORD))
    d.relay.reachable = false
    await d.session.start()
    await d.session.signIn('user-wang', PASSWORD)
    expect(d.signedIn().session).toBe('offline')
  })

  it('when the relay answers again: live if the cookie works, else the password again, keeping unsent changes', async () => {
    const d = device({ online: false })
    storeAccount(d.storage, WANG, await createVerifier(PASSWORD))
    await d.session.start()
    await d.session.signIn('user-wang', PASSWORD)
    const db = d.lastDb()
    await db.pending.bulkAdd([{ docId: 'dongshan/child/c1' }, { docId: 'dongshan/child/c1' }])
    const runtime = d.runtimes[0] as FakeRuntime

    // Network back, the cookie expired while away.
    d.relay.online = true
    d.relay.session = undefined
    await d.session.checkSession()
    expect(d.signedIn().session).toBe('expired')
    expect(runtime.network.at(-1)).toBe(false)
    expect(await db.pending.count()).toBe(2)

    expect(await codeOf(d.session.reauthenticate('wrong'))).toBe('bad_credentials')
    expect(d.signedIn().session).toBe('expired')
    await d.session.reauthenticate(PASSWORD)
    expect(d.signedIn().session).toBe('live')
    expect(runtime.network.at(-1)).toBe(true)
    expect(d.runtimes).toHaveLength(1) // the same workspace: nothing was reopened or lost
    expect(await db.pending.count()).toBe(2)
  })

  it('a relay that cannot be reached, or fails, changes nothing; a refusal asks for the password', async () => {
    const d = device()
    await d.session.start()
    await d.session.signIn('user-wang', PASSWORD)
    d.relay.reachable = false
    await d.session.checkSession()
    expect(d.signedIn().session).toBe('live')
    d.relay.reachable = true
    d.relay.meRefusal = 'forbidden'
    await d.session.checkSession()
    expect(d.signedIn().session).toBe('expired')
  })

  it('a relay that still knows the cookie makes the session live without a password', async () => {
    const d = device({ online: false })
    storeAccount(d.storage, WANG, await createVerifier(PASSWORD))
    await d.session.start()
    await d.session.signIn('user-wang', PASSWORD)
    d.relay.online = true
    d.relay.session = { ...WANG, role: 'teacher', user: { ...WANG.user, displayName: '王丽老师' } }
    await d.session.checkSession()
    expect(d.signedIn().session).toBe('live')
    expect(d.signedIn().account.role).toBe('teacher')
    expect((d.runtimes[0] as FakeRuntime).account.user.displayName).toBe('王丽老师')
    expect(loadAccount(d.storage)?.role).toBe('teacher')
  })
})

describe('A4: another account left data on this device', () => {
  async function leftBy(account: Account, pending: number) {
    const d = device()
    const db = openDb(d.dbName)
    await writeOwner(db, account)
    await db.children.put(childRow({ id: 'c1', docId: 'dongshan/child/c1', name: '王小明', classId: '', gender: '', birthDate: '', priority: '', status: 'active', studentNumber: '' }))
    for (let i = 0; i < pending; i++) await db.pending.add({ docId: 'dongshan/child/c1' })
    db.close()
    storeAccount(d.storage, account, await createVerifier(PASSWORD))
    await d.session.start()
    return d
  }

  it('with nothing unsent, it is deleted before the new account sees anything', async () => {
    const d = await leftBy(WANG, 0)
    await d.session.signIn('user-li', PASSWORD)
    expect(d.signedIn().account).toEqual(LI)
    expect(await d.lastDb().children.count()).toBe(0)
    expect(await readOwner(d.lastDb())).toEqual({ userId: 'li', workspace: 'dongshan' })
    expect(loadAccount(d.storage)?.user.id).toBe('li')
  })

  it('with unsent changes, asks first; cancelling signs the new account out and keeps the data', async () => {
    const d = await leftBy(WANG, 3)
    await d.session.signIn('user-li', PASSWORD)
    expect(d.phase()).toEqual({ name: 'switching', account: LI, pending: 3 })
    expect(d.runtimes).toHaveLength(0)
    await d.session.cancelSwitch()
    expect(d.relay.logouts).toBe(1)
    expect(d.phase()).toEqual({ name: 'signed-out', known: WANG })
    const db = openDb(d.dbName)
    expect(await db.pending.count()).toBe(3)
    expect(await readOwner(db)).toEqual({ userId: 'wang', workspace: 'dongshan' })
    db.close()
  })

  it('with unsent changes, confirming deletes them and opens the new account', async () => {
    const d = await leftBy(WANG, 2)
    await d.session.signIn('user-li', PASSWORD)
    await d.session.confirmSwitch()
    expect(d.signedIn().account).toEqual(LI)
    expect(await d.lastDb().pending.count()).toBe(0)
    expect(await d.lastDb().children.count()).toBe(0)
  })
})

describe('A5: signing out', () => {
  it('ends the relay session, deletes the database, the journal and the verifier', async () => {
    const d = device()
    await d.session.start()
    await d.session.signIn('user-wang', PASSWORD)
    const db = d.lastDb()
    await db.pending.add({ docId: 'dongshan/child/c1' })
    d.storage.setItem('shouwang.journal:dongshan/child/c1:1', 'LAQID')
    d.storage.setItem('shouwang.language', 'en')
    const phases: AuthPhase['name'][] = []
    d.session.subscribe(() => phases.push(d.phase().name))
    await d.session.logout()
    expect(phases).toEqual(['leaving', 'signed-out'])
    expect(d.phase()).toEqual({ name: 'signed-out', known: undefined })
    expect(d.relay.logouts).toBe(1)
    expect(d.relay.session).toBeUndefined()
    expect((d.runtimes[0] as FakeRuntime).closed).toBe(true)
    expect([...d.storage.entries().keys()]).toEqual(['shouwang.language'])
    const reopened = openDb(d.dbName)
    expect(await reopened.pending.count()).toBe(0)
    expect(await readOwner(reopened)).toBeUndefined()
    reopened.close()
  })

  it('offline, still deletes everything; the relay session, which outlived it, ends at the next start online', async () => {
    const d = device({ online: false, session: WANG })
    storeAccount(d.storage, WANG, await createVerifier(PASSWORD))
    await d.session.start()
    await d.session.signIn('user-wang', PASSWORD)
    await d.session.logout()
    expect(d.relay.logouts).toBe(0)
    expect(d.storage.length).toBe(0)
    expect(d.phase()).toEqual({ name: 'signed-out', known: undefined })

    // Network back, the page opens again: the cookie still works, but nobody is let in by it.
    d.relay.online = true
    const next = new AuthSession(d.deps)
    await next.start()
    expect(next.getSnapshot()).toEqual({ name: 'signed-out', known: undefined })
    expect(d.relay.logouts).toBe(1)
    expect(d.relay.session).toBeUndefined()
    expect(d.runtimes).toHaveLength(1)
  })
})

describe('L7: the browser wiped the device store', () => {
  it('is noticed at the next sign-in of the account whose data the device held, and only then', async () => {
    const d = device({ session: WANG })
    await d.session.signIn(WANG.user.username, PASSWORD)
    // A first start on this device: nothing was held, so nothing was wiped.
    expect(d.signedIn().wiped).toBe(false)
    d.signedIn().workspace.close()
    // The same database again (a restart): not wiped either.
    const again = new AuthSession(d.deps)
    await again.start()
    expect(again.getSnapshot()).toMatchObject({ name: 'signed-in', wiped: false })
    // The browser evicts IndexedDB but keeps localStorage; the next start has an empty database.
    const db = d.lastDb()
    db.close()
    await db.delete()
    const afterWipe = new AuthSession(d.deps)
    await afterWipe.start()
    expect(afterWipe.getSnapshot()).toMatchObject({ name: 'signed-in', session: 'live', wiped: true })
  })
})
