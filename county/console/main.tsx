import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { z } from 'zod'
import { zhCN } from 'zod/locales'
import { App } from './app/App'
import { ConsoleTheme } from './app/theme'
import './console.css'
import { initI18n } from './i18n'

initI18n()
// The contract's schemas carry their own Chinese messages; zod's stock ones (a field left empty) should too.
z.config(zhCN())

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element')
createRoot(root).render(
  <StrictMode>
    <ConsoleTheme>
      <App />
    </ConsoleTheme>
  </StrictMode>,
)
