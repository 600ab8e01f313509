import { PlaceholderScreen } from '../PlaceholderScreen'
import type { RepresentativeCard } from '../../../contract/views'
import type { TaskScreenProps } from '../entries'

// Scaffolding for this session's work on the screen; replaced by the real screen.
export default function PetitionScreen({
  profile,
  onHome,
}: TaskScreenProps & { readonly representative: RepresentativeCard | null }) {
  return <PlaceholderScreen profile={profile} entry="petition" onHome={onHome} />
}
