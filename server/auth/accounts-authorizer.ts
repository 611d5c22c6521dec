/**
 * The accounts Authorizer, as `npm start` runs it: a caller is the member behind a live
 * session (cookie or bearer token) in access.db; what they may do is shared/access.ts's table
 * with the scope tables (authorize.ts); opening and changing files goes to the audit trail;
 * its routes are the account API (http/auth-api.ts). On an empty data folder it makes the
 * one-time setup token for the first coordinator.
 */
import { parseDocumentId } from '../../shared/doc-id'
import type { AccessStore } from './access-store'
import type { Authorizer, Caller } from './authorizer'
import { accessToDocument, listMarks, managesDocument, principalOf, readScope, writerOf, type Principal } from './authorize'
import { learnChildFacts } from './learn-facts'
import { OpeningLimits } from './opening-limits'
import { hashToken, newToken } from './tokens'
import { authApi } from '../http/auth-api'
import { requestToken } from '../http/session'
import type { Logger } from '../log'

export interface AccountsAuthorizerOptions {
  access: AccessStore
  log: Logger
  /** Cookies over plain http on a village laptop must not be marked Secure. */
  secureCookies?: boolean
}

export function accountsAuthorizer({ access, log, secureCookies }: AccountsAuthorizerOptions): Authorizer {
  // First start on an empty data folder: a one-time link to create the first coordinator.
  let setupToken = access.isEmpty() ? newToken() : undefined
  // One stored opening per member, file and few minutes, however many sockets (SPEC N4).
  const openings = new OpeningLimits()

  const callerFor = (who: Principal): Caller => ({
    identity: { id: who.user.id, name: who.user.displayName },
    access: (docId) => accessToDocument(access, who, docId),
    mayList: (workspace) => who.workspace === workspace,
    writer: (docId) => writerOf(access, who, docId),
    mayManage: (docId) => managesDocument(who, docId),
    readScope: () => readScope(access, who),
    listMarks: () => listMarks(access, who),
    audit: (docId, action) => {
      if (action === 'opened' && !openings.store(who.user.id, docId)) return
      access.audit(who.workspace, who.user.id, docId, action)
    },
    again: () => {
      // The same session, still live, still the same person (a token is never reissued, but be sure).
      const now = principalOf(access, who.token)
      return now && now.user.id === who.user.id ? callerFor(now) : undefined
    },
  })

  return {
    callerOf(c) {
      const who = principalOf(access, requestToken(c))
      return who ? callerFor(who) : undefined
    },
    routes: ({ onAccessChanged, isErased, editDocument }) =>
      authApi({
        access,
        log,
        setupTokenHash: () => (setupToken ? hashToken(setupToken) : undefined),
        onSetupDone: () => (setupToken = undefined),
        onAccessChanged,
        isErased,
        editDocument,
        ...(secureCookies !== undefined ? { secureCookies } : {}),
      }),
    setupToken: () => setupToken,
    forget(docId) {
      const parsed = parseDocumentId(docId)
      // The scope tables are keyed by the child's id; no other kind has rows there.
      if (parsed?.key !== undefined) access.forgetChild(parsed.workspace, parsed.key)
    },
    learn(docId, facts, by) {
      const parsed = parseDocumentId(docId)
      // Only a child's file has access facts (shared/docs/child/access-facts.ts), keyed by the child's id.
      if (parsed?.key === undefined) return []
      return learnChildFacts(access, parsed.workspace, parsed.key, facts, by ?? null)
    },
  }
}
