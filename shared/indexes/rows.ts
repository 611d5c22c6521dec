/**
 * The rows of the device's derived indexes: what lists, search, due lists and figures read
 * instead of opening thousands of documents. Every row is a pure projection of one document
 * (shared/docs/<kind>/), names that document in `docId`, and can be rebuilt from it at any
 * time; so nothing here may depend on the clock, the reader or another document.
 *
 * INDEX_VERSION names the shape of the rows and of every projection that fills them: change
 * either and bump it, and every device rebuilds its index from its stored documents on its
 * next start (docs/SPEC.md I3). Rows written under an older version are never trusted.
 */
import type { RecordSetRow } from './record-set'

export const INDEX_VERSION = 9

/** One child's file, for the children list, search and the figures' denominators. */
export interface ChildRow {
  /** The child id (the key of `<workspace>/child/<id>`). */
  id: string
  docId: string
  name: string
  classId: string
  gender: string
  birthDate: string
  /** 'problem' | 'hardship' for a priority child (重點幫扶對象), else ''. */
  priority: string
  /** The child's path now (shared/docs/child/path.ts): lists show 'active' children by default. */
  status: string
  /** 學籍號, '' when the file has none: a re-imported roster is matched on it. */
  studentNumber: string
  /** The choice fields the figures count by, '' when not given (shared/docs/child/child-fields.ts). */
  schoolingStatus: string
  parentsAway: string
  careArrangement: string
  /** 'red' | 'yellow' | 'blue' | 'green' (四色檔案), '' when not assessed. */
  risk: string
  boarding: boolean | null
  /** The concern flags set (CONCERN_FLAGS, without the `flags.` prefix): 'potential', 'health'… */
  flags: string[]
  /** FILE_REQUIRED_FIELDS the file lacks: a file with none missing counts as made in 建檔率. */
  missing: string[]
  /** The education plan's review date (個別教育管理方案), '' when none: a task on its day. */
  iepReview: string
  /** The path's entries by the day each began, oldest first: the status on any day is the last one begun by then (H1). */
  path: { status: string; since: string }[]
  /** Who to reach, as the roster (花名冊) prints them: '' for what the file does not give. */
  guardian: { name: string; relation: string; phone: string }
  father: { name: string; workplace: string; phone: string }
  mother: { name: string; workplace: string; phone: string }
  /** When the file's first field was written (ms of the writer's clock), 0 when none: files are made in the term's first month. */
  createdAt: number
  /**
   * What a search reads (shared/indexes/child-search.ts, SPEC I6): name, pinyin initials,
   * 學籍號 and phones, folded; written by the device's indexer, '' from the bare projection.
   */
  search: string
}

/** One dated record of a child's file, for what is due and the figures. */
export interface RecordRow {
  /**
   * `<childId>/<recordId>`: unique across files (SPEC I5). A record another document decides
   * (an activity's, an aid round's) has the same id in every child's file it is on.
   */
  id: string
  childId: string
  /** The record's id within its file. */
  recordId: string
  docId: string
  type: string
  /** The record's ISO date, '' when it has none that is valid. */
  date: string
  authorId: string
  /** The author's name as signed on the record, for lists and the summary. */
  authorName: string
  /** How the contact was made (call, video, letter; in person) or the aid's kind; '' when none. */
  method: string
  /** Aid only: the amount in yuan and where it came from ('' and null otherwise). */
  amountYuan: number | null
  source: string
  /** `<term>/<item id>` of the plan item this record comes from, '' when none. */
  planItem: string
}

/** One pairing of a child's file (not in the bin), so a coordinator's device can show who helps whom offline. */
export interface PairingRow {
  /** `<childId>/<pairingId>`: unique across files. */
  id: string
  childId: string
  docId: string
  pairingId: string
  /** The member's account, '' for a pairing by name only. */
  userId: string
  name: string
  kind: string
  /** ISO dates, '' when open. */
  from: string
  to: string
}

/** What the due list and the figures compute from: the children, their records and pairings. */
export interface IndexRows {
  children: ChildRow[]
  records: RecordRow[]
  pairings: PairingRow[]
}

/** Every index table and the type of its rows: `recordSets` holds each file's records again, packed (SPEC I12). */
export interface IndexTables extends IndexRows {
  recordSets: RecordSetRow[]
}

export type IndexTable = keyof IndexTables

export const INDEX_TABLES = ['children', 'records', 'pairings', 'recordSets'] as const satisfies readonly IndexTable[]

/** One document's rows: the tables its kind fills, each with that document's rows only. */
export type DocumentRows = Partial<IndexTables>

/** A child row with every field empty but the given ones: what a file with nothing written projects to. */
export function childRow(fields: Pick<ChildRow, 'id' | 'docId'> & Partial<ChildRow>): ChildRow {
  return {
    name: '',
    classId: '',
    gender: '',
    birthDate: '',
    priority: '',
    status: 'active',
    studentNumber: '',
    schoolingStatus: '',
    parentsAway: '',
    careArrangement: '',
    risk: '',
    boarding: null,
    flags: [],
    missing: [],
    iepReview: '',
    path: [],
    guardian: { name: '', relation: '', phone: '' },
    father: { name: '', workplace: '', phone: '' },
    mother: { name: '', workplace: '', phone: '' },
    createdAt: 0,
    search: '',
    ...fields,
  }
}

/** A record row with every optional field empty but the given ones. */
export function recordRow(fields: Pick<RecordRow, 'id' | 'childId' | 'docId' | 'type' | 'date'> & Partial<RecordRow>): RecordRow {
  return { recordId: fields.id, authorId: '', authorName: '', method: '', amountYuan: null, source: '', planItem: '', ...fields }
}

/**
 * The child's status on `day` from the row's path (H1): the last entry begun by then, 'active'
 * before any. A period's figures count the children left behind at its end with this.
 */
export function statusOn(row: Pick<ChildRow, 'path'>, day: string): string {
  let status = 'active'
  for (const entry of row.path) if (entry.since <= day) status = entry.status
  return status
}
