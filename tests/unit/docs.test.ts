/**
 * The docs cannot drift from the code:
 * - docs/ARCHITECTURE.md: its folder tree is the repository's (every folder it lists exists,
 *   every source folder down to three levels is listed, every file it lists exists), and every
 *   path and identifier it writes in backticks exists;
 * - docs/SPEC.md: every rule is cited by a test (`SPEC L2`, or a test named `'L2: …'`), and
 *   every rule a test cites is there.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = process.cwd()
const FILES = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' })
  .split('\n')
  .filter((f) => f !== '' && existsSync(join(ROOT, f)))
const FOLDERS = new Set(FILES.flatMap((f) => f.split('/').slice(0, -1).map((_, i, parts) => parts.slice(0, i + 1).join('/'))))
const SOURCE = FILES.filter((f) => /\.(ts|tsx|js|json|css|html)$/.test(f) && !f.startsWith('docs/') && f !== 'package-lock.json')
const SOURCE_TEXT = SOURCE.map((f) => readFileSync(join(ROOT, f), 'utf8')).join('\n')

const architecture = readFileSync(join(ROOT, 'docs/ARCHITECTURE.md'), 'utf8')
const spec = readFileSync(join(ROOT, 'docs/SPEC.md'), 'utf8')

/** The entries of the fenced block under "## Folders": path (folders end in /) per indented line. */
function readTree(markdown: string): string[] {
  const section = markdown.split(/^## Folders$/m)[1]?.split(/^## /m)[0] ?? ''
  const block = /```\n([\s\S]*?)```/.exec(section)?.[1] ?? ''
  const stack: string[] = []
  const out: string[] = []
  for (const line of block.split('\n')) {
    const m = /^( *)(\S+)/.exec(line)
    if (!m || line.trim() === '') continue
    const depth = (m[1] as string).length / 2
    const name = m[2] as string
    // A continuation of the line above (deeper than one level below it) names nothing.
    if (!Number.isInteger(depth) || depth > stack.length) continue
    stack.length = depth
    const parent = stack.join('')
    out.push(parent + name)
    if (name.endsWith('/')) stack.push(name)
  }
  return out
}

describe('docs/ARCHITECTURE.md is true of the tree', () => {
  const tree = readTree(architecture)

  it('lists a folder tree', () => {
    expect(tree.length).toBeGreaterThan(40)
  })

  it('every folder and file in its tree exists', () => {
    const missing = tree.filter((entry) => (entry.endsWith('/') ? !FOLDERS.has(entry.slice(0, -1)) : !FILES.includes(entry)))
    expect(missing).toEqual([])
  })

  it('every source folder, three levels down, is in its tree', () => {
    const listed = new Set(tree.filter((e) => e.endsWith('/')).map((e) => e.slice(0, -1)))
    const unlisted = [...FOLDERS].filter((f) => f.split('/').length <= 3 && !f.startsWith('.') && !listed.has(f))
    expect(unlisted).toEqual([])
  })

  const backticked = [...architecture.matchAll(/`([^`\n]+)`/g)].map((m) => m[1] as string)

  it('every path it names exists', () => {
    // A path starts at a top-level folder, or is a file name found anywhere in the tree.
    const paths = backticked.filter((t) => /^(client|server|shared|tests|bench|docs)\/[\w./-]*$/.test(t) || /^[\w-]+(\.[\w-]+)*\.(ts|tsx|md|json|js)$/.test(t))
    expect(paths.length).toBeGreaterThan(20)
    const missing = paths.filter((p) => {
      const bare = p.replace(/\/$/, '')
      return !FILES.includes(bare) && !FOLDERS.has(bare) && !FILES.some((f) => f.endsWith(`/${bare}`)) && ![...FOLDERS].some((d) => d.endsWith(`/${bare}`))
    })
    expect(missing).toEqual([])
  })

  it('every identifier it names is in the code', () => {
    const identifiers = backticked.filter((t) => /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*(\(\))?$/.test(t) && !/\.(ts|tsx|md|json|js)$/.test(t))
    expect(identifiers.length).toBeGreaterThan(20)
    const missing = identifiers.filter((id) => {
      const last = id.replace(/\(\)$/, '').split('.').at(-1) as string
      return !new RegExp(`(^|[^\\w$])${last.replace(/\$/g, '\\$')}([^\\w$]|$)`).test(SOURCE_TEXT)
    })
    expect(missing).toEqual([])
  })
})

describe('docs/SPEC.md and the tests agree', () => {
  const rules = [...spec.matchAll(/^- \*\*([A-Z]\d+)\*\*/gm)].map((m) => m[1] as string)
  const tests = FILES.filter((f) => /\.test\.tsx?$/.test(f) && f !== 'tests/unit/docs.test.ts')
  const cited = new Set<string>()
  for (const file of tests) {
    const text = readFileSync(join(ROOT, file), 'utf8')
    // `SPEC I1`, `SPEC I1–I4` (a range), `SPEC C1, C2` (a list).
    for (const m of text.matchAll(/SPEC ([A-Z]\d+(?:\s*(?:,|–|-)\s*[A-Z]?\d+)*)/g)) {
      for (const part of (m[1] as string).split(/\s*,\s*/)) {
        const range = /^([A-Z])(\d+)(?:\s*[–-]\s*[A-Z]?(\d+))?$/.exec(part)
        if (!range) continue
        const [, letter, from, to] = range as unknown as [string, string, string, string | undefined]
        for (let n = Number(from); n <= Number(to ?? from); n++) cited.add(`${letter}${n}`)
      }
    }
    for (const m of text.matchAll(/(?:it|describe)(?:\.each\([^)]*\))?\(\s*['"`]([A-Z]\d+):/g)) cited.add(m[1] as string)
  }

  it('has rules, each numbered once', () => {
    expect(rules.length).toBeGreaterThan(20)
    expect(new Set(rules).size).toBe(rules.length)
  })

  it('every rule is cited by a test', () => {
    expect(rules.filter((r) => !cited.has(r))).toEqual([])
  })

  it('every rule a test cites is in the spec', () => {
    expect([...cited].filter((r) => !rules.includes(r))).toEqual([])
  })
})
