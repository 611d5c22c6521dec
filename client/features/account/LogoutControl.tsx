import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { navigate } from '../../ui/use-route'
import type { UnsentFile } from '../../runtime/store/local-data'
import { documentName } from '../../ui/document-name'
import { useAuth, useWorkspace } from '../../ui/use-session'

/**
 * Signing out removes this workspace's data from the device (a shared phone must not keep
 * it), so it is confirmed first, and changes not yet on the relay are listed as lost.
 */
export function LogoutControl({ stayHere = false }: { stayHere?: boolean }) {
  const { t } = useTranslation()
  const { session } = useAuth()
  const workspace = useWorkspace()
  const dialog = useRef<HTMLDialogElement>(null)
  const [unsent, setUnsent] = useState<UnsentFile[] | null>(null)
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    if (unsent && !dialog.current?.open) dialog.current?.showModal()
  }, [unsent])

  const ask = async () => setUnsent(await workspace.queries.unsentFiles())
  const leave = async () => {
    setBusy(true)
    try {
      await session.logout()
    } finally {
      // Out of the app's pages; a setup or invite link stays, to be used now.
      if (!stayHere) navigate({ name: 'list' })
    }
  }
  // Files, as a person counts what waits (SPEC S8), not the updates stored per keystroke.
  const total = unsent?.length ?? 0

  return (
    <>
      <button type="button" className="logout-button" onClick={() => void ask()} data-testid="logout">
        {t('auth.logout.button')}
      </button>
      <dialog ref={dialog} className="logout-dialog" aria-labelledby="logout-title" onClose={() => setUnsent(null)}>
        <h2 id="logout-title">{t('auth.logout.title')}</h2>
        <p>{t('auth.logout.removes')}</p>
        {total > 0 && (
          <div className="auth-warning" data-testid="logout-unsent" data-count={total}>
            <p>{t('auth.logout.unsent', { count: total })}</p>
            <ul>
              {unsent?.map((f) => (
                <li key={`${f.docId}${f.keptAside ? ':kept' : ''}`}>
                  {t(f.keptAside ? 'auth.logout.keptAsideFile' : 'auth.logout.unsentFile', {
                    name: documentName(t, f.label),
                  })}
                </li>
              ))}
            </ul>
            {unsent?.some((f) => !f.keptAside) && <p className="auth-hint">{t('auth.logout.keepHint')}</p>}
            {unsent?.some((f) => f.keptAside) && <p className="auth-hint">{t('auth.logout.keptAsideHint')}</p>}
          </div>
        )}
        <div className="auth-actions">
          <button type="button" onClick={() => dialog.current?.close()} disabled={busy} autoFocus>
            {t('auth.logout.cancel')}
          </button>
          <button type="button" className={total > 0 ? 'danger' : 'primary'} onClick={() => void leave()} disabled={busy} data-testid="logout-confirm">
            {total > 0 ? t('auth.logout.confirmLoss', { count: total }) : t('auth.logout.confirm')}
          </button>
        </div>
      </dialog>
    </>
  )
}
