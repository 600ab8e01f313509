import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Icon } from '../../components/Icon'
import { useAnnounce } from '../../lib/voice'
import { type Problem, minutesLeft, pausedText } from './messages'

/** A problem as a plain sentence with an icon, read aloud when voice is on; a pause counts down. */
export function ProblemNotice({ problem, onExpired }: { problem: Problem; onExpired: () => void }) {
  const { t } = useTranslation()
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    if (problem.kind !== 'paused') return
    const timer = window.setInterval(() => setNow(Date.now()), 5_000)
    return () => window.clearInterval(timer)
  }, [problem])
  const expired = problem.kind === 'paused' && now >= problem.until
  useEffect(() => {
    if (expired) onExpired()
  }, [expired, onExpired])
  const text =
    problem.kind === 'text' ? problem.text : pausedText(t, problem.screen, minutesLeft(problem.until, now))
  useAnnounce(text)
  return (
    <div className="notice notice--error progress__problem" role="alert" data-testid="progress-problem">
      <Icon name="warning" className="notice__icon" />
      <p className="notice__text">{text}</p>
    </div>
  )
}
