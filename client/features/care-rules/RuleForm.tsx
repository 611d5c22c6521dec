import { useId, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { RISK_LEVELS } from '../../../shared/docs/child/child-fields'
import { PAIRING_KINDS } from '../../../shared/docs/child/pairings'
import { RECORD_TYPES } from '../../../shared/docs/child/records'
import { MAX_RULE_TITLE, MAX_TIMES, RULE_FLAGS, RULE_PERIODS, checkRuleBody, type RuleBody, type RuleErrors, type RuleField, type RulePeriod } from '../../../shared/docs/settings/care-rules'
import { methodLabel, ruleErrorMessage, ruleSentence } from '../../ui/rule-words'
import { bodyOf, methodsOf, type ChildrenChoice, type RuleDraft } from './rule-draft'

const CHILDREN: readonly ChildrenChoice[] = ['all', 'priority', 'flag', 'risk']

/**
 * One rule's form: what, how often, by whom, for which children, its own name, on or off. The
 * whole rule is checked when saved; a wrong value is named under its field and nothing is
 * written (SPEC U1, U4).
 */
export function RuleForm({ initial, testId, onSave, onCancel }: {
  initial: RuleDraft
  testId: string
  onSave: (body: Record<keyof RuleBody, unknown>) => RuleErrors
  onCancel: () => void
}) {
  const { t } = useTranslation()
  const id = useId()
  const [draft, setDraft] = useState(initial)
  const [errors, setErrors] = useState<RuleErrors>({})
  const change = (patch: Partial<RuleDraft>) => setDraft((d) => ({ ...d, ...patch }))
  const methods = methodsOf(draft.what)
  const field = (name: RuleField, label: string, control: ReactNode) => (
    <div className="field">
      <label htmlFor={`${id}-${name}`}>{label}</label>
      {control}
      {errors[name] && (
        <p className="field-error" id={`${id}-${name}-error`} role="alert">
          {ruleErrorMessage(t, errors[name])}
        </p>
      )}
    </div>
  )
  const invalid = (name: RuleField) => (errors[name] ? { 'aria-invalid': true, 'aria-describedby': `${id}-${name}-error` } : {})
  // The sentence the rule will read as, once it is whole.
  const body = bodyOf(draft)
  const checked = checkRuleBody(body)
  const preview = 'body' in checked ? ruleSentence(t, checked.body) : undefined
  return (
    <form
      className="rule-form"
      data-testid={testId}
      noValidate
      onSubmit={(e) => {
        e.preventDefault()
        setErrors(onSave(body))
      }}
    >
      {field(
        'what',
        t('care.rules.form.what'),
        <select id={`${id}-what`} value={draft.what} onChange={(e) => change({ what: e.target.value, method: '' })} {...invalid('what')}>
          {RECORD_TYPES.map((type) => (
            <option key={type} value={type}>
              {t(`records.types.${type}`)}
            </option>
          ))}
          <option value="filed">{t('care.rules.form.filed')}</option>
        </select>,
      )}
      {methods.length > 0 &&
        field(
          'method',
          t('care.rules.form.method'),
          <select id={`${id}-method`} value={draft.method} onChange={(e) => change({ method: e.target.value })} {...invalid('method')}>
            <option value="">{t('care.rules.form.methodAny')}</option>
            {methods.map((m) => (
              <option key={m} value={m}>
                {methodLabel(t, { record: draft.what as 'parentContact' }, m)}
              </option>
            ))}
          </select>,
        )}
      {field(
        'every',
        t('care.rules.form.every'),
        <select id={`${id}-every`} value={draft.every} onChange={(e) => change({ every: e.target.value as RulePeriod })} {...invalid('every')}>
          {RULE_PERIODS.map((p) => (
            <option key={p} value={p}>
              {t(`care.every.${p}`)}
            </option>
          ))}
        </select>,
      )}
      {field(
        'times',
        t('care.rules.form.times'),
        <input id={`${id}-times`} inputMode="numeric" value={draft.times} max={MAX_TIMES} onChange={(e) => change({ times: e.target.value })} {...invalid('times')} />,
      )}
      {field(
        'by',
        t('care.rules.form.by'),
        <select id={`${id}-by`} value={draft.by} onChange={(e) => change({ by: e.target.value })} {...invalid('by')}>
          <option value="anyone">{t('care.by.anyone')}</option>
          {PAIRING_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`pairings.kinds.${kind}`)}
            </option>
          ))}
        </select>,
      )}
      {field(
        'children',
        t('care.rules.form.children'),
        <select id={`${id}-children`} value={draft.children} onChange={(e) => change({ children: e.target.value as ChildrenChoice })} {...invalid('children')}>
          {CHILDREN.map((c) => (
            <option key={c} value={c}>
              {t(`care.rules.form.childrenKinds.${c}`)}
            </option>
          ))}
        </select>,
      )}
      {draft.children === 'flag' && (
        <div className="field">
          <label htmlFor={`${id}-flag`}>{t('care.rules.form.flag')}</label>
          <select id={`${id}-flag`} value={draft.flag} onChange={(e) => change({ flag: e.target.value as RuleDraft['flag'] })}>
            {RULE_FLAGS.map((f) => (
              <option key={f} value={f}>
                {t(`field.labels.flags.${f}`)}
              </option>
            ))}
          </select>
        </div>
      )}
      {draft.children === 'risk' && (
        <fieldset className="rule-risk-levels">
          <legend>{t('care.rules.form.risk')}</legend>
          {RISK_LEVELS.map((level) => (
            <label key={level} className={`risk-choice risk-${level}`}>
              <input
                type="checkbox"
                checked={draft.risk.includes(level)}
                onChange={(e) => change({ risk: e.target.checked ? [...draft.risk, level] : draft.risk.filter((l) => l !== level) })}
              />
              {t(`care.risk.${level}`)}
            </label>
          ))}
        </fieldset>
      )}
      {field(
        'title',
        t('care.rules.form.title'),
        <input id={`${id}-title`} value={draft.title} maxLength={MAX_RULE_TITLE} onChange={(e) => change({ title: e.target.value })} {...invalid('title')} />,
      )}
      <label className="rule-on">
        <input type="checkbox" checked={draft.on} onChange={(e) => change({ on: e.target.checked })} />
        {t('care.rules.form.on')}
      </label>
      {preview && <p className="hint rule-preview">{preview}</p>}
      {Object.keys(errors).length > 0 && (
        <p className="field-error" role="alert">
          {t('care.rules.notSaved')}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="primary">
          {t('care.rules.save')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('care.rules.cancel')}
        </button>
      </div>
    </form>
  )
}
