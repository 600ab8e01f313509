/** How a representative's name is typed on the kiosk's letter keyboard. */
export interface NameSpelling {
  /** Full pinyin without tones or spaces, ü written v: 王海涛 → wanghaitao, 吕 → lv. */
  readonly pinyin: string
  /** The syllables' first letters: 王海涛 → wht. */
  readonly initials: string
}

export type NameSpeller = (name: string) => NameSpelling

/**
 * Loads the speller on first use: pinyin-pro builds its dictionary as it loads (about a tenth of a second),
 * which the kiosk's start need not pay; only roster writes (demo data, the county's roster) spell names.
 * Surname mode reads 单 as shan and 曾 as zeng.
 */
export async function loadNameSpeller(): Promise<NameSpeller> {
  const { pinyin } = await import('pinyin-pro')
  return (name) => {
    const syllables = pinyin(name, { mode: 'surname', toneType: 'none', type: 'array', v: true }).map((s) =>
      s.toLowerCase(),
    )
    return { pinyin: syllables.join(''), initials: syllables.map((s) => s.charAt(0)).join('') }
  }
}
