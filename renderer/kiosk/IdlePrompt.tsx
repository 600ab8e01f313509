import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { Icon } from '../components/Icon'
import { IDLE, useCountdown, useTouchToDismiss } from '../lib/idle'
import { useAnnounce } from '../lib/voice'
import './idle.css'

/**
 * 「还需要更多时间吗？」 after a task screen has gone untouched. A touch anywhere on it (the big 需要 or
 * beside it) keeps the resident's screen; when the countdown runs out, `onTimeout` forgets them.
 */
export function IdlePrompt({ onMoreTime, onTimeout }: { onMoreTime: () => void; onTimeout: () => void }) {
  const { t } = useTranslation()
  const secondsLeft = useCountdown(IDLE.promptMs, onTimeout)
  const touch = useTouchToDismiss(onMoreTime)
  const more = useRef<HTMLButtonElement>(null)
  useEffect(() => more.current?.focus(), [])
  useAnnounce(t('kiosk.idle.prompt.voice'))
  return (
    // The whole layer takes the touch, so the tap that answers it never reaches the screen behind.
    <div className="dialog-backdrop idle-layer" data-testid="idle-prompt" {...touch}>
      <div
        className="dialog idle-prompt"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="idle-prompt-title"
        aria-describedby="idle-prompt-explain"
      >
        <h2 id="idle-prompt-title" className="dialog__title">
          <Icon name="info" className="dialog__icon" />
          {t('kiosk.idle.prompt.title')}
        </h2>
        <p className="idle-prompt__countdown" role="timer" data-testid="idle-countdown">
          <span className="idle-prompt__seconds">{secondsLeft}</span>
          <span>{t('kiosk.idle.prompt.secondsLeft')}</span>
        </p>
        <p id="idle-prompt-explain" className="dialog__text">
          {t('kiosk.idle.prompt.explain')}
        </p>
        {/* Its click bubbles to the layer, which keeps the screen. */}
        <button ref={more} type="button" className="button button--primary idle-prompt__more">
          <Icon name="check" />
          {t('kiosk.idle.prompt.more')}
        </button>
      </div>
    </div>
  )
}
