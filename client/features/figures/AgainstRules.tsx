/**
 * Talks, home visits and parent contacts of this month and this term (against-rules.ts): the
 * records made, the children they reached, and the care rules' tasks met of those asked.
 */
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import type { FigureFilter, Figures } from '../../../shared/figures/figures'
import { formatCount, monthLabel } from '../../ui/figure-rows'
import { useFigures, type FiguresSource } from '../../ui/use-figures'
import { againstRules, type RuledCount } from './against-rules'
import { currentMonth, periodOf } from './figures-view'

/** `shown` is the page's own figures: when they are the term's, they are not computed again. */
export function AgainstRules({ source, term, filter, shown }: { source: FiguresSource; term: string; filter: FigureFilter; shown: Figures }) {
  const { t, i18n } = useTranslation()
  const today = source.care?.today ?? shown.period.end
  const known = source.org.terms.find((x) => x.code === term)
  const termPeriod = useMemo(() => periodOf({ kind: 'term', term }, source.org), [term, source.org])
  const monthPeriod = useMemo(() => (known ? currentMonth(known, today) : undefined), [known, today])
  const shownIsTerm = termPeriod !== undefined && shown.period.start === termPeriod.start && shown.period.end === termPeriod.end
  const termFigures = useFigures(source, shownIsTerm ? undefined : termPeriod, filter)
  const inTerm = shownIsTerm ? shown : termFigures
  const inMonth = useFigures(source, monthPeriod, filter)
  if (!inTerm || !inMonth || !monthPeriod) return null
  const month = againstRules(inMonth)
  const whole = againstRules(inTerm)
  const cell = (c: RuledCount | undefined) =>
    c ? (
      <>
        <span>{t('figures.rules.done', { done: formatCount(c.done, i18n.language) })}</span>
        <span className="fig-detail">{t('figures.rules.children', { children: formatCount(c.children, i18n.language) })}</span>
        {c.rules && (
          <span className="fig-detail" data-testid="rules-met">
            {t('figures.rules.met', { met: formatCount(c.rules.met, i18n.language), tasks: formatCount(c.rules.tasks, i18n.language) })}
            {c.rules.overdue > 0 && ` · ${t('figures.rules.overdue', { overdue: formatCount(c.rules.overdue, i18n.language) })}`}
            {c.rules.open > 0 && ` · ${t('figures.rules.open', { open: formatCount(c.rules.open, i18n.language) })}`}
          </span>
        )}
      </>
    ) : null
  return (
    <section className="fig fig-group fig-rules" aria-labelledby="fig-rules-h" data-testid="against-rules">
      <h2 id="fig-rules-h">{t('figures.rules.title')}</h2>
      <table className="fig-table">
        <thead>
          <tr>
            <th scope="col" />
            <th scope="col">{t('figures.rules.thisMonth', { month: monthLabel(monthPeriod.start.slice(0, 7), i18n.language) })}</th>
            <th scope="col">{t('figures.rules.term')}</th>
          </tr>
        </thead>
        <tbody>
          {whole.map((c, i) => (
            <tr key={c.type}>
              <th scope="row">{t(`records.types.${c.type}`)}</th>
              <td data-testid={`rules-month-${c.type}`}>{cell(month[i])}</td>
              <td data-testid={`rules-term-${c.type}`}>{cell(c)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="fig-def">{t(whole.every((c) => c.rules === undefined) ? 'figures.rules.noRules' : 'figures.rules.definition')}</p>
    </section>
  )
}
