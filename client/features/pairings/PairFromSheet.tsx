import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { IsoDate } from '../../../shared/dates'
import { ROSTER_LIMITS, tableFromGrid } from '../../../shared/roster/table'
import { LANGUAGES } from '../../i18n'
import { failureMessage } from '../../ui/auth-messages'
import { classLabelIn } from '../../ui/class-label'
import { useEditContext } from '../../ui/fields/edit-context'
import { readSheetFile, SheetReadError } from '../../ui/sheets/read-sheet-file'
import { useOrganisation } from '../../ui/use-organisation'
import { useSignedIn } from '../../ui/use-session'
import { applyAssignments, type ApplyOutcome } from './apply-pairings'
import { matchSheetPairings, sheetColumns, type SheetMatch } from './sheet-pairings'
import { useHelpers } from './use-helpers'
import { KindAndStart, usePairingDefaults } from './KindAndStart'

type Read = { fileName: string; match: SheetMatch } | { fileName: string; error: string }

/**
 * Pairs from a spreadsheet (SPEC W3): each row a child and a helper, maybe a kind and a start.
 * The preview says what will be paired and which rows are skipped and why; applying writes
 * each pairing into its child's file, as pairing a class does.
 */
export function PairFromSheet() {
  const { t, i18n } = useTranslation()
  const { workspace } = useSignedIn()
  const context = useEditContext()
  const org = useOrganisation()
  const { members, helpers } = useHelpers()
  const defaults = usePairingDefaults()
  const { kind, start } = defaults
  const [read, setRead] = useState<Read | null>(null)
  const [reading, setReading] = useState(false)
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null)
  const [outcome, setOutcome] = useState<ApplyOutcome | null>(null)

  const onFile = async (file: File) => {
    if (start === undefined) return
    setOutcome(null)
    setReading(true)
    try {
      const { sheet } = await readSheetFile(file, ROSTER_LIMITS.maxBytes)
      const table = tableFromGrid(sheet.rows)
      if (!table || table.rows.length === 0) throw new SheetReadError('empty')
      if (table.rows.length > ROSTER_LIMITS.maxRows) {
        setRead({ fileName: file.name, error: t('helping.sheet.tooManyRows', { rows: table.rows.length, max: ROSTER_LIMITS.maxRows }) })
        return
      }
      const columns = sheetColumns(table)
      if (columns.helper === undefined || (columns.child === undefined && columns.studentNumber === undefined)) {
        setRead({ fileName: file.name, error: t('helping.sheet.noColumns') })
        return
      }
      // A sheet may name a class in any of the three languages, whatever the page is shown in.
      const fixed = LANGUAGES.map((lng) => i18n.getFixedT(lng))
      const classLabels = new Map(org.classes.map((c) => [c.id, fixed.map((ft) => classLabelIn(ft, org, c.id) ?? '')]))
      const children = await workspace.queries.children()
      const match = matchSheetPairings({ table, columns, children, members: helpers, classLabels, kind, from: start })
      setRead({ fileName: file.name, match })
    } catch (error) {
      const message = error instanceof SheetReadError ? t([`helping.sheet.readErrors.${error.code}`, `sheets.readErrors.${error.code}`], error.params) : t('helping.sheet.readErrors.unreadable')
      if (!(error instanceof SheetReadError)) console.warn('pairing sheet not read', error)
      setRead({ fileName: file.name, error: message })
    } finally {
      setReading(false)
    }
  }

  const pairs = read && 'match' in read ? read.match.pairs : []
  const apply = async () => {
    if (pairs.length === 0 || start === undefined) return
    const assignments = pairs.map((p) => ({ childId: p.child.id, userId: p.helper.id, name: p.helper.displayName, kind: p.kind, from: p.from }))
    const result = await applyAssignments(workspace, assignments, { kind, from: start as IsoDate }, context, (done, total) => setProgress({ done, total }))
    setProgress(null)
    setOutcome(result)
    if (result.failed.length === 0) setRead(null)
  }

  return (
    <section className="helping-section pair-sheet" aria-labelledby="pair-sheet-title">
      <h2 id="pair-sheet-title">{t('helping.sheet.title')}</h2>
      <p className="hint">{t('helping.sheet.hint')}</p>
      {members.state === 'offline' ? (
        <p className="auth-note">{t('helping.needsNetwork')}</p>
      ) : members.state === 'loading' ? (
        <p role="status">{t('helping.loadingMembers')}</p>
      ) : members.state === 'failed' ? (
        <p className="auth-failure" role="alert">{failureMessage(t, members.error)}</p>
      ) : (
        <>
          <KindAndStart id="sheet" kindLabel={t('helping.sheet.defaultKind')} fromLabel={t('helping.sheet.defaultFrom')} defaults={defaults} />
          <div className="field">
            <label htmlFor="pair-sheet-file">{t('helping.sheet.choose')}</label>
            <input
              id="pair-sheet-file"
              type="file"
              accept=".xlsx,.csv,.txt,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              disabled={reading || progress !== null || start === undefined}
              onChange={(e) => {
                const file = e.target.files?.[0]
                // Cleared, so choosing the same file again (after fixing it) reads it again.
                e.target.value = ''
                if (file) void onFile(file)
              }}
            />
          </div>
        </>
      )}
      {reading && <p role="status">{t('helping.sheet.reading')}</p>}
      {read && 'error' in read && (
        <div className="auth-failure" role="alert" data-testid="sheet-error">
          <p>{read.error}</p>
          <p className="hint">{t('helping.sheet.nothingChanged')}</p>
        </div>
      )}
      {read && 'match' in read && (
        <div className="share-preview" data-testid="sheet-preview">
          <h3>{t('helping.sheet.willPair', { count: read.match.pairs.length })}</h3>
          <ul className="sheet-list">
            {read.match.pairs.map((p) => (
              <li key={p.row} data-testid="sheet-pair">
                {t('helping.sheet.pairLine', { row: p.row, child: p.child.name || t('helping.unnamed'), helper: p.helper.displayName, kind: t(`pairings.kinds.${p.kind}`) })}
              </li>
            ))}
          </ul>
          {read.match.skipped.length > 0 && (
            <>
              <h3>{t('helping.sheet.skippedTitle', { count: read.match.skipped.length })}</h3>
              <ul className="sheet-list">
                {read.match.skipped.map((s) => (
                  <li key={s.row} data-testid="sheet-skipped">
                    {t('helping.sheet.skipLine', { row: s.row, child: s.child || '—', helper: s.helper || '—', reason: t(`helping.sheet.reasons.${s.reason}`) })}
                  </li>
                ))}
              </ul>
            </>
          )}
          {progress && <progress className="pair-progress" max={progress.total} value={progress.done} aria-label={t('helping.applying', progress)} />}
          <div className="actions">
            <button type="button" className="primary" disabled={read.match.pairs.length === 0 || progress !== null} onClick={() => void apply()}>
              {t('helping.sheet.apply', { count: read.match.pairs.length })}
            </button>
          </div>
        </div>
      )}
      {outcome && (
        <p role={outcome.failed.length > 0 ? 'alert' : 'status'} className={outcome.failed.length > 0 ? 'auth-failure' : 'member-done'} data-testid="sheet-outcome">
          {outcome.failed.length > 0 ? t('helping.someFailed', { count: outcome.failed.length, done: outcome.paired.length }) : t('helping.applied', { count: outcome.paired.length })}
        </p>
      )}
    </section>
  )
}
