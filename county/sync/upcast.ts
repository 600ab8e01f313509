import { MIN_SYNC_SCHEMA_VERSION, SYNC_SCHEMA_VERSION, type PushItem } from '../../contract/sync'

/**
 * Brings a pushed payload written under an older schema version up to the current one, one version at a
 * time, so the code that applies mutations knows only the current shapes. A station that has not been
 * upgraded yet (or an upgraded station's outbox rows written before its upgrade) keeps syncing.
 * Returns the payload in the current shape, or why the version cannot be read. A push holding a newer
 * version than this hub reads is refused whole before this (push.ts refuseNewerSchemas).
 */
export function upcast(item: PushItem): { ok: true; payload: unknown } | { ok: false; reason: string } {
  if (item.schemaVersion < MIN_SYNC_SCHEMA_VERSION || item.schemaVersion > SYNC_SCHEMA_VERSION) {
    return {
      ok: false,
      reason: `payload schema version ${item.schemaVersion} is not supported (${MIN_SYNC_SCHEMA_VERSION}–${SYNC_SCHEMA_VERSION})`,
    }
  }
  let payload = item.payload
  for (let v = item.schemaVersion; v < SYNC_SCHEMA_VERSION; v++) {
    const step = STEPS[v]
    if (!step) return { ok: false, reason: `no upcast from schema version ${v}` }
    payload = step(item.type, payload)
  }
  return { ok: true, payload }
}

type Step = (type: string, payload: unknown) => unknown

const STEPS: Record<number, Step> = {
  // 1 → 2: a submitted event loses the resident's text and the place ids; its place is unknown (v1 sent
  // only ids, which mean nothing at the hub).
  1: (type, payload) => {
    if (type !== 'petition.event' || typeof payload !== 'object' || payload === null) return payload
    const p = payload as Record<string, unknown>
    if (p.type !== 'submitted') return payload
    const rest = { ...p }
    delete rest.text
    delete rest.townshipId
    delete rest.villageId
    return { ...rest, place: null }
  },
  // 2 → 3: only added an optional field (a reopening's dueOn); a version-2 payload is a valid version 3.
  2: (_type, payload) => payload,
}
