/**
 * Files whose changes the relay refused (docs/SPEC.md S7): read-only for this user (a socket's
 * "permission denied: read-only", or background catch-up finding a file with pending changes
 * read-only), or a change the file's rules do not allow this user (SPEC D3: permission denied
 * with the rule's name, 403 over HTTP), or past one of the relay's limits. Their changes stay on the device; the app says why. A
 * file leaves the list once the relay saves its changes (a clean socket's saved answer, a push)
 * or the file leaves the device. Kept in memory: after a reload the relay refuses again, and says so.
 */
import type { DocumentId } from '../../../shared/doc-id'

/** Read-only for this user; a change the file's rules refuse; a change past one of the relay's limits (docs/SECURITY.md). */
export type Refusal = 'readOnly' | 'rules' | 'limit'

export interface RefusedFile {
  docId: DocumentId
  refusal: Refusal
  /** The relay's reason (a rule's or a limit's name), shown through `refusal.<reason>`; absent when it gave none. */
  reason?: string
}

export class RefusedFiles {
  private files: readonly RefusedFile[] = []
  private readonly listeners = new Set<() => void>()

  mark(docId: DocumentId, refusal: Refusal, reason?: string): void {
    if (this.files.some((f) => f.docId === docId && f.refusal === refusal && f.reason === reason)) return
    const file: RefusedFile = reason === undefined ? { docId, refusal } : { docId, refusal, reason }
    this.set([...this.files.filter((f) => f.docId !== docId), file])
  }

  clear(docId: DocumentId): void {
    if (this.files.some((f) => f.docId === docId)) this.set(this.files.filter((f) => f.docId !== docId))
  }

  has(docId: string): boolean {
    return this.files.some((f) => f.docId === docId)
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => void this.listeners.delete(listener)
  }

  /** The same array until the list changes (for useSyncExternalStore). */
  getSnapshot = (): readonly RefusedFile[] => this.files

  private set(files: readonly RefusedFile[]): void {
    this.files = files
    for (const listener of this.listeners) listener()
  }
}
