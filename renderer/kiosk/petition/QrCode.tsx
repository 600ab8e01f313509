import { create } from 'qrcode'
import { useMemo } from 'react'

/** Quiet zone in modules, as the QR standard asks (4); the receipt uses the same. */
const MARGIN = 4

/**
 * A QR code drawn as inline SVG from the module matrix: no canvas, no data URL, nothing for the CSP to
 * allow. It holds exactly `text` (the canonical tracking code), the same as the printed receipt's.
 */
export function QrCode({ text, label, className }: { text: string; label: string; className?: string }) {
  const { size, path } = useMemo(() => {
    const { modules } = create(text, { errorCorrectionLevel: 'M' })
    let d = ''
    for (let y = 0; y < modules.size; y++) {
      for (let x = 0; x < modules.size; x++) {
        if (modules.get(y, x)) d += `M${x + MARGIN} ${y + MARGIN}h1v1h-1z`
      }
    }
    return { size: modules.size + 2 * MARGIN, path: d }
  }, [text])
  return (
    <svg
      className={className}
      viewBox={`0 0 ${size} ${size}`}
      role="img"
      aria-label={label}
      shapeRendering="crispEdges"
      data-qr={text}
    >
      <rect width={size} height={size} fill="#ffffff" />
      <path d={path} fill="#000000" />
    </svg>
  )
}
