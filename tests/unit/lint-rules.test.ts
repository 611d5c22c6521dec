/**
 * The folder rules of eslint.config.js ("What may import what" in docs/ARCHITECTURE.md) refuse
 * what they say they refuse: each case plants one violation in a file of the real tree's shape
 * and expects the rule's error; each control shows the allowed form of it passes.
 */
import { ESLint } from 'eslint'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const ROOT = resolve('.')
let eslint: ESLint

beforeAll(() => {
  eslint = new ESLint({ cwd: ROOT })
})

async function rulesBroken(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, filePath) })
  return (result?.messages ?? []).map((m) => m.ruleId ?? `fatal: ${m.message}`)
}

const cases: { rule: string; file: string; code: string }[] = [
  { rule: '@typescript-eslint/no-restricted-imports', file: 'client/runtime/planted.ts', code: "import { useState } from 'react'\nexport const x = useState\n" },
  { rule: '@typescript-eslint/no-restricted-imports', file: 'client/runtime/store/planted.ts', code: "import { useState } from 'react'\nexport const x = useState\n" },
  { rule: 'import-x/no-restricted-paths', file: 'client/runtime/planted.ts', code: "import { useRoute } from '../ui/use-route'\nexport const x = useRoute\n" },
  { rule: 'import-x/no-restricted-paths', file: 'client/runtime/sync/planted.ts', code: "import { ChildPage } from '../../features/case-file/ChildPage'\nexport const x = ChildPage\n" },
  { rule: 'import-x/no-restricted-paths', file: 'client/features/cards/planted.ts', code: "import { ChildList } from '../child-list/ChildList'\nexport const x = ChildList\n" },
  { rule: 'import-x/no-restricted-paths', file: 'client/ui/planted.ts', code: "import { ContactCards } from '../features/cards/ContactCards'\nexport const x = ContactCards\n" },
  { rule: '@typescript-eslint/no-restricted-imports', file: 'client/features/audit/planted.ts', code: "import { createRelayHttp } from '../../runtime/sync/relay-http'\nexport const x = createRelayHttp\n" },
  { rule: '@typescript-eslint/no-restricted-imports', file: 'client/runtime/sync/planted.ts', code: "import Dexie from 'dexie'\nexport const x = Dexie\n" },
  { rule: '@typescript-eslint/no-restricted-imports', file: 'client/features/case-file/planted.ts', code: "import { WebsocketProvider } from 'y-websocket'\nexport const x = WebsocketProvider\n" },
  { rule: 'no-restricted-globals', file: 'client/ui/planted.ts', code: "export const x = indexedDB.open('shouwang')\n" },
  { rule: 'no-restricted-imports', file: 'shared/planted.ts', code: "import Dexie from 'dexie'\nexport const x = Dexie\n" },
  { rule: 'no-restricted-imports', file: 'server/planted.ts', code: "import { Workspace } from '../client/runtime/workspace'\nexport const x = Workspace\n" },
  { rule: 'no-restricted-imports', file: 'server/planted.ts', code: "import { allowAll } from './auth/allow-all'\nexport const x = allowAll\n" },
  { rule: 'no-restricted-imports', file: 'server/sync/planted.ts', code: "import { allowAll } from '../auth/allow-all'\nexport const x = allowAll\n" },
  { rule: 'no-restricted-imports', file: 'server/auth/planted.ts', code: "import { allowAll } from './allow-all'\nexport const x = allowAll\n" },
]

const allowed: { why: string; file: string; code: string }[] = [
  { why: 'the store uses Dexie', file: 'client/runtime/store/planted.ts', code: "import Dexie from 'dexie'\nexport const x = Dexie\n" },
  { why: 'sync uses y-websocket', file: 'client/runtime/sync/planted.ts', code: "import { WebsocketProvider } from 'y-websocket'\nexport const x = WebsocketProvider\n" },
  { why: 'a feature imports a runtime type', file: 'client/features/audit/planted.ts', code: "import type { RelayHttp } from '../../runtime/sync/relay-http'\nexport type X = RelayHttp\n" },
  { why: 'a feature imports its own files and ui/', file: 'client/features/cards/planted.ts', code: "import { readContactCard } from './card-data'\nimport { routeHref } from '../../ui/use-route'\nexport const x = [readContactCard, routeHref]\n" },
  { why: 'the app shell imports features', file: 'client/app/planted.ts', code: "import { ChildList } from '../features/child-list/ChildList'\nexport const x = ChildList\n" },
  { why: 'a test of the relay admits everyone', file: 'server/planted.test.ts', code: "import { allowAll } from './auth/allow-all'\nexport const x = allowAll\n" },
  { why: 'a benchmark admits everyone', file: 'bench/planted.ts', code: "import { allowAll } from '../server/auth/allow-all'\nexport const x = allowAll\n" },
]

describe('lint refuses each planted violation of the folder rules', () => {
  it.each(cases)('$rule in $file', async ({ rule, file, code }) => {
    expect(await rulesBroken(file, code)).toContain(rule)
  }, 60_000)

  it.each(allowed)('and allows it where it belongs: $why', async ({ file, code }) => {
    expect(await rulesBroken(file, code)).toEqual([])
  }, 60_000)
})

describe('lint refuses an import cycle', () => {
  const dir = join(ROOT, `tests/planted-cycle-${process.pid}`)
  beforeAll(() => {
    mkdirSync(dir, { recursive: true })
    writeFileSync(join(dir, 'a.ts'), "import { b } from './b'\nexport const a = () => b\n")
    writeFileSync(join(dir, 'b.ts'), "import { a } from './a'\nexport const b = () => a\n")
    writeFileSync(join(dir, 'c.ts'), "import type { b } from './b'\nexport type C = typeof b\n")
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('import-x/no-cycle on both files of a cycle, not on a file that only imports into it', async () => {
    const results = await eslint.lintFiles([join(dir, 'a.ts'), join(dir, 'b.ts'), join(dir, 'c.ts')])
    const byFile = Object.fromEntries(results.map((r) => [r.filePath.split('/').at(-1), r.messages.map((m) => m.ruleId)]))
    expect(byFile['a.ts']).toContain('import-x/no-cycle')
    expect(byFile['b.ts']).toContain('import-x/no-cycle')
    expect(byFile['c.ts']).toEqual([])
  }, 60_000)
})
