import type React from 'react'
import { useEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useTextScale } from '../../lib/textScale'
import {
  type Composition,
  EMPTY,
  MAX_LETTERS,
  backspace,
  choose,
  lengthOf,
  typeLetter,
  typeText,
} from './engine/composer'
import { ClearKey } from './ClearKey'
import { type BarMetrics, pageEnd } from './engine/paging'
import type { Candidate, PinyinEngine } from './engine/types'
import { loadPinyinEngine } from './loader'
import './keyboard.css'

export interface PinyinKeyboardProps {
  /** The committed text (the screen shows it in its own field). */
  readonly value: string
  readonly onChange: (value: string) => void
  /** Local words offered above the dictionary: representatives' names, township and village names. */
  readonly localWords?: readonly string[]
  /** Latin letters typed but not yet turned into characters (e.g. 'wht'); a search screen matches on them. */
  readonly onComposition?: (letters: string) => void
  readonly maxLength?: number
}

const LETTER_ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'] as const
const DIGITS = '1234567890'
const MARKS = '、：；（）'
const NO_WORDS: readonly string[] = []

const PUNCTUATION = [
  { char: '，', name: 'comma' },
  { char: '。', name: 'period' },
  { char: '？', name: 'question' },
  { char: '！', name: 'exclamation' },
] as const

/** keyboard.css: candidates are 1.25rem on a 24 px rem, 16 px padding and 3 px borders a side. */
const CANDIDATE_REM = 1.25
const ROOT_PX = 24
const CANDIDATE_CHROME = 2 * 16 + 2 * 3
const KEY_PX = 80
const GAP_PX = 12

/**
 * Typed letters with thin spaces between them: easier to read one by one, read out letter by letter, and
 * never mistaken for an English word on a Chinese screen.
 */
function spaced(letters: string): string {
  return [...letters].join('\u2009')
}

type EngineState =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly engine: PinyinEngine }
  | { readonly status: 'failed' }

/** The engine for these local words, loaded on first use. */
function usePinyinEngine(localWords: readonly string[]): EngineState {
  const [state, setState] = useState<EngineState>({ status: 'loading' })
  // Screens often pass a fresh array each render: key the engine on the words, not the array.
  const key = localWords.join('\n')
  useEffect(() => {
    let live = true
    loadPinyinEngine(key === '' ? NO_WORDS : key.split('\n')).then(
      (engine) => live && setState({ status: 'ready', engine }),
      () => live && setState({ status: 'failed' }),
    )
    return () => {
      live = false
    }
  }, [key])
  return state
}

/** The width of an element, kept up to date. */
function useWidth(): [React.RefObject<HTMLDivElement | null>, number] {
  const ref = useRef<HTMLDivElement>(null)
  const [width, setWidth] = useState(0)
  useEffect(() => {
    const el = ref.current
    if (!el) return
    const observer = new ResizeObserver(() => setWidth(el.clientWidth))
    observer.observe(el)
    setWidth(el.clientWidth)
    return () => observer.disconnect()
  }, [])
  return [ref, width]
}

/**
 * The on-screen pinyin keyboard: letters compose pinyin (full, initials or mixed), the candidate bar
 * offers words for it, and a tap on a candidate commits the characters. Controlled: the screen shows
 * `value` in its own field.
 */
export function PinyinKeyboard({
  value,
  onChange,
  localWords = NO_WORDS,
  onComposition,
  maxLength = Infinity,
}: PinyinKeyboardProps): React.JSX.Element {
  const { t } = useTranslation()
  const { scale } = useTextScale()
  const engine = usePinyinEngine(localWords)
  const [letters, setLetters] = useState('')
  const [pageStarts, setPageStarts] = useState<readonly number[]>([0])
  const [mode, setMode] = useState<'letters' | 'digits'>('letters')
  const [barRef, barWidth] = useWidth()

  // Letters still pending when the keyboard goes (the screen moved to another field) are dropped, and the
  // screen is told, so its search or field does not keep showing them.
  const pending = useRef({ letters, onComposition })
  useEffect(() => {
    pending.current = { letters, onComposition }
  })
  useEffect(
    () => () => {
      if (pending.current.letters !== '') pending.current.onComposition?.('')
    },
    [],
  )

  const now: Composition = { value, letters }
  const room = maxLength - lengthOf(value)
  const candidates = useMemo<readonly Candidate[]>(() => {
    if (letters === '' || engine.status !== 'ready') return []
    return engine.engine.candidates(letters).filter((c) => lengthOf(c.text) <= room)
  }, [engine, letters, room])

  const metrics: BarMetrics = {
    width: barWidth,
    fontPx: ROOT_PX * (scale / 100) * CANDIDATE_REM,
    chrome: CANDIDATE_CHROME,
    minWidth: KEY_PX,
    gap: GAP_PX,
  }
  const start = Math.min(pageStarts.at(-1) ?? 0, Math.max(0, candidates.length - 1))
  const end = pageEnd(
    candidates.map((c) => c.text),
    start,
    metrics,
  )
  const shown = candidates.slice(start, end)

  const apply = (next: Composition) => {
    if (next.value !== value) onChange(next.value)
    if (next.letters !== letters) {
      setLetters(next.letters)
      setPageStarts([0])
      onComposition?.(next.letters)
    }
  }

  const full = room <= 0
  const letterKey = (ch: string) => (
    <button
      key={ch}
      type="button"
      className="kb-key kb-key--char"
      disabled={full || letters.length >= MAX_LETTERS}
      onClick={() => apply(typeLetter(now, ch, maxLength))}
    >
      {ch}
    </button>
  )
  const textKey = (ch: string, label?: string) => (
    <button
      key={ch}
      type="button"
      className="kb-key kb-key--char"
      aria-label={label}
      disabled={full}
      onClick={() => apply(typeText(now, ch, candidates[0], maxLength))}
    >
      {ch}
    </button>
  )
  const punctuation = PUNCTUATION.map((p) => textKey(p.char, t(`kiosk.keyboard.keyName.${p.name}`)))
  const deleteKey = (
    <button
      type="button"
      className="kb-key kb-key--action kb-key--wide"
      disabled={value === '' && letters === ''}
      onClick={() => apply(backspace(now))}
    >
      {t('kiosk.keyboard.key.delete')}
    </button>
  )
  const clearKey = (
    <ClearKey
      className="kb-key kb-key--action kb-key--wide"
      value={value}
      disabled={value === '' && letters === ''}
      onClear={() => apply(EMPTY)}
      onRestore={(kept) => apply({ ...EMPTY, value: kept })}
    />
  )
  const spaceKey = (
    <button
      type="button"
      className="kb-key kb-key--action kb-key--space"
      disabled={full}
      onClick={() => apply(typeText(now, ' ', candidates[0], maxLength))}
    >
      {t('kiosk.keyboard.key.space')}
    </button>
  )

  let note: string | null = null
  if (letters !== '' && engine.status === 'loading') note = t('kiosk.keyboard.pinyin.loading')
  else if (letters !== '' && engine.status === 'failed') note = t('kiosk.keyboard.pinyin.loadFailed')
  else if (letters !== '' && candidates.length === 0) note = t('kiosk.keyboard.pinyin.none')

  return (
    <div role="group" aria-label={t('kiosk.keyboard.pinyin.label')} className="kb-pad kb-pinyin">
      <div className="kb-bar">
        <output className="kb-bar__letters" aria-label={t('kiosk.keyboard.pinyin.composition')}>
          {spaced(letters)}
        </output>
        <div
          ref={barRef}
          className="kb-bar__candidates"
          role="group"
          aria-label={t('kiosk.keyboard.pinyin.candidates')}
        >
          {note !== null && <span className="kb-bar__note">{note}</span>}
          {shown.map((c) => (
            <button
              key={`${c.text}:${c.consumed}`}
              type="button"
              className={
                c === candidates[0] ? 'kb-key kb-candidate kb-candidate--first' : 'kb-key kb-candidate'
              }
              onClick={() => apply(choose(now, c, maxLength))}
            >
              {c.text}
            </button>
          ))}
        </div>
        <button
          type="button"
          className="kb-key kb-key--action kb-bar__page"
          disabled={pageStarts.length <= 1}
          onClick={() => setPageStarts(pageStarts.slice(0, -1))}
        >
          {t('kiosk.keyboard.key.previous')}
        </button>
        <button
          type="button"
          className="kb-key kb-key--action kb-bar__page"
          disabled={end >= candidates.length}
          onClick={() => setPageStarts([...pageStarts, end])}
        >
          {t('kiosk.keyboard.key.more')}
        </button>
      </div>
      {mode === 'letters' ? (
        <>
          <div className="kb-row kb-row--parts">
            <div className="kb-row__part">{[...LETTER_ROWS[0]].map(letterKey)}</div>
            <div className="kb-row__part">
              {punctuation.slice(0, 2)}
              {deleteKey}
            </div>
          </div>
          <div className="kb-row kb-row--parts">
            <div className="kb-row__part">{[...LETTER_ROWS[1]].map(letterKey)}</div>
            <div className="kb-row__part">
              {punctuation.slice(2)}
              {clearKey}
            </div>
          </div>
          <div className="kb-row">
            <button type="button" className="kb-key kb-key--action" onClick={() => setMode('digits')}>
              {t('kiosk.keyboard.key.digits')}
            </button>
            {[...LETTER_ROWS[2]].map(letterKey)}
            {spaceKey}
          </div>
        </>
      ) : (
        <>
          <div className="kb-row kb-row--parts">
            <div className="kb-row__part">{[...DIGITS].map((d) => textKey(d))}</div>
            <div className="kb-row__part">
              {punctuation.slice(0, 2)}
              {deleteKey}
            </div>
          </div>
          <div className="kb-row kb-row--parts">
            <div className="kb-row__part">{[...MARKS].map((d) => textKey(d))}</div>
            <div className="kb-row__part">
              {punctuation.slice(2)}
              {clearKey}
            </div>
          </div>
          <div className="kb-row">
            <button type="button" className="kb-key kb-key--action" onClick={() => setMode('letters')}>
              {t('kiosk.keyboard.key.letters')}
            </button>
            {spaceKey}
          </div>
        </>
      )}
    </div>
  )
}
