/** A document as a person is told of it (shared/docs/kind.ts DocumentLabel), in their language. */
import type { TFunction } from 'i18next'
import type { DocumentLabel } from '../../shared/docs/kind'

export function documentName(t: TFunction, label: DocumentLabel | undefined): string {
  if (!label) return t('documents.unknown')
  // A document named by its content (a child's file) says so even before it has a name.
  if (label.name !== undefined) return label.name !== '' ? label.name : t(`documents.${label.kind}Unnamed`)
  return t(`documents.${label.kind}`, { term: label.term ?? '' })
}
