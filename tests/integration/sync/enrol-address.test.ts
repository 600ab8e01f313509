import { describe, expect, it } from 'vitest'
import { useSetUpStation } from '../../fixtures/vitest'

describe('the county hub address given at enrolment', () => {
  it('must be https://, with a Chinese message on the field, except on this machine', async () => {
    const { t } = await useSetUpStation()
    await t.loginAdmin()
    for (const hubUrl of [
      'http://county.example.cn',
      'http://192.168.1.10:8790',
      'ftp://county.example.cn',
    ]) {
      const res = await t.call('sync.enrol', { hubUrl, code: 'ABCDEFGH2345' })
      expect(res, hubUrl).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
      const fields = res.ok ? {} : (res.error.fields ?? {})
      expect(fields.hubUrl, hubUrl).toContain('https://')
    }
    // Loopback over plain HTTP stays allowed (tests, demos): refused by the hub, not by the check.
    for (const hubUrl of ['http://127.0.0.1:9', 'http://localhost:9', 'http://[::1]:9']) {
      const res = await t.call('sync.enrol', { hubUrl, code: 'ABCDEFGH2345' })
      expect(res, hubUrl).toMatchObject({ ok: false, error: { code: 'HUB_UNREACHABLE' } })
    }
  })
})
