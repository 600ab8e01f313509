import type { Station } from '../station'

const CLI = { sessionToken: null, clientKey: 'cli' } as const

/**
 * `--demo` at start, in serve mode and in the shell alike: a station not yet set up gets the demo data; one
 * already set up (for real or as a demo) is left as it is.
 */
export async function loadDemoIfNew(station: Station): Promise<void> {
  const status = await station.dispatch('setup.status', {}, CLI)
  if (!status.response.ok)
    throw new Error(`reading the setup status failed: ${status.response.error.message}`)
  if (!(status.response.value as { needsSetup: boolean }).needsSetup) return
  const loaded = await station.dispatch('setup.loadDemo', {}, CLI)
  if (!loaded.response.ok) throw new Error(`demo data failed: ${loaded.response.error.message}`)
}
