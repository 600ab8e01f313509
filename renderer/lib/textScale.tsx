import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react'

/** 大字: 100 → 125 → 150 → 100 %. Every size in styles.css is in rem, so the whole screen follows. */
export const TEXT_SCALES = [100, 125, 150] as const
export type TextScale = (typeof TEXT_SCALES)[number]

interface TextScaleValue {
  readonly scale: TextScale
  readonly next: () => void
}

const TextScaleContext = createContext<TextScaleValue>({ scale: 100, next: () => {} })

export function TextScaleProvider({ children }: { children: ReactNode }) {
  const [scale, setScale] = useState<TextScale>(100)

  useEffect(() => {
    const root = document.documentElement
    root.style.setProperty('--text-scale', String(scale / 100))
    root.dataset.textScale = String(scale)
    return () => {
      // The next resident starts at the standard size.
      root.style.removeProperty('--text-scale')
      delete root.dataset.textScale
    }
  }, [scale])

  const next = useCallback(() => {
    setScale((s) => TEXT_SCALES[(TEXT_SCALES.indexOf(s) + 1) % TEXT_SCALES.length] ?? 100)
  }, [])

  const value = useMemo(() => ({ scale, next }), [scale, next])
  return <TextScaleContext value={value}>{children}</TextScaleContext>
}

export function useTextScale(): TextScaleValue {
  return useContext(TextScaleContext)
}
