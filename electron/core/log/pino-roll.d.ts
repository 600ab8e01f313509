// pino-roll ships no types; this is the part of its API the station uses (electron/core/log/file.ts).
declare module 'pino-roll' {
  import type SonicBoom from 'sonic-boom'

  interface RollOptions {
    readonly file: string
    readonly frequency?: 'daily' | 'hourly' | number
    readonly size?: string | number
    readonly mkdir?: boolean
    readonly dateFormat?: string
    readonly limit?: { readonly count?: number; readonly removeOtherLogFiles?: boolean }
    readonly sync?: boolean
  }

  export default function roll(options: RollOptions): Promise<SonicBoom>
}
