import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react'

/**
 * 语音播报: reads a screen's title and instruction aloud when the screen opens. It needs a Mandarin voice;
 * without one the switch is hidden rather than offered and silent.
 */
interface Voice {
  /** A Mandarin voice exists, so the switch is shown. */
  readonly available: boolean
  readonly on: boolean
  readonly toggle: () => void
  /**
   * Reads `text` if the switch is on: now, cutting off whatever was being read, or, `queued`, after it
   * (a screen's later news, such as a print outcome, must not cut off the words that opened it).
   */
  readonly speak: (text: string, queued?: boolean) => void
}

const VoiceContext = createContext<Voice>({ available: false, on: false, toggle: () => {}, speak: () => {} })

/** Mainland Mandarin first, then other Mandarin voices; Cantonese (zh-HK, yue) would misread the text. */
export function pickChineseVoice(voices: readonly SpeechSynthesisVoice[]): SpeechSynthesisVoice | null {
  const lang = (v: SpeechSynthesisVoice) => v.lang.replace('_', '-').toLowerCase()
  return (
    voices.find((v) => lang(v) === 'zh-cn') ??
    voices.find((v) => lang(v).startsWith('cmn')) ??
    voices.find((v) => lang(v) === 'zh-tw' || lang(v) === 'zh') ??
    null
  )
}

function synth(): SpeechSynthesis | null {
  return 'speechSynthesis' in window ? window.speechSynthesis : null
}

export function VoiceProvider({ children }: { children: ReactNode }) {
  const [voice, setVoice] = useState<SpeechSynthesisVoice | null>(null)
  const [on, setOn] = useState(false)

  useEffect(() => {
    const s = synth()
    if (!s) return
    // Chromium fills the voice list asynchronously and announces it with `voiceschanged`.
    const update = () => setVoice(pickChineseVoice(s.getVoices()))
    update()
    s.addEventListener('voiceschanged', update)
    return () => s.removeEventListener('voiceschanged', update)
  }, [])

  const speak = useCallback(
    (text: string, queued = false) => {
      const s = synth()
      if (!s || !voice || !on || text === '') return
      if (!queued) s.cancel()
      const u = new SpeechSynthesisUtterance(text)
      u.voice = voice
      u.lang = voice.lang
      u.rate = 0.9
      s.speak(u)
    },
    [voice, on],
  )

  const toggle = useCallback(() => {
    setOn((was) => {
      if (was) synth()?.cancel()
      return !was
    })
  }, [])

  const value = useMemo<Voice>(
    () => ({ available: voice !== null, on, toggle, speak }),
    [voice, on, toggle, speak],
  )
  return <VoiceContext value={value}>{children}</VoiceContext>
}

export function useVoice(): Voice {
  return useContext(VoiceContext)
}

/**
 * Reads a screen's words when it opens, and again when the switch is turned on. `queued` reads them after
 * whatever is being read instead of cutting it off: for what a screen learns later (an announcement keyed
 * on an outcome, declared after the screen's own, so a switch turned on reads both in order).
 */
export function useAnnounce(text: string, opts: { readonly queued?: boolean } = {}): void {
  const { speak, on } = useVoice()
  const queued = opts.queued ?? false
  useEffect(() => {
    if (on) speak(text, queued)
  }, [on, text, speak, queued])
}
