/**
 * Transaction origins: who made a change to a Y.Doc, as one typed union. A person's edit on
 * this device (`localEdit`, a form or the Tiptap editor) is stored, counted as pending and
 * sent; the others came from elsewhere and are only stored (client/runtime/store/doc-persistence.ts).
 */
export const Origin = {
  /** A person's edit on this device. */
  localEdit: 'origin:local-edit',
  /** Applying what the local store already holds, when a document opens. */
  localStore: 'origin:local-store',
  /** Updates pulled by background catch-up from the relay. */
  backgroundSync: 'origin:background-sync',
} as const
export type OwnOrigin = (typeof Origin)[keyof typeof Origin]

/**
 * Every origin a change may carry: one of ours, or the live socket (y-websocket's provider
 * applies the relay's updates with itself as the origin), which is a remote one.
 */
export type TransactionOrigin = OwnOrigin | RemoteOrigin

/** The object a live connection applies remote updates under (its provider). */
export type RemoteOrigin = object
