import { describe, expect, it } from 'vitest'
import { addRepresentative } from '../../fixtures/records'
import { connectedStation } from '../../fixtures/sync'
import { meeting } from '../consultations/people'

/**
 * Text pasted with invisible control characters (a NUL from a PDF, a bell from an old system) is stored
 * and synced without them: PostgreSQL refuses U+0000, and one such character failed every push.
 */
describe('control characters in what staff type or paste', () => {
  it('are stripped at the station, so the consultation reaches the county intact', async () => {
    const { t, hub } = await connectedStation()
    await addRepresentative(t, { id: 'rep-wang', name: '王海涛', level: 'county' })
    await addRepresentative(t, { id: 'rep-li', name: '李秀兰', level: 'township' })
    const recorded = await t.succeed(
      'consultations.record',
      meeting({ topic: '\u0000村口路灯\u0007', minutes: '第一段\u0000\n\t第二段\u001b', outcome: '\u0000' }),
    )
    expect(recorded).toMatchObject({ topic: '村口路灯', minutes: '第一段\n\t第二段', outcome: '' })

    const status = await t.succeed('sync.now', {})

    expect(status).toMatchObject({ pending: 0, lastError: null, rejected: [] })
    const held = await hub.hub.db.selectFrom('consultation').select(['topic', 'minutes', 'outcome']).execute()
    expect(held).toEqual([{ topic: '村口路灯', minutes: '第一段\n\t第二段', outcome: '' }])
  })

  it('leave a text with nothing else empty, and so refused where text is required', async () => {
    const { t } = await connectedStation()
    await addRepresentative(t, { id: 'rep-wang', name: '王海涛', level: 'county' })
    await addRepresentative(t, { id: 'rep-li', name: '李秀兰', level: 'township' })
    expect(await t.call('consultations.record', meeting({ topic: '\u0000路灯' }))).toMatchObject({ ok: true })
    const res = await t.call('consultations.record', meeting({ topic: '\u0000\u0000' }))
    expect(res).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
  })
})
