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
  // Petition categories: the names are the `icon` field of catalog.categories.
  road: <path d="M6 42 17 6M42 42 31 6M24 9v5M24 20v6M24 32v8" />,
  light: (
    <>
      <path d="M12 44h12M18 44V11a5 5 0 0 1 5-5h8" />
      <path d="M27 6h10l4 8H23z" />
      <path d="M32 19v4M25 21l-2 3M39 21l2 3" />
    </>
  ),
  water: (
    <>
      <path d="M24 5c-6 9-13 16-13 24a13 13 0 0 0 26 0c0-8-7-15-13-24z" />
      <path d="M18 30a6 6 0 0 0 6 6" />
    </>
  ),
  farm: (
    <>
      <path d="M7 43h34M24 43V17" />
      <path d="M24 31c-8 0-12-5-12-12 8 0 12 5 12 12zM24 25c8 0 12-5 12-12-8 0-12 5-12 12z" />
    </>
  ),
  health: <path d="M19 7h10v12h12v10H29v12H19V29H7V19h12z" />,
  clean: (
    <>
      <path d="M8 12h32M19 12V6h10v6M12 12l3 30h18l3-30" />
      <path d="M21 19v16M27 19v16" />
    </>
  ),
  factory: (
    <>
      <path d="M5 42V22l10 6v-6l10 6v-6l10 6V7h7v35z" />
      <path d="M12 35h4M22 35h4M32 35h4" />
    </>
  ),
  handshake: (
    <>
      <path d="M24 7v33M14 42h20M9 13h30" />
      <path d="M9 13 3 27a6 6 0 0 0 12 0zM39 13l-6 14a6 6 0 0 0 12 0z" />
    </>
  ),
  school: <path d="M24 12C19 8 12 7 5 8v30c7-1 14 0 19 4 5-4 12-5 19-4V8c-7-1-14 0-19 4zM24 12v30" />,
  house: (
    <>
      <path d="M5 22 24 7l19 15" />
      <path d="M10 18v24h28V18M20 42V30h8v12" />
    </>
  ),
  idea: (
    <>
      <path d="M18 33c0-4-6-7-6-15a12 12 0 0 1 24 0c0 8-6 11-6 15z" />
      <path d="M19 38h10M21 43h6" />
    </>
  ),
  more: (
    <>
      <circle cx="11" cy="24" r="3.5" />
      <circle cx="24" cy="24" r="3.5" />
      <circle cx="37" cy="24" r="3.5" />
    </>
  ),
  // The petition wizard's own marks.
  check: <path d="m9 25 10 10 20-21" />,
  edit: (
    <>
      <path d="M31 8 40 17 18 39H9v-9z" />
      <path d="m27 12 9 9" />
    </>
  ),
  place: (
    <>
      <path d="M24 44S10 30 10 19a14 14 0 0 1 28 0c0 11-14 25-14 25z" />
      <circle cx="24" cy="19" r="5" />
    </>
  ),
  privacy: (
    <>
      <path d="M24 5 8 11v11c0 10 7 18 16 21 9-3 16-11 16-21V11z" />
      <path d="m17 24 5 5 9-9" />
    </>
  ),
  keyboard: (
    <>
      <rect x="4" y="12" width="40" height="26" rx="3" />
      <path d="M11 20h2M18 20h2M25 20h2M32 20h4M11 26h2M18 26h2M25 26h2M32 26h4M14 32h20" />
    </>
  ),
  printer: (
    <>
      <path d="M13 17V5h22v12" />
      <path d="M13 35H7V17h34v18h-6" />
      <path d="M13 27h22v16H13z" />
    </>
  ),
} satisfies Record<string, ReactNode>

export type IconName = keyof typeof shapes

/** Whether `name` (e.g. a category's icon field, which comes from the database) is drawn here. */
export function isIconName(name: string): name is IconName {
  return Object.hasOwn(shapes, name)
}

export function Icon({ name, className }: { name: IconName; className?: string }) {
  return <IconFrame className={className}>{shapes[name]}</IconFrame>
}

/** The frame every icon and mark is drawn in: 48×48, a round stroke in the text colour, hidden from readers. */
export function IconFrame({ className, children }: { className?: string | undefined; children: ReactNode }) {
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
      {children}
    </svg>
  )
}
