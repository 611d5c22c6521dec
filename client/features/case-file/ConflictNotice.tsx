import { useTranslation } from 'react-i18next'
import type { Conflict } from '../../../shared/docs/child/field-log'
import type { FieldKind } from '../../../shared/validation/fields'
import { useFormatValue } from './FieldEditor'

/** "Changed by X while you were offline", with the choice to put one's own value back. */
export function ConflictNotice(props: {
  conflict: Conflict
  kind: FieldKind
  onKeepMine: () => void
  onDismiss: () => void
}) {
  const { t } = useTranslation()
  const format = useFormatValue()
  const { conflict, kind } = props
  return (
    <div className="conflict" role="status" data-testid="conflict">
      <p>
        {t('field.conflict.message', {
          who: conflict.by || t('field.history.someone'),
          yours: format(conflict.field, kind, conflict.yours),
          theirs: format(conflict.field, kind, conflict.theirs),
        })}
      </p>
      <div className="conflict-actions">
        <button type="button" onClick={props.onKeepMine}>
          {t('field.conflict.keepMine')}
        </button>
        <button type="button" onClick={props.onDismiss}>
          {t('field.conflict.dismiss')}
        </button>
      </div>
    </div>
  )
}
