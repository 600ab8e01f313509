/**
 * The station's side of the pull cursor's token (electron/core/sync/pull-token.ts): a hub restored from an
 * older backup is told by a token gone or changed; an older hub (no token in its page) and a cursor saved
 * without one are not taken for restored.
 */
import { describe, expect, it } from 'vitest'
import type { PullPage } from '../../../contract/sync'
import { hubLostPullCursor, savePullToken } from '../../../electron/core/sync/pull-token'
import { useSetUpStation } from '../../fixtures/vitest'

const page = (tokens: Pick<PullPage, 'afterToken'>): PullPage => ({
  changes: [],
  cursor: 7,
  more: false,
  nextSeq: 1,
  highest: 9,
  ...tokens,
})

describe('the pull cursor’s token', () => {
  it('tells a restored hub by its token of the cursor’s version, and nothing else', async () => {
    const { t } = await useSetUpStation()
    // No token saved (a station upgraded since its last pull): nothing to compare.
    expect(await hubLostPullCursor(t.db, 7, page({ afterToken: 'tok-b' }))).toBe(false)

    await savePullToken(t.db, 'tok-a', 1)
    expect(await hubLostPullCursor(t.db, 7, page({ afterToken: 'tok-a' }))).toBe(false)
    expect(await hubLostPullCursor(t.db, 7, page({ afterToken: 'tok-b' }))).toBe(true)
    expect(await hubLostPullCursor(t.db, 7, page({ afterToken: null }))).toBe(true)
    // An older hub sends no tokens; from the start there is no cursor to lose.
    expect(await hubLostPullCursor(t.db, 7, page({}))).toBe(false)
    expect(await hubLostPullCursor(t.db, 0, page({ afterToken: null }))).toBe(false)

    // A page whose cursor has no token (an older hub, a version from before the hub kept them) forgets it.
    await savePullToken(t.db, undefined, 2)
    expect(await hubLostPullCursor(t.db, 7, page({ afterToken: null }))).toBe(false)
  })
})
