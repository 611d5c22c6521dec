// Lint keeps the folder boundaries of docs/ARCHITECTURE.md: shared/ is pure (no I/O, no
// client or server code), and client/ and server/ never import each other.
import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import tseslint from 'typescript-eslint'

const io = ['node:*', 'fs', 'path', 'http', 'better-sqlite3', 'dexie', 'dexie-react-hooks', 'ws', 'hono', 'hono/*', '@hono/*', 'y-websocket', 'react', 'react-dom']

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**', '.tmp/**', 'probe-tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: 'TSEnumDeclaration', message: 'Use an `as const` object instead of an enum.' }],
    },
  },
  {
    files: ['client/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/server/**', '../server', '../../server'], message: 'client/ must not import server code.' }] }],
    },
  },
  {
    files: ['server/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/client/**'], message: 'server/ must not import client code.' }] }],
    },
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
