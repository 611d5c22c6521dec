/**
 * `npm run bench -- client` (issue 13, item 4): the built app in Chromium on a 360 px phone,
 * served by a real relay holding a generated workspace (bench/client-workspace.ts) of 100 and
 * of 10,000 children with 20 records each. For each size: the coordinator's first sync (sign-in
 * until every child is listed) with the longest frozen frame (PerformanceObserver longtask);
 * then, the browser closed and started again with no network, the cold start until the list
 * is painted (page load, the offline unlock with the password typed at once, the first rows), a search by pinyin initials and its clearing, the due list and the figures page.
 * Prints each 10,000 figure ÷ the 100 figure; writes them under "client" in bench/results.json.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { BrowserContext, Page } from 'playwright-core'
import { setUpCoordinator, WORKSPACE } from '../tests/helpers/accounts'
import { launchDevice } from '../tests/helpers/browser'
import { makeDataDir, startTestRelay } from '../tests/helpers/relay'
import { signInPage } from '../tests/helpers/sign-in'
import { seedWorkspace } from './client-workspace'

const STATIC_DIR = join(process.cwd(), 'dist/client')
const RESULTS = join(process.cwd(), 'bench/results.json')
const SMALL = 100
const LARGE = Number(process.env.BENCH_CLIENT_LARGE ?? 10_000)
/** The first sync is given this long; past it the figure is what was listed by then. */
const SYNC_LIMIT_MS = Number(process.env.BENCH_CLIENT_SYNC_MS ?? 300_000)

interface SizeFigures {
  children: number
  firstSyncMs: number | null
  listedAtLimit: number
  firstSyncLongestFrameMs: number
  firstSyncBlockedMs: number
  coldStartMs: number
  domRows: number
  searchMs: number | null
  clearSearchMs: number | null
  dueListMs: number | null
  figuresMs: number | null
}

/** Long tasks of the page, kept from its first script on. */
const OBSERVE_LONG_TASKS = () => {
  const w = window as unknown as { __longTasks: number[] }
  w.__longTasks = []
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) w.__longTasks.push(entry.duration)
  }).observe({ type: 'longtask', buffered: true })
}

const listedCount = async (page: Page): Promise<number> => {
  const text = await page.locator('.count').first().innerText({ timeout: 1000 }).catch(() => '')
  return Number(text.replace(/\D/g, '')) || 0
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 120_000): Promise<number> {
  const start = performance.now()
  for (;;) {
    if (await check()) return performance.now() - start
    if (performance.now() - start > timeoutMs) throw new Error(`bench: ${what} not within ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

/** The time from `act` until `check` holds; null (and a line saying so) past a minute. */
async function timed(what: string, act: () => Promise<unknown>, check: () => Promise<boolean>): Promise<number | null> {
  const start = performance.now()
  await act()
  try {
    await until(what, check, 60_000)
  } catch (error) {
    console.log(`  ${String(error)}`)
    return null
  }
  return performance.now() - start
}

async function measureSize(children: number): Promise<SizeFigures> {
  const data = makeDataDir()
  const profile = mkdtempSync(join(tmpdir(), 'shouwang-client-bench-'))
  const relay = await startTestRelay(data.dir, 0, { staticDir: STATIC_DIR })
  let context: BrowserContext | undefined
  try {
    await setUpCoordinator(relay)
    const seedStart = performance.now()
    const seeded = await seedWorkspace(relay.store, WORKSPACE, children)
    console.log(`  ${children} children, ${seeded.records} records generated and stored in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`)

    // The coordinator's fresh device: sign in, then wait for every child to be listed.
    context = await launchDevice(profile)
    await context.addInitScript(OBSERVE_LONG_TASKS)
    let page = await context.newPage()
    const syncStart = performance.now()
    await signInPage(page, relay.url, { username: 'wang', password: 'coordinator-pass' })
    let firstSyncMs: number | null = null
    try {
      await until('every child listed', async () => (await listedCount(page)) === children, SYNC_LIMIT_MS)
      firstSyncMs = performance.now() - syncStart
    } catch {
      console.log(`  first sync: not every child listed within ${SYNC_LIMIT_MS / 1000} s`)
    }
    console.log(`  first sync: ${firstSyncMs === null ? '—' : (firstSyncMs / 1000).toFixed(1)} s`)
    const listedAtLimit = await listedCount(page)
    const longTasks = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks)
    if (firstSyncMs === null) await until('every child listed (after the limit)', async () => (await listedCount(page)) === children, 30 * 60_000)
    // Everything saved and indexed before the device goes offline.
    await until('saved', async () => (await page.getByTestId('sync-status').getAttribute('data-state').catch(() => '')) === 'saved', 60_000).catch(() => 0)
    await context.close()

    // Cold start with no network: a new browser on the same profile.
    context = await launchDevice(profile)
    await context.setOffline(true)
    page = await context.newPage()
    const coldStart = performance.now()
    await page.goto(`${relay.url}/#/`, { waitUntil: 'commit' })
    // Offline, the device asks for the password it last used here, then opens what it keeps.
    await page.locator('#signin-password').fill('coordinator-pass', { timeout: 60_000 })
    await page.locator('.auth-form button[type="submit"]').click()
    await page.locator('[data-testid="child-list"] .child-name').first().waitFor({ state: 'visible', timeout: 120_000 })
    const coldStartMs = performance.now() - coldStart
    console.log(`  cold start offline: ${coldStartMs.toFixed(0)} ms`)
    await until('the whole list read', async () => (await listedCount(page)) === children)
    const domRows = await page.locator('[data-testid="child-list"] > li').count()

    // A search by the initials of the last child's name (pinyin), and clearing it.
    const target = seeded.children[seeded.children.length - 1]
    if (!target) throw new Error('bench: no children')
    const { initialsOf } = await import('../client/runtime/indexes/project')
    const search = page.locator('input.search')
    const searchMs = await timed(
      'search by initials',
      () => search.fill(initialsOf(target.name)),
      async () => (await listedCount(page)) < children && (await page.locator('.child-name', { hasText: target.name }).count()) > 0,
    )
    const clearSearchMs = await timed('search cleared', () => search.fill(''), async () => (await listedCount(page)) === children)

    const dueListMs = await timed(
      'the due list',
      () => page.evaluate(() => (location.hash = '#/tasks')),
      async () => (await page.locator('main.tasks-overview').count()) > 0,
    )
    const figuresMs = await timed(
      'the figures page',
      () => page.evaluate(() => (location.hash = '#/figures')),
      async () => (await page.getByTestId('figure-leftBehind').innerText({ timeout: 1000 }).catch(() => '')).replace(/\D/g, '') === String(children),
    )
    return {
      children,
      firstSyncMs,
      listedAtLimit,
      firstSyncLongestFrameMs: Math.max(0, ...longTasks),
      firstSyncBlockedMs: longTasks.reduce((sum, d) => sum + Math.max(0, d - 50), 0),
      coldStartMs,
      domRows,
      searchMs,
      clearSearchMs,
      dueListMs,
      figuresMs,
    }
  } finally {
    await context?.close().catch(() => undefined)
    await relay.stop()
    data.remove()
    rmSync(profile, { recursive: true, force: true })
  }
}

const TIMES = ['firstSyncMs', 'coldStartMs', 'searchMs', 'clearSearchMs', 'dueListMs', 'figuresMs', 'firstSyncLongestFrameMs'] as const

export async function clientBenchmark(): Promise<void> {
  if (!existsSync(join(STATIC_DIR, 'index.html'))) throw new Error('build the client first: npx vite build')
  console.log(`Client in Chromium, 360 px, ${SMALL} against ${LARGE} children (20 records each)`)
  const small = await measureSize(SMALL)
  const large = await measureSize(LARGE)
  const ratios: Record<string, number | null> = {}
  console.log(`${'figure'.padEnd(28)} ${String(SMALL).padStart(10)} ${String(LARGE).padStart(10)}   ratio`)
  for (const key of TIMES) {
    const a = small[key]
    const b = large[key]
    ratios[key] = a !== null && b !== null && a > 0 ? b / a : null
    const ms = (v: number | null) => (v === null ? '—' : `${v.toFixed(0)} ms`).padStart(10)
    console.log(`${key.padEnd(28)} ${ms(a)} ${ms(b)}   ${ratios[key] === null ? '—' : `${(ratios[key] ?? 0).toFixed(2)}×`}`)
  }
  console.log(`rows in the page after a cold start: ${small.domRows} of ${SMALL}, ${large.domRows} of ${LARGE}`)
  const results = existsSync(RESULTS) ? (JSON.parse(readFileSync(RESULTS, 'utf8')) as Record<string, unknown>) : {}
  results.client = { date: new Date().toISOString(), small, large, ratios }
  writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`)
}
