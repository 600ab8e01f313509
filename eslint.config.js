// @ts-check
import js from '@eslint/js'
import importX, { createNodeResolver } from 'eslint-plugin-import-x'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

/**
 * The layering of architecture.md as lint rules: dependencies point one way,
 * domain ← contract ← electron/core ← electron/main; domain, contract ← renderer; domain, contract ← county.
 */
const zones = [
  {
    target: './domain',
    from: ['./contract', './electron', './renderer', './county', './tests', './bench'],
    message: 'domain/ imports nothing of the project',
  },
  {
    target: './contract',
    from: ['./electron', './renderer', './county', './tests', './bench'],
    message: 'contract/ imports only domain/',
  },
  {
    target: './electron/core',
    from: ['./electron/main', './electron/preload', './renderer', './county'],
    message: 'the core never imports the shell, the UI or the hub',
  },
  {
    target: './electron/preload',
    from: ['./electron/core', './electron/main', './renderer', './county'],
    message: 'the preload sees only the contract',
  },
  {
    target: './electron/main',
    from: ['./renderer', './county'],
    message: 'the shell never imports the UI or the hub',
  },
  {
    target: './renderer',
    from: ['./electron', './county'],
    message: 'the renderer talks to the backend only through the contract',
  },
  { target: './county', from: ['./electron', './renderer'], message: 'the hub never imports the station' },
  {
    target: './county/console',
    from: ['./tests', './bench'],
    message: 'the county console imports only domain/ and contract/',
  },
  {
    target: './county/console',
    from: './county',
    except: ['./console'],
    message: 'the county console talks to the hub only through contract/county-console.ts',
  },
  {
    // Everything under county/ but the console: the hub's server code.
    target: ['./county/*.ts', './county/!(console)/**'],
    from: './county/console',
    message: 'the hub serves the console as built files, never imports it',
  },
]

export default tseslint.config(
  {
    ignores: [
      'node_modules',
      'dist',
      'release',
      'test-results',
      'playwright-report',
      'bench/.work',
      'coverage',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    plugins: { 'import-x': importX },
    // Imports name TypeScript files without their extension: without a resolver that knows so, the plugin
    // resolves nothing and no-restricted-paths passes every import unseen.
    settings: {
      'import-x/resolver-next': [
        createNodeResolver({ extensions: ['.ts', '.tsx', '.mts', '.cts', '.js', '.mjs', '.cjs', '.json'] }),
      ],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['electron/core/**', 'domain/**', 'contract/**', 'county/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'core code runs without Electron: keep Electron in electron/main' },
            { name: 'react', message: 'no UI code outside renderer/' },
            { name: 'react-dom', message: 'no UI code outside renderer/' },
          ],
        },
      ],
    },
  },
  {
    files: ['domain/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'http', 'crypto', 'sqlite3', 'kysely'],
              message: 'domain/ is pure: no I/O',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    // The county console is browser code inside county/: React is its UI, the browser its platform.
    files: ['county/console/**'],
    plugins: { 'react-hooks': reactHooks },
    // tsconfig.web.json gives it no Node types, so `process` or `Buffer` there fails the type check.
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'the county console is a web page, not the kiosk' }],
          patterns: [{ group: ['node:*'], message: 'the county console runs in a browser' }],
        },
      ],
    },
  },
  {
    files: ['electron/core/db/migrations/**', 'county/db/migrations/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
)
