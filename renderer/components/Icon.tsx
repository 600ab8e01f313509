import type { ReactNode } from 'react'

/**
 * Inline line icons (48×48, stroke = currentColor). Drawn here rather than taken from an icon font so the
 * kiosk needs nothing from the network and every icon sits next to a text label.
 */
const shapes = {
  petition: (
    <>
      <path d="M8 10h32a3 3 0 0 1 3 3v18a3 3 0 0 1-3 3H22l-9 8v-8H8a3 3 0 0 1-3-3V13a3 3 0 0 1 3-3z" />
      <path d="M14 19h20M14 26h13" />
    </>
  ),
  findRepresentative: (
    <>
      <circle cx="19" cy="14" r="7" />
      <path d="M5 40c0-8 6-13 14-13 3 0 5 .6 7 1.7" />
      <circle cx="34" cy="33" r="6" />
      <path d="m38.5 37.5 5 5" />
    </>
  ),
  dutyCalendar: (
    <>
      <rect x="6" y="9" width="36" height="33" rx="3" />
      <path d="M6 18h36M15 5v8M33 5v8" />
      <path d="m16 30 5 5 10-10" />
    </>
  ),
  progress: (
    <>
      <path d="M11 5h18l9 9v29H11z" />
      <path d="M29 5v9h9" />
      <path d="M17 23h14M17 30h8" />
      <circle cx="33" cy="36" r="5" />
      <path d="m36.5 39.5 4 4" />
    </>
  ),
  publicBoard: (
    <>
      <rect x="5" y="7" width="38" height="26" rx="2" />
      <path d="M16 41l5-8M32 41l-5-8" />
      <path d="M13 26v-6M20 26V16M27 26v-8M34 26V13" />
    </>
  ),
  home: (
    <>
      <path d="M5 23 24 7l19 16" />
      <path d="M10 19v22h10V29h8v12h10V19" />
    </>
  ),
  back: <path d="M20 10 6 24l14 14M7 24h35" />,
  callStaff: (
    <>
      <path d="M12 34V22a12 12 0 0 1 24 0v12l4 4H8z" />
      <path d="M20 42a4 4 0 0 0 8 0M24 6v4" />
    </>
  ),
  voiceOn: (
    <>
      <path d="M6 18h8l11-9v30l-11-9H6z" />
      <path d="M32 17a9 9 0 0 1 0 14M37 11a17 17 0 0 1 0 26" />
    </>
  ),
  voiceOff: (
    <>
      <path d="M6 18h8l11-9v30l-11-9H6z" />
      <path d="m32 19 10 10M42 19 32 29" />
    </>
  ),
  textSize: (
    <>
      <path d="M4 40 14 14l10 26M7.5 31h13" />
      <path d="M25 40 34.5 8 44 40M28.5 29h12" />
    </>
  ),
  warning: (
    <>
      <path d="M24 5 44 41H4z" />
      <path d="M24 18v11M24 34v2" />
    </>
  ),
  info: (
    <>
      <circle cx="24" cy="24" r="19" />
      <path d="M24 21v13M24 14v2" />
    </>
  ),
  people: (
    <>
      <circle cx="17" cy="15" r="6" />
      <path d="M5 38c0-7 5-12 12-12s12 5 12 12" />
      <circle cx="33" cy="17" r="5" />
      <path d="M31 27c7-1 12 4 12 10" />
    </>
  ),
  market: (
    <>
      <path d="M6 18 10 7h28l4 11" />
      <path d="M6 18a6 6 0 0 0 12 0 6 6 0 0 0 12 0 6 6 0 0 0 12 0" />
      <path d="M9 24v17h30V24M20 41V31h8v10" />
    </>
  ),
} satisfies Record<string, ReactNode>

export type IconName = keyof typeof shapes

export function Icon({ name, className }: { name: IconName; className?: string }) {
  return (
    <svg
      className={className ? `icon ${className}` : 'icon'}
      viewBox="0 0 48 48"
      fill="none"
      stroke="currentColor"
      strokeWidth={3.5}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {shapes[name]}
    </svg>
  )
}
