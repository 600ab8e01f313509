/** Representatives for consultation tests, and a complete record input to vary one field at a time. */
import type { RecordConsultationInput } from '../../../contract/schemas'
import type { TestStation } from '../../fixtures/station'
import { addRepresentative } from '../../fixtures/records'

export const WANG = { id: 'rep-wang', name: '王海涛', level: 'county' } as const
export const LI = { id: 'rep-li', name: '李秀兰', level: 'township' } as const

/** The roster comes from the county; the board tests' helper writes it the way sync would. */
export async function addRoster(t: TestStation): Promise<void> {
  await addRepresentative(t, WANG)
  await addRepresentative(t, LI)
}

/** A bench council held on the test clock's first day (Monday 2025-03-03). */
export function meeting(overrides: Partial<RecordConsultationInput> = {}): RecordConsultationInput {
  return {
    kind: 'benchCouncil',
    date: '2025-03-03',
    place: '后楼村村委会',
    representativeIds: [WANG.id, LI.id],
    residentsCount: 23,
    topic: '村口路灯维护由谁负责',
    petitionCodes: [],
    minutes: '代表和群众逐一发言，意见记录在案。',
    outcome: '路灯交由镇城建办统一维护，村里设一名联络员报修。',
    ...overrides,
  }
}
