import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'

/** How long 清空 can be taken back: long enough to notice the text is gone and find the key again. */
export const UNDO_CLEAR_MS = 10_000

/**
 * 清空 that forgives a slip: it sits right under 删除, and one tap there wiped a matter that may have
 * taken ten minutes to write. After clearing, the key turns into 撤销 for UNDO_CLEAR_MS; a tap puts the
 * text back. Typing anything new ends the offer, so an old text never replaces a new one.
 */
export function ClearKey({
  value,
  onClear,
  onRestore,
  disabled,
  busy = false,
  className,
}: {
  value: string
  onClear: () => void
  onRestore: (value: string) => void
  disabled: boolean
  /** The pad is held (a lookup on its way): 撤销 waits too. */
  busy?: boolean
  className: string
}) {
  const { t } = useTranslation()
  const [kept, setKept] = useState<string | null>(null)
  const offering = kept !== null && value === ''

  useEffect(() => {
    if (!offering) return
    const timer = setTimeout(() => setKept(null), UNDO_CLEAR_MS)
    return () => clearTimeout(timer)
  }, [offering])

  if (offering) {
    return (
      <button
        type="button"
        className={`${className} kb-key--undo`}
        disabled={busy}
        onClick={() => {
          setKept(null)
          onRestore(kept)
        }}
      >
        {t('kiosk.keyboard.key.undoClear')}
      </button>
    )
  }
  return (
    <button
      type="button"
      className={className}
      disabled={disabled}
      onClick={() => {
        setKept(value === '' ? null : value)
        onClear()
      }}
    >
      {t('kiosk.keyboard.key.clear')}
    </button>
  )
}
