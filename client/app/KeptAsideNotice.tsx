import { useTranslation } from 'react-i18next'
import { AuthErrorCode } from '../../shared/auth-api'
import { writeKeptAsideFile } from '../../shared/kept-aside-file'
import type { KeptAside } from '../runtime/store/db'
import { documentName } from '../ui/document-name'
import { useLive } from '../ui/use-live'
import { useWorkspace } from '../ui/use-session'
import { downloadFile } from '../ui/download'

/**
 * Changes written for a file this user may no longer open (store/kept-aside.ts) are kept on
 * the device, not lost: this tells the user, and that they are sent by themselves if access
 * comes back (SPEC A12); lets them save them to a file a coordinator imports on the members
 * page (SPEC A13); and only then lets them remove them. A new file the relay refused to file
 * (a class not this teacher's, SPEC X3) is named with that reason: it never was on the relay.
 */
export function KeptAsideNotice() {
  const { t } = useTranslation()
  const workspace = useWorkspace()
  const kept = useLive(() => workspace.queries.keptAside(), [], [])
  if (kept.length === 0) return null
  const names = (rows: KeptAside[]) => rows.map((k) => documentName(t, k.label ?? { kind: 'child', name: k.name })).join('、')
  const ended = kept.filter((k) => k.reason === undefined)
  const notYourClass = kept.filter((k) => k.reason === AuthErrorCode.notYourClass)
  const refused = kept.filter((k) => k.reason !== undefined && k.reason !== AuthErrorCode.notYourClass)
  const save = () => {
    const body = writeKeptAsideFile(kept)
    downloadFile(`shouwang-kept-aside-${new Date().toISOString().slice(0, 10)}.json`, new Blob([body], { type: 'application/json' }))
  }
  return (
    <div className="notice kept-aside" role="status" data-testid="kept-aside">
      {ended.length > 0 && <p>{t('sync.keptAside', { count: ended.length, names: names(ended) })}</p>}
      {notYourClass.length > 0 && (
        <p data-testid="not-filed">{t('sync.notFiledClass', { count: notYourClass.length, names: names(notYourClass) })}</p>
      )}
      {refused.length > 0 && <p data-testid="not-filed">{t('sync.notFiled', { count: refused.length, names: names(refused) })}</p>}
      <div className="conflict-actions">
        <button type="button" onClick={save}>
          {t('sync.keptAsideSave')}
        </button>
        <button
          type="button"
          className="danger"
          onClick={() => {
            if (window.confirm(t('sync.keptAsideConfirm'))) void workspace.discardKeptAside()
          }}
        >
          {t('sync.keptAsideDiscard')}
        </button>
      </div>
    </div>
  )
}
