/** Reads the V8 CPU profile node --cpu-prof wrote and prints where the busy time went, by function. */
import fs from 'node:fs'
import path from 'node:path'

interface ProfileNode {
  readonly id: number
  readonly callFrame: {
    readonly functionName: string
    readonly url: string
    readonly lineNumber: number
  }
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[]
  readonly samples: readonly number[]
  readonly timeDeltas: readonly number[]
}

export function printCpuProfile(dir: string, top: number): void {
  const file = fs.readdirSync(dir).find((f) => f.endsWith('.cpuprofile'))
  if (!file) {
    console.log(`  no CPU profile in ${dir}`)
    return
  }
  const profile = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as CpuProfile
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]))
  const self = new Map<string, number>()
  let busy = 0
  profile.samples.forEach((id, i) => {
    const node = nodes.get(id)
    const us = profile.timeDeltas[i] ?? 0
    if (!node || node.callFrame.functionName === '(idle)') return
    busy += us
    const f = node.callFrame
    const where = f.url ? ` ${path.basename(f.url)}:${f.lineNumber + 1}` : ''
    const key = `${f.functionName || '(anonymous)'}${where}`
    self.set(key, (self.get(key) ?? 0) + us)
  })
  console.log(
    `  hub CPU profile (${path.join(dir, file)}): ${(busy / 1e6).toFixed(1)} s busy; self time by function:`,
  )
  for (const [key, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(
      `  ${(us / 1000).toFixed(0).padStart(8)} ms  ${((us / busy) * 100).toFixed(1).padStart(5)} %  ${key}`,
    )
  }
}
