/**
 * The device's account session, one state machine for the whole app (views only read it):
 *
 *   starting ─▶ signed-out ─▶ (switching) ─▶ signed-in ─▶ leaving ─▶ signed-out
 *
 * Signed in, the relay's session is `live` (its cookie works), `offline` (opened with the
 * local password verifier, the relay not reached yet) or `expired` (the relay answered and
 * no longer knows this browser: the password is asked again, and nothing unsent is lost,
 * because it waits in IndexedDB `pending` until the sockets are allowed back).
 *
 * Rules kept here:
 * - A1 the workspace opens only for a signed-in member, in that member's workspace.
 * - A2 the device keeps the account and a password verifier, never the password or token.
 * - A3 offline, only the account that signed in on this device last can open its data.
 * - A4 data another account left on the device is never shown: it is deleted first, and if
 *      it holds unsent changes the person signing in is asked before they are thrown away.
 * - A5 signing out ends the relay's session if it can, then deletes the local data; a session
 *      the relay still knows for a device that keeps no account is ended at the next start.
 */
import { AuthErrorCode } from '../../../shared/auth-api'
import type { ShouwangDb } from '../store/db'
import type { DocumentId } from '../../../shared/doc-id'
import {
  accountOf,
  clearAccount,
  loadAccount,
  refreshAccount,
  sameAccount,
  sameUsername,
  storeAccount,
  type Account,
  type AccountStorage,
} from './account-store'
import type { AuthApi } from './auth-client'
import { RelayRequestError, ClientFailure, type FailureCode } from '../sync/relay-http'
import { deleteLocalData, heldBefore, ownedBy, readOwner, rememberHeld, unsentFiles, writeOwner, type KeyedStorage } from '../store/local-data'
import { checkPassword, createVerifier } from './offline-verifier'

export type SessionState = 'live' | 'offline' | 'expired'

/** What the session needs of the signed-in workspace (runtime/workspace.ts is the real one). */
export interface SessionWorkspace {
  /** The local store it works on, deleted at sign-out (A5). */
  readonly db: ShouwangDb
  /** False while the relay's session needs the password again: sockets would only be refused. */
  setNetworkAllowed(allowed: boolean): void
  /** The relay's newer display name (presence and authorship follow it). */
  setAccount(account: Account): void
  close(): void
}

export interface SessionHooks {
  /** After each background round, so the session can look at the relay when rounds fail. */
  onRound(ok: boolean): void
  /** The relay closed a file for good: access ended, or the session did. */
  onAccessEnded(docId: DocumentId): void
  /** The browser wiped this device's database since it last held the account's data (L7). */
  wiped: boolean
}

export type AuthPhase<W extends SessionWorkspace = SessionWorkspace> =
  | { name: 'starting' }
  | { name: 'signed-out'; known: Account | undefined }
  | { name: 'switching'; account: Account; pending: number }
  /** `restored`: opened at page load from the relay's cookie, not by a form. */
  | { name: 'signed-in'; account: Account; session: SessionState; workspace: W; restored: boolean; wiped: boolean }
  | { name: 'leaving' }

export interface AuthDeps<W extends SessionWorkspace = SessionWorkspace> {
  api: Pick<AuthApi, 'me' | 'login' | 'setup' | 'acceptInvite' | 'logout'>
  storage: AccountStorage & KeyedStorage
  isOnline(): boolean
  /** The device's database; a new instance after the old one was deleted. */
  openDb(): ShouwangDb
  openWorkspace(db: ShouwangDb, account: Account, hooks: SessionHooks): W
}

/** Failures that say the relay could not be asked, so the device may answer instead. */
const RELAY_UNREACHABLE: readonly FailureCode[] = [ClientFailure.network, ClientFailure.unexpected]

interface Entering {
  db: ShouwangDb
  account: Account
  session: SessionState
  restored?: boolean
  /** What to keep once the account's data is the one on the device (the verifier, A2). */
  remember: () => void
}

export class AuthSession<W extends SessionWorkspace = SessionWorkspace> {
  private phase: AuthPhase<W> = { name: 'starting' }
  private readonly listeners = new Set<() => void>()
  private entering: Entering | undefined
  private checking: Promise<void> | undefined

  constructor(private readonly deps: AuthDeps<W>) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => void this.listeners.delete(listener)
  }

  getSnapshot = (): AuthPhase<W> => this.phase

  /** At page load: a live cookie opens the workspace at once; otherwise the sign-in form. */
  async start(): Promise<void> {
    const stored = loadAccount(this.deps.storage)
    const known = stored && accountOf(stored)
    let me: Account | undefined
    if (this.deps.isOnline()) {
      try {
        me = await this.relayAccount()
      } catch {
        me = undefined // Unreachable: the form signs in offline.
      }
    }
    if (!me) return this.set({ name: 'signed-out', known })
    if (!stored) {
      // The relay still knows this browser, but the device keeps no account: its member signed
      // out with no network, so the relay's session outlived the sign-out (A5). It ends now;
      // the next person on this device must not walk into it.
      await this.deps.api.logout().catch(() => {})
      return this.set({ name: 'signed-out', known: undefined })
    }
    const refresh = () => {
      if (stored && sameAccount(stored, me)) refreshAccount(this.deps.storage, stored, me)
    }
    try {
      await this.enter({ db: this.deps.openDb(), account: me, session: 'live', restored: true, remember: refresh })
    } catch (error) {
      // The local store would not open (storage blocked or broken): the form reports it on sign-in.
      console.error('opening the local store', error)
      this.set({ name: 'signed-out', known })
    }
  }

  /** The sign-in form: the relay if it answers, else this device's verifier (A3). */
  async signIn(username: string, password: string): Promise<void> {
    if (this.deps.isOnline()) {
      try {
        const me = accountOf(await this.deps.api.login({ username: username.trim(), password }))
        return await this.enterOnline(me, password)
      } catch (error) {
        if (!(error instanceof RelayRequestError) || !RELAY_UNREACHABLE.includes(error.code)) throw error
      }
    }
    const stored = loadAccount(this.deps.storage)
    if (!stored) throw new RelayRequestError(ClientFailure.offlineFirstTime)
    if (!sameUsername(username, stored.user.username)) throw new RelayRequestError(ClientFailure.offlineUnknownUser)
    if (!(await checkPassword(stored.verifier, password))) throw new RelayRequestError(AuthErrorCode.badCredentials)
    await this.enter({ db: this.deps.openDb(), account: accountOf(stored), session: 'offline', remember: () => {} })
  }

  async setup(request: Parameters<AuthApi['setup']>[0]): Promise<void> {
    await this.enterOnline(accountOf(await this.deps.api.setup(request)), request.password)
  }

  async acceptInvite(request: Parameters<AuthApi['acceptInvite']>[0]): Promise<void> {
    await this.enterOnline(accountOf(await this.deps.api.acceptInvite(request)), request.password)
  }

  /** The other account's unsent changes may go: delete them and open this account (A4). */
  async confirmSwitch(): Promise<void> {
    const entering = this.entering
    if (!entering || this.phase.name !== 'switching') return
    this.entering = undefined
    await this.replaceLocalData(entering)
  }

  /** Keep the other account's data: this sign-in is undone. */
  async cancelSwitch(): Promise<void> {
    const entering = this.entering
    if (!entering || this.phase.name !== 'switching') return
    this.entering = undefined
    if (entering.session === 'live') await this.deps.api.logout().catch(() => {})
    entering.db.close()
    this.set({ name: 'signed-out', known: this.known() })
  }

  /**
   * Asks the relay whether this browser's session still works (network back, a failed round):
   * live again, or expired so the password must be typed. Unreachable changes nothing.
   */
  checkSession(): Promise<void> {
    this.checking ??= this.check().finally(() => (this.checking = undefined))
    return this.checking
  }

  /** The password again, for the signed-in account whose relay session expired. */
  async reauthenticate(password: string): Promise<void> {
    const phase = this.phase
    if (phase.name !== 'signed-in') return
    const me = accountOf(await this.deps.api.login({ username: phase.account.user.username, password }))
    if (this.phase !== phase) return
    if (!sameAccount(me, phase.account)) {
      // The username now names another account: never let it see this one's data (A4).
      phase.workspace.close()
      return this.enterOnline(me, password)
    }
    storeAccount(this.deps.storage, me, await createVerifier(password))
    this.goLive(phase, me)
  }

  /** Signs out and removes this workspace's data from the device (A5). Views warn first. */
  async logout(): Promise<void> {
    const phase = this.phase
    if (phase.name !== 'signed-in') return
    this.set({ name: 'leaving' })
    // The workspace first: the relay closes this user's sockets when the session ends, and the
    // open files must not take that for an ended access and start moving data about.
    phase.workspace.close()
    if (this.deps.isOnline()) await this.deps.api.logout().catch(() => {})
    await deleteLocalData(phase.workspace.db, this.deps.storage)
    clearAccount(this.deps.storage)
    this.set({ name: 'signed-out', known: undefined })
  }

  private async enterOnline(me: Account, password: string): Promise<void> {
    const verifier = await createVerifier(password)
    await this.enter({ db: this.deps.openDb(), account: me, session: 'live', remember: () => storeAccount(this.deps.storage, me, verifier) })
  }

  private async enter(entering: Entering): Promise<void> {
    const { db, account } = entering
    const owner = await readOwner(db)
    if (!ownedBy(owner, account)) {
      // Changes kept aside when an access ended are that account's too, and on this device only.
      const pending = (await unsentFiles(db)).reduce((sum, file) => sum + file.count, 0)
      if (pending > 0) {
        this.entering = entering
        return this.set({ name: 'switching', account, pending })
      }
      return this.replaceLocalData(entering)
    }
    // No owner, yet the device held this account's data: the browser wiped the database (L7).
    const wiped = owner === undefined && heldBefore(this.deps.storage, account)
    await writeOwner(db, account)
    rememberHeld(this.deps.storage, account)
    entering.remember()
    const current = () => {
      const now = this.phase
      return now.name === 'signed-in' && now.workspace === workspace ? now : undefined
    }
    const workspace = this.deps.openWorkspace(db, account, {
      onRound: (ok) => {
        const now = current()
        if (now && (!ok || now.session !== 'live')) void this.checkSession()
      },
      // The relay closes a file's socket when access ends, and also when the session did.
      onAccessEnded: () => void (current() && this.checkSession()),
      wiped,
    })
    this.set({ name: 'signed-in', account, session: entering.session, workspace, restored: entering.restored ?? false, wiped })
  }

  private async replaceLocalData(entering: Entering): Promise<void> {
    await deleteLocalData(entering.db, this.deps.storage)
    clearAccount(this.deps.storage)
    await this.enter({ ...entering, db: this.deps.openDb() })
  }

  private async check(): Promise<void> {
    if (!this.deps.isOnline()) return
    let me: Account | undefined
    try {
      me = await this.relayAccount()
    } catch (error) {
      // Unreachable or failing: nothing learnt. Any other answer is a refusal of this browser.
      if (!(error instanceof RelayRequestError) || RELAY_UNREACHABLE.includes(error.code)) return
    }
    const phase = this.phase
    if (phase.name !== 'signed-in') return
    if (me && sameAccount(me, phase.account)) {
      const stored = loadAccount(this.deps.storage)
      if (stored && sameAccount(stored, me)) refreshAccount(this.deps.storage, stored, me)
      return this.goLive(phase, me)
    }
    phase.workspace.setNetworkAllowed(false)
    if (phase.session !== 'expired') this.set({ ...phase, session: 'expired' })
  }

  private goLive(phase: Extract<AuthPhase<W>, { name: 'signed-in' }>, me: Account): void {
    if (me.user.displayName !== phase.account.user.displayName) phase.workspace.setAccount(me)
    phase.workspace.setNetworkAllowed(true)
    if (phase.session !== 'live' || me.role !== phase.account.role || me.user.displayName !== phase.account.user.displayName) {
      this.set({ ...phase, account: me, session: 'live' })
    }
  }

  private async relayAccount(): Promise<Account | undefined> {
    const me = await this.deps.api.me()
    return me && accountOf(me)
  }

  private known(): Account | undefined {
    const stored = loadAccount(this.deps.storage)
    return stored && accountOf(stored)
  }

  private set(phase: AuthPhase<W>): void {
    this.phase = phase
    for (const listener of this.listeners) listener()
  }
}
