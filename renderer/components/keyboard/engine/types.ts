/** What the candidate bar offers for the letters typed so far. */
export interface Candidate {
  /** The characters a tap commits. */
  readonly text: string
  /** How many letters at the start of the composition the candidate covers (and consumes when chosen). */
  readonly consumed: number
  /** Where it came from: local words first, then the kiosk's phrases, the dictionary, a composed sentence. */
  readonly source: CandidateSource
}

export type CandidateSource = 'local' | 'phrase' | 'dictionary' | 'sentence'

export interface PinyinEngine {
  /** Candidates for the letters, best first; at most `limit`. */
  candidates(letters: string, limit?: number): readonly Candidate[]
}
