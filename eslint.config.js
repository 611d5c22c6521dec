// Lint keeps the folder boundaries of docs/ARCHITECTURE.md ("What may import what"):
// - shared/ is pure (no I/O, no client or server code); client/ and server/ never import each other;
// - client/runtime/ never imports React, the views (ui/, features/, app/) or any .tsx;
// - a feature never imports another feature; ui/ never imports a feature or the app shell;
// - features reach the runtime only through ui/ hooks: from runtime/ they import types only;
// - IndexedDB (dexie) only in client/runtime/store/, y-websocket only in client/runtime/sync/;
// - no import cycle anywhere;
// - no module of the relay but its tests imports allowAll, so `npm start` can never reach it.
// tests/unit/lint-rules.test.ts plants a violation of each and checks that it is refused.
import js from '@eslint/js'
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript'
import importX from 'eslint-plugin-import-x'
import reactHooks from 'eslint-plugin-react-hooks'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import tseslint from 'typescript-eslint'

const io = ['node:*', 'fs', 'path', 'http', 'better-sqlite3', 'dexie', 'ws', 'hono', 'hono/*', '@hono/*', 'y-websocket', 'react', 'react-dom']

/** The features, read from the tree, so a new one is covered the day it is added. */
const FEATURES = readdirSync(join(import.meta.dirname, 'client/features'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)

const onlyIn = (name, folder) => ({ name, message: `${name} is used in ${folder} only (docs/ARCHITECTURE.md, "What may import what").` })
const DEXIE = onlyIn('dexie', 'client/runtime/store/')
const Y_WEBSOCKET = onlyIn('y-websocket', 'client/runtime/sync/')
const NO_SERVER = { group: ['**/server/**', '../server', '../../server'], message: 'client/ must not import server code.' }
const NO_PAGES = { group: ['react', 'react-dom', 'react-dom/*', 'react-i18next', '@tiptap/*', '*.tsx', '**/*.tsx'], message: 'The runtime never imports React or a page.' }
const NO_CLIENT = { group: ['**/client/**'], message: 'server/ must not import client code.' }
const NO_ALLOW_ALL = { group: ['**/auth/allow-all', './allow-all'], message: 'allowAll admits everyone: only tests and benchmarks may use it, never the relay npm start runs.' }
const TYPES_OF_RUNTIME = { group: ['**/runtime/**'], allowTypeImports: true, message: 'Features reach the runtime through client/ui/ hooks: import its types only.' }
/** The packages and folders a part of the client may not import (each rule replaces the one before for its files). */
const restrict = (paths, patterns) => ({ '@typescript-eslint/no-restricted-imports': ['error', { paths, patterns }] })

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**', '.tmp/**', 'probe-tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: {
      ...importX.flatConfigs.typescript.settings,
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: 'TSEnumDeclaration', message: 'Use an `as const` object instead of an enum.' }],
      // Type-only imports do not run, so they cannot make a cycle at load time.
      'import-x/no-cycle': ['error', { ignoreExternal: true, allowUnsafeDynamicCyclicDependency: false }],
    },
  },
  {
    files: ['client/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...restrict([DEXIE, Y_WEBSOCKET], [NO_SERVER]),
      'no-restricted-globals': ['error', { name: 'indexedDB', message: 'IndexedDB is reached through client/runtime/store/ only.' }],
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            { target: './client/runtime', from: ['./client/ui', './client/features', './client/app', './client/main.tsx', './client/i18n'], message: 'The runtime knows no view.' },
            { target: './client/ui', from: ['./client/features', './client/app', './client/main.tsx'], message: 'ui/ is shared by the features: it imports none of them.' },
            { target: './client/features', from: ['./client/app', './client/main.tsx'], message: 'A feature does not import the app shell.' },
            ...FEATURES.map((feature) => ({
              target: `./client/features/${feature}`,
              from: './client/features',
              except: [`./${feature}`],
              message: 'A feature never imports another feature: shared pieces go to client/ui/.',
            })),
          ],
        },
      ],
    },
  },
  {
    files: ['client/runtime/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: restrict([DEXIE, Y_WEBSOCKET], [NO_PAGES, NO_SERVER]),
  },
  {
    files: ['client/runtime/**/*.tsx'],
    rules: { 'no-restricted-syntax': ['error', { selector: 'Program', message: 'The runtime has no .tsx: it renders nothing.' }] },
  },
  {
    files: ['client/runtime/store/**/*.ts'],
    rules: { ...restrict([Y_WEBSOCKET], [NO_PAGES, NO_SERVER]), 'no-restricted-globals': 'off' },
  },
  {
    // Tests set up and clean away the stores they read.
    files: ['client/**/*.test.ts'],
    rules: { ...restrict([Y_WEBSOCKET], [NO_SERVER]), 'no-restricted-globals': 'off' },
  },
  {
    files: ['client/runtime/sync/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: restrict([DEXIE], [NO_PAGES, NO_SERVER]),
  },
  {
    files: ['client/features/**/*.{ts,tsx}'],
    ignores: ['**/*.test.ts'],
    rules: restrict([DEXIE, Y_WEBSOCKET], [TYPES_OF_RUNTIME, NO_SERVER]),
  },
  {
    files: ['server/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [NO_CLIENT, NO_ALLOW_ALL] }] },
  },
  {
    // Tests of the relay's mechanics may admit everyone.
    files: ['server/**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [NO_CLIENT] }] },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/client/**', '**/server/**'], message: 'shared/ is used by both sides: it imports neither.' },
            { group: io, message: 'shared/ does no I/O: pass data in, get data out.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'fetch', 'localStorage', 'indexedDB', 'WebSocket', 'document', 'window'],
    },
  },
)
