import { useSyncExternalStore } from 'react'
import { CONSOLE_PATH } from '../../../contract/county-console'

/**
 * The console's few addresses, in the path so a page can be bookmarked and reloaded (the hub answers
 * index.html for every path under /console/): /console/petitions[/<id>], /roster, /places, /stations, /figures,
 * /accounts, /audit. A history entry per page; the browser's back button works.
 */

export const PAGES = ['petitions', 'roster', 'places', 'stations', 'figures', 'accounts', 'audit'] as const
export type Page = (typeof PAGES)[number]

export interface Route {
  readonly page: Page
  /** The petition open in the drawer over the queue. */
  readonly petitionId: string | null
}

const isPage = (s: string | undefined): s is Page => (PAGES as readonly string[]).includes(s ?? '')

export function parseRoute(pathname: string): Route {
  const rest = pathname.startsWith(`${CONSOLE_PATH}/`) ? pathname.slice(CONSOLE_PATH.length + 1) : ''
  const [page, id] = rest.split('/')
  if (!isPage(page)) return { page: 'petitions', petitionId: null }
  const petitionId = page === 'petitions' && id ? decodeURIComponent(id) : null
  return { page, petitionId }
}

export function hrefOf(route: Route): string {
  const base = `${CONSOLE_PATH}/${route.page}`
  return route.petitionId === null ? base : `${base}/${encodeURIComponent(route.petitionId)}`
}

const CHANGE = 'yizhan:route'

export function navigate(route: Route, opts: { replace?: boolean } = {}): void {
  const href = hrefOf(route)
  if (href === window.location.pathname) return
  if (opts.replace) window.history.replaceState(null, '', href)
  else window.history.pushState(null, '', href)
  window.dispatchEvent(new Event(CHANGE))
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange)
  window.addEventListener(CHANGE, onChange)
  return () => {
    window.removeEventListener('popstate', onChange)
    window.removeEventListener(CHANGE, onChange)
  }
}

const pathname = () => window.location.pathname

export function useRoute(): Route {
  return parseRoute(useSyncExternalStore(subscribe, pathname))
}
