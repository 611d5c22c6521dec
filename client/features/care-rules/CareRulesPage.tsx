import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type * as Y from 'yjs'
import { accessTo } from '../../../shared/docs/registry'
import {
  DEFAULT_RULE_IDS, addRule, removeRule, resetRule, riskRuleId, switchRule, updateRule, type CareRuleView,
} from '../../../shared/docs/settings/care-rules'
import { RISK_LEVELS } from '../../../shared/docs/child/child-fields'
import { ruleSentence } from '../../ui/rule-words'
import { useCareRulesOf } from '../../ui/use-care-rules'
import { useSettingsDoc } from '../../ui/use-organisation'
import { routeHref } from '../../ui/use-route'
import { useSignedIn, useWorkspace } from '../../ui/use-session'
import { RiskTable } from './RiskTable'
import { RuleForm } from './RuleForm'
import { NEW_RULE, draftOf } from './rule-draft'
import './care-rules.css'

const RISK_IDS: ReadonlySet<string> = new Set(RISK_LEVELS.map(riskRuleId))

/**
 * The care rules (关爱规则, SPEC U4): each in words, the risk colours' visits as one table.
 * Coordinators switch, edit, add, reset and remove them in the settings document the device
 * keeps, offline too; every other member reads them.
 */
export function CareRulesPage() {
  const { t } = useTranslation()
  const { account } = useSignedIn()
  const { clock } = useWorkspace()
  const open = useSettingsDoc()
  const { rules, skipped } = useCareRulesOf(open)
  const canWrite = accessTo('settings', { role: account.role }) === 'write'
  const doc = canWrite ? open?.doc : undefined
  const [adding, setAdding] = useState(false)
  const listed = rules.filter((r) => !RISK_IDS.has(r.id))
  return (
    <main className="page care-rules-page">
      <a className="back" href={routeHref({ name: 'list' })}>
        ← {t('child.back')}
      </a>
      <h1>{t('care.rules.title')}</h1>
      <p className="hint">{t('care.rules.intro')}</p>
      {!canWrite && (
        <p className="auth-note" data-testid="care-rules-read-only">
          {t('care.rules.readOnly')}
        </p>
      )}
      {skipped.length > 0 && <p className="notice">{t('care.rules.skipped', { count: skipped.length })}</p>}
      {!open ? (
        <p role="status">{t('care.rules.loading')}</p>
      ) : (
        <>
          <RiskTable rules={rules} doc={doc} />
          <section aria-labelledby="care-rules-list">
            <h2 id="care-rules-list">{t('care.rules.listTitle')}</h2>
            <ul className="rule-list" data-testid="rule-list">
              {listed.map((rule) => (
                <RuleCard key={rule.id} rule={rule} doc={doc} />
              ))}
            </ul>
            {doc &&
              (adding ? (
                <RuleForm
                  initial={NEW_RULE}
                  testId="add-rule"
                  onCancel={() => setAdding(false)}
                  onSave={(body) => {
                    const result = addRule(doc, body, { now: clock.now() })
                    if ('errors' in result) return result.errors
                    setAdding(false)
                    return {}
                  }}
                />
              ) : (
                <button type="button" className="primary" onClick={() => setAdding(true)} data-testid="open-add-rule">
                  {t('care.rules.add')}
                </button>
              ))}
          </section>
        </>
      )}
    </main>
  )
}

function RuleCard({ rule, doc }: { rule: CareRuleView; doc: Y.Doc | undefined }) {
  const { t } = useTranslation()
  const [editing, setEditing] = useState(false)
  const sentence = ruleSentence(t, rule)
  if (editing && doc) {
    return (
      <li className="rule-card">
        <RuleForm
          initial={draftOf(rule)}
          testId="edit-rule"
          onCancel={() => setEditing(false)}
          onSave={(body) => {
            const refused = updateRule(doc, rule.id, body)
            if (Object.keys(refused).length === 0) setEditing(false)
            return refused
          }}
        />
      </li>
    )
  }
  return (
    <li className={`rule-card${rule.on ? '' : ' rule-off'}`} data-testid="rule">
      <div className="rule-head">
        <label className="rule-switch">
          <input type="checkbox" checked={rule.on} disabled={!doc} aria-label={t('care.rules.switchLabel', { rule: rule.title ?? sentence })} onChange={(e) => doc && switchRule(doc, rule.id, e.target.checked)} />
          <span className="rule-state">{rule.on ? t('care.rules.on') : t('care.rules.off')}</span>
        </label>
        <span className="rule-source">{t(`care.rules.source.${rule.source}`)}</span>
      </div>
      {rule.title && <p className="rule-title">{rule.title}</p>}
      <p className="rule-sentence">{sentence}</p>
      {doc && (
        <div className="rule-actions">
          <button type="button" className="link-button" onClick={() => setEditing(true)}>
            {t('care.rules.edit')}
          </button>
          {rule.source === 'edited' && (
            <button type="button" className="link-button" onClick={() => window.confirm(t('care.rules.confirmReset')) && resetRule(doc, rule.id)}>
              {t('care.rules.reset')}
            </button>
          )}
          {!DEFAULT_RULE_IDS.has(rule.id) && (
            <button type="button" className="link-button danger" onClick={() => window.confirm(t('care.rules.confirmRemove')) && removeRule(doc, rule.id)}>
              {t('care.rules.remove')}
            </button>
          )}
        </div>
      )}
    </li>
  )
}
