import { useTranslation } from 'react-i18next'
import { accessTo } from '../../../shared/docs/registry'
import { addSchool } from '../../../shared/docs/settings/organisation'
import { routeHref } from '../../ui/use-route'
import { useOrganisationOf, useSettingsDoc } from '../../ui/use-organisation'
import { useSignedIn } from '../../ui/use-session'
import { NameForm } from './NameForm'
import { SchoolCard } from './SchoolCard'
import { TermsSection } from './TermsSection'
import './organisation.css'

/**
 * The workspace's organisation (組織): schools and their classes, and the terms. Coordinators
 * change it; every other member sees it read-only. It is a Yjs document the device keeps, so
 * it works offline and a change reaches the others when the device is back (SPEC O7).
 */
export function OrganisationPage() {
  const { t } = useTranslation()
  const { account } = useSignedIn()
  const open = useSettingsDoc()
  const org = useOrganisationOf(open)
  const canWrite = accessTo('settings', { role: account.role }) === 'write'
  const doc = canWrite ? open?.doc : undefined
  return (
    <main className="page org-page">
      <a className="back" href={routeHref({ name: 'list' })}>
        {t('child.back')}
      </a>
      <h1>{t('org.title')}</h1>
      <p className="hint">{t('org.intro')}</p>
      {!canWrite && (
        <p className="auth-note" data-testid="org-read-only">
          {t('org.readOnly')}
        </p>
      )}
      {!open ? (
        <p role="status">{t('org.loading')}</p>
      ) : (
        <>
          <section aria-labelledby="org-schools">
            <h2 id="org-schools">{t('org.schools.title')}</h2>
            {org.schools.length === 0 && <p className="empty">{t('org.schools.empty')}</p>}
            <ul className="org-schools">
              {org.schools.map((school) => (
                <SchoolCard key={school.id} doc={doc} org={org} school={school} />
              ))}
            </ul>
            {doc && (
              <NameForm
                label={t('org.schools.name')}
                submit={t('org.schools.add')}
                testId="add-school"
                onSave={(name) => {
                  const result = addSchool(doc, { name })
                  return 'errors' in result ? result.errors.name : undefined
                }}
              />
            )}
          </section>
          <TermsSection doc={doc} org={org} />
          {doc && (
            <p>
              <a className="button" href={routeHref({ name: 'rollover' })} data-testid="open-rollover">
                {t('rollover.link')}
              </a>
            </p>
          )}
        </>
      )}
    </main>
  )
}
