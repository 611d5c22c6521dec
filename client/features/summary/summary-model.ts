/**
 * The term summary (工作總結) as one model that both files print (SPEC Z6, Z8): the seed's
 * shape (aims, organisation, measures, results with the figures, the activities held, problems,
 * next steps), every number taken from the rows the figures page shows (figure-rows.ts) and the
 * narrative left to staff as marked placeholders. The .docx (write-docx.ts) and the .xlsx
 * (write-xlsx.ts) are drawn from this model alone, so they cannot differ from each other or
 * from the page. Pure but for the words.
 */
import type { IsoDate } from '../../../shared/dates'
import type { Organisation } from '../../../shared/docs/settings/organisation'
import { total } from '../../../shared/figures/count'
import type { Figures } from '../../../shared/figures/figures'
import type { FigureLists } from '../../../shared/figures/lists'
import { figureCharts, type ChartData } from '../../ui/charts/chart-data'
import { classLabelIn, termLabel } from '../../ui/class-label'
import { classIdOrder } from '../../ui/class-sort'
import { activityTitle, figureRows, formatCount, formatDay, type FigureRow, type FigureWords } from '../../ui/figure-rows'
import { formatDate } from '../../ui/format'

export const SECTION_KEYS = ['aims', 'organisation', 'measures', 'results', 'activities', 'problems', 'nextSteps'] as const
export type SectionKey = (typeof SECTION_KEYS)[number]

export interface SummarySection {
  key: SectionKey
  heading: string
  /** Sentences filled from the data. */
  facts: string[]
  /** What staff are asked to write here; every narrative section has one. */
  placeholder?: string
}

export interface SummaryActivity {
  date: string
  /** The date as the reader writes it. */
  day: string
  title: string
  attended: number
}

/** The words of the files' headers and sheet names. */
export interface SummaryLabels {
  figureHeader: [string, string, string]
  activityHeader: [string, string, string]
  sheets: { figures: string; children: string; records: string; aid: string; activities: string }
  headers: {
    figures: [string, string, string, string]
    children: [string, string]
    records: [string, string, string, string]
    aid: [string, string, string, string, string]
    activities: [string, string, string]
  }
}

export interface SummaryModel {
  title: string
  /** Who, which term, which days. */
  subtitle: string
  sections: SummarySection[]
  /** Every figure, as the page lists it. */
  rows: FigureRow[]
  /** The one or two charts the .docx carries. */
  charts: ChartData[]
  activities: SummaryActivity[]
  lists: {
    children: { name: string; className: string }[]
    records: { date: string; type: string; child: string; author: string }[]
    aid: { date: string; child: string; kind: string; yuan: number; source: string }[]
  }
  files: { docx: string; xlsx: string }
  labels: SummaryLabels
}

export interface SummaryInput {
  figures: Figures
  lists: FigureLists
  org: Organisation
  term: string
  schoolId?: string
  words: FigureWords
  /** The day the summary is made, printed under its title. */
  today: IsoDate
}

const text = (rows: readonly FigureRow[], key: string) => rows.find((r) => r.key === key)?.value?.text ?? ''

/** "祖辈看护 3 人、亲戚看护 1 人": the non-zero values of a group, as the page writes them. */
function parts(rows: readonly FigureRow[], group: string, t: FigureWords['t']): string {
  return rows
    .filter((r) => r.key.startsWith(`${group}.`) && (r.value?.raw ?? 0) > 0)
    .map((r) => t('summary.part', { label: r.label, value: r.value?.text ?? '' }))
    .join(t('summary.listSeparator'))
}

function who(org: Organisation, schoolId: string | undefined, t: FigureWords['t']): string {
  const chosen = org.schools.find((s) => s.id === schoolId)
  if (chosen) return chosen.name
  if (org.schools.length === 1) return org.schools[0]?.name ?? ''
  // A few schools by name (a township's 中心校 and its teaching points); more as "the first and N others".
  if (org.schools.length <= 3) return org.schools.map((s) => s.name).join(t('summary.schoolsJoin'))
  return t('summary.allSchools', { first: org.schools[0]?.name ?? '', count: org.schools.length })
}

/** A file name holds no character a phone's or Windows' file system refuses. */
const safeName = (name: string) => name.replace(/[\\/:*?"<>|]+/g, '-')

export function summaryModel({ figures, lists, org, term, schoolId, words, today }: SummaryInput): SummaryModel {
  const { t, language } = words
  const rows = figureRows(figures, words)
  const termName = termLabel(t, term)
  const name = who(org, schoolId, t)
  const v = (key: string) => text(rows, key)
  const detail = (key: string) => rows.find((r) => r.key === key)?.value?.detail ?? ''
  const count = (n: number) => formatCount(n, language)
  const charts = figureCharts(figures, words).filter((c) => c.id === 'careArrangement' || c.id === 'recordsByMonth')
  const results = [
    t('summary.facts.leftBehind', { leftBehind: v('leftBehind'), pupils: v('pupils'), share: v('share') }),
    t('summary.facts.rates', { filing: v('filing'), filingDetail: detail('filing'), enrolment: v('enrolment'), retention: v('retention') }),
    t('summary.facts.care', { parts: parts(rows, 'careArrangement', t) || t('summary.nothing') }),
    t('summary.facts.ages', { parts: parts(rows, 'ageBands', t) || t('summary.nothing'), risk: parts(rows, 'risk', t) || t('summary.nothing') }),
    t('summary.facts.pairings', { coverage: v('pairingCoverage'), detail: detail('pairingCoverage'), parts: parts(rows, 'pairingsByKind', t) || t('summary.nothing') }),
    t('summary.facts.records', { parts: parts(rows, 'records', t) || t('summary.nothing'), reached: parts(rows, 'childrenReached', t) || t('summary.nothing') }),
    t('summary.facts.aid', { total: v('aidTotalYuan'), children: v('aidChildren'), parts: parts(rows, 'aid', t) || t('summary.nothing') }),
    t('summary.facts.activities', { activities: v('activities'), attended: v('attended') }),
  ]
  const missing = total(figures.missingFields)
  const section = (key: SectionKey, facts: string[] = [], narrative = true): SummarySection => ({
    key,
    heading: t(`summary.sections.${key}`),
    facts,
    ...(narrative ? { placeholder: t(`summary.placeholders.${key}`) } : {}),
  })
  const order = classIdOrder(org)
  const className = (id: string) => classLabelIn(t, org, id) ?? t('summary.noClass')
  return {
    title: t('summary.docTitle', { who: name, term: termName }),
    subtitle: t('summary.subtitle', { from: formatDate(figures.period.start, language), to: formatDate(figures.period.end, language), today: formatDate(today, language) }),
    sections: [
      section('aims'),
      section('organisation'),
      section('measures'),
      section('results', results, false),
      section('activities', figures.activities.length === 0 ? [t('summary.noActivities')] : [], false),
      section('problems', missing > 0 ? [t('summary.facts.missing', { files: count(figures.leftBehind - figures.filing.count), parts: parts(rows, 'missingFields', t) })] : []),
      section('nextSteps'),
    ],
    rows,
    charts,
    activities: figures.activities.map((a) => ({ date: a.date, day: formatDay(a.date, language), title: activityTitle(t, a), attended: a.attended })),
    lists: {
      children: [...lists.children].sort((a, b) => order(a.classId, b.classId)).map((c) => ({ name: c.name, className: className(c.classId) })),
      records: lists.records.map((r) => ({ date: r.date, type: t(`records.types.${r.type}`, { defaultValue: r.type }), child: r.childName, author: r.authorName })),
      aid: lists.aid.map((a) => ({ date: a.date, child: a.childName, kind: a.kind ? t(`records.options.aid.kind.${a.kind}`, { defaultValue: a.kind }) : '', yuan: a.yuan, source: a.source })),
    },
    labels: summaryLabels(t),
    files: {
      docx: safeName(t('summary.files.docx', { term: termName, who: name })),
      xlsx: safeName(t('summary.files.xlsx', { term: termName, who: name })),
    },
  }
}

function summaryLabels(t: FigureWords['t']): SummaryLabels {
  const h = (key: string) => t(`summary.headers.${key}`)
  return {
    figureHeader: [h('figure'), h('value'), h('definition')],
    activityHeader: [h('date'), h('activity'), h('attended')],
    sheets: { figures: t('summary.sheets.figures'), children: t('summary.sheets.children'), records: t('summary.sheets.records'), aid: t('summary.sheets.aid'), activities: t('summary.sheets.activities') },
    headers: {
      figures: [h('figure'), h('value'), h('shown'), h('definition')],
      children: [h('name'), h('class')],
      records: [h('date'), h('type'), h('child'), h('author')],
      aid: [h('date'), h('child'), h('kind'), h('yuan'), h('source')],
      activities: [h('date'), h('activity'), h('attended')],
    },
  }
}
