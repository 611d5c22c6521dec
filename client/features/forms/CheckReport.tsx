/**
 * The cross-checks' result in words, before any download (SPEC V4): all agree, or each check
 * that does not, with the rows and sums, and for each reason the children it names as links to
 * their files, so the coordinator can fix them and come back.
 */
import { Fragment } from 'react'
import { useTranslation } from 'react-i18next'
import type { CheckResult } from '../../../shared/forms/cross-checks'
import type { StatisticsTable } from '../../../shared/forms/statistics-table'
import { routeHref } from '../../ui/use-route'
import { childLabel, gapGroupsOf, headlineOf } from './check-words'

export function CheckReport({ table, results }: { table: StatisticsTable; results: readonly CheckResult[] }) {
  const { t, i18n } = useTranslation()
  const failed = results.filter((r) => !r.ok)
  const withSchool = table.scope.schoolId === undefined
  return (
    <section className="forms-checks" aria-labelledby="forms-checks-title" data-testid="forms-checks">
      <h2 id="forms-checks-title">{t('forms.checks.title')}</h2>
      {failed.length === 0 ? (
        <p className="forms-ok" data-testid="checks-ok">
          {t('forms.checks.allGood', { count: results.length })}
        </p>
      ) : (
        <>
          <p className="forms-failed" role="alert">
            {t('forms.checks.failed', { count: failed.length })}
          </p>
          <ul className="forms-failures">
            {failed.map((result) => (
              <li key={result.check.id} data-testid="check-failure" data-check={result.check.id}>
                <p className="forms-headline">{headlineOf(t, result, i18n.language)}</p>
                {gapGroupsOf(t, result).map((group) => (
                  <p key={group.key} className="forms-gap" data-testid="check-gap">
                    {group.text}
                    {group.children.map((f, i) => (
                      <Fragment key={f.row.id}>
                        {i > 0 && t('forms.checks.nameSeparator')}
                        <a href={routeHref({ name: 'child', childId: f.row.id })}>{childLabel(t, f, withSchool)}</a>
                      </Fragment>
                    ))}
                  </p>
                ))}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  )
}
