import { useTranslation } from 'react-i18next'
import { routeHref } from '../../ui/use-route'
import { useSignedIn } from '../../ui/use-session'
import { PairClass } from './PairClass'
import { PairFromSheet } from './PairFromSheet'
import { WhoHelpsTable } from './WhoHelpsTable'
import './pairings.css'

/** The coordinator's 結對 page: who helps whom (from the device's index, offline too) and pairing a class. */
export function PairingsPage() {
  const { t } = useTranslation()
  const { account } = useSignedIn()
  return (
    <main className="page pairings-page">
      <a className="back" href={routeHref({ name: 'list' })}>
        {t('child.back')}
      </a>
      <h1>{t('helping.title')}</h1>
      {account.role !== 'coordinator' ? (
        <p className="auth-note">{t('helping.coordinatorsOnly')}</p>
      ) : (
        <>
          <WhoHelpsTable />
          <PairClass />
          <PairFromSheet />
        </>
      )}
    </main>
  )
}
