import { useEffect, useState } from 'react'
import type { DocumentId } from '../../shared/doc-id'
import type { OpenDoc } from '../sync/workspace'
import { useWorkspace } from './workspace-context'

/** The open document for a view, or undefined while it loads from the local store. */
export function useOpenDoc(docId: DocumentId): OpenDoc | undefined {
  const workspace = useWorkspace()
  const [open, setOpen] = useState<OpenDoc | undefined>(undefined)
  useEffect(() => {
    let live = true
    setOpen(undefined)
    void workspace.open(docId).then((o) => live && setOpen(o))
    return () => {
      live = false
      workspace.release(docId)
    }
  }, [workspace, docId])
  return open
}
