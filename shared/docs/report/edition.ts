/**
 * One edition of a term's published report (docs/SPEC.md J1): who published it and when, the
 * period, the scope (the whole workspace or one school, with its name) and the figures, counts
 * only. The schema is strict and closed: every count is keyed by a value of a fixed list (a
 * gender, a risk colour, a record type…), so no key can carry a child's name or id, and an
 * object with a key the schema does not name is no edition at all. The one free text is what
 * a supervisor needs to read the figures: the school's name, an aid's source (a donor), and
 * the titles of the plan's activities.
 *
 * The same schema reads a peer's editions (readReport skips what it refuses) and judges a
 * write at the relay (report-rules.ts).
 */
import { z } from 'zod'
import { AGE_BANDS } from '../../dates'
import { DOCUMENT_KEY_PATTERN } from '../../ids'
import { CARE_ARRANGEMENTS, FILE_REQUIRED_FIELDS, GENDERS, PARENTS_AWAY, PRIORITY, RISK_LEVELS } from '../child/child-fields'
import { PAIRING_KINDS } from '../child/pairings'
import { CONTACT_METHODS, RECORD_TYPES, TITLE_MAX } from '../child/records'
import { ACTIVITY_KINDS } from '../plan/template'
import { MAX_SCHOOL_NAME } from '../settings/organisation-read'
import { parseTermCode } from '../settings/term-code'

export const EDITION_SCHEMA_VERSION = 1

/** Far above any workspace's figures (10,000 children, 200,000 records), far below what harms. */
const MAX_COUNT = 10_000_000
/** An aid's source is a donor's name, as the distribution writes it (plan/distribution.ts). */
export const MAX_AID_SOURCE = 100
export const MAX_AID_SOURCES = 100
export const MAX_ACTIVITIES = 200
/** A term is some five months; a period chosen by hand at most a few years. */
export const MAX_MONTHS = 60

const count = z.number().int().min(0).max(MAX_COUNT)
const yuan = z.number().finite().min(0).max(1e12)
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/)

/** A count by the values of a fixed list ('' for "not given"): any other key is refused. */
function countOf<const T extends readonly string[]>(values: T) {
  return z.partialRecord(z.enum(['', ...values] as const), count)
}

const ratio = z.strictObject({ count, of: count, rate: z.number().finite().min(0).nullable() })

/** The values each count of the figures (shared/figures/figures.ts) is keyed by. */
export const COUNT_KEYS = {
  missingFields: FILE_REQUIRED_FIELDS,
  gender: GENDERS,
  parentsAway: PARENTS_AWAY,
  careArrangement: CARE_ARRANGEMENTS,
  ageBands: [...AGE_BANDS.map((band) => band.id), 'over'],
  risk: RISK_LEVELS,
  priority: PRIORITY,
  pairingsByKind: PAIRING_KINDS,
  records: RECORD_TYPES,
  childrenReached: RECORD_TYPES,
  parentContactsByMethod: CONTACT_METHODS,
} as const satisfies Record<string, readonly string[]>
export type CountKey = keyof typeof COUNT_KEYS

const aidSources = <T extends z.ZodType<number>>(value: T) =>
  z.record(z.string().max(MAX_AID_SOURCE), value).refine((o) => Object.keys(o).length <= MAX_AID_SOURCES, 'too many sources')

/** An activity of the plan held in the period: its title, date, kind and how many children came. */
export const PublishedActivity = z.strictObject({
  templateKey: z.string().regex(DOCUMENT_KEY_PATTERN).optional(),
  title: z.string().max(TITLE_MAX),
  date: z.union([isoDate, z.string().regex(/^\d{4}-\d{2}$/), z.literal('')]),
  activity: z.enum(ACTIVITY_KINDS),
  attended: count,
})
export type PublishedActivity = z.infer<typeof PublishedActivity>

/** The figures as published: Figures (shared/figures/figures.ts) without its filter and period, which the edition states. */
export const PublishedFigures = z.strictObject({
  leftBehind: count,
  pupils: z.strictObject({ total: count, classesCounted: count, classes: count }),
  share: ratio,
  filing: ratio,
  missingFields: countOf(COUNT_KEYS.missingFields),
  enrolment: ratio.extend({ unknown: count }),
  retention: ratio,
  gender: countOf(COUNT_KEYS.gender),
  parentsAway: countOf(COUNT_KEYS.parentsAway),
  careArrangement: countOf(COUNT_KEYS.careArrangement),
  ageBands: countOf(COUNT_KEYS.ageBands),
  risk: countOf(COUNT_KEYS.risk),
  priority: countOf(COUNT_KEYS.priority),
  pairingCoverage: ratio,
  pairingsByKind: countOf(COUNT_KEYS.pairingsByKind),
  records: countOf(COUNT_KEYS.records),
  childrenReached: countOf(COUNT_KEYS.childrenReached),
  /** Records by month ('YYYY-MM') and type, for the charts. */
  recordsByMonth: z
    .record(z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/), countOf(RECORD_TYPES))
    .refine((o) => Object.keys(o).length <= MAX_MONTHS, 'too many months'),
  parentContactsByMethod: countOf(COUNT_KEYS.parentContactsByMethod),
  aidYuan: aidSources(yuan),
  aidRecords: aidSources(count),
  aidChildren: count,
  aidTotalYuan: yuan,
  activities: z.array(PublishedActivity).max(MAX_ACTIVITIES),
})
export type PublishedFigures = z.infer<typeof PublishedFigures>

export const ReportScope = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('workspace') }),
  z.strictObject({ kind: z.literal('school'), schoolId: z.string().regex(DOCUMENT_KEY_PATTERN), schoolName: z.string().min(1).max(MAX_SCHOOL_NAME) }),
])
export type ReportScope = z.infer<typeof ReportScope>

export const ReportPeriod = z
  .strictObject({ start: isoDate, end: isoDate, term: z.string().refine((code) => parseTermCode(code) !== undefined).optional() })
  .refine((p) => p.start <= p.end, 'the period ends before it starts')
export type ReportPeriod = z.infer<typeof ReportPeriod>

export const Edition = z.strictObject({
  id: z.string().regex(DOCUMENT_KEY_PATTERN),
  schema: z.literal(EDITION_SCHEMA_VERSION),
  /** The publisher's signature, as the plan signs its entries (plan/signature.ts). */
  byId: z.string().min(1).max(64),
  by: z.string().max(40),
  at: z.number().finite(),
  period: ReportPeriod,
  scope: ReportScope,
  figures: PublishedFigures,
})
export type Edition = z.infer<typeof Edition>

/** The key the latest edition of a scope is found by: `workspace`, or `school:<id>`. */
export function scopeKey(scope: ReportScope): string {
  return scope.kind === 'workspace' ? 'workspace' : `school:${scope.schoolId}`
}
