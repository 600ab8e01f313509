import { PlaceholderScreen } from '../PlaceholderScreen'
import type { TaskScreenProps } from '../entries'

// Scaffolding for this session's work on the screen; replaced by the real screen.
export default function BoardScreen({ profile, onHome }: TaskScreenProps) {
  return <PlaceholderScreen profile={profile} entry="publicBoard" onHome={onHome} />
}
