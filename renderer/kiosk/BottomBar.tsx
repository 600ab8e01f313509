import { useTranslation } from 'react-i18next'
import { Icon } from '../components/Icon'
import { useTextScale } from '../lib/textScale'
import { useVoice } from '../lib/voice'

/**
 * The bar at the bottom of every resident screen. Each control keeps its place whether or not its
 * neighbours are shown (上一步 only where there is a previous step, 语音播报 only with a Mandarin voice),
 * so a resident finds 呼叫工作人员 in the same spot on every screen.
 */
export function BottomBar({
  onHome,
  onBack,
  onCallStaff,
  busy = false,
}: {
  onHome: () => void
  onBack: (() => void) | undefined
  onCallStaff: () => void
  /** Leaving waits while work is on its way; calling staff never does. */
  busy?: boolean
}) {
  const { t } = useTranslation()
  const voice = useVoice()
  const textScale = useTextScale()
  return (
    <nav className="bar" aria-label={t('kiosk.bar.label')}>
      <button type="button" className="bar__button bar__home" onClick={onHome} disabled={busy}>
        <Icon name="home" />
        <span>{t('kiosk.bar.home')}</span>
      </button>
      {onBack && (
        <button type="button" className="bar__button bar__back" onClick={onBack} disabled={busy}>
          <Icon name="back" />
          <span>{t('kiosk.bar.back')}</span>
        </button>
      )}
      <button type="button" className="bar__button bar__call" onClick={onCallStaff}>
        <Icon name="callStaff" />
        <span>{t('kiosk.bar.callStaff')}</span>
      </button>
      {voice.available && (
        <button
          type="button"
          className="bar__button bar__voice"
          aria-pressed={voice.on}
          onClick={voice.toggle}
          data-testid="voice-toggle"
        >
          <Icon name={voice.on ? 'voiceOn' : 'voiceOff'} />
          <span className="bar__label">
            <span>{t('kiosk.bar.voice')}</span>
            <span className="bar__state">{voice.on ? t('kiosk.bar.voiceOn') : t('kiosk.bar.voiceOff')}</span>
          </span>
        </button>
      )}
      <button
        type="button"
        className="bar__button bar__text"
        onClick={textScale.next}
        data-testid="text-size"
      >
        <Icon name="textSize" />
        <span className="bar__label">
          <span>{t('kiosk.bar.textSize')}</span>
          <span className="bar__state">
            {textScale.highContrast
              ? t('kiosk.bar.textSizeLevel.highContrast')
              : t(`kiosk.bar.textSizeLevel.${textScale.scale}`)}
          </span>
        </span>
      </button>
    </nav>
  )
}
