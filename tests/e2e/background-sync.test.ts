/**
 * A coordinator's first sync in the built app on a 360 px phone (SPEC S16, S17): the relay holds
 * enough children's files that several catch-up pages are needed; while they come, the header
 * shows a progress bar that advances, and once every child is listed it is gone. No child's file
 * has a socket until it is opened on screen, and leaving its page closes that socket.
 */
import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedWorkspace } from '../../bench/client-workspace'
import { setUpCoordinator, WORKSPACE } from '../helpers/accounts'
import { launchChromium } from '../helpers/browser'
import { makeDataDir, startTestRelay, type TestRelay } from '../helpers/relay'
import { signInPage } from '../helpers/sign-in'

const STATIC_DIR = join(process.cwd(), 'dist/client')
const ARTIFACTS = join(process.cwd(), '.tmp')
const WIDTH = 360
/** With 20 records each, about a dozen pages of 256 KB. */
const CHILDREN = 160

/** Every value the progress bar shows, as the page draws it. */
const WATCH_PROGRESS = () => {
  const w = window as unknown as { __progress: string[] }
  w.__progress = []
  const look = () => {
    const bar = document.querySelector('[data-testid="sync-progress"] progress')
    const seen = bar ? `${bar.getAttribute('value')}/${bar.getAttribute('max')}` : ''
    if (seen && w.__progress.at(-1) !== seen) w.__progress.push(seen)
  }
  new MutationObserver(look).observe(document, { subtree: true, childList: true, attributes: true })
}

describe('browser: a coordinator’s first sync of many files', () => {
  let data: ReturnType<typeof makeDataDir>
  let relay: TestRelay
  let browser: Browser
  let page: Page
  /** The relay's sockets this page holds open, by the document each syncs. */
  const sockets = new Map<string, number>()
  const count = async () => Number((await page.locator('.count').innerText().catch(() => '0')).replace(/\D/g, ''))
  const childSockets = () => [...sockets].filter(([url, n]) => n > 0 && url.includes('/child/')).map(([url]) => url)

  beforeAll(async () => {
    if (!existsSync(join(STATIC_DIR, 'index.html'))) throw new Error('build the client first: npm run build')
    mkdirSync(ARTIFACTS, { recursive: true })
    data = makeDataDir()
    relay = await startTestRelay(data.dir, 0, { staticDir: STATIC_DIR })
    await setUpCoordinator(relay)
    await seedWorkspace(relay.store, WORKSPACE, CHILDREN)
    browser = await launchChromium()
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: WIDTH, height: 740 } })
    await context.addInitScript(WATCH_PROGRESS)
    page = await context.newPage()
    page.on('websocket', (ws) => {
      const url = decodeURIComponent(ws.url())
      sockets.set(url, (sockets.get(url) ?? 0) + 1)
      ws.on('close', () => sockets.set(url, (sockets.get(url) ?? 1) - 1))
    })
  }, 90_000)
  afterAll(async () => {
    await browser?.close()
    await relay?.stop()
    data?.remove()
  })

  it('SPEC S16: while the pages come the bar advances, labelled, on a phone; once every child is listed it is gone', async () => {
    const catchups: string[] = []
    page.on('request', (r) => void (r.url().includes('/api/catchup') && catchups.push(r.url())))
    await signInPage(page, relay.url, { username: 'wang', password: 'coordinator-pass' })
    const bar = page.getByTestId('sync-progress').locator('progress')
    await bar.waitFor({ state: 'visible', timeout: 60_000 })
    // The children's files and the workspace's own settings.
    const total = Number(await bar.getAttribute('max'))
    expect(total).toBe(CHILDREN + 1)
    // Its label says how far, in the page's language.
    expect(await bar.getAttribute('aria-label')).toMatch(new RegExp(`^正在同步档案：[0-9,]+ / ${total}$`))
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(WIDTH)
    await page.screenshot({ path: join(ARTIFACTS, 'sync-progress-360.png') })
    await expect.poll(count, { timeout: 120_000 }).toBe(CHILDREN)
    await expect.poll(() => page.getByTestId('sync-progress').count(), { timeout: 60_000 }).toBe(0)
    const seen = await page.evaluate(() => (window as unknown as { __progress: string[] }).__progress)
    const received = seen.map((s) => Number(s.split('/')[0]))
    expect(catchups.length).toBeGreaterThan(3)
    expect(new Set(received).size).toBeGreaterThan(2)
    // It only ever goes forward, and never past the files there are.
    expect(received).toEqual([...received].sort((a, b) => a - b))
    expect(Math.max(...received)).toBeLessThanOrEqual(total)
  }, 240_000)

  it('SPEC S17: no child’s file has a socket until it is open on screen; leaving its page closes it', async () => {
    expect(childSockets()).toEqual([])
    await page.locator('[data-testid="child-list"] .child-name').first().click()
    await expect.poll(() => childSockets().length, { timeout: 30_000 }).toBe(1)
    await page.goBack()
    await page.locator('[data-testid="child-list"]').waitFor({ timeout: 30_000 })
    await expect.poll(() => childSockets().length, { timeout: 30_000 }).toBe(0)
  }, 120_000)
})
