import type { ContactCardData } from './card-data'
import { ContactCard } from './ContactCard'

export const PAPERS = ['a4', 'a6'] as const
export type Paper = (typeof PAPERS)[number]

/** Cards on one A4 sheet: 2 × 2 A6 cards fill it (A4 is two A6 wide and two high). */
const CARDS_PER_A4 = 4

/**
 * The cards laid out as they print: a sheet is one printed page (styles.css gives each
 * kind its @page size), so the page count is known here, not left to the browser's breaks.
 */
export function CardSheets({ cards, paper }: { cards: readonly ContactCardData[]; paper: Paper }) {
  const sheets = paper === 'a6' ? cards.map((c) => [c]) : chunk(cards, CARDS_PER_A4)
  return (
    <div className={`card-sheets card-sheets-${paper}`} data-testid="card-sheets">
      {sheets.map((sheet) => (
        <section key={sheet.map((c) => c.childId).join(' ')} className={`sheet sheet-${paper}`}>
          {sheet.map((card) => (
            <ContactCard key={card.childId} card={card} />
          ))}
        </section>
      ))}
    </div>
  )
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}
