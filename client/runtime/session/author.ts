/**
 * Who is writing on this device: the signed-in member's id and display name, the author of
 * every change made in this session, and their presence (name and colour) for others. Held
 * by the signed-in workspace (runtime/workspace.ts), never in a module-level variable, so
 * two workspaces (tests, a switch of account) never share one.
 */
import { signedName } from '../../../shared/docs/write-rules'
import type { UserPresence } from '../sync/live-docs'

export interface SignedInUser {
  id: string
  displayName: string
}

export interface Author {
  id: string
  name: string
}

const COLORS = ['#c0392b', '#2471a3', '#1e8449', '#9a7d0a', '#7d3c98', '#ca6f1e', '#117864', '#b03a2e']

/** Each person keeps their colour: it is derived from the name. */
export function colorFor(name: string): string {
  let h = 0
  for (const ch of name) h = (h * 31 + (ch.codePointAt(0) ?? 0)) >>> 0
  return COLORS[h % COLORS.length] as string
}

export class SignedInAuthor {
  private author: Author
  private presence: UserPresence
  private readonly listeners = new Set<() => void>()

  constructor(user: SignedInUser) {
    this.author = { id: '', name: '' }
    this.presence = { name: '', color: COLORS[0] as string }
    this.set(user)
  }

  set(user: SignedInUser): void {
    // The name every change is signed with, as the relay expects it (docs/SPEC.md R1).
    const name = signedName(user.displayName)
    if (name === this.author.name && user.id === this.author.id) return
    this.author = { id: user.id, name }
    this.presence = { name, color: colorFor(name) }
    for (const listener of this.listeners) listener()
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => void this.listeners.delete(listener)
  }

  getAuthor = (): Author => this.author

  getPresence = (): UserPresence => this.presence
}
