import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type * as Y from 'yjs'
import { editItem, ITEM_FIELDS, type ItemErrors, type ItemField, type PlanItem } from '../../../shared/docs/plan/plan'
import { termMonths } from '../../../shared/docs/plan/template'
import type { FieldError } from '../../../shared/validation/fields'
import { FormField } from '../../ui/fields/FormField'
import { useEditContext } from '../../ui/fields/edit-context'
import { useDirectory } from '../../ui/use-directory'
import { useOrganisation } from '../../ui/use-organisation'
import { formatMonth } from './ItemCard'
import { itemPatch, itemTitle, itemValues, type ItemValues } from './plan-view'

type Values = ItemValues

/** Every field of an item; saved all at once or, when any value is wrong, not at all, with the errors in words. */
export function ItemForm({ doc, item, term, readOnly }: { doc: Y.Doc; item: PlanItem; term: string; readOnly: boolean }) {
  const { t, i18n } = useTranslation()
  const context = useEditContext()
  const directory = useDirectory()
  const org = useOrganisation()
  // Only what this person typed, over the item as it is now: a field someone else changes
  // meanwhile shows their value, and saving never writes it back.
  const [edits, setEdits] = useState<Partial<Values>>({})
  const live = itemValues(item)
  const values: Values = { ...live, ...edits }
  const [errors, setErrors] = useState<ItemErrors>({})
  const [saved, setSaved] = useState(false)
  const set = (field: ItemField) => (value: string) => {
    setSaved(false)
    setEdits((v) => ({ ...v, [field]: value }))
  }
  const submit = (e: FormEvent) => {
    e.preventDefault()
    const found = editItem(doc, item.id, itemPatch(live, edits), context())
    setErrors(found)
    const ok = Object.keys(found).length === 0
    setSaved(ok)
    if (ok) setEdits({})
  }
  const months = termMonths(term)
  const monthOptions = values.month && !months.includes(values.month as never) ? [values.month, ...months] : months
  const members = [...directory.values()].filter((m) => !m.removed || m.id === values.owner)
  const error = (e: FieldError | undefined) =>
    e && (
      <p className="field-error" role="alert">
        {t(`field.errors.${e.code}`, e.params ?? {})}
      </p>
    )
  return (
    <form className="plan-item-form" onSubmit={submit} noValidate aria-label={t('plan.edit')}>
      <fieldset disabled={readOnly}>
        <FormField id="item-title" label={t('plan.field.title')} kind={ITEM_FIELDS.title} value={values.title || (readOnly ? itemTitle(t, item) : '')} error={errors.title} onChange={set('title')} />
        {item.templateKey && !values.title && !readOnly && <p className="hint">{t('plan.templateTitle', { title: itemTitle(t, item) })}</p>}
        <div className="plan-form-grid">
          <div className="field">
            <label htmlFor="item-month">{t('plan.field.month')}</label>
            <select id="item-month" value={values.month} onChange={(e) => set('month')(e.target.value)}>
              {monthOptions.map((m) => (
                <option key={m} value={m}>
                  {formatMonth(m, i18n.language)}
                </option>
              ))}
            </select>
            {error(errors.month)}
          </div>
          <FormField id="item-date" label={t('plan.field.date')} kind={ITEM_FIELDS.date} value={values.date} error={errors.date} onChange={set('date')} />
          <div className="field">
            <label htmlFor="item-owner">{t('plan.field.owner')}</label>
            <select id="item-owner" value={values.owner} onChange={(e) => set('owner')(e.target.value)}>
              <option value="">{t('plan.noOwner')}</option>
              {values.owner && !directory.has(values.owner) && <option value={values.owner}>{t('plan.unknownMember')}</option>}
              {members.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.displayName}
                </option>
              ))}
            </select>
            {error(errors.owner)}
          </div>
          <FormField id="item-status" label={t('plan.field.status')} kind={ITEM_FIELDS.status} optionsKey="plan.status" value={values.status} error={errors.status} onChange={set('status')} />
          <FormField id="item-stage" label={t('plan.field.stage')} kind={ITEM_FIELDS.stage} optionsKey="plan.stage" value={values.stage} error={errors.stage} onChange={set('stage')} />
          <FormField id="item-activity" label={t('plan.field.activity')} kind={ITEM_FIELDS.activity} optionsKey="plan.kind" value={values.activity} error={errors.activity} onChange={set('activity')} />
          {values.activity && (
            <>
              <FormField id="item-place" label={t('plan.field.place')} kind={ITEM_FIELDS.place} value={values.place} error={errors.place} onChange={set('place')} />
              <FormField id="item-organiser" label={t('plan.field.organiser')} kind={ITEM_FIELDS.organiser} value={values.organiser} error={errors.organiser} onChange={set('organiser')} />
            </>
          )}
          {(org.schools.length > 1 || values.school) && (
            <div className="field">
              <label htmlFor="item-school">{t('plan.field.school')}</label>
              <select id="item-school" value={values.school} onChange={(e) => set('school')(e.target.value)}>
                <option value="">{t('plan.allSchools')}</option>
                {values.school && !org.schools.some((s) => s.id === values.school) && <option value={values.school}>{t('plan.unknownSchool')}</option>}
                {org.schools.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </select>
              {error(errors.school)}
            </div>
          )}
        </div>
        {!readOnly && (
          <div className="actions">
            <button type="submit" className="primary" data-testid="item-save">
              {t('plan.save')}
            </button>
            {saved && (
              <span className="saved" role="status" data-testid="item-saved">
                {t('plan.saved')}
              </span>
            )}
          </div>
        )}
      </fieldset>
    </form>
  )
}
