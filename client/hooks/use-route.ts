import { useSyncExternalStore } from 'react'

/** Routes live in the hash, so the one page the service worker caches serves them all. */
export type Route = { name: 'list' } | { name: 'new' } | { name: 'child'; childId: string }

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '')
  if (path === '/new') return { name: 'new' }
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
