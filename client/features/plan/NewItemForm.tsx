import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type * as Y from 'yjs'
import { addItem, ITEM_FIELDS, type ItemErrors } from '../../../shared/docs/plan/plan'
import { ACTIVITY_KINDS, termMonths } from '../../../shared/docs/plan/template'
import { FormField } from '../../ui/fields/FormField'
import { useEditContext } from '../../ui/fields/edit-context'
import { navigate } from '../../ui/use-route'
import { formatMonth } from './ItemCard'

/** Adds an item: a month and a title at least, an activity's kind if it is one; then its page opens. */
export function NewItemForm({ doc, term }: { doc: Y.Doc; term: string }) {
  const { t, i18n } = useTranslation()
  const context = useEditContext()
  const months = termMonths(term)
  const [open, setOpen] = useState(false)
  const [title, setTitle] = useState('')
  const [month, setMonth] = useState<string>(() => {
    const now = context().today.slice(0, 7)
    return months.find((m) => m === now) ?? months[0] ?? ''
  })
  const [activity, setActivity] = useState('')
  const [errors, setErrors] = useState<ItemErrors>({})
  if (!open)
    return (
      <button type="button" className="primary plan-add" data-testid="plan-add" onClick={() => setOpen(true)}>
        {t('plan.add')}
      </button>
    )
  const submit = (e: FormEvent) => {
    e.preventDefault()
    const result = addItem(doc, { title, month, ...(activity ? { activity } : {}) }, context())
    if ('errors' in result) setErrors(result.errors)
    else navigate({ name: 'plan', term, itemId: result.id })
  }
  return (
    <form className="plan-new" onSubmit={submit} noValidate aria-label={t('plan.add')} data-testid="plan-new">
      <FormField id="plan-new-title" label={t('plan.field.title')} kind={ITEM_FIELDS.title} value={title} required autoFocus error={errors.title} onChange={setTitle} />
      <div className="field">
        <label htmlFor="plan-new-month">{t('plan.field.month')}</label>
        <select id="plan-new-month" value={month} onChange={(e) => setMonth(e.target.value)}>
          {months.map((m) => (
            <option key={m} value={m}>
              {formatMonth(m, i18n.language)}
            </option>
          ))}
        </select>
        {errors.month && (
          <p className="field-error" role="alert">
            {t(`field.errors.${errors.month.code}`)}
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor="plan-new-activity">{t('plan.field.activity')}</label>
        <select id="plan-new-activity" value={activity} onChange={(e) => setActivity(e.target.value)}>
          <option value="">{t('plan.notActivity')}</option>
          {ACTIVITY_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`plan.kind.${k}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="actions">
        <button type="submit" className="primary" data-testid="plan-new-save">
          {t('plan.addSave')}
        </button>
        <button type="button" onClick={() => setOpen(false)}>
          {t('plan.cancel')}
        </button>
      </div>
    </form>
  )
}
