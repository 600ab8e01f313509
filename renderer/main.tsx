import '@fontsource/noto-sans-sc/400.css'
import '@fontsource/noto-sans-sc/700.css'
import './styles.css'
import { StrictMode, Suspense, lazy } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { CrashBoundary } from './components/CrashBoundary'
import { initI18n, requestedLanguage } from './i18n'
import { installLockdown } from './lib/lockdown'

initI18n(requestedLanguage(window.location.search))
installLockdown()

// The hall's big screen during 民意集市 (`/?view=wall`): its own small page, loaded only there.
const WallDisplay = lazy(() => import('./wall/WallDisplay'))
const wall = new URLSearchParams(window.location.search).get('view') === 'wall'

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element')
createRoot(root).render(
  <StrictMode>
    <CrashBoundary>
      {wall ? (
        <Suspense fallback={null}>
          <WallDisplay />
        </Suspense>
      ) : (
        <App />
      )}
    </CrashBoundary>
  </StrictMode>,
)
