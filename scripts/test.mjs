// `npm test`: every check the project has, in order, stopping at the first failure.
// System prerequisites (Debian's Chromium and CJK fonts for the end-to-end tests, PostgreSQL for the county
// hub's integration tests) are installed here when running as root; otherwise the script says exactly what
// is missing.
import { execSync, spawnSync } from 'node:child_process'
import fs from 'node:fs'

const CHROMIUM = '/usr/bin/chromium'

function hasCjkFont() {
  try {
    return /Noto Sans CJK/i.test(execSync('fc-list', { encoding: 'utf8' }))
  } catch {
    return false
  }
}

function hasPostgres() {
  const root = '/usr/lib/postgresql'
  return fs.existsSync(root) && fs.readdirSync(root).some((v) => fs.existsSync(`${root}/${v}/bin/initdb`))
}

function ensurePrerequisites() {
  const missing = []
  if (!fs.existsSync(CHROMIUM)) missing.push('chromium')
  if (!hasCjkFont()) missing.push('fonts-noto-cjk')
  if (!hasPostgres()) missing.push('postgresql')
  if (missing.length === 0) return
  if (process.getuid?.() !== 0) {
    console.error(`missing system packages for the tests: ${missing.join(' ')}`)
    console.error(`install them with: sudo apt-get install -y ${missing.join(' ')}`)
    process.exit(1)
  }
  console.log(`installing system packages: ${missing.join(' ')}`)
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  for (const cmd of ['apt-get update -qq', `apt-get install -y -qq ${missing.join(' ')}`]) {
    const r = spawnSync('sh', ['-c', cmd], { stdio: 'inherit', env })
    if (r.status !== 0) process.exit(r.status ?? 1)
  }
}

const steps = [
  ['lint', 'npx eslint --max-warnings 0 .'],
  ['format', 'npx prettier --check .'],
  ['typecheck', 'npx tsc -p tsconfig.node.json && npx tsc -p tsconfig.web.json'],
  ['electron security scan', 'node scripts/electronegativity.mjs'],
  ['unit tests', 'npx vitest run --project unit'],
  ['integration tests', 'npx vitest run --project integration'],
  ['build', 'npm run build --silent'],
  ['end-to-end tests', 'npx playwright test'],
]

ensurePrerequisites()
for (const [name, cmd] of steps) {
  console.log(`\n=== ${name}: ${cmd}`)
  const started = Date.now()
  const r = spawnSync('sh', ['-c', cmd], {
    stdio: 'inherit',
    env: { ...process.env, YIZHAN_SKIP_BUILD: '1' },
  })
  const seconds = ((Date.now() - started) / 1000).toFixed(1)
  if (r.status !== 0) {
    console.error(`\n=== ${name} FAILED after ${seconds} s`)
    process.exit(r.status ?? 1)
  }
  console.log(`=== ${name} passed in ${seconds} s`)
}
console.log('\nall checks passed')
