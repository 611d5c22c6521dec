/**
 * What one contact card (聯繫卡) shows, read from a child's document: the parents and where
 * they work, the temporary guardian, and the class teacher from the file's pairings. Every
 * value goes through the shared/ readers, so one a peer wrote badly is left blank (to be
 * filled in by hand) rather than printed.
 */
import type * as Y from 'yjs'
import type { IsoDate } from '../../../shared/dates'
import { childDocumentId, type DocumentId, type WorkspaceId } from '../../../shared/doc-id'
import { isChildDocument, readChildFile } from '../../../shared/docs/child/child'
import type { ChildRow } from '../../../shared/indexes/rows'
import { GUARDIAN_RELATIONS, type ChildFieldKey } from '../../../shared/docs/child/child-fields'
import { activePairings, isActivePairing, readPairings, type PairingKind } from '../../../shared/docs/child/pairings'

/** What the cards read: stored files and the children index (the workspace's own readers). */
export interface CardSource {
  workspaceId: WorkspaceId
  readStored(docId: DocumentId): Promise<Y.Doc | undefined>
  queries: { childrenInClass(classId: string): Promise<ChildRow[]> }
}

export type GuardianRelation = (typeof GUARDIAN_RELATIONS)[number]

/** Empty strings are values nobody has filled in: the card prints a line for them. */
export interface ParentContact {
  name: string
  workplace: string
  phone: string
}

export interface ContactCardData {
  childId: string
  name: string
  classId: string
  father: ParentContact
  mother: ParentContact
  guardian: { name: string; relation: GuardianRelation | ''; phone: string }
  /** `userId`: an account's pairing, whose own phone (the member directory) the card prints. */
  classTeacher: { name: string; phone: string; userId?: string }
  /** Every other pairing in force on the day: who else helps, by name and kind (SPEC P2). */
  helpers: { name: string; kind: PairingKind; phone: string; userId?: string }[]
}

/** Reads one child's card; the class teacher is the pairing active on `today`. */
export function readContactCard(doc: Y.Doc, childId: string, today: IsoDate): ContactCardData {
  const { fields } = readChildFile(doc)
  const str = (key: ChildFieldKey) => {
    const value = fields[key]?.value
    return typeof value === 'string' ? value : ''
  }
  const parent = (who: 'father' | 'mother'): ParentContact => ({
    name: str(`${who}.name`),
    workplace: str(`${who}.workplace`),
    phone: str(`${who}.phone`),
  })
  const relation = str('guardian.relation')
  // readPairings puts open-ended and newest pairings first, so a handover prints the new teacher.
  const teacher = readPairings(doc).find((p) => p.kind === 'classTeacher' && isActivePairing(p, today))
  return {
    childId,
    name: str('name'),
    classId: str('classId'),
    father: parent('father'),
    mother: parent('mother'),
    guardian: {
      name: str('guardian.name'),
      relation: (GUARDIAN_RELATIONS as readonly string[]).includes(relation) ? (relation as GuardianRelation) : '',
      phone: str('guardian.phone'),
    },
    classTeacher: { name: teacher?.name ?? '', phone: teacher?.phone ?? '', ...(teacher?.userId ? { userId: teacher.userId } : {}) },
    helpers: activePairings(readPairings(doc), today)
      .filter((p) => p.id !== teacher?.id)
      .map((p) => ({ name: p.name, kind: p.kind, phone: p.phone, ...(p.userId ? { userId: p.userId } : {}) })),
  }
}

export interface LoadedCards {
  cards: ContactCardData[]
  /** Children whose stored document could not be read: the sheet says so instead of hiding them. */
  unreadable: string[]
}

/**
 * Reads a card from what this device has stored, without opening the document (no socket):
 * a class sheet of forty children must not open forty connections.
 */
async function loadCard(source: CardSource, childId: string, today: IsoDate): Promise<ContactCardData | 'missing' | 'unreadable'> {
  let doc: Y.Doc | undefined
  try {
    doc = await source.readStored(childDocumentId(source.workspaceId, childId))
    if (!doc) return 'missing'
    return isChildDocument(doc) ? readContactCard(doc, childId, today) : 'missing'
  } catch (error) {
    console.warn('contact card: stored document unreadable', childId, error)
    return 'unreadable'
  } finally {
    doc?.destroy()
  }
}

async function loadCards(source: CardSource, childIds: readonly string[], today: IsoDate): Promise<LoadedCards> {
  const loaded = await Promise.all(childIds.map((id) => loadCard(source, id, today)))
  const out: LoadedCards = { cards: [], unreadable: [] }
  loaded.forEach((card, i) => {
    if (card === 'unreadable') out.unreadable.push(childIds[i] as string)
    else if (card !== 'missing') out.cards.push(card)
  })
  return out
}

/** Every child of a class this device knows of (from the `children` index), read from the store. */
export async function loadClassCards(source: CardSource, classId: string, today: IsoDate): Promise<LoadedCards> {
  // Only the children still on the class's path: one who moved school or was archived gets no card (SPEC H4).
  const rows = (await source.queries.childrenInClass(classId)).filter((r) => (r.status || 'active') === 'active')
  const loaded = await loadCards(source, rows.map((r) => r.id), today)
  // The index is derived and may lag a moment behind a class change: the document decides.
  return { ...loaded, cards: loaded.cards.filter((c) => c.classId === classId) }
}

/** One child's card, read from the store; no cards when this device does not have the file. */
export function loadChildCard(source: CardSource, childId: string, today: IsoDate): Promise<LoadedCards> {
  return loadCards(source, [childId], today)
}
