import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { PAIRING_KINDS, type PairingKind } from '../../../shared/docs/child/pairings'
import { parseIsoDate } from '../../../shared/dates'
import { useEditContext } from '../../ui/fields/edit-context'

/** The kind and start date of the pairings a coordinator is about to make: a caring mother, from today. */
export function usePairingDefaults() {
  const context = useEditContext()
  const [kind, setKind] = useState<PairingKind>('caringMother')
  const [from, setFrom] = useState<string>(() => context().today)
  return { kind, setKind, from, setFrom, start: parseIsoDate(from) }
}

/** The two fields for them; `id` prefixes the fields' ids, the labels are the caller's words. */
export function KindAndStart({
  id,
  kindLabel,
  fromLabel,
  defaults,
}: {
  id: string
  kindLabel: string
  fromLabel: string
  defaults: ReturnType<typeof usePairingDefaults>
}) {
  const { t } = useTranslation()
  const { kind, setKind, from, setFrom, start } = defaults
  return (
    <>
      <div className="field">
        <label htmlFor={`${id}-kind`}>{kindLabel}</label>
        <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as PairingKind)}>
          {PAIRING_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`pairings.kinds.${k}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-from`}>{fromLabel}</label>
        <input id={`${id}-from`} type="date" value={from} onChange={(e) => setFrom(e.target.value)} aria-invalid={start === undefined ? true : undefined} />
      </div>
    </>
  )
}
