import { useSyncExternalStore } from 'react'
import { DOCUMENT_KEY_SHAPE, TOKEN_SHAPE, isDocumentKey } from '../../shared/ids'
import { isRecordType, type RecordType } from '../../shared/docs/child/records'

/** Routes live in the hash, so the one page the service worker caches serves them all. */
export type Route =
  | { name: 'list' }
  | { name: 'new' }
  /** A child's file; with `record`, its records open on a new record of that type (a task's form). */
  | { name: 'child'; childId: string; record?: RecordPreset }
  /** One child's whole file (一人一檔) as it prints on A4. */
  | { name: 'wholeFile'; childId: string }
  | { name: 'import' }
  /** Contact cards to print: one child's, or a class's (a sheet of four per A4 page). */
  | { name: 'cards'; childId?: string; classId?: string }
  /** The workspace's members, for coordinators. */
  | { name: 'members' }
  /** Schools, classes and terms: coordinators change them, every member reads them. */
  | { name: 'organisation' }
  /** One's own account: the phone printed on contact cards (SPEC M1). */
  | { name: 'account' }
  /** Who helps whom, and pairing a class with helpers, for coordinators. */
  | { name: 'pairings' }
  /** The audit trail of one child's file, one member, or (neither) the whole workspace, for coordinators. */
  | { name: 'audit'; childId?: string; userId?: string }
  /** One-time links: the relay's first-start setup link and coordinators' invitations. */
  | { name: 'setup'; token: string }
  | { name: 'invite'; token: string }
  /** A term's plan (the current term's without `term`): month by month, as a filtered list, or for print; or one item. */
  | { name: 'plan'; term?: string; view?: PlanView; itemId?: string }
  /** A term's gift and aid rounds, or one of them. */
  | { name: 'aid'; term?: string; distId?: string }
  /** The children's home: opening times, duty and its session log, for a term. */
  | { name: 'home'; term?: string }
  /** The turn of the year, for coordinators: a preview, then one action. */
  | { name: 'rollover' }
  /** The official forms (花名冊, 統計表) as .xlsx, for coordinators. */
  | { name: 'forms' }
  /** 統計: the figures of a period, for coordinators and teachers. */
  | { name: 'figures' }
  /** 工作總結: the term summary's .docx and .xlsx, for coordinators. */
  | { name: 'summary' }
  /** 发布给上级: a coordinator publishes a term's figures to its report (the current term's without `term`). */
  | { name: 'publish'; term?: string }
  /** What is due: a coordinator's view of each helper's overdue tasks, anyone else's own tasks. */
  | { name: 'tasks' }
  /** The care rules: coordinators change them, every member reads them. */
  | { name: 'careRules' }


/** The record a task asks for: its type, the method when the rule names one, and the days it counts in. */
export interface RecordPreset {
  type: RecordType
  method?: string
  period?: { start: string; end: string }
}

export type PlanView = 'month' | 'list' | 'print'

/** Tokens are 32 random bytes in base64url; they stay after '#', which browsers never send. */
const TOKEN = new RegExp(`^/(setup|invite)/(${TOKEN_SHAPE})$`)
const AUDIT = new RegExp(`^/audit(?:\\?(child|user)=(${DOCUMENT_KEY_SHAPE}))?$`)
const CHILD = new RegExp(`^/child/(${DOCUMENT_KEY_SHAPE})(?:(/print)|/record/([A-Za-z]{1,20})(?:/([A-Za-z]{1,20}))?(?:\\?from=(\\d{4}-\\d{2}-\\d{2})&to=(\\d{4}-\\d{2}-\\d{2}))?)?$`)
const TERM = '\\d{4}-(?:spring|autumn)'
const PLAN = new RegExp(`^/plan(?:/(${TERM})(?:/(list|print)|/item/([A-Za-z0-9_-]{1,64}))?)?$`)
const AID = new RegExp(`^/aid(?:/(${TERM})(?:/([A-Za-z0-9_-]{1,64}))?)?$`)
const HOME = new RegExp(`^/home(?:/(${TERM}))?$`)
const PUBLISH = new RegExp(`^/publish(?:/(${TERM}))?$`)

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '')
  if (path === '/new') return { name: 'new' }
  if (path === '/import') return { name: 'import' }
  if (path === '/members') return { name: 'members' }
  if (path === '/organisation') return { name: 'organisation' }
  if (path === '/pairings') return { name: 'pairings' }
  if (path === '/rollover') return { name: 'rollover' }
  if (path === '/forms') return { name: 'forms' }
  if (path === '/figures') return { name: 'figures' }
  if (path === '/summary') return { name: 'summary' }
  if (path === '/tasks') return { name: 'tasks' }
  if (path === '/care-rules') return { name: 'careRules' }
  const plan = PLAN.exec(path)
  if (plan) {
    const [, term, view, itemId] = plan
    return { name: 'plan', ...(term ? { term } : {}), ...(view ? { view: view as PlanView } : {}), ...(itemId ? { itemId } : {}) }
  }
  const aid = AID.exec(path)
  if (aid) return { name: 'aid', ...(aid[1] ? { term: aid[1] } : {}), ...(aid[2] ? { distId: aid[2] } : {}) }
  const home = HOME.exec(path)
  if (home) return { name: 'home', ...(home[1] ? { term: home[1] } : {}) }
  const publish = PUBLISH.exec(path)
  if (publish) return { name: 'publish', ...(publish[1] ? { term: publish[1] } : {}) }
  const audit = AUDIT.exec(path)
  if (path === '/account') return { name: 'account' }
  if (audit) {
    if (audit[1] === undefined) return { name: 'audit' }
    return audit[1] === 'child' ? { name: 'audit', childId: audit[2] as string } : { name: 'audit', userId: audit[2] as string }
  }
  const link = TOKEN.exec(path)
  if (link?.[2]) return { name: link[1] === 'setup' ? 'setup' : 'invite', token: link[2] }
  const cards = /^\/cards(?:\?(.*))?$/.exec(path)
  if (cards) {
    const params = new URLSearchParams(cards[1] ?? '')
    const childId = params.get('child')
    const classId = params.get('class')
    return {
      name: 'cards',
      ...(childId && isDocumentKey(childId) ? { childId } : {}),
      ...(classId ? { classId: classId.slice(0, 40) } : {}),
    }
  }
  const child = CHILD.exec(path)
  if (child?.[1]) {
    const [, childId, print, type, method, start, end] = child as unknown as [string, string, ...(string | undefined)[]]
    if (print) return { name: 'wholeFile', childId }
    if (!isRecordType(type)) return { name: 'child', childId }
    return { name: 'child', childId, record: { type, ...(method ? { method } : {}), ...(start && end ? { period: { start, end } } : {}) } }
  }
  return { name: 'list' }
}

export function routeHref(route: Route): string {
  switch (route.name) {
    case 'list':
      return '#/'
    case 'new':
      return '#/new'
    case 'child':
      if (!route.record) return `#/child/${route.childId}`
      return `#/child/${route.childId}/record/${route.record.type}${route.record.method ? `/${route.record.method}` : ''}${
        route.record.period ? `?from=${route.record.period.start}&to=${route.record.period.end}` : ''
      }`
    case 'wholeFile':
      return `#/child/${route.childId}/print`
    case 'import':
      return '#/import'
    case 'members':
      return '#/members'
    case 'organisation':
      return '#/organisation'
    case 'pairings':
      return '#/pairings'
    case 'audit':
      return route.childId ? `#/audit?child=${route.childId}` : route.userId ? `#/audit?user=${route.userId}` : '#/audit'
    case 'account':
      return '#/account'
    case 'setup':
    case 'invite':
      return `#/${route.name}/${route.token}`
    case 'plan': {
      if (!route.term) return '#/plan'
      if (route.itemId) return `#/plan/${route.term}/item/${route.itemId}`
      return route.view && route.view !== 'month' ? `#/plan/${route.term}/${route.view}` : `#/plan/${route.term}`
    }
    case 'aid':
      return route.term ? (route.distId ? `#/aid/${route.term}/${route.distId}` : `#/aid/${route.term}`) : '#/aid'
    case 'home':
      return route.term ? `#/home/${route.term}` : '#/home'
    case 'rollover':
      return '#/rollover'
    case 'forms':
      return '#/forms'
    case 'figures':
      return '#/figures'
    case 'summary':
      return '#/summary'
    case 'publish':
      return route.term ? `#/publish/${route.term}` : '#/publish'
    case 'tasks':
      return '#/tasks'
    case 'careRules':
      return '#/care-rules'
    case 'cards': {
      const params = new URLSearchParams()
      if (route.childId) params.set('child', route.childId)
      if (route.classId) params.set('class', route.classId)
      const query = params.toString()
      return query ? `#/cards?${query}` : '#/cards'
    }
  }
}

export function navigate(route: Route): void {
  window.location.hash = routeHref(route)
}

const subscribe = (onChange: () => void) => {
  window.addEventListener('hashchange', onChange)
  return () => window.removeEventListener('hashchange', onChange)
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash)
  return parseRoute(hash)
}
