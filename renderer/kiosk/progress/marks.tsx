import type { ReactNode } from 'react'
import { IconFrame } from '../../components/Icon'

/**
 * The progress screen's own marks, drawn in components/Icon's frame and always shown beside words: on
 * time or late, the steps of the timeline, and three faces for the rating.
 */
const shapes = {
  onTime: (
    <>
      <circle cx="24" cy="24" r="19" />
      <path d="m15 24 6 6 12-12" />
    </>
  ),
  late: (
    <>
      <circle cx="24" cy="26" r="16" />
      <path d="M24 17v9l6 4M18 5h12M24 5v5" />
    </>
  ),
  step: <circle cx="24" cy="24" r="10" />,
  chosen: <path d="m9 25 10 10 20-21" />,
  satisfied: (
    <>
      <circle cx="24" cy="24" r="19" />
      <path d="M17 19v1M31 19v1M15 28c4 6 14 6 18 0" />
    </>
  ),
  mostlySatisfied: (
    <>
      <circle cx="24" cy="24" r="19" />
      <path d="M17 19v1M31 19v1M16 30c5 2 11 2 16 0" />
    </>
  ),
  dissatisfied: (
    <>
      <circle cx="24" cy="24" r="19" />
      <path d="M17 19v1M31 19v1M15 33c4-6 14-6 18 0" />
    </>
  ),
} satisfies Record<string, ReactNode>

export type MarkName = keyof typeof shapes

export function Mark({ name, className }: { name: MarkName; className?: string }) {
  return <IconFrame className={className}>{shapes[name]}</IconFrame>
}
