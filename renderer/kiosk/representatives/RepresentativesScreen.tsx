import { PlaceholderScreen } from '../PlaceholderScreen'
import type { TaskScreenProps } from '../entries'

// Scaffolding for this session's work on the screen; replaced by the real screen.
export default function RepresentativesScreen({ profile, onHome }: TaskScreenProps) {
  return <PlaceholderScreen profile={profile} entry="findRepresentative" onHome={onHome} />
}
