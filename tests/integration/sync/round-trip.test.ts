import { describe, expect, it } from 'vitest'
import { actAsCounty, countyPetition } from '../../../county/petitions/service'
import { createSealer } from '../../../county/sealing'
import { putRepresentatives } from '../../../county/roster/service'
import { act } from '../../fixtures/desk'
import { addRepresentative } from '../../fixtures/records'
import { RESIDENT } from '../../fixtures/station'
import { TEST_DATA_KEY } from '../../fixtures/hub'
import { connectedStation, hubState } from '../../fixtures/sync'
import { useSetUpStation } from '../../fixtures/vitest'

describe('a petition escalated to the county, round trip', () => {
  it('reaches the county, comes back answered, is rated by the resident, and the rating reaches the county', async () => {
    const { t, hub } = await connectedStation()
    const submitted = await t.submit()
    await addRepresentative(t, { id: 'rep-wang', name: '王海涛', level: 'county' })
    await act(t, submitted.id, { type: 'assigned', representativeIds: ['rep-wang'], department: null })
    await act(t, submitted.id, { type: 'escalated', to: 'county', reason: '涉及县里的水利工程' })

    const first = await t.succeed('sync.now', {})
    expect(first).toMatchObject({ pending: 0, lastError: null })
    expect((await hubState(hub, submitted.id)).level).toBe('county')
    // With the escalation went what the county needs to act: the text and how to reach the resident
    // (never the ID number), opened here with the hub's data key.
    const atCounty = await countyPetition(hub.hub.db, createSealer(TEST_DATA_KEY), submitted.id)
    const text = (await t.db.selectFrom('petition').select('text').executeTakeFirstOrThrow()).text
    expect(atCounty.dossier).toEqual({
      text,
      anonymous: false,
      contactName: RESIDENT.name,
      contactPhone: RESIDENT.phone,
      receivedAt: expect.any(Number) as number,
    })
    const sealed = await hub.hub.db.selectFrom('petition_dossier').select('sealed').executeTakeFirstOrThrow()
    expect(sealed.sealed.includes(Buffer.from(RESIDENT.phone))).toBe(false)

    hub.clock.now = t.clock.now() + 60_000
    await actAsCounty(
      hub.hub.db,
      submitted.id,
      { type: 'transferred', department: '县水利局' },
      { id: 'c1' },
      hub.clock.now,
    )
    await actAsCounty(
      hub.hub.db,
      submitted.id,
      { type: 'replied', answer: '县水利局已安排管网改造', method: 'phone' },
      { id: 'c1' },
      hub.clock.now + 1000,
    )
    t.clock.advance(120_000)
    await t.succeed('sync.now', {})

    await t.logout()
    const seen = await t.succeed('petitions.lookup', {
      code: submitted.code,
      phoneLast4: RESIDENT.phone.slice(-4),
    })
    expect(seen.timeline.map((e) => e.type)).toEqual([
      'submitted',
      'assigned',
      'escalated',
      'transferred',
      'replied',
    ])
    // The county's answer, merged into the timeline, counts on the board for the representative the
    // station had assigned, as if it had been recorded here.
    const kinds = async () =>
      (await t.db.selectFrom('board_credit').select('kind').where('petition_id', '=', submitted.id).execute())
        .map((c) => c.kind)
        .sort()
    expect(await kinds()).toEqual(['handled', 'resolved', 'resolvedOnTime'])
    expect(seen).toMatchObject({ status: 'replied', canRate: true })
    await t.succeed('petitions.rate', {
      code: submitted.code,
      phoneLast4: RESIDENT.phone.slice(-4),
      rating: 'satisfied',
    })

    expect(await kinds()).toEqual(['handled', 'rating', 'resolved', 'resolvedOnTime'])

    await t.loginAdmin()
    const last = await t.succeed('sync.now', {})
    expect(last).toMatchObject({ pending: 0, lastError: null })
    expect(await hubState(hub, submitted.id)).toMatchObject({ status: 'replied', rating: 'satisfied' })
  })
})

describe('the roster', () => {
  it('reaches the station from the county, with pinyin for search', async () => {
    const { t, hub } = await connectedStation()
    await putRepresentatives(
      hub.hub.db,
      [
        {
          id: 'rep-county-1',
          name: '王海涛',
          namePinyin: 'wanghaitao',
          nameInitials: 'wht',
          level: 'county',
          sector: '农民',
          specialties: ['农业'],
          township: null,
          stationId: null,
          active: true,
        },
      ],
      'county-admin',
    )

    await t.succeed('sync.now', {})

    const row = await t.db
      .selectFrom('representative')
      .selectAll()
      .where('id', '=', 'rep-county-1')
      .executeTakeFirst()
    expect(row).toMatchObject({ name: '王海涛', name_pinyin: 'wanghaitao', name_initials: 'wht', active: 1 })
  })
})

describe('the sync panel', () => {
  it('says in Chinese that the hub cannot be reached, and keeps everything pending', async () => {
    const { t, hub } = await connectedStation()
    await t.submit()
    await hub.app.close()

    const down = await t.succeed('sync.now', {})

    expect(down.pending).toBe(1)
    expect(down.lastError).toMatchObject({
      code: 'UNREACHABLE',
      message: expect.stringContaining('连不上县级平台') as unknown,
    })
  })

  it('is for staff only, and refuses 立即同步 before enrolment', async () => {
    const { t } = await useSetUpStation()
    expect(await t.call('sync.status', {})).toMatchObject({ ok: false, error: { code: 'STAFF_ONLY' } })
    await t.loginAdmin()
    expect(await t.call('sync.now', {})).toMatchObject({ ok: false, error: { code: 'SYNC_NOT_ENROLLED' } })
  })
})
