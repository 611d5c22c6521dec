import { useTranslation } from 'react-i18next'
import type * as Y from 'yjs'
import { mayBin, readBin, restoreFromBin, type BinCollection, type BinEntry } from '../../../shared/docs/child/bin'
import { readPairing } from '../../../shared/docs/child/pairings'
import { readRecord } from '../../../shared/docs/child/records'
import { formatDate } from '../../ui/format'
import { useWriter } from '../../ui/use-author'
import { useDocState } from '../../ui/use-doc-state'

const binKey = (entries: BinEntry[]) => JSON.stringify(entries.map((e) => [e.collection, e.id, e.deletion]))

/**
 * What was deleted from this part of the file (SPEC D1): who deleted each entry and when, and
 * "restore" for those the rules let this person restore (its author, coordinators: D2).
 */
export function BinPanel({ doc, collection }: { doc: Y.Doc; collection: BinCollection }) {
  const { t, i18n } = useTranslation()
  const writer = useWriter()
  const entries = useDocState(doc, (d) => readBin(d).filter((e) => e.collection === collection), binKey)
  if (entries.length === 0) return null
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' })
  const describe = (entry: BinEntry) => {
    if (entry.collection === 'records') {
      const record = readRecord(entry.id, entry.entry)
      return record ? t('file.bin.record', { type: t(`records.types.${record.type}`), date: record.date ? formatDate(record.date, i18n.language) : '—' }) : entry.id
    }
    const pairing = readPairing(entry.id, entry.entry)
    return pairing ? t('file.bin.pairing', { kind: t(`pairings.kinds.${pairing.kind}`), name: pairing.name }) : entry.id
  }
  return (
    <details className="bin" data-testid={`bin-${collection}`}>
      <summary>{t('file.bin.title', { count: entries.length })}</summary>
      <ul>
        {entries.map((entry) => (
          <li key={entry.id} data-testid="bin-entry">
            <span className="bin-what">{describe(entry)}</span>
            <span className="bin-who">{t('file.bin.deleted', { who: entry.deletion.by || t('file.bin.someone'), when: when.format(new Date(entry.deletion.at)) })}</span>
            {mayBin(writer, entry.authorId, 'restore') && (
              <button type="button" className="link-button" onClick={() => restoreFromBin(doc, collection, entry.id)}>
                {t('file.bin.restore')}
              </button>
            )}
          </li>
        ))}
      </ul>
    </details>
  )
}
