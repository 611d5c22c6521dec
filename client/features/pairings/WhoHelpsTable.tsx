import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { classLabelIn } from '../../ui/class-label'
import { useEditContext } from '../../ui/fields/edit-context'
import { formatDate } from '../../ui/format'
import { useLive } from '../../ui/use-live'
import { useOrganisation } from '../../ui/use-organisation'
import { routeHref } from '../../ui/use-route'
import { useWorkspace } from '../../ui/use-session'
import type { PairingRow } from '../../../shared/indexes/rows'
import { endPairingIn } from './apply-pairings'
import { whoHelpsWhom } from './who-helps-whom'

/** Who helps whom today, each helper's load, and the children nobody helps (SPEC W1). */
export function WhoHelpsTable() {
  const { t, i18n } = useTranslation()
  const workspace = useWorkspace()
  const org = useOrganisation()
  const context = useEditContext()
  const pairings = useLive(() => workspace.queries.pairings(), [], [])
  const children = useLive(() => workspace.queries.childrenByName(), [], [])
  const [ending, setEnding] = useState<string | null>(null)
  const today = context().today
  const table = whoHelpsWhom(pairings, children, org, today)
  const label = (classId: string) => (classId === '' ? t('helping.noClass') : (classLabelIn(t, org, classId) ?? classId))

  const end = (row: PairingRow, childName: string) => {
    if (!window.confirm(t('helping.confirmEnd', { helper: row.name, child: childName }))) return
    setEnding(row.id)
    void endPairingIn(workspace, row.childId, row.pairingId, today, context).finally(() => setEnding(null))
  }

  return (
    <>
      <section className="helping-section" aria-labelledby="who-helps-title">
        <h2 id="who-helps-title">{t('helping.whoHelpsWhom')}</h2>
        {table.helpers.length === 0 ? (
          <p className="empty">{t('helping.noPairings')}</p>
        ) : (
          table.helpers.map((h) => (
            <div key={h.key} className="helper-group" data-testid="helper-group" data-helper={h.name}>
              <h3>
                <span>{h.name}</span>{' '}
                <span className="helper-load" data-testid="helper-load">
                  {t('helping.load', { count: h.load })}
                </span>
              </h3>
              <table className="helping-table">
                <thead>
                  <tr>
                    <th>{t('helping.child')}</th>
                    <th>{t('helping.kind')}</th>
                    <th>{t('helping.class')}</th>
                    <th>{t('helping.since')}</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {h.pairings.map(({ pairing, child }) => (
                    <tr key={pairing.id} data-testid="helped-child">
                      <td>
                        <a href={routeHref({ name: 'child', childId: pairing.childId })}>{child?.name || t('helping.unnamed')}</a>
                      </td>
                      <td>{t(`pairings.kinds.${pairing.kind}`, { defaultValue: pairing.kind })}</td>
                      <td>{label(child?.classId ?? '')}</td>
                      <td>{pairing.from ? formatDate(pairing.from, i18n.language) : '…'}</td>
                      <td>
                        <button type="button" className="link-button" disabled={ending === pairing.id} onClick={() => end(pairing, child?.name ?? '')}>
                          {t('helping.end')}
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ))
        )}
      </section>
      <section className="helping-section" aria-labelledby="unpaired-title">
        <h2 id="unpaired-title">
          {t('helping.unpaired')} <span data-testid="unpaired-count">{t('helping.childCount', { count: table.unpaired.reduce((n, g) => n + g.children.length, 0) })}</span>
        </h2>
        {table.unpaired.length === 0 ? (
          <p className="empty" data-testid="all-paired">
            {t('helping.allPaired')}
          </p>
        ) : (
          table.unpaired.map((g) => (
            <div key={g.classId} className="unpaired-class">
              <h3>{label(g.classId)}</h3>
              <ul className="unpaired-list" data-testid="unpaired">
                {g.children.map((c) => (
                  <li key={c.id}>
                    <a href={routeHref({ name: 'child', childId: c.id })}>{c.name || t('helping.unnamed')}</a>
                  </li>
                ))}
              </ul>
            </div>
          ))
        )}
      </section>
    </>
  )
}
