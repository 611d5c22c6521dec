import { useTranslation } from 'react-i18next'

/** Contact cards to print (issue 3): to be built. */
export function ContactCards(_props: { childId?: string | undefined; className?: string | undefined }) {
  const { t } = useTranslation()
  return <main className="page">{t('children.title')}</main>
}
