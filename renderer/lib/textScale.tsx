import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react'

/** 大字: 100 → 125 → 150 %. Every size in styles.css is in rem, so the whole screen follows. */
export const TEXT_SCALES = [100, 125, 150] as const
export type TextScale = (typeof TEXT_SCALES)[number]

/**
 * What each press of 大字 gives: 标准 → 较大 → 最大 → 高对比 → 标准. 高对比 keeps the largest size and
 * switches styles.css to its [data-contrast='high'] palette (every text on its background at least 7:1).
 */
const LEVELS = [
  { scale: 100, highContrast: false },
  { scale: 125, highContrast: false },
  { scale: 150, highContrast: false },
  { scale: 150, highContrast: true },
] as const satisfies readonly { scale: TextScale; highContrast: boolean }[]
const STANDARD = LEVELS[0]

interface TextScaleValue {
  readonly scale: TextScale
  readonly highContrast: boolean
  readonly next: () => void
}

const TextScaleContext = createContext<TextScaleValue>({ ...STANDARD, next: () => {} })

/** One per visit (KioskApp keys it by visit; the idle reset reloads the page): the next resident gets 标准. */
export function TextScaleProvider({ children }: { children: ReactNode }) {
  const [level, setLevel] = useState(0)
  const { scale, highContrast } = LEVELS[level] ?? STANDARD

  useEffect(() => {
    const root = document.documentElement
    root.style.setProperty('--text-scale', String(scale / 100))
    root.dataset.textScale = String(scale)
    if (highContrast) root.dataset.contrast = 'high'
    return () => {
      // The next resident starts at the standard size, in the standard colours.
      root.style.removeProperty('--text-scale')
      delete root.dataset.textScale
      delete root.dataset.contrast
    }
  }, [scale, highContrast])

  const next = useCallback(() => setLevel((l) => (l + 1) % LEVELS.length), [])

  const value = useMemo(() => ({ scale, highContrast, next }), [scale, highContrast, next])
  return <TextScaleContext value={value}>{children}</TextScaleContext>
}

export function useTextScale(): TextScaleValue {
  return useContext(TextScaleContext)
}
