import { useEffect, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { useLive } from '../../ui/use-live'
import { useWorkspace } from '../../ui/use-session'

type Availability = 'checking' | 'open' | 'noAccess' | 'notHere' | 'erased'

/**
 * A file on the device opens at once. One that is not (a link from a colleague) opens only
 * if the relay says this user may read it: otherwise an empty, editable file would appear,
 * whose edits could never be sent.
 */
function useAvailability(childId: string, docId: string): Availability {
  const workspace = useWorkspace()
  const [remote, setRemote] = useState<{ docId: string; answer: Availability } | null>(null)
  const local = useLive(async () => ((await workspace.queries.child(childId)) ? 'open' : 'absent'), [childId])
  useEffect(() => {
    if (local !== 'absent') return
    let live = true
    if (!navigator.onLine) {
      setTimeout(() => live && setRemote({ docId, answer: 'notHere' }))
    } else {
      workspace
        .accessOf([docId])
        .then((access) => {
          const level = access[docId]
          if (live) setRemote({ docId, answer: level === 'read' || level === 'write' ? 'open' : level === 'none' ? 'noAccess' : level === 'erased' ? 'erased' : 'notHere' })
        })
        .catch(() => live && setRemote({ docId, answer: 'notHere' }))
    }
    return () => {
      live = false
    }
  }, [local, docId, workspace])
  if (local === undefined) return 'checking'
  if (local === 'open') return 'open'
  return remote?.docId === docId ? remote.answer : 'checking'
}

/**
 * A child's file, or why it does not open: shared by the file's page and its print view, so
 * both open exactly what this person may read, from the device first (SPEC F1).
 */
export function FileGate({ childId, docId, children }: { childId: string; docId: string; children: ReactNode }) {
  const { t } = useTranslation()
  const availability = useAvailability(childId, docId)
  return (
    <>
      {availability === 'open' && children}
      {availability === 'checking' && <p>{t('child.loading')}</p>}
      {availability === 'noAccess' && (
        <p className="notice" data-testid="no-access">
          {t('child.noAccess')}
        </p>
      )}
      {availability === 'erased' && (
        <p className="notice" data-testid="erased">
          {t('erase.gone')}
        </p>
      )}
      {availability === 'notHere' && (
        <p className="notice" data-testid="not-here">
          {t('child.notHere')}
        </p>
      )}
    </>
  )
}
