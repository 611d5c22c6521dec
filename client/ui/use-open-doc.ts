import { useEffect, useState } from 'react'
import type { DocumentId } from '../../shared/doc-id'
import type { OpenDoc } from '../runtime/sync/live-docs'
import { useWorkspace } from './use-session'

/** The open document for a view, or undefined while it loads from the local store. */
export function useOpenDoc(docId: DocumentId): OpenDoc | undefined {
  const workspace = useWorkspace()
  const [open, setOpen] = useState<OpenDoc | undefined>(undefined)
  useEffect(() => {
    let live = true
    void workspace.open(docId).then((o) => live && setOpen(o))
    return () => {
      live = false
      workspace.release(docId)
    }
  }, [workspace, docId])
  // A document of another id still in state is on its way out: show nothing rather than it.
  return open?.docId === docId ? open : undefined
}
