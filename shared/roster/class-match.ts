/**
 * A roster's class column, as a school types it (三年級1班, 三年级一班, 3年级1班, 三(1)班,
 * 初一(2)班, 高二3班, 3-1), matched to a class of the organisation (docs/SPEC.md H8): by grade
 * and 班號, '1' and '一' being the same 班號. A class is never made up from a cell: text that
 * names no class, or a class two schools both have, is the importer's to settle.
 */
import { sectionIdentity, sectionNumber } from '../docs/settings/class-order'
import type { ClassInfo, Organisation } from '../docs/settings/organisation-read'

export type ClassMatch = { ok: true; classId: string } | { ok: false; code: 'unknownClass' | 'ambiguousClass' }

const STAGE_OFFSET: Readonly<Record<string, number>> = { 小: 0, 初: 6, 高: 9 }

/** The grade and 班號 a cell names, or undefined when it names no grade. */
export function parseClassText(text: string): { grade: number; section: string } | undefined {
  const s = text.normalize('NFKC').replace(/\s+/g, '')
  // 初一(2)班, 高二3班: a stage and its year.
  const staged = /^(初|高)([一二三123])(?:年[级級])?\(?([^()]+?)\)?班?$/.exec(s)
  if (staged) {
    const year = sectionNumber(staged[2] as string)
    return year === undefined ? undefined : { grade: (STAGE_OFFSET[staged[1] as string] ?? 0) + year, section: staged[3] as string }
  }
  // 三年級1班, 3年级(1)班, 三(1)班, 3-1, 3.1
  const plain = /^([一二三四五六七八九十]{1,2}|\d{1,2})(?:年[级級]|[-.])?\(?([^()]+?)\)?班?$/.exec(s)
  if (!plain) return undefined
  const grade = sectionNumber(plain[1] as string)
  return grade === undefined ? undefined : { grade, section: plain[2] as string }
}

/** The organisation's active class this cell names; archived classes are never filed into. */
export function matchClass(text: string, org: Organisation): ClassMatch {
  const trimmed = text.trim()
  const byId = org.classes.find((c) => c.id === trimmed && !c.archived)
  if (byId) return { ok: true, classId: byId.id }
  const parsed = parseClassText(trimmed)
  if (!parsed) return { ok: false, code: 'unknownClass' }
  const section = sectionIdentity(parsed.section)
  const found: ClassInfo[] = org.classes.filter((c) => !c.archived && c.grade === parsed.grade && sectionIdentity(c.section) === section)
  if (found.length === 1) return { ok: true, classId: (found[0] as ClassInfo).id }
  return { ok: false, code: found.length === 0 ? 'unknownClass' : 'ambiguousClass' }
}
