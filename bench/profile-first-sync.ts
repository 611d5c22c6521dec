/**
 * Scratch: the coordinator's first sync at N children with a CPU profile of the page.
 * BENCH_N=2000 npx tsx bench/profile-first-sync.ts
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setUpCoordinator, WORKSPACE } from '../tests/helpers/accounts'
import { launchDevice } from '../tests/helpers/browser'
import { makeDataDir, startTestRelay } from '../tests/helpers/relay'
import { signInPage } from '../tests/helpers/sign-in'
import { seedWorkspace } from './client-workspace'

const N = Number(process.env.BENCH_N ?? 2000)
const PROFILE = process.env.BENCH_PROFILE !== '0'

interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
interface Profile { nodes: Node[]; samples: number[]; timeDeltas: number[] }

async function main(): Promise<void> {
  const data = makeDataDir()
  const profileDir = mkdtempSync(join(tmpdir(), 'shouwang-prof-'))
  const relay = await startTestRelay(data.dir, 0, { staticDir: join(process.cwd(), 'dist/client') })
  await setUpCoordinator(relay)
  await seedWorkspace(relay.store, WORKSPACE, N)
  const context = await launchDevice(profileDir)
  await context.addInitScript(() => {
    const w = window as unknown as { __longTasks: number[] }
    w.__longTasks = []
    new PerformanceObserver((list) => { for (const e of list.getEntries()) w.__longTasks.push(e.duration) }).observe({ type: 'longtask', buffered: true })
  })
  const page = await context.newPage()
  const cdp = await context.newCDPSession(page)
  if (PROFILE) { await cdp.send('Profiler.enable'); await cdp.send('Profiler.setSamplingInterval', { interval: 1000 }); await cdp.send('Profiler.start') }
  const start = performance.now()
  const cpu0 = process.cpuUsage()
  const { execSync } = await import('node:child_process')
  const chromeCpu = () => execSync("ps -eo cputimes,args | grep -i chrom | grep -v grep | awk '{t=$3; for(i=3;i<=NF;i++) if ($i ~ /--type=/) t=$i; if ($0 ~ /utility-sub-type=[a-z.]*/) { match($0, /utility-sub-type=[a-z.]*/); t=substr($0, RSTART, RLENGTH) } s[t]+=$1; a+=$1} END {for (k in s) printf \"%s=%d \", k, s[k]; print \"\"; print a}'").toString().trim()
  const c0 = Number(chromeCpu().split('\n').at(-1))
  await signInPage(page, relay.url, { username: 'wang', password: 'coordinator-pass' })
  const samples: string[] = []
  for (;;) {
    const text = await page.locator('.count').first().innerText({ timeout: 1000 }).catch(() => '')
    const n = Number(text.replace(/\D/g, '')) || 0
    const t = (performance.now() - start) / 1000
    if (samples.length === 0 || Math.floor(t / 5) !== Math.floor(Number(samples.at(-1)?.split(' ')[0]) / 5)) { samples.push(`${t.toFixed(1)} ${n}`); console.log(`  ${t.toFixed(1)} s: ${n}`) }
    if (n === N) break
    if (t > 900) break
    await new Promise((r) => setTimeout(r, 50))
  }
  const ms = performance.now() - start
  const cpu = process.cpuUsage(cpu0)
  console.log(`node (relay) cpu ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s; chromium cpu ${chromeCpu()} (before ${c0})`)
  const longTasks = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks)
  console.log(`first sync ${N}: ${(ms / 1000).toFixed(1)} s; longest frame ${Math.max(0, ...longTasks).toFixed(0)} ms; blocked ${longTasks.reduce((s, d) => s + Math.max(0, d - 50), 0).toFixed(0)} ms; long tasks ${longTasks.length}`)
  if (PROFILE) {
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile }
    writeFileSync(`/tmp/syncprof/main-${N}.cpuprofile`, JSON.stringify(profile))
    const self = new Map<number, number>()
    profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)))
    const byFn = new Map<string, number>()
    const total = new Map<string, number>()
    const parent = new Map<number, number>()
    const byId = new Map(profile.nodes.map((n) => [n.id, n]))
    for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
    const key = (n: Node) => `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`
    for (const [id, t] of self) {
      const n = byId.get(id)
      if (!n) continue
      byFn.set(key(n), (byFn.get(key(n)) ?? 0) + t)
      const seen = new Set<string>()
      for (let p: number | undefined = id; p !== undefined; p = parent.get(p)) {
        const pn = byId.get(p)
        if (!pn) break
        const k = key(pn)
        if (seen.has(k)) continue
        seen.add(k)
        total.set(k, (total.get(k) ?? 0) + t)
      }
    }
    const top = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, 40).map(([k, t]) => `${(t / 1000).toFixed(0).padStart(8)} ms  ${k}`).join('\n')
    console.log('--- self\n' + top(byFn) + '\n--- total\n' + top(total))
  }
  await context.close()
  await relay.stop()
  data.remove()
  rmSync(profileDir, { recursive: true, force: true })
}
void main().then(() => process.exit(0), (e: unknown) => { console.error(e); process.exit(1) })
