/**
 * The statistics table's cross-checks in words (SPEC V4), for the page and for the notes row
 * of a table exported anyway: "第1列 = 第2列 + 第5列 + 第8列（总数等于三个年龄段之和）不成立：
 * 东山镇中心小学 28 ≠ 27；合计 42 ≠ 40。" and, for each reason, the children it names:
 * "2 名儿童没有出生日期，无法计入年龄段：王小明（三年级1班）、…".
 */
import type { TFunction } from 'i18next'
import type { CheckResult, Gap } from '../../../shared/forms/cross-checks'
import type { ChildFacts, StatRowKey } from '../../../shared/forms/statistics-table'
import { classLabel } from '../../ui/class-label'

export function formulaOf(t: TFunction, left: readonly number[], right: readonly number[]): string {
  const side = (ns: readonly number[]) => ns.map((n) => t('forms.checks.column', { n })).join(t('forms.checks.plus'))
  return t('forms.checks.formula', { left: side(left), right: side(right) })
}

export function rowName(t: TFunction, key: StatRowKey): string {
  return key.kind === 'school' ? key.name : key.kind === 'noClass' ? t('forms.noClass') : t('forms.total')
}

/** What failed, in one sentence: the formula, what it means, and the rows with both sums. */
export function headlineOf(t: TFunction, result: CheckResult, language: string): string {
  const number = new Intl.NumberFormat(language)
  const rows = result.rows
    .map((r) => t('forms.checks.row', { row: rowName(t, r.key), left: number.format(r.left), right: number.format(r.right) }))
    .join(t('forms.checks.rowSeparator'))
  return t('forms.checks.headline', { formula: formulaOf(t, result.left, result.right), name: t(`forms.checks.names.${result.check.id}`), rows })
}

/** One reason of a failed check with the children it names, in the table's order. */
export interface GapGroup {
  key: string
  /** "2 名儿童没有出生日期，无法计入年龄段：" */
  text: string
  children: ChildFacts[]
}

const gapKey = (gap: Gap) => (gap.reason === 'outsideBands' ? `${gap.reason}:${gap.age}` : gap.reason)

export function gapGroupsOf(t: TFunction, result: CheckResult): GapGroup[] {
  const groups = new Map<string, { gap: Gap; children: ChildFacts[] }>()
  for (const { child, gap } of result.children) {
    const key = gapKey(gap)
    const group = groups.get(key) ?? { gap, children: [] }
    group.children.push(child)
    groups.set(key, group)
  }
  return [...groups].map(([key, { gap, children }]) => ({
    key,
    text: t(`forms.gaps.${gap.reason}`, { count: children.length, ...(gap.reason === 'outsideBands' ? { age: gap.age } : {}) }),
    children,
  }))
}

/** 王小明（三年级1班）; with the school when the form covers several. */
export function childLabel(t: TFunction, f: ChildFacts, withSchool: boolean): string {
  const name = f.row.name.trim() === '' ? t('forms.unnamed') : f.row.name
  const where = f.cls ? classLabel(t, f.cls, withSchool ? f.school : undefined) : t('forms.noClass')
  return t('forms.childWhere', { name, where })
}

/** A failed check as plain text, for the sheet's notes: the headline, then each reason with up to `max` names. */
export function failureNote(t: TFunction, result: CheckResult, language: string, withSchool: boolean, max = 30): string {
  const separator = t('forms.checks.nameSeparator')
  const parts = gapGroupsOf(t, result).map((group) => {
    const names = group.children.slice(0, max).map((f) => childLabel(t, f, withSchool))
    const rest = group.children.length - names.length
    return group.text + names.join(separator) + (rest > 0 ? t('forms.checks.more', { count: group.children.length, rest }) : '')
  })
  return [headlineOf(t, result, language), ...parts].join(' ')
}
