/**
 * Finding a child in the list by what a helper types (docs/SPEC.md I6–I7): part of the name,
 * the name's pinyin initials (王小明 → wxm), part of a phone number, the 學籍號, or part of the
 * class's or the school's name. The first four are folded into the row's `search` text when the
 * document is indexed, so a search reads rows only and never opens a document; the class and
 * school are the organisation's words, matched by the caller into a set of class ids.
 */
import type { ChildRow } from './rows'

/** A name's pinyin initials, lower case ('王小明' → 'wxm'); the indexer supplies it (pinyin-pro). */
export type InitialsOf = (name: string) => string

/** Case, width and spaces do not matter: 'ＷＸＭ ' finds what 'wxm' finds. */
export function foldSearch(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, '')
}

const digitsOf = (text: string) => text.replace(/\D/g, '')

/** What a phone number is typed with besides its digits: '138-0013 8000', '(0851) 1234', '+86 …'. */
const PHONE_LIKE = /^[\d\s\-+().]+$/

/**
 * The row's search text (I6): its name, the name's initials, its 學籍號 and every phone on
 * it (digits only), folded, one per line so that no query matches across two of them.
 */
export function searchTextOf(row: Pick<ChildRow, 'name' | 'studentNumber' | 'guardian' | 'father' | 'mother'>, initialsOf: InitialsOf): string {
  const phones = [row.guardian.phone, row.father.phone, row.mother.phone].map(digitsOf)
  const name = row.name.trim()
  return [name, name === '' ? '' : initialsOf(name), row.studentNumber, ...phones]
    .map(foldSearch)
    .filter((part) => part !== '')
    .join('\n')
}

/**
 * Whether a child's row matches what was typed (I7): an empty query matches every row; a
 * query of digits and phone punctuation matches a phone by its digits; any query matches the
 * search text, and a row whose class is in `classIds` (the classes whose label or school name
 * contains the query, worked out once per search by the caller).
 */
export function matchesChild(row: Pick<ChildRow, 'search' | 'classId'>, query: string, classIds: ReadonlySet<string> = new Set()): boolean {
  const folded = foldSearch(query)
  if (folded === '') return true
  if (row.search.includes(folded)) return true
  if (PHONE_LIKE.test(query.trim())) {
    const digits = digitsOf(query)
    if (digits.length > 0 && row.search.includes(digits)) return true
  }
  return row.classId !== '' && classIds.has(row.classId)
}
