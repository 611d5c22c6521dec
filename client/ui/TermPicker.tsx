/**
 * Choosing a term among the workspace's (newest first), for the pages of a term's plan that a
 * link reaches without one: the aid rounds, the children's home. The current term is the default.
 */
import { useTranslation } from 'react-i18next'
import { compareTermCodes, type TermCode } from '../../shared/docs/settings/term-code'
import { termLabel } from './class-label'
import { useOrganisation } from './use-organisation'

export function TermPicker({ id, value, onChange, placeholder }: { id: string; value: string; onChange: (term: string) => void; placeholder: string }) {
  const { t } = useTranslation()
  const org = useOrganisation()
  const codes = [...new Set([...org.terms.map((term) => term.code as string), ...(value ? [value] : [])])].sort((a, b) => compareTermCodes(b as TermCode, a as TermCode))
  return (
    <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
      {value === '' && <option value="">{placeholder}</option>}
      {codes.map((code) => (
        <option key={code} value={code}>
          {termLabel(t, code)}
        </option>
      ))}
    </select>
  )
}

/** The term a page shows: the one in its address, else the workspace's current term ('' for none). */
export function useShownTerm(term: string | undefined): string {
  const org = useOrganisation()
  return term ?? org.currentTerm ?? ''
}
