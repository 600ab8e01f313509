import { describe, expect, inject, it } from 'vitest'
import { TEST_DATA_KEY } from '../../fixtures/hub'
import { startHubProcess } from '../../fixtures/hub-process'
import { createTestDatabase } from '../../fixtures/postgres'

describe('the hub’s settings from its environment', () => {
  it.each([
    ['HUB_WORKERS', 'many', /HUB_WORKERS must be a whole number from 1 to 64, or auto; got "many"/],
    ['HUB_PREPARED_STATEMENTS', 'no', /HUB_PREPARED_STATEMENTS must be on or off; got "no"/],
  ])(
    'refuses %s=%s, naming the setting, and exits 2',
    async (name, value, message) => {
      const url = await createTestDatabase(inject('postgresUrl'))
      await expect(startHubProcess(url, TEST_DATA_KEY, { env: { [name]: value } })).rejects.toThrow(
        new RegExp(`exited \\(2\\)[\\s\\S]*${message.source}`),
      )
    },
    60_000,
  )

  it('serves with its statements unnamed when told so', async () => {
    const url = await createTestDatabase(inject('postgresUrl'))
    const hub = await startHubProcess(url, TEST_DATA_KEY, { env: { HUB_PREPARED_STATEMENTS: 'off' } })
    try {
      expect((await fetch(`${hub.url}/health`)).status).toBe(200)
    } finally {
      await hub.kill('SIGTERM')
    }
  }, 60_000)
})
