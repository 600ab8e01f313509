import { describe, expect, it } from 'vitest'
import { holidayDataYears } from '../../../domain/working-days'
import { setClock } from '../../fixtures/records'
import { useSetUpStation } from '../../fixtures/vitest'

/**
 * The station's profile names a year whose statutory holidays the package lacks, so the staff console
 * can warn about it. The years are counted from the package, so the test holds after an update too.
 */

const last = Math.max(...holidayDataYears())
const missingOn = async (date: string) => {
  const { t } = await useSetUpStation()
  setClock(t, date)
  return (await t.succeed('station.profile', {})).holidayDataMissingYear
}

describe('the missing holiday data warning', () => {
  it('is quiet in the summer of a year whose next year is not announced yet', async () => {
    expect(await missingOn(`${last}-06-01`)).toBeNull()
  })

  it('names next year from October', async () => {
    expect(await missingOn(`${last}-10-08`)).toBe(last + 1)
  })

  it('names this year in January of a year the package does not know', async () => {
    expect(await missingOn(`${last + 1}-01-05`)).toBe(last + 1)
  })
})
