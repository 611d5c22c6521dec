import { useEffect, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { todayIsoDate } from '../../../shared/dates'
import { loadChildCard, loadClassCards, type LoadedCards } from './card-data'
import { CardSheets, PAPERS, type Paper } from './CardSheets'
import { routeHref } from '../../ui/use-route'
import { useLive } from '../../ui/use-live'
import { useWorkspace } from '../../ui/use-session'
import { childDocumentId } from '../../../shared/doc-id'

const NOTHING: LoadedCards = { cards: [], unreadable: [] }
/** The paper last chosen on this device: whoever keeps A6 card stock wants it next time too. */
const PAPER_KEY = 'shouwang.cardPaper'
const savedPaper = (): Paper => {
  const saved = localStorage.getItem(PAPER_KEY)
  return (PAPERS as readonly string[]).includes(saved ?? '') ? (saved as Paper) : 'a4'
}

/**
 * Contact cards to print (聯繫卡): one child's, or every child's of a class. They are read
 * from this device's store, never by opening each file, and re-read when a file changes.
 */
export function ContactCards({ childId, classId }: { childId?: string | undefined; classId?: string | undefined }) {
  const { t, i18n } = useTranslation()
  const workspace = useWorkspace()
  const [paper, setPaper] = useState<Paper>(savedPaper)
  const choosePaper = (p: Paper) => {
    localStorage.setItem(PAPER_KEY, p)
    setPaper(p)
  }
  const today = todayIsoDate(new Date(workspace.clock.now()))
  const loaded = useLive(async () => {
    if (childId) return loadChildCard(workspace, childId, today)
    if (classId) return loadClassCards(workspace, classId, today)
    return NOTHING
  }, [childId, classId, today])
  const cards = useMemo(() => {
    const collator = new Intl.Collator(i18n.language)
    return [...(loaded?.cards ?? [])].sort((a, b) => collator.compare(a.name, b.name) || a.childId.localeCompare(b.childId))
  }, [loaded, i18n.language])

  // The title names the saved PDF; a class is fine there, a child's name never is.
  const title = !childId && classId ? t('cards.classTitle', { className: classId }) : t('cards.title')
  useEffect(() => {
    const before = document.title
    document.title = title
    return () => void (document.title = before)
  }, [title])

  const message = !loaded
    ? t('cards.loading')
    : cards.length > 0
      ? undefined
      : childId
        ? t('cards.childNotFound')
        : classId
          ? t('cards.emptyClass', { className: classId })
          : t('cards.nothingChosen')
  return (
    <main className="page cards-page">
      <div className="screen-only">
        <a className="back" href={routeHref(childId ? { name: 'child', childId } : { name: 'list' })}>
          ← {childId ? t('cards.backToChild') : t('cards.backToList')}
        </a>
        <h1>{title}</h1>
        {message && <p className="empty">{message}</p>}
        {loaded && loaded.unreadable.length > 0 && (
          <p className="notice" role="alert">
            {t('cards.unreadable', { count: loaded.unreadable.length })}
          </p>
        )}
        {cards.length > 0 && (
          <div className="cards-controls">
            <fieldset className="paper-choice">
              <legend>{t('cards.paper')}</legend>
              {PAPERS.map((p) => (
                <label key={p}>
                  <input type="radio" name="paper" value={p} checked={paper === p} onChange={() => choosePaper(p)} />
                  {p === 'a4' ? t('cards.paperA4') : t('cards.paperA6')}
                </label>
              ))}
            </fieldset>
            <p className="count">{t('cards.count', { count: cards.length })}</p>
            <button type="button" className="primary" onClick={() => {
                // Printing a card takes a child's contacts off the device: the audit trail says so.
                for (const card of cards) void workspace.reportAudit(childDocumentId(workspace.workspaceId, card.childId), 'exported')
                window.print()
              }}>
              {t('cards.print')}
            </button>
            <p className="hint">{t('cards.printHint')}</p>
          </div>
        )}
      </div>
      {cards.length > 0 && <CardSheets cards={cards} paper={paper} />}
    </main>
  )
}
