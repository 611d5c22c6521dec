/**
 * The order a school lists its classes in: by grade, then by 班號 as the school writes it.
 * A 班號 is digits ('1', '12'), Chinese numerals ('一', '十二') or a name ('火箭'); numbered
 * ones come first in numeric order, so 二班 sorts after 一班 and 10班 after 9班, and the rest
 * follow in the Chinese collation. Pure, so every copy lists classes the same way.
 */

const DIGITS: Readonly<Record<string, number>> = {
  〇: 0, 零: 0, 一: 1, 二: 2, 兩: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
}

/** The 班號's number, for digits or Chinese numerals up to 九十九; undefined for a name. */
export function sectionNumber(section: string): number | undefined {
  const s = section.normalize('NFKC').trim().replace(/班$/, '')
  if (/^\d{1,4}$/.test(s)) return Number(s)
  const m = /^([一二兩两三四五六七八九]?)(十?)([〇零一二三四五六七八九]?)$/.exec(s)
  if (!m || s === '') return undefined
  const [, tens = '', ten = '', ones = ''] = m
  if (ten === '') return tens !== '' && ones === '' ? DIGITS[tens] : undefined
  return (tens === '' ? 1 : (DIGITS[tens] ?? 0)) * 10 + (ones === '' ? 0 : (DIGITS[ones] ?? 0))
}

const collator = new Intl.Collator('zh', { numeric: true })

/** Natural order of two 班號: numbered ones first by number, then names. */
export function compareSections(a: string, b: string): number {
  const na = sectionNumber(a)
  const nb = sectionNumber(b)
  if (na !== undefined && nb !== undefined && na !== nb) return na - nb
  if (na !== undefined && nb === undefined) return -1
  if (na === undefined && nb !== undefined) return 1
  return collator.compare(a, b)
}

/**
 * What makes two 班號 the same class of a grade: '1' and '一' are one class written two ways
 * (the mistake that gave a teacher nobody), so a number counts as itself, a name as its text.
 */
export function sectionIdentity(section: string): string {
  const n = sectionNumber(section)
  return n === undefined ? `name:${section.normalize('NFKC').trim().toLowerCase()}` : `number:${n}`
}
