/**
 * Forgetting a resident (kiosk-ux.md "idle"): what a visit can leave behind outside React state. The
 * React side (form state, keyboard buffer, open dialogs, query results, text size, voice) goes when
 * KioskApp remounts the resident tree; useApiQuery keeps its results in component state, so there is no
 * query cache to clear beyond that. Screens keep their place in React state and never push browser
 * history entries, so there is no history to walk back into. When the kiosk finds nobody there, it goes
 * further and reloads the page (reloadForNextResident).
 */

const forgetters = new Set<() => void>()

/**
 * For a module that keeps something of a resident outside React state (a module-level cache, a
 * buffer): registers how to forget it. Returns the unregister function.
 */
export function onForgetResident(forget: () => void): () => void {
  forgetters.add(forget)
  return () => forgetters.delete(forget)
}

/** Runs `fn`, and keeps going if it fails: one stuck store must not keep the next resident's data. */
function attempt(fn: () => void): void {
  try {
    fn()
  } catch (e) {
    console.warn('forgetting the resident:', e)
  }
}

function deleteDatabase(factory: IDBFactory, name: string): Promise<void> {
  return new Promise((resolve) => {
    const req = factory.deleteDatabase(name)
    req.onsuccess = () => resolve()
    req.onerror = () => resolve()
    // An open connection delays the deletion until it closes; the deletion is queued either way.
    req.onblocked = () => resolve()
  })
}

async function deleteAllDatabases(win: Window): Promise<void> {
  const factory = win.indexedDB as IDBFactory | undefined
  if (!factory) return
  const dbs = await factory.databases()
  await Promise.all(dbs.flatMap((db) => (db.name ? [deleteDatabase(factory, db.name)] : [])))
}

async function deleteAllCaches(win: Window): Promise<void> {
  // CacheStorage exists only in secure contexts (127.0.0.1 and app:// are).
  const caches = win.caches as CacheStorage | undefined
  if (!caches) return
  await Promise.all((await caches.keys()).map((key) => caches.delete(key)))
}

/**
 * Clears everything the browser keeps for the page: web storage, IndexedDB, the Cache API, what modules
 * registered, any speech still being read, selection and focus, and a history state or hash.
 */
export async function forgetResident(win: Window = window): Promise<void> {
  for (const forget of forgetters) attempt(forget)
  attempt(() => win.speechSynthesis.cancel())
  attempt(() => win.getSelection()?.removeAllRanges())
  attempt(() => {
    const focused = win.document.activeElement
    if (focused instanceof HTMLElement) focused.blur()
  })
  attempt(() => win.localStorage.clear())
  attempt(() => win.sessionStorage.clear())
  attempt(() => {
    // Keeps the query (`?lang=en` for reviewers), drops a hash or state that something may have set.
    if (win.history.state !== null || win.location.hash !== '') {
      win.history.replaceState(null, '', win.location.pathname + win.location.search)
    }
  })
  await Promise.all([
    deleteAllDatabases(win).catch((e: unknown) => console.warn('forgetting IndexedDB:', e)),
    deleteAllCaches(win).catch((e: unknown) => console.warn('forgetting caches:', e)),
  ])
}

/** The history state a reload into the attract screen carries (history state survives a reload). */
const ATTRACT_MARK = 'yizhan:attract'

/**
 * Ends a visit that nobody is at any more (the idle prompt ran out, or the home screen went untouched)
 * by forgetting what the browser keeps and then reloading the page. A fresh page holds nothing of the
 * last resident, not even what the garbage collector has not reached yet, and nothing any screen or
 * library keeps in memory can pile up over months of visits (bench/kiosk-idle-heap.ts measures it).
 * Only when nobody is there: the reload blanks the screen for a moment. `intoAttract`: whether the
 * reloaded page opens on the attract screen, asked once the browser's stores are cleared, since a touch
 * may have woken the attract screen meanwhile.
 */
export async function reloadForNextResident(
  opts: { intoAttract: () => boolean },
  win: Window = window,
): Promise<void> {
  await forgetResident(win)
  if (opts.intoAttract()) {
    win.history.replaceState(ATTRACT_MARK, '', win.location.pathname + win.location.search)
  }
  win.location.reload()
}

/** Whether this page was reloaded to show the attract screen. */
export function reloadedIntoAttract(win: Window = window): boolean {
  return win.history.state === ATTRACT_MARK
}

/**
 * The attract screen was woken. A reload still under way then opens on the home screen (a touch in that
 * moment is not lost), and so does any later reload of this page.
 */
export function wokeFromAttract(win: Window = window): void {
  if (reloadedIntoAttract(win))
    win.history.replaceState(null, '', win.location.pathname + win.location.search)
}
