/**
 * The children's home (留守兒童之家) of a term, kept in the term's plan document
 * (../shared/DOMAIN.md, "What the teams also do"): when it opens, who is on duty, and a log of
 * each session: what they did, which children came, and the calls to parents made from the
 * home's phone, each of which becomes a parent-contact record on that child's file.
 *
 * Root types of its own, beside the plan's items (plan.ts):
 * - `homeOpening:<id>`  Y.Map  { weekday 1–7, from, to 'HH:MM', duty?, dutyName?, removed?, created }
 * - `homeRota`          Y.Map  weekday ('1'–'7') -> { id, name } of the member on duty that day
 * - `homeSession:<sid>` Y.Map  { date, opening?, did, created }
 * - `homeCame:<sid>`    Y.Map  child id -> who recorded it
 * - `homeCalls:<sid>`   Y.Map  child id -> { who, minutes?, note?, byId, by, at }
 *
 * A session's id is derived from its date (and the opening, when the home opens twice a day),
 * so two people who log the same afternoon offline write into one session; a call's record on
 * the child's file has an id derived from the term, the session and the child, so two devices
 * give one record. Each value is last writer wins; an opening is never deleted, only `removed`.
 */
import type * as Y from 'yjs'
import type { IsoDate } from '../../dates'
import { newId } from '../../doc-id'
import { Origin } from '../../origin'
import { checkValue, date, number, text, type FieldError, type FieldKind, type FieldValue } from '../../validation/fields'
import { syncDerivedRecord, type DerivedRecord } from '../child/derived-records'
import type { EditContext } from '../child/child'
import type { PlanContext } from './plan'
import { signed } from './signature'

export const HOME_OPENING_ROOT = 'homeOpening:'
export const HOME_ROTA = 'homeRota'
export const HOME_SESSION_ROOT = 'homeSession:'
export const HOME_CAME_ROOT = 'homeCame:'
export const HOME_CALLS_ROOT = 'homeCalls:'

const TIME: FieldKind = { type: 'text', max: 5, pattern: /^([01]\d|2[0-3]):[0-5]\d$/ }
const WEEKDAY = number(1, 7)
const MEMBER_ID: FieldKind = { type: 'text', max: 64, pattern: /^[A-Za-z0-9_-]{1,64}$/ }
const NAME = text(40)
export const CALL_FIELDS = { who: text(100), minutes: number(0, 600), note: text(500) } as const
const DID = text(500)
const ID = /^[A-Za-z0-9_-]{1,64}$/
const FAR = '9999-12-31' as IsoDate

export interface Member {
  id: string
  name: string
}

export interface Opening {
  id: string
  /** 1 Monday … 7 Sunday (ISO). */
  weekday: number
  from: string
  to: string
  /** Who is on duty at this opening; none: the day's rota says. */
  duty?: Member
}

export interface HomeCall {
  childId: string
  /** Who was called (mother, father…), as the recorder wrote it. */
  who: string
  minutes?: number
  note: string
}

export interface HomeSession {
  id: string
  date: IsoDate
  openingId?: string
  did: string
  /** The children who came, by id order. */
  children: string[]
  calls: HomeCall[]
}

export interface Home {
  openings: Opening[]
  /** Weekday -> the member on duty that day. */
  rota: Partial<Record<number, Member>>
  /** Newest first. */
  sessions: HomeSession[]
}

export type OpeningErrors = Partial<Record<'weekday' | 'from' | 'to' | 'duty', FieldError>>

const checked = (kind: FieldKind, raw: unknown, today: IsoDate = FAR) => checkValue(kind, raw, { today })

/** Checks an opening's values; the errors, or the clean values (`to` after `from`). */
function checkOpening(input: { weekday?: unknown; from?: unknown; to?: unknown; duty?: Member | null }) {
  const errors: OpeningErrors = {}
  const values: Record<string, FieldValue> = {}
  for (const [field, kind] of [['weekday', WEEKDAY], ['from', TIME], ['to', TIME]] as const) {
    const c = checked(kind, input[field])
    if (!c.ok) errors[field] = c.error
    else if (c.value === null) errors[field] = { code: 'required' }
    else values[field] = c.value
  }
  if (typeof values.from === 'string' && typeof values.to === 'string' && values.to <= values.from) errors.to = { code: 'outOfRange' }
  if (input.duty && (!checked(MEMBER_ID, input.duty.id).ok || !checked(NAME, input.duty.name).ok)) errors.duty = { code: 'invalidChoice' }
  return { errors, values }
}

/** Adds an opening time (weekday, from, to, who is on duty); its id, or the errors and nothing written. */
export function addOpening(doc: Y.Doc, input: { weekday: unknown; from: unknown; to: unknown; duty?: Member | null }, ctx: PlanContext): { id: string } | { errors: OpeningErrors } {
  const { errors, values } = checkOpening(input)
  if (Object.keys(errors).length > 0) return { errors }
  const id = newId()
  doc.transact(() => {
    const map = doc.getMap<unknown>(`${HOME_OPENING_ROOT}${id}`)
    map.set('created', signed(ctx))
    for (const [field, value] of Object.entries(values)) map.set(field, value)
    if (input.duty) {
      map.set('duty', input.duty.id)
      map.set('dutyName', input.duty.name)
    }
  }, ctx.origin ?? Origin.localEdit)
  return { id }
}

/** Changes an opening (its times, who is on duty: `null` for the rota's); the errors and nothing written if any is bad. */
export function editOpening(doc: Y.Doc, id: string, patch: { weekday?: unknown; from?: unknown; to?: unknown; duty?: Member | null }, ctx: PlanContext): OpeningErrors {
  const current = readOpenings(doc).find((o) => o.id === id)
  if (!current) return { weekday: { code: 'required' } }
  const { errors, values } = checkOpening({ weekday: current.weekday, from: current.from, to: current.to, ...patch })
  if (Object.keys(errors).length > 0) return errors
  doc.transact(() => {
    const map = doc.getMap<unknown>(`${HOME_OPENING_ROOT}${id}`)
    for (const [field, value] of Object.entries(values)) if (map.get(field) !== value) map.set(field, value)
    if (patch.duty === null) {
      map.delete('duty')
      map.delete('dutyName')
    } else if (patch.duty) {
      map.set('duty', patch.duty.id)
      map.set('dutyName', patch.duty.name)
    }
  }, ctx.origin ?? Origin.localEdit)
  return {}
}

/** Takes an opening off the timetable (kept, marked removed, so an offline edit cannot bring back half of it). */
export function removeOpening(doc: Y.Doc, id: string, ctx: PlanContext): boolean {
  if (!doc.share.has(`${HOME_OPENING_ROOT}${id}`)) return false
  doc.transact(() => doc.getMap<unknown>(`${HOME_OPENING_ROOT}${id}`).set('removed', true), ctx.origin ?? Origin.localEdit)
  return true
}

/** Who is on duty each weekday; `null` clears the day. */
export function setRota(doc: Y.Doc, weekday: number, member: Member | null, ctx: PlanContext): boolean {
  if (!checked(WEEKDAY, weekday).ok) return false
  if (member && (!checked(MEMBER_ID, member.id).ok || !checked(NAME, member.name).ok)) return false
  doc.transact(() => {
    const rota = doc.getMap<unknown>(HOME_ROTA)
    if (member) rota.set(String(weekday), { id: member.id, name: member.name })
    else rota.delete(String(weekday))
  }, ctx.origin ?? Origin.localEdit)
  return true
}

/** The id of the session held on `date` (at `openingId`), the same on every device. */
export function sessionId(day: IsoDate, openingId?: string): string {
  const base = `d${day.replace(/-/g, '')}`
  return openingId ? `${base}-${openingId}`.slice(0, 64) : base
}

/**
 * Logs a session (or changes what they did): dated today or before. Returns its id, or the
 * errors and nothing written.
 */
export function recordSession(
  doc: Y.Doc,
  input: { date: unknown; openingId?: string; did?: unknown },
  ctx: PlanContext & { today: IsoDate },
): { id: string } | { errors: Partial<Record<'date' | 'did', FieldError>> } {
  const errors: Partial<Record<'date' | 'did', FieldError>> = {}
  const day = checked(date(true), input.date, ctx.today)
  if (!day.ok) errors.date = day.error
  else if (day.value === null) errors.date = { code: 'required' }
  const did = checked(DID, input.did ?? '')
  if (!did.ok) errors.did = did.error
  if (input.openingId !== undefined && !ID.test(input.openingId)) errors.date ??= { code: 'invalidChoice' }
  if (Object.keys(errors).length > 0 || !day.ok || !did.ok) return { errors }
  const id = sessionId(day.value as IsoDate, input.openingId)
  doc.transact(() => {
    const map = doc.getMap<unknown>(`${HOME_SESSION_ROOT}${id}`)
    if (map.get('date') !== day.value) map.set('date', day.value)
    if (input.openingId && map.get('opening') !== input.openingId) map.set('opening', input.openingId)
    if (input.did !== undefined && map.get('did') !== (did.value ?? '')) map.set('did', did.value ?? '')
    if (map.get('created') === undefined) map.set('created', signed(ctx))
  }, ctx.origin ?? Origin.localEdit)
  return { id }
}

/** Who came to a session; returns the children whose entry changed. */
export function setSessionChildren(doc: Y.Doc, sid: string, change: { add?: readonly string[]; remove?: readonly string[] }, ctx: PlanContext): { changed: string[] } {
  const map = doc.getMap<unknown>(`${HOME_CAME_ROOT}${sid}`)
  const changed: string[] = []
  doc.transact(() => {
    for (const childId of change.add ?? []) {
      if (!ID.test(childId) || map.has(childId)) continue
      map.set(childId, signed(ctx))
      changed.push(childId)
    }
    for (const childId of change.remove ?? []) {
      if (!map.has(childId)) continue
      map.delete(childId)
      changed.push(childId)
    }
  }, ctx.origin ?? Origin.localEdit)
  return { changed }
}

export type CallInput = { childId: string; who: unknown; minutes?: unknown; note?: unknown }

/**
 * Records calls to parents made at a session (one per child), or takes them off; a bad value
 * refuses the whole change (errors by child id). Returns the children whose files must change.
 */
export function setCalls(
  doc: Y.Doc,
  sid: string,
  change: { set?: readonly CallInput[]; remove?: readonly string[] },
  ctx: PlanContext,
): { changed: string[] } | { errors: Record<string, Partial<Record<keyof typeof CALL_FIELDS, FieldError>>> } {
  const errors: Record<string, Partial<Record<keyof typeof CALL_FIELDS, FieldError>>> = {}
  const clean: HomeCall[] = []
  for (const call of change.set ?? []) {
    const e: Partial<Record<keyof typeof CALL_FIELDS, FieldError>> = {}
    const who = checked(CALL_FIELDS.who, call.who)
    const minutes = checked(CALL_FIELDS.minutes, call.minutes === '' ? undefined : call.minutes)
    const note = checked(CALL_FIELDS.note, call.note ?? '')
    if (!who.ok) e.who = who.error
    else if (who.value === null) e.who = { code: 'required' }
    if (!minutes.ok) e.minutes = minutes.error
    if (!note.ok) e.note = note.error
    if (!ID.test(call.childId)) e.who ??= { code: 'invalidChoice' }
    if (Object.keys(e).length > 0) errors[call.childId] = e
    else clean.push({ childId: call.childId, who: who.ok ? String(who.value) : '', ...(minutes.ok && typeof minutes.value === 'number' ? { minutes: minutes.value } : {}), note: note.ok && typeof note.value === 'string' ? note.value : '' })
  }
  if (Object.keys(errors).length > 0) return { errors }
  const map = doc.getMap<unknown>(`${HOME_CALLS_ROOT}${sid}`)
  const current = new Map(readCalls(doc, sid).map((c) => [c.childId, c]))
  const changed: string[] = []
  doc.transact(() => {
    for (const call of clean) {
      const now = current.get(call.childId)
      if (now && now.who === call.who && now.minutes === call.minutes && now.note === call.note) continue
      map.set(call.childId, { who: call.who, ...(call.minutes !== undefined ? { minutes: call.minutes } : {}), note: call.note, ...signed(ctx) })
      changed.push(call.childId)
    }
    for (const childId of change.remove ?? []) {
      if (!current.has(childId)) continue
      map.delete(childId)
      changed.push(childId)
    }
  }, ctx.origin ?? Origin.localEdit)
  return { changed }
}

export function readOpenings(doc: Y.Doc): Opening[] {
  const out: Opening[] = []
  for (const name of doc.share.keys()) {
    if (!name.startsWith(HOME_OPENING_ROOT)) continue
    const id = name.slice(HOME_OPENING_ROOT.length)
    const map = doc.getMap<unknown>(name)
    if (!ID.test(id) || map.get('removed') === true) continue
    const weekday = checked(WEEKDAY, map.get('weekday'))
    const from = checked(TIME, map.get('from'))
    const to = checked(TIME, map.get('to'))
    if (!weekday.ok || !from.ok || !to.ok || weekday.value === null || from.value === null || to.value === null) continue
    const duty = readMember({ id: map.get('duty'), name: map.get('dutyName') })
    out.push({ id, weekday: Number(weekday.value), from: String(from.value), to: String(to.value), ...(duty ? { duty } : {}) })
  }
  return out.sort((a, b) => a.weekday - b.weekday || a.from.localeCompare(b.from) || (a.id < b.id ? -1 : 1))
}

function readMember(raw: unknown): Member | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined
  const o = raw as Record<string, unknown>
  if (!checked(MEMBER_ID, o.id).ok || typeof o.id !== 'string') return undefined
  return { id: o.id, name: typeof o.name === 'string' ? o.name.slice(0, 40) : '' }
}

function readCalls(doc: Y.Doc, sid: string): HomeCall[] {
  if (!doc.share.has(`${HOME_CALLS_ROOT}${sid}`)) return []
  const out: HomeCall[] = []
  doc.getMap<unknown>(`${HOME_CALLS_ROOT}${sid}`).forEach((raw, childId) => {
    if (!ID.test(childId) || typeof raw !== 'object' || raw === null) return
    const o = raw as Record<string, unknown>
    const who = checked(CALL_FIELDS.who, o.who)
    if (!who.ok || typeof who.value !== 'string') return
    const minutes = typeof o.minutes === 'number' ? checked(CALL_FIELDS.minutes, o.minutes) : undefined
    const note = typeof o.note === 'string' ? o.note.slice(0, 500) : ''
    out.push({ childId, who: who.value, ...(minutes?.ok && typeof minutes.value === 'number' ? { minutes: minutes.value } : {}), note })
  })
  return out.sort((a, b) => (a.childId < b.childId ? -1 : 1))
}

/** The home as views read it: openings, rota and sessions, every value a peer wrote checked. */
export function readHome(doc: Y.Doc): Home {
  const rota: Partial<Record<number, Member>> = {}
  if (doc.share.has(HOME_ROTA)) {
    doc.getMap<unknown>(HOME_ROTA).forEach((raw, day) => {
      const member = readMember(raw)
      const weekday = Number(day)
      if (member && Number.isInteger(weekday) && weekday >= 1 && weekday <= 7) rota[weekday] = member
    })
  }
  const sessions: HomeSession[] = []
  for (const name of doc.share.keys()) {
    if (!name.startsWith(HOME_SESSION_ROOT)) continue
    const id = name.slice(HOME_SESSION_ROOT.length)
    const map = doc.getMap<unknown>(name)
    const day = checked(date(false), map.get('date'))
    if (!ID.test(id) || !day.ok || typeof day.value !== 'string') continue
    const opening = map.get('opening')
    const did = checked(DID, map.get('did'))
    const came = doc.share.has(`${HOME_CAME_ROOT}${id}`) ? [...doc.getMap<unknown>(`${HOME_CAME_ROOT}${id}`).keys()].filter((c) => ID.test(c)).sort() : []
    sessions.push({
      id,
      date: day.value as IsoDate,
      ...(typeof opening === 'string' && ID.test(opening) ? { openingId: opening } : {}),
      did: did.ok && typeof did.value === 'string' ? did.value : '',
      children: came,
      calls: readCalls(doc, id),
    })
  }
  sessions.sort((a, b) => b.date.localeCompare(a.date) || (a.id < b.id ? -1 : 1))
  return { openings: readOpenings(doc), rota, sessions }
}

/** Who is on duty at an opening: its own member, else the rota's for its weekday. */
export function dutyAt(home: Home, opening: Opening): Member | undefined {
  return opening.duty ?? home.rota[opening.weekday]
}

/** The weekday (1 Monday … 7 Sunday) of a calendar date. */
export function weekdayOf(day: IsoDate): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  return ((new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7) + 1
}

/** The id of the parent-contact record a call leaves on the child's file (the same on every device). */
export const callRecordId = (term: string, sid: string, childId: string) => `call-${term}-${sid}-${childId}`

/**
 * Brings a child's file in line with a session's call to their parent: a parent-contact record
 * (method `call`) with who was called, how long and the note, or in the bin when the call was
 * taken off. Returns whether the file changed.
 */
export function syncCallRecord(
  child: Y.Doc,
  term: string,
  session: Pick<HomeSession, 'id' | 'date'>,
  childId: string,
  call: HomeCall | undefined,
  ctx: EditContext,
): boolean {
  const want: DerivedRecord | undefined = call && {
    type: 'parentContact',
    made: { method: 'call' },
    kept: { date: session.date, participants: call.who, durationMinutes: call.minutes },
    notes: call.note,
    keepNotes: true,
  }
  return syncDerivedRecord(child, callRecordId(term, session.id, childId), want, ctx)
}
