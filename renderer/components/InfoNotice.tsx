import { Icon } from './Icon'

/** A plain sentence with the info icon, where a list has nothing to show (nobody on duty, no result). */
export function InfoNotice({ text, testId }: { text: string; testId: string }) {
  return (
    <div className="notice notice--info" data-testid={testId}>
      <Icon name="info" className="notice__icon" />
      <p className="notice__text">{text}</p>
    </div>
  )
}
