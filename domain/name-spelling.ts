/** How a representative's name is typed on the kiosk's letter keyboard. */
export interface NameSpelling {
  /** Full pinyin without tones or spaces, ü written v: 王海涛 → wanghaitao, 吕 → lv. */
  readonly pinyin: string
  /** The syllables' first letters: 王海涛 → wht. */
  readonly initials: string
  /**
   * Every reading of each character, the spelled one first: `/` between readings, a space between
   * characters (单建国 → `shan/dan/chan jian guo`). A resident may read a polyphonic character either way
   * (单 as dan, 乐 as yue), and the search answers to all of them.
   */
  readonly readings: string
}

export type NameSpeller = (name: string) => NameSpelling

/**
 * Loads the speller on first use: pinyin-pro builds its dictionary as it loads (about a tenth of a second),
 * which the kiosk's start need not pay; only roster writes (demo data, the county's roster) spell names.
 * The surname at the head of the name is read as a surname (单 shan, 曾 zeng, 欧阳 ou yang) and the given
 * name the everyday way: surname mode over the whole name read 陈乐天 as chen yue tian.
 */
export async function loadNameSpeller(): Promise<NameSpeller> {
  const { pinyin } = await import('pinyin-pro')
  const plain = { toneType: 'none', type: 'array', v: true } as const
  const lower = (s: string) => s.toLowerCase()
  return (name) => {
    const syllables = pinyin(name, { ...plain, mode: 'surname', surname: 'head' }).map(lower)
    const chars = Array.from(name)
    // `multiple` answers for one character at a time; a character it cannot read keeps its spelling.
    const readings =
      chars.length === syllables.length
        ? chars.map((c, i) => {
            const spelled = syllables[i] ?? ''
            const all = pinyin(c, { ...plain, multiple: true }).map(lower)
            return [...new Set([spelled, ...all])].join('/')
          })
        : syllables
    return {
      pinyin: syllables.join(''),
      initials: syllables.map((s) => s.charAt(0)).join(''),
      readings: readings.join(' '),
    }
  }
}
