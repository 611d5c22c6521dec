import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type * as Y from 'yjs'
import { RISK_LEVELS, type RiskLevel } from '../../../shared/docs/child/child-fields'
import { RULE_PERIODS, riskRuleId, updateRule, type CareRuleView, type RuleErrors } from '../../../shared/docs/settings/care-rules'
import { ruleErrorMessage } from '../../ui/rule-words'

/**
 * The home-visit cadence of each risk colour (四色檔案) as one table (SPEC U4): each row is the
 * rule of its colour, switched on, its period and times changed in place, each change checked
 * whole and refused with its reason. `doc` is the settings document for a coordinator, else none.
 */
export function RiskTable({ rules, doc }: { rules: readonly CareRuleView[]; doc: Y.Doc | undefined }) {
  const { t } = useTranslation()
  const [errors, setErrors] = useState<Partial<Record<RiskLevel, RuleErrors>>>({})
  const [times, setTimes] = useState<Partial<Record<RiskLevel, string>>>({})
  const write = (level: RiskLevel, patch: Parameters<typeof updateRule>[2]) => {
    if (!doc) return
    const refused = updateRule(doc, riskRuleId(level), patch)
    setErrors((e) => ({ ...e, [level]: refused }))
    if (Object.keys(refused).length === 0) setTimes((typed) => ({ ...typed, [level]: undefined }))
  }
  return (
    <section aria-labelledby="risk-table-title" className="risk-table-section">
      <h2 id="risk-table-title">{t('care.rules.risk.title')}</h2>
      <p className="hint">{t('care.rules.risk.intro')}</p>
      <table className="risk-table" data-testid="risk-table">
        <thead>
          <tr>
            <th scope="col">{t('care.rules.risk.level')}</th>
            <th scope="col">{t('care.rules.risk.on')}</th>
            <th scope="col">{t('care.rules.risk.cadence')}</th>
            <th scope="col">{t('care.rules.risk.times')}</th>
          </tr>
        </thead>
        <tbody>
          {RISK_LEVELS.map((level) => {
            const rule = rules.find((r) => r.id === riskRuleId(level))
            if (!rule) return null
            const refused = errors[level] ?? {}
            const first = Object.values(refused)[0]
            const name = t(`care.risk.${level}`)
            return (
              <tr key={level} className={`risk-row risk-${level}`}>
                <th scope="row">
                  <span className={`risk-swatch risk-swatch-${level}`} aria-hidden="true" />
                  {name}
                </th>
                <td>
                  <input type="checkbox" aria-label={`${name} · ${t('care.rules.risk.on')}`} checked={rule.on} disabled={!doc} onChange={(e) => write(level, { on: e.target.checked })} />
                </td>
                <td>
                  <select aria-label={`${name} · ${t('care.rules.risk.cadence')}`} value={rule.every} disabled={!doc} onChange={(e) => write(level, { every: e.target.value })}>
                    {RULE_PERIODS.map((p) => (
                      <option key={p} value={p}>
                        {t(`care.every.${p}`)}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <input
                    className="risk-times"
                    inputMode="numeric"
                    aria-label={`${name} · ${t('care.rules.risk.times')}`}
                    aria-invalid={first ? true : undefined}
                    value={times[level] ?? String(rule.times)}
                    disabled={!doc}
                    onChange={(e) => setTimes((typed) => ({ ...typed, [level]: e.target.value }))}
                    onBlur={(e) => e.target.value !== String(rule.times) && write(level, { times: e.target.value })}
                    onKeyDown={(e) => e.key === 'Enter' && write(level, { times: e.currentTarget.value })}
                  />
                  {first && (
                    <p className="field-error" role="alert">
                      {ruleErrorMessage(t, first)}
                    </p>
                  )}
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </section>
  )
}
