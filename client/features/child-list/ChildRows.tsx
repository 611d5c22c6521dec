import { useWindowVirtualizer } from '@tanstack/react-virtual'
import { useCallback, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ChildRow } from '../../../shared/indexes/rows'
import { formatDate } from '../../ui/format'
import { routeHref } from '../../ui/use-route'
import { statusOf } from './child-filter'

/**
 * From this many rows on, only those on screen are in the page (SPEC I10): a 10,000-child list
 * is a screenful of rows, scrolled through; a class of forty is every row, as before.
 */
export const VIRTUAL_FROM = 150

interface Props {
  rows: readonly ChildRow[]
  labelOf: (classId: string) => string
}

export function ChildRows({ rows, labelOf }: Props) {
  return rows.length < VIRTUAL_FROM ? (
    <ul className="child-list" data-testid="child-list">
      {rows.map((c) => (
        <li key={c.id}>
          <ChildLink child={c} classLabel={labelOf(c.classId)} />
        </li>
      ))}
    </ul>
  ) : (
    <VirtualRows rows={rows} labelOf={labelOf} />
  )
}

function VirtualRows({ rows, labelOf }: Props) {
  // The list starts below the page's title, search and filters: the window scrolls it.
  const [offset, setOffset] = useState(0)
  const listRef = useCallback((list: HTMLUListElement | null) => {
    if (list) setOffset(list.getBoundingClientRect().top + window.scrollY)
  }, [])
  const virtualizer = useWindowVirtualizer({
    count: rows.length,
    estimateSize: () => 64,
    overscan: 8,
    scrollMargin: offset,
    getItemKey: (index) => rows[index]?.id ?? index,
  })
  const items = virtualizer.getVirtualItems()
  return (
    <ul ref={listRef} className="child-list virtual" data-testid="child-list" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
      {items.map((item) => {
        const c = rows[item.index]
        if (!c) return null
        return (
          <li
            key={item.key}
            data-index={item.index}
            ref={virtualizer.measureElement}
            style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${item.start - virtualizer.options.scrollMargin}px)` }}
          >
            <ChildLink child={c} classLabel={labelOf(c.classId)} />
          </li>
        )
      })}
    </ul>
  )
}

function ChildLink({ child: c, classLabel }: { child: ChildRow; classLabel: string }) {
  const { t, i18n } = useTranslation()
  const status = statusOf(c)
  return (
    <a href={routeHref({ name: 'child', childId: c.id })}>
      <span className="child-name">
        {c.name || t('children.unnamed')}
        {c.priority && <span className={`badge badge-${c.priority}`}>{t(`field.options.priority.${c.priority}`)}</span>}
        {status !== 'active' && <span className={`badge status-badge status-${status}`}>{t(`path.statuses.${status}`)}</span>}
      </span>
      <span className="child-class">{classLabel}</span>
      <span className="child-meta">
        {c.gender ? t(`field.options.gender.${c.gender}`) : t('field.options.unset')}
        {c.birthDate && ` · ${formatDate(c.birthDate, i18n.language)}`}
      </span>
    </a>
  )
}
