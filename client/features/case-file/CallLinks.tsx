import { useTranslation } from 'react-i18next'
import type * as Y from 'yjs'
import { readChildFile } from '../../../shared/docs/child/child'
import { PhoneLink } from '../../ui/PhoneLink'
import { useDocState } from '../../ui/use-doc-state'

const PHONES = ['guardian.phone', 'mother.phone', 'father.phone'] as const

const phonesOf = (doc: Y.Doc) => {
  const { fields } = readChildFile(doc)
  return PHONES.flatMap((field) => {
    const value = fields[field]?.value
    return typeof value === 'string' && value !== '' ? [{ field, phone: value }] : []
  })
}

/** The guardian's and parents' phones at the top of the file, each a tap to call (SPEC H7). */
export function CallLinks({ doc }: { doc: Y.Doc }) {
  const { t } = useTranslation()
  const phones = useDocState(doc, phonesOf, (p) => JSON.stringify(p))
  if (phones.length === 0) return null
  return (
    <ul className="call-links" aria-label={t('home.calls')} data-testid="call-links">
      {phones.map(({ field, phone }) => {
        const label = t(`field.labels.${field}`)
        return (
          <li key={field}>
            <span className="call-who">{label}</span> <PhoneLink phone={phone} label={t('home.call', { who: label, phone })} />
          </li>
        )
      })}
    </ul>
  )
}
