/**
 * Transaction origins that are not the user's own edit. Anything else that changes a
 * document (a form, the Tiptap editor) is a local edit, which the client must store and send.
 */
export const Origin = {
  /** Applying what the local store already holds, when a document opens. */
  localStore: 'origin:local-store',
  /** Updates pulled by background catch-up from the relay. */
  backgroundSync: 'origin:background-sync',
} as const
export type Origin = (typeof Origin)[keyof typeof Origin]

/** The origin of a form edit in the UI. */
export const LOCAL_EDIT = 'origin:local-edit'
