import { useTranslation } from 'react-i18next'
import { classLabelIn } from '../../ui/class-label'
import { routeHref } from '../../ui/use-route'
import { useOrganisation } from '../../ui/use-organisation'

/** A link per class to print its contact cards (children without a class have none). */
export function ClassCardLinks({ classNames }: { classNames: readonly string[] }) {
  const { t } = useTranslation()
  const org = useOrganisation()
  const classes = [...new Set(classNames.filter((c) => c !== ''))]
  if (classes.length === 0) return null
  return (
    <nav className="class-cards" aria-label={t('cards.classLinks')}>
      <span className="class-cards-label">{t('cards.classLinks')}</span>
      {classes.map((classId) => (
        <a
          key={classId}
          className="class-cards-link"
          href={routeHref({ name: 'cards', classId })}
          aria-label={t('cards.printClass', { className: classLabelIn(t, org, classId) ?? classId })}
        >
          {classLabelIn(t, org, classId) ?? classId}
        </a>
      ))}
    </nav>
  )
}
