/**
 * Accounts over HTTP: first-run setup, sign-in and out, invites, and the coordinators'
 * tools (members, roles, classes, pairings, ending sessions, reading the audit trail).
 * Every change of access calls `onAccessChanged`, so live connections are re-checked at once.
 */
import { Hono, type Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { deleteCookie, setCookie } from 'hono/cookie'
import {
  AcceptInviteRequest,
  PeekInviteRequest,
  AuditReport,
  AuthErrorCode,
  ChildClassRequest,
  ClassRequest,
  InviteRequest,
  LoginRequest,
  PairingRequest,
  RoleRequest,
  SESSION_COOKIE,
  SetupRequest,
  type FilingClasses,
  type SessionResponse,
} from '../../shared/auth-api'
import { childDocumentId, parseDocumentId, settingsDocumentId, toWorkspaceId } from '../../shared/doc-id'
import type { AccessStore, User } from '../auth/access-store'
import { accessToDocument, principalOf, writerOf, type Principal } from '../auth/authorize'
import { hashPassword, verifyPassword } from '../auth/password'
import { hashToken } from '../auth/tokens'
import { SignInThrottle } from '../auth/sign-in-throttle'
import { ReportLimits, reportedTime } from './report-limits'
import { getConnInfo } from '@hono/node-server/conninfo'
import type { Logger } from '../log'
import type { AuthorizerHooks } from '../auth/authorizer'
import type * as Y from 'yjs'
import { dayBefore, workspaceToday } from '../../shared/dates'
import { activePairings, endPairing, pairAccount, readPairings } from '../../shared/docs/child/pairings'
import { signedName } from '../../shared/docs/write-rules'
import { ApiErrorCode } from '../../shared/api'
import { MAX_UNAUTHENTICATED_BODY_BYTES } from '../../shared/limits'
import { apiError, readBody } from './errors'
import { membersApi, refuseLastCoordinator } from './members-api'
import { requestToken, requireMember } from './session'

export interface AuthApiOptions {
  access: AccessStore
  log: Logger
  /** The one-time setup token's hash while no account exists. */
  setupTokenHash: () => string | undefined
  onSetupDone: () => void
  onAccessChanged: (userId?: string) => void
  /** Changes a document through the relay's commit path (the pairings of a child's file: docs/SPEC.md P5). */
  editDocument: AuthorizerHooks['editDocument']
  /** Whether a document was erased: nothing is filed, paired or reported for it again (docs/SPEC.md E6). */
  isErased: (docId: string) => Promise<boolean>
  /** Cookies over plain http on a village laptop must not be marked Secure. */
  secureCookies?: boolean
}


export function authApi(options: AuthApiOptions) {
  const { access, log } = options
  const api = new Hono()
  const throttle = new SignInThrottle()
  const reports = new ReportLimits()
  // Whoever calls these has not signed in yet: a small body, read before anything else (SPEC Q6).
  api.use(
    '/auth/*',
    bodyLimit({
      maxSize: MAX_UNAUTHENTICATED_BODY_BYTES,
      onError: () => {
        throw apiError(413, ApiErrorCode.tooLarge, 'request body too large')
      },
    }),
  )
  /** The peer's address as the socket has it; behind a proxy, the proxy's (no forwarded header is trusted). */
  const addressOf = (c: Context): string => {
    try {
      return getConnInfo(c).remote.address ?? 'unknown'
    } catch {
      return 'unknown'
    }
  }

  const overHttps = (c: Context) => new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https'
  const startSession = (c: Context, user: User, workspace: string): SessionResponse => {
    const role = access.roleIn(user.id, workspace)
    if (!role) throw apiError(403, AuthErrorCode.forbidden, 'no membership')
    const { token, expiresAt } = access.createSession(user.id)
    setCookie(c, SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'Strict',
      path: '/',
      // Secure whenever the page came over HTTPS (directly or through a proxy that says so), so the
      // cookie never travels in clear; a village laptop's plain http keeps working (SPEC N3).
      secure: options.secureCookies ?? overHttps(c),
      expires: new Date(expiresAt),
    })
    return { user, workspace, role, token, expiresAt }
  }

  const member = (c: Context): Principal => requireMember(access, c)
  /** A coordinator's tools act only on members of their own workspace. */
  const requireTargetMember = (who: Principal, userId: string) => {
    if (!access.roleIn(userId, who.workspace)) throw apiError(404, AuthErrorCode.forbidden, 'not a member')
  }
  /** An erased child's file takes no class, pairing or report again (its rows were deleted with it). */
  const refuseErased = async (docId: string) => {
    if (await options.isErased(docId)) throw apiError(403, ApiErrorCode.erased, 'the file was erased')
  }
  const requireCoordinator = (c: Context): Principal => {
    const who = member(c)
    if (who.role !== 'coordinator') throw apiError(403, AuthErrorCode.forbidden, 'coordinators only')
    return who
  }

  api.get('/auth/state', (c) => c.json({ needsSetup: access.isEmpty() }))

  api.post('/auth/setup', async (c) => {
    const body = await readBody(c, SetupRequest)
    const expected = options.setupTokenHash()
    if (!access.isEmpty() || !expected) throw apiError(409, AuthErrorCode.setupDone, 'already set up')
    if (hashToken(body.token) !== expected) throw apiError(403, AuthErrorCode.inviteInvalid, 'wrong setup token')
    const user = access.createUser(body.username, body.displayName, await hashPassword(body.password))
    access.setRole(body.workspace, user.id, 'coordinator')
    options.onSetupDone()
    log.info('auth.setup-done', { workspace: body.workspace })
    return c.json(startSession(c, user, body.workspace))
  })

  api.post('/auth/login', async (c) => {
    const body = await readBody(c, LoginRequest)
    const key = body.username.toLowerCase()
    const address = addressOf(c)
    // Slowed, never locked (SPEC N2): the wait is said, and the device shows it.
    const wait = throttle.wait(key, address)
    if (wait > 0) {
      c.header('Retry-After', String(Math.ceil(wait / 1000)))
      throw apiError(429, AuthErrorCode.tooManyAttempts, 'too many failed sign-ins')
    }
    const row = access.userByName(body.username)
    // A missing user costs a hash too, so timing does not tell which usernames exist.
    const ok = row ? await verifyPassword(body.password, row.password_hash) : (await hashPassword(body.password), false)
    const membership = row ? access.memberships(row.id)[0] : undefined
    // Told only to whoever knows the password: a removed member is not a wrong password (SPEC M3).
    if (ok && row && !membership && access.isRemoved(row.id)) throw apiError(403, AuthErrorCode.memberRemoved, 'removed from the workspace')
    if (!ok || !row || !membership) {
      throttle.failed(key, address)
      log.warn('auth.login-failed', {})
      throw apiError(401, AuthErrorCode.badCredentials, 'wrong username or password')
    }
    throttle.succeeded(key, address)
    return c.json(startSession(c, { id: row.id, username: row.username, displayName: row.display_name }, membership.workspace))
  })

  api.post('/auth/logout', (c) => {
    const token = requestToken(c)
    if (token) {
      const who = principalOf(access, token)
      access.endSession(token)
      if (who) options.onAccessChanged(who.user.id)
    }
    deleteCookie(c, SESSION_COOKIE, { path: '/' })
    return c.json({ ok: true })
  })

  api.get('/auth/me', (c) => {
    const who = member(c)
    return c.json({ user: who.user, workspace: who.workspace, role: who.role })
  })

  // The same rule as /admin/child-class below, so a device offers only what the relay will take.
  api.get('/auth/classes', (c) => {
    const who = member(c)
    const answer: FilingClasses =
      who.role === 'coordinator'
        ? { anyClass: true, classes: [] }
        : { anyClass: false, classes: who.role === 'teacher' ? access.classesOf(who.workspace, who.user.id) : [] }
    return c.json(answer)
  })

  // The token in the body, not the path: paths end up in logs, of this relay or of a proxy.
  api.post('/auth/invites/peek', async (c) => {
    const { token } = await readBody(c, PeekInviteRequest)
    const invite = access.peekInvite(token)
    if (!invite) throw apiError(404, AuthErrorCode.inviteInvalid, 'invite not usable')
    return c.json(invite)
  })

  api.post('/auth/invites/accept', async (c) => {
    const body = await readBody(c, AcceptInviteRequest)
    // No password is hashed for an invite that is not usable: a stranger's guesses cost no scrypt (SPEC Q6).
    if (!access.peekInvite(body.token)) throw apiError(404, AuthErrorCode.inviteInvalid, 'invite not usable')
    if (access.userByName(body.username)) throw apiError(409, AuthErrorCode.usernameTaken, 'username taken')
    const user = access.acceptInvite(body.token, body.username, body.displayName, await hashPassword(body.password), body.phone ?? undefined)
    if (!user) throw apiError(404, AuthErrorCode.inviteInvalid, 'invite not usable')
    const workspace = access.memberships(user.id)[0]?.workspace as string
    log.info('auth.invite-accepted', { workspace })
    return c.json(startSession(c, user, workspace))
  })

  api.post('/admin/invites', async (c) => {
    const who = requireCoordinator(c)
    const { role } = await readBody(c, InviteRequest)
    return c.json({ token: access.createInvite(who.workspace, role, who.user.id) })
  })

  api.get('/admin/members', (c) => {
    const who = requireCoordinator(c)
    return c.json(access.members(who.workspace))
  })

  api.post('/admin/users/:id/end-sessions', (c) => {
    const who = requireCoordinator(c)
    const userId = c.req.param('id')
    requireTargetMember(who, userId)
    const ended = access.endAllSessions(userId)
    options.onAccessChanged(userId)
    return c.json({ ended })
  })

  api.post('/admin/roles', async (c) => {
    const who = requireCoordinator(c)
    const body = await readBody(c, RoleRequest)
    requireTargetMember(who, body.userId)
    if (body.role !== 'coordinator') refuseLastCoordinator(access, who.workspace, body.userId)
    access.setRole(who.workspace, body.userId, body.role)
    options.onAccessChanged(body.userId)
    return c.json({ ok: true })
  })

  api.post('/admin/classes', async (c) => {
    const who = requireCoordinator(c)
    const body = await readBody(c, ClassRequest)
    requireTargetMember(who, body.userId)
    if (body.assigned) access.assignClass(who.workspace, body.userId, body.classId)
    else access.unassignClass(who.workspace, body.userId, body.classId)
    options.onAccessChanged(body.userId)
    return c.json({ ok: true })
  })

  api.post('/admin/child-class', async (c) => {
    const who = member(c)
    const body = await readBody(c, ChildClassRequest)
    const docId = childDocumentId(toWorkspaceId(who.workspace), body.childId)
    // A teacher files a child into one of their own classes, and may move only their own children.
    const allowed =
      who.role === 'coordinator' ||
      (who.role === 'teacher' &&
        access.teachesClass(who.workspace, who.user.id, body.classId) &&
        (access.childClass(who.workspace, body.childId) === undefined || accessToDocument(access, who, docId) === 'write'))
    if (!allowed) throw apiError(403, AuthErrorCode.notYourClass, 'not your class')
    await refuseErased(docId)
    access.setChildClass(who.workspace, body.childId, body.classId)
    options.onAccessChanged()
    return c.json({ ok: true })
  })

  // The pairing is written into the child's file, the one record of pairings: the relay's access
  // follows it from there, as it follows a pairing a coordinator's device wrote (docs/SPEC.md P5).
  api.post('/admin/pairings', async (c) => {
    const who = requireCoordinator(c)
    const body = await readBody(c, PairingRequest)
    requireTargetMember(who, body.userId)
    const docId = childDocumentId(toWorkspaceId(who.workspace), body.childId)
    const erased = await options.isErased(docId)
    if (body.paired && erased) throw apiError(403, ApiErrorCode.erased, 'the file was erased')
    if (!erased) {
      const member = access.user(body.userId)
      const today = workspaceToday()
      const ctx = { author: { id: who.user.id, name: signedName(who.user.displayName) }, today, now: Date.now() }
      const edit = (doc: Y.Doc) => {
        if (body.paired) {
          pairAccount(doc, { userId: body.userId, name: (member?.displayName ?? body.userId).slice(0, 40), kind: body.kind ?? 'caringMother', from: today }, ctx)
          return
        }
        // Ended as of yesterday, its last day: from today the member no longer opens the file.
        for (const p of activePairings(readPairings(doc), today)) if (p.userId === body.userId) endPairing(doc, p.id, dayBefore(today), ctx)
      }
      // Written as the coordinator, and judged so, as their device's write would be (docs/SPEC.md R1).
      await options.editDocument(docId, edit, writerOf(access, who, docId)).catch((error: unknown) => {
        throw apiError(503, ApiErrorCode.storageFailed, `the pairing could not be written: ${error instanceof Error ? error.message : String(error)}`)
      })
    }
    // A pairing made here before files held them ends too.
    if (!body.paired) access.unpair(who.workspace, body.userId, body.childId)
    options.onAccessChanged(body.userId)
    return c.json({ ok: true })
  })

  api.post('/audit', async (c) => {
    const who = member(c)
    const body = await readBody(c, AuditReport)
    if (!parseDocumentId(body.docId) || accessToDocument(access, who, body.docId) === 'none') {
      throw apiError(403, AuthErrorCode.forbidden, 'not your file')
    }
    await refuseErased(body.docId)
    // The turn of the year is a coordinator's step on the settings, and names its term (SPEC Y6).
    if (body.action === 'rolledOver' && (who.role !== 'coordinator' || body.docId !== settingsDocumentId(toWorkspaceId(who.workspace)) || !body.term)) {
      throw apiError(403, AuthErrorCode.forbidden, 'only a coordinator rolls the workspace over')
    }
    // Reports cannot blind the trail (report-limits.ts, SPEC N4): repeats are not stored, floods wait.
    const at = reportedTime(body.at, Date.now())
    const verdict = reports.check(who.user.id, body.docId, body.action, at ?? undefined)
    if (!verdict.store && verdict.reason === 'tooMany') {
      // The reader of the trail sees that reports were refused, and how many (SPEC N4).
      const refused = reports.refusedRow(who.user.id)
      if (refused !== undefined) access.audit(who.workspace, who.user.id, null, 'reportsRefused', null, String(refused))
      c.header('Retry-After', String(Math.ceil(verdict.retryAfterMs / 1000)))
      throw apiError(429, AuthErrorCode.tooManyAttempts, 'too many reports')
    }
    if (!verdict.store) return c.json({ ok: true })
    access.audit(who.workspace, who.user.id, body.docId, body.action, at, body.action === 'rolledOver' ? (body.term ?? null) : null)
    return c.json({ ok: true })
  })

  // Members, invites and the readable audit trail (members-api.ts).
  api.route('/', membersApi({ access, log, onAccessChanged: options.onAccessChanged }))

  return api
}
