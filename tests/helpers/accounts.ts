import type { Role } from '../../shared/access'
import type { SessionResponse } from '../../shared/auth-api'
import { signedName } from '../../shared/docs/write-rules'
import type { TestRelay } from './relay'

export const WORKSPACE = 'school-1'

async function post(relay: TestRelay, path: string, body: unknown, token?: string): Promise<Response> {
  return fetch(`${relay.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  })
}

export async function postOk<T>(relay: TestRelay, path: string, body: unknown, token?: string): Promise<T> {
  const response = await post(relay, path, body, token)
  if (!response.ok) throw new Error(`${path} answered ${response.status}: ${await response.text()}`)
  return (await response.json()) as T
}

/** The first coordinator, through the one-time setup token, as a person would on first start. */
export async function setUpCoordinator(relay: TestRelay): Promise<SessionResponse> {
  const token = relay.setupToken()
  if (!token) throw new Error('the relay has no setup token (not empty, or started without access)')
  return postOk(relay, '/api/auth/setup', { token, workspace: WORKSPACE, username: 'wang', displayName: '王校長', password: 'coordinator-pass' })
}

/** A member of the given role, invited by the coordinator and signed in. */
export async function invite(relay: TestRelay, coordinator: string, role: Role, username: string, displayName: string): Promise<SessionResponse> {
  const { token } = await postOk<{ token: string }>(relay, '/api/admin/invites', { role }, coordinator)
  return postOk(relay, '/api/auth/invites/accept', { token, username, displayName, password: `${username}-password` })
}

/** Whom a member's device signs its changes as (client/runtime/session/author.ts): the relay checks it (docs/SPEC.md R1). */
export function authorOf(session: { user: { id: string; displayName: string } }): { id: string; name: string } {
  return { id: session.user.id, name: signedName(session.user.displayName) }
}

export { post }
