import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type * as Y from 'yjs'
import { addPairing, deletePairing, endPairing, isActivePairing, PAIRING_FIELDS, readPairings, type PairingErrors, type PairingField, type PairingView } from '../../../shared/docs/child/pairings'
import type { IsoDate } from '../../../shared/dates'
import { mayBin } from '../../../shared/docs/child/bin'
import { mayChangeAccountPairing } from '../../../shared/docs/child/access-facts'
import { formatDate } from '../../ui/format'
import { useWriter } from '../../ui/use-author'
import { useDocState } from '../../ui/use-doc-state'
import { useEditContext } from '../../ui/fields/edit-context'
import { FormField } from '../../ui/fields/FormField'
import { BinPanel } from './BinPanel'
import { useFormDraft } from '../../ui/use-drafts'

const pairingsKey = (p: PairingView[]) => JSON.stringify(p)
const readStrings = (kept: unknown): Record<string, string> | undefined =>
  typeof kept === 'object' && kept !== null ? Object.fromEntries(Object.entries(kept).filter((e): e is [string, string] => typeof e[1] === 'string')) : undefined
const FORM_FIELDS: PairingField[] = ['kind', 'name', 'phone', 'from', 'to']

/** Who helps this child, from when to when (結對幫扶). */
export function PairingsPanel({ doc, docId }: { doc: Y.Doc; docId: string }) {
  const { t } = useTranslation()
  const context = useEditContext()
  const pairings = useDocState(doc, readPairings, pairingsKey)
  // A pairing being added is kept on the device until it is saved or given up (SPEC L6).
  const [input, setInput, discard] = useFormDraft<Record<string, string>>(docId, 'pairing:new', () => ({}), readStrings)
  // A kept draft opens the form again.
  const [adding, setAdding] = useState(() => Object.keys(input).length > 0)
  const [errors, setErrors] = useState<PairingErrors>({})
  const today = context().today
  // In force today first; ended (and not yet begun) ones apart, so who helps now is plain to see.
  const current = pairings.filter((p) => isActivePairing(p, today))
  const ended = pairings.filter((p) => !isActivePairing(p, today))

  const submit = (e: FormEvent) => {
    e.preventDefault()
    const result = addPairing(doc, { from: today, ...input }, context())
    if ('errors' in result) return setErrors(result.errors)
    setErrors({})
    setInput({})
    discard()
    setAdding(false)
  }

  return (
    <section className="pairings" aria-label={t('pairings.title')}>
      {pairings.length === 0 && !adding && <p className="empty">{t('pairings.empty')}</p>}
      <PairingList pairings={current} doc={doc} today={today} testId="pairings-current" />
      {ended.length > 0 && (
        <>
          <h3 className="pairings-ended-title">{t('pairings.endedTitle')}</h3>
          <PairingList pairings={ended} doc={doc} today={today} testId="pairings-ended" />
        </>
      )}
      <BinPanel doc={doc} collection="pairings" />
      {adding ? (
        <form className="pairing-form" onSubmit={submit} noValidate aria-label={t('pairings.add')}>
          {FORM_FIELDS.map((field, i) => (
            <FormField
              key={field}
              id={`pairing-${field}`}
              label={t(`pairings.fields.${field}`)}
              kind={PAIRING_FIELDS[field]}
              optionsKey="pairings.kinds"
              value={input[field] ?? (field === 'from' ? today : '')}
              required={field === 'kind' || field === 'name'}
              autoFocus={i === 0}
              error={errors[field]}
              onChange={(v) => setInput((old) => ({ ...old, [field]: v }))}
            />
          ))}
          <div className="actions">
            <button type="submit" className="primary">
              {t('pairings.save')}
            </button>
            <button
              type="button"
              onClick={() => {
                setInput({})
                discard()
                setAdding(false)
              }}
            >
              {t('pairings.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <button type="button" onClick={() => setAdding(true)}>
          {t('pairings.add')}
        </button>
      )}
    </section>
  )
}

function PairingList({ pairings, doc, today, testId }: { pairings: PairingView[]; doc: Y.Doc; today: IsoDate; testId: string }) {
  const { t, i18n } = useTranslation()
  const context = useEditContext()
  const writer = useWriter()
  return (
    <ul className="pairing-list" data-testid={testId}>
      {pairings.map((p) => (
        <li key={p.id} className={isActivePairing(p, today) ? 'pairing' : 'pairing ended'} data-testid="pairing">
          <span className="pairing-kind">{t(`pairings.kinds.${p.kind}`)}</span>
          <span className="pairing-name">{p.name}</span>
          {p.userId && <span className="pairing-account">{t('pairings.account')}</span>}
          {p.phone && <a href={`tel:${p.phone}`}>{p.phone}</a>}
          <span className="pairing-dates">
            {p.from ? t('pairings.since', { date: formatDate(p.from, i18n.language) }) : '…'}
            {p.to ? ` – ${formatDate(p.to, i18n.language)}` : ` – ${t('pairings.ongoing')}`}
          </span>
          <span className="pairing-actions">
            {/* A pairing with an account decides access: only a coordinator changes it (SPEC P3). */}
            {isActivePairing(p, today) && (!p.userId || mayChangeAccountPairing(writer)) && (
              <button
                type="button"
                className="link-button"
                onClick={() => window.confirm(t('pairings.confirmEnd', { name: p.name })) && endPairing(doc, p.id, today, context())}
              >
                {t('pairings.end')}
              </button>
            )}
            {mayBin(writer, p.authorId, 'delete') && (!p.userId || mayChangeAccountPairing(writer)) && (
              <button
                type="button"
                className="link-button danger"
                onClick={() => window.confirm(t('pairings.confirmDelete')) && deletePairing(doc, p.id, context())}
              >
                {t('pairings.delete')}
              </button>
            )}
          </span>
        </li>
      ))}
    </ul>
  )
}
