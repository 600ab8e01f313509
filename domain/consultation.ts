/**
 * 板凳议事会 / 议政厅 / 微协商: the kinds of small open meeting a station records. A fixed list, so the
 * board, the console and the county read the same words for the same meeting.
 */
export const CONSULTATION_KINDS = ['benchCouncil', 'councilHall', 'microConsultation'] as const

export type ConsultationKind = (typeof CONSULTATION_KINDS)[number]

export function isConsultationKind(s: string): s is ConsultationKind {
  return (CONSULTATION_KINDS as readonly string[]).includes(s)
}
