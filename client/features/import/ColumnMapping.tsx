import { useTranslation } from 'react-i18next'
import { checkMapping, type MappingProblem, type RosterMapping } from '../../../shared/roster/headers'
import { isEmptyCell, type RosterTable } from '../../../shared/roster/table'
import { CHILD_FIELD_KEYS, CHILD_FIELDS, FIELD_GROUPS, type ChildFieldKey } from '../../../shared/docs/child/child-fields'
import { fieldLabel } from './field-display'
import type { RosterFile } from './read-roster'
import { useStepFocus } from './use-step-focus'

const SAMPLES = 3
const SAMPLE_MAX = 16

/** The first few values of a column, so the user can tell what it holds. */
function samples(table: RosterTable, index: number): string[] {
  const out: string[] = []
  for (const row of table.rows) {
    const cell = row.cells[index]
    if (isEmptyCell(cell)) continue
    const s = String(cell).trim()
    out.push([...s].length > SAMPLE_MAX ? `${[...s].slice(0, SAMPLE_MAX).join('')}…` : s)
    if (out.length === SAMPLES) break
  }
  return out
}

const GROUPED = FIELD_GROUPS.map((group) => ({ group, fields: CHILD_FIELD_KEYS.filter((k) => CHILD_FIELDS[k].group === group) })).filter(
  (g) => g.fields.length > 0,
)

/** Step 2: what each column holds. Nothing can go on while the mapping has a problem. */
export function ColumnMapping(props: {
  file: RosterFile
  mapping: RosterMapping
  onChange: (mapping: RosterMapping) => void
  onNext: () => void
  onOtherFile: () => void
}) {
  const { t, i18n } = useTranslation()
  const heading = useStepFocus<HTMLHeadingElement>()
  const { table } = props.file
  const problems = checkMapping(props.mapping)
  const list = new Intl.ListFormat(i18n.language, { type: 'conjunction' })
  const problemText = (p: MappingProblem) =>
    p.code === 'nameNotMapped'
      ? t('import.map.nameNotMapped')
      : t('import.map.fieldTwice', {
          field: fieldLabel(t, p.field),
          columns: list.format(p.columns.map((i) => table.columns[i]?.letter ?? '')),
        })
  const setField = (index: number, field: ChildFieldKey | null) => props.onChange(props.mapping.map((f, i) => (i === index ? field : f)))

  return (
    <section className="import-step" aria-labelledby="import-map-title">
      <p className="import-step-count">{t('import.step', { n: 2 })}</p>
      <h2 id="import-map-title" ref={heading} tabIndex={-1}>{t('import.map.title')}</h2>
      <p className="hint">{t('import.map.file', { name: props.file.fileName, headerRow: table.headerRow, count: table.rows.length })}</p>
      {props.file.sheetName !== undefined && <p className="hint">{t('import.map.sheet', { name: props.file.sheetName })}</p>}
      <p>{t('import.map.intro')}</p>
      <ul className="mapping-list" data-testid="column-mapping">
        {table.columns.map((column, i) => {
          const id = `map-${column.letter}`
          const values = samples(table, column.index)
          return (
            <li key={column.letter} className={props.mapping[i] ? 'mapped' : 'ignored'}>
              <label htmlFor={id} className="mapping-column">
                <span className="mapping-header">{column.header || t('import.map.noHeader')}</span>{' '}
                <span className="mapping-letter">{t('import.map.column', { letter: column.letter })}</span>
              </label>
              <span className="mapping-sample" id={`${id}-sample`}>
                {values.length > 0 ? t('import.map.sample', { values: values.join(' · ') }) : t('import.map.empty')}
              </span>
              <select
                id={id}
                value={props.mapping[i] ?? ''}
                aria-describedby={`${id}-sample`}
                onChange={(e) => setField(i, e.target.value === '' ? null : (e.target.value as ChildFieldKey))}
              >
                <option value="">{t('import.map.ignore')}</option>
                {GROUPED.map(({ group, fields }) => (
                  <optgroup key={group} label={t(`field.groups.${group}`)}>
                    {fields.map((field) => (
                      <option key={field} value={field}>
                        {fieldLabel(t, field)}
                      </option>
                    ))}
                  </optgroup>
                ))}
              </select>
            </li>
          )
        })}
      </ul>
      {problems.length > 0 && (
        <ul className="import-problems" role="alert">
          {problems.map((p) => (
            <li key={p.code === 'fieldTwice' ? p.field : p.code}>{problemText(p)}</li>
          ))}
        </ul>
      )}
      <div className="import-actions">
        <button type="button" className="primary" disabled={problems.length > 0} onClick={props.onNext}>
          {t('import.map.next')}
        </button>
        <button type="button" onClick={props.onOtherFile}>
          {t('import.map.otherFile')}
        </button>
      </div>
    </section>
  )
}
