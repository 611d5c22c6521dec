/**
 * The relay's account API, defined once for both sides with zod.
 *
 * - GET  /api/auth/state                   { needsSetup } (true until the first account exists)
 * - POST /api/auth/setup    SetupRequest   first coordinator, with the one-time setup token the relay printed
 * - POST /api/auth/login    LoginRequest   -> SessionResponse; sets the HttpOnly session cookie
 * - POST /api/auth/logout                  ends this session, clears the cookie
 * - GET  /api/auth/me                      -> Me (401 without a live session)
 * - GET  /api/auth/classes                 -> FilingClasses: the classes this member may file a child into
 * - POST /api/auth/invites/peek { token }  -> InviteInfo (workspace, role) if usable
 * - POST /api/auth/invites/accept AcceptInviteRequest -> SessionResponse; sets the cookie
 * - POST /api/admin/invites InviteRequest  -> { token } (coordinators)
 * - GET  /api/admin/members                -> Member[] (coordinators)
 * - POST /api/admin/users/:id/end-sessions (coordinators): ends every session of that user
 * - POST /api/admin/roles   { userId, role }              (coordinators)
 * - POST /api/admin/classes { userId, classId, assigned } (coordinators): a teacher's classes
 * - POST /api/admin/child-class { childId, classId }    (coordinators and teachers of that class;
 *                                                          else 403 `not_your_class`)
 * - POST /api/admin/pairings { userId, childId, paired, kind? } (coordinators): written into the child's file
 * - GET  /api/admin/audit and the members' routes: shared/members-api.ts
 * - POST /api/audit { docId, action: 'viewed' | 'exported' } (any member, for files they may read);
 *   { docId: <ws>/settings, action: 'rolledOver', term } (coordinators: the turn of the year, SPEC Y6)
 *
 * Tokens travel in request bodies, headers or the cookie, never in a URL path or query that
 * a server would log; links carry them after '#', which browsers never send.
 */
import { z } from 'zod'
import { ROLES } from './access'
import { PAIRING_KINDS } from './docs/child/pairings'
import { MAX_DOCUMENT_ID_LENGTH } from './doc-id'
import { DocumentKeySchema, TokenSchema, WorkspaceIdSchema } from './ids'
import { AccountPhone } from './validation/account-phone'

export const SESSION_COOKIE = 'shouwang_session'

/** Paths the device calls on behalf of documents (runtime/sync/outbox.ts), named once. */
export const ApiPath = {
  childClass: '/api/admin/child-class',
  audit: '/api/audit',
  filingClasses: '/api/auth/classes',
} as const

const token = TokenSchema
export const Username = z.string().trim().min(2).max(40).regex(/^[\p{L}\p{N}._-]+$/u, 'letters, digits, . _ - only')
export const DisplayName = z.string().trim().min(1).max(40)
/** Password lengths: one place for the form, the API and the hashing (a megabyte password would be a cheap denial of service). */
export const PASSWORD_MIN = 8
export const PASSWORD_MAX = 200
export const Password = z.string().min(PASSWORD_MIN).max(PASSWORD_MAX)
export const RoleSchema = z.enum(ROLES)
export const WorkspaceSchema = WorkspaceIdSchema

export const SetupRequest = z.object({ token, workspace: WorkspaceSchema, username: Username, displayName: DisplayName, password: Password })
export const LoginRequest = z.object({ username: Username, password: z.string().min(1).max(PASSWORD_MAX) })
export const PeekInviteRequest = z.object({ token })
/** `phone`: the new member's own, optional (docs/SPEC.md M1). */
export const AcceptInviteRequest = z.object({ token, username: Username, displayName: DisplayName, password: Password, phone: AccountPhone.optional() })
export const InviteRequest = z.object({ role: RoleSchema })
export const RoleRequest = z.object({ userId: z.string().max(64), role: RoleSchema })
/** A class is named by its id in the settings document (docs/SPEC.md P1), never by its typed name. */
export const ClassId = DocumentKeySchema
export const ClassRequest = z.object({ userId: z.string().max(64), classId: ClassId, assigned: z.boolean() })
export const ChildClassRequest = z.object({ childId: DocumentKeySchema, classId: ClassId })

/**
 * Which classes this member may file a new child into: any, for a coordinator; a teacher's own
 * (the relay refuses any other with `not_your_class`); none for the other roles. The device
 * offers only these, and keeps the answer for when it is offline.
 */
export const FilingClasses = z.object({ anyClass: z.boolean(), classes: z.array(ClassId).max(500) })
export type FilingClasses = z.infer<typeof FilingClasses>
/** `kind`: what the member is to the child (a caring mother unless said); the pairing is written into the child's file (docs/SPEC.md P5). */
export const PairingRequest = z.object({ userId: z.string().max(64), childId: DocumentKeySchema, paired: z.boolean(), kind: z.enum(PAIRING_KINDS).optional() })
/** `at`: when it happened on the device (ms), which may be days before a village device reports it. */
export const AuditReport = z.object({
  docId: z.string().max(MAX_DOCUMENT_ID_LENGTH),
  action: z.enum(['viewed', 'exported', 'rolledOver']),
  at: z.number().int().positive().optional(),
  /** For 'rolledOver': the term rolled to (shared/docs/settings/term-code.ts), the row's detail. */
  term: z.string().regex(/^\d{4}-(spring|autumn)$/).optional(),
})

export const Me = z.object({
  user: z.object({ id: z.string(), username: z.string(), displayName: z.string() }),
  workspace: z.string(),
  role: RoleSchema,
})
export type Me = z.infer<typeof Me>

/** The bearer token is for non-browser clients; browsers use the HttpOnly cookie set alongside. */
export const SessionResponse = Me.extend({ token: z.string(), expiresAt: z.number() })
export type SessionResponse = z.infer<typeof SessionResponse>

export const InviteInfo = z.object({ workspace: z.string(), role: RoleSchema })

export const AuthErrorCode = {
  notSignedIn: 'not_signed_in',
  forbidden: 'forbidden',
  badCredentials: 'bad_credentials',
  usernameTaken: 'username_taken',
  inviteInvalid: 'invite_invalid',
  setupDone: 'setup_done',
  tooManyAttempts: 'too_many_attempts',
  /** A child filed into a class that is not one of this teacher's. */
  notYourClass: 'not_your_class',
  /** The member was removed from the workspace: sign-in and every API refuse them (docs/SPEC.md M3). */
  memberRemoved: 'member_removed',
  /** The change would leave the workspace without a coordinator (docs/SPEC.md M4). */
  lastCoordinator: 'last_coordinator',
} as const
export type AuthErrorCode = (typeof AuthErrorCode)[keyof typeof AuthErrorCode]

export const AuditEntrySchema = z.object({
  seq: z.number(),
  at: z.number(),
  reportedAt: z.number().optional(),
  detail: z.string().optional(),
  workspace: z.string(),
  userId: z.string().nullable(),
  docId: z.string().nullable(),
  action: z.string(),
})
export type AuditEntry = z.infer<typeof AuditEntrySchema>
