import { useSyncExternalStore } from 'react'

/** Routes live in the hash, so the one page the service worker caches serves them all. */
export type Route =
  | { name: 'list' }
  | { name: 'new' }
  | { name: 'child'; childId: string }
  | { name: 'import' }
  /** Contact cards to print: one child's, or a class's (a sheet of four per A4 page). */
  | { name: 'cards'; childId?: string; className?: string }

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '')
  if (path === '/new') return { name: 'new' }
  if (path === '/import') return { name: 'import' }
  const cards = /^\/cards(?:\?(.*))?$/.exec(path)
  if (cards) {
    const params = new URLSearchParams(cards[1] ?? '')
    const childId = params.get('child')
    const className = params.get('class')
    return {
      name: 'cards',
      ...(childId && /^[A-Za-z0-9_-]{1,64}$/.test(childId) ? { childId } : {}),
      ...(className ? { className: className.slice(0, 40) } : {}),
    }
  }
  const child = /^\/child\/([A-Za-z0-9_-]{1,64})$/.exec(path)
  if (child?.[1]) return { name: 'child', childId: child[1] }
  return { name: 'list' }
}

export function routeHref(route: Route): string {
  switch (route.name) {
    case 'list':
      return '#/'
    case 'new':
      return '#/new'
    case 'child':
      return `#/child/${route.childId}`
    case 'import':
      return '#/import'
    case 'cards': {
      const params = new URLSearchParams()
      if (route.childId) params.set('child', route.childId)
      if (route.className) params.set('class', route.className)
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
