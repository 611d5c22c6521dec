/**
 * The children list at a few hundred children, in the built app on a 360 px phone (SPEC I6,
 * I7, I10): only about a screenful of rows is in the page, yet scrolling to the end reaches the
 * last child of the last class; a search by pinyin initials and by phone finds the child; the
 * page never scrolls sideways.
 */
import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CLASS_SIZE, seedWorkspace, type GeneratedWorkspace } from '../../bench/client-workspace'
import { initialsOf } from '../../client/runtime/indexes/project'
import { setUpCoordinator, WORKSPACE } from '../helpers/accounts'
import { launchChromium } from '../helpers/browser'
import { makeDataDir, startTestRelay, type TestRelay } from '../helpers/relay'
import { signInPage } from '../helpers/sign-in'

const STATIC_DIR = join(process.cwd(), 'dist/client')
const ARTIFACTS = join(process.cwd(), '.tmp')
const WIDTH = 360
const CHILDREN = 300

describe('browser: a list of a few hundred children', () => {
  let data: ReturnType<typeof makeDataDir>
  let relay: TestRelay
  let browser: Browser
  let page: Page
  let seeded: GeneratedWorkspace
  const rowsInPage = () => page.getByTestId('child-list').locator(':scope > li').count()
  const count = async () => Number((await page.locator('.count').innerText()).replace(/\D/g, ''))

  beforeAll(async () => {
    if (!existsSync(join(STATIC_DIR, 'index.html'))) throw new Error('build the client first: npm run build')
    mkdirSync(ARTIFACTS, { recursive: true })
    data = makeDataDir()
    relay = await startTestRelay(data.dir, 0, { staticDir: STATIC_DIR })
    await setUpCoordinator(relay)
    // The files as another device made them, already on the relay: 40 to a class, 8 classes.
    seeded = await seedWorkspace(relay.store, WORKSPACE, CHILDREN, 2)
    browser = await launchChromium()
    page = await (await browser.newContext({ locale: 'zh-CN', viewport: { width: WIDTH, height: 740 } })).newPage()
    await signInPage(page, relay.url, { username: 'wang', password: 'coordinator-pass' })
  }, 90_000)
  afterAll(async () => {
    await browser?.close()
    await relay?.stop()
    data?.remove()
  })

  it('SPEC I10: every child is counted, but only about a screenful of rows is in the page', async () => {
    await expect.poll(count, { timeout: 60_000 }).toBe(CHILDREN)
    const inPage = await rowsInPage()
    expect(inPage).toBeGreaterThan(5)
    expect(inPage).toBeLessThan(40)
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(WIDTH)
    await page.screenshot({ path: join(ARTIFACTS, 'child-list-300-360.png') })
  }, 90_000)

  it('SPEC I10: scrolling to the end reaches the last child of the last class', async () => {
    // Sorted as the page sorts names: by its own language's collation.
    // The generator makes classes in the organisation's order and fills them 40 at a time, so
    // the last class holds the files made last.
    const lastClass = seeded.children.slice(-(CHILDREN % CLASS_SIZE || CLASS_SIZE)).map((c) => c.name)
    const last = await page.evaluate((names) => [...names].sort(new Intl.Collator(document.documentElement.lang).compare).at(-1) ?? '', lastClass)
    expect(await page.locator('.child-name', { hasText: last }).count()).toBe(0)
    await expect
      .poll(
        async () => {
          await page.mouse.wheel(0, 4000)
          return page.getByTestId('child-list').locator(':scope > li').last().locator('.child-name').innerText()
        },
        { timeout: 30_000 },
      )
      .toBe(last)
    expect(await rowsInPage()).toBeLessThan(40)
    await page.screenshot({ path: join(ARTIFACTS, 'child-list-300-end-360.png') })
    await page.evaluate(() => window.scrollTo(0, 0))
  }, 60_000)

  it('SPEC I6: a search by the pinyin initials of a name finds that child', async () => {
    const target = seeded.children[CHILDREN - 1]
    if (!target) throw new Error('no child')
    const initials = initialsOf(target.name)
    const sameInitials = seeded.children.filter((c) => initialsOf(c.name) === initials).length
    await page.locator('input.search').fill(initials)
    await expect.poll(count).toBe(sameInitials)
    expect(await page.locator('.child-name', { hasText: target.name }).count()).toBe(1)
    await page.screenshot({ path: join(ARTIFACTS, 'child-list-search-360.png') })
  })

  it('SPEC I7: a search by a phone number typed with spaces finds the child whose guardian it is', async () => {
    const target = seeded.children[123]
    if (!target) throw new Error('no child')
    await page.locator('input.search').fill(`${target.phone.slice(0, 3)} ${target.phone.slice(3, 7)} ${target.phone.slice(7)}`)
    await expect.poll(count).toBe(1)
    expect(await page.locator('.child-name').innerText()).toBe(target.name)
    await page.locator('input.search').fill('')
    await expect.poll(count).toBe(CHILDREN)
  })
})
