/**
 * The workspace's organisation in the built app, on a 360 px phone: a coordinator adds a school,
 * two classes and a term and makes it current; after a reload all is still there; a teacher on
 * another device sees the same, read-only; a supervisor's device opens the settings too, so its
 * header never says offline because of them.
 */
import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium } from '../helpers/browser'
import { makeDataDir, startTestRelay, type TestRelay } from '../helpers/relay'
import { createInviteLink, signInPage } from '../helpers/sign-in'

const STATIC_DIR = join(process.cwd(), 'dist/client')
const WIDTH = 360
const SCHOOL = '東山鎮中心小學'
/** Screenshots of the last run, to look at (git ignores .tmp/). */
const ARTIFACTS = join(process.cwd(), '.tmp')

// SPEC O7, SPEC O6
describe('browser: schools, classes and terms', () => {
  let data: ReturnType<typeof makeDataDir>
  let relay: TestRelay
  let browser: Browser
  let coordinator: Page
  let teacher: Page
  let supervisor: Page

  const newPage = async () => (await browser.newContext({ locale: 'zh-TW', viewport: { width: WIDTH, height: 740 } })).newPage()
  const fitsTheScreen = async (page: Page) => expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(WIDTH)
  const shot = async (page: Page, name: string) => {
    await page.evaluate(() => window.scrollTo(0, 0))
    await page.screenshot({ path: join(ARTIFACTS, `e2e-${name}.png`), fullPage: true })
  }
  const classes = (page: Page) => page.getByTestId('org-class').allInnerTexts()
  const terms = (page: Page) => page.getByTestId('org-term').allInnerTexts()
  /** Which term is marked current, by position. */
  const current = (page: Page) => page.getByTestId('org-term').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-current') === 'true'))

  beforeAll(async () => {
    if (!existsSync(join(STATIC_DIR, 'index.html'))) throw new Error('build the client first: npm run build')
    mkdirSync(ARTIFACTS, { recursive: true })
    data = makeDataDir()
    relay = await startTestRelay(data.dir, 0, { staticDir: STATIC_DIR })
    browser = await launchChromium()
    coordinator = await newPage()
    teacher = await newPage()
    supervisor = await newPage()
    const setup = relay.setupToken()
    if (!setup) throw new Error('a relay on an empty data folder has a setup token')
    await signInPage(coordinator, relay.url, { setup, workspace: 'dongshan', username: 'wang', displayName: '王校長', password: 'wang-password-1' })
  })
  afterAll(async () => {
    await browser?.close()
    await relay?.stop()
    data?.remove()
  })

  it('O7: a coordinator adds a school, two classes and a term, and makes it current', async () => {
    await coordinator.getByTestId('organisation-link').click()
    await expect.poll(() => coordinator.locator('h1').innerText()).toBe('組織')
    await fitsTheScreen(coordinator)
    const addSchool = coordinator.getByTestId('add-school')
    await addSchool.locator('input').fill(SCHOOL)
    await addSchool.locator('button[type="submit"]').click()
    await expect.poll(() => coordinator.getByTestId('org-school').locator('h3').allInnerTexts()).toEqual([SCHOOL])

    await coordinator.getByTestId('open-add-class').click()
    const form = coordinator.getByTestId('add-class')
    // Added out of order, listed by grade.
    for (const [grade, section, pupils] of [['3', '二', '38'], ['1', '1', '']] as const) {
      await form.locator('select').selectOption(grade)
      await form.locator('input').nth(0).fill(section)
      await form.locator('input').nth(1).fill(pupils)
      await form.locator('button[type="submit"]').click()
      await expect.poll(() => form.locator('input').nth(0).inputValue()).toBe('')
    }
    // The same class again is refused, and says why.
    await form.locator('select').selectOption('1')
    await form.locator('input').nth(0).fill('一')
    await form.locator('button[type="submit"]').click()
    await expect.poll(() => form.getByRole('alert').innerText()).toContain('已經有')
    await expect.poll(() => classes(coordinator)).toEqual([expect.stringContaining('一年級1班'), expect.stringContaining('三年級二班')])
    expect((await classes(coordinator))[1]).toContain('38 人')
    await form.getByRole('button', { name: '取消' }).click()

    await coordinator.getByTestId('open-add-term').click()
    const term = coordinator.getByTestId('add-term')
    await term.locator('select').nth(0).selectOption(String(new Date().getFullYear()))
    await term.locator('select').nth(1).selectOption('autumn')
    const year = new Date().getFullYear()
    await term.locator('input[type="date"]').nth(0).fill(`${year}-09-01`)
    await term.locator('input[type="date"]').nth(1).fill(`${year + 1}-01-20`)
    await term.locator('button[type="submit"]').click()
    await expect.poll(() => terms(coordinator)).toEqual([expect.stringContaining(`${year}年秋季學期`)])
    // The first term is the current one.
    expect(await current(coordinator)).toEqual([true])
    expect((await terms(coordinator))[0]).toContain('本學期')

    await coordinator.getByTestId('open-add-term').click()
    await term.locator('select').nth(0).selectOption(String(year + 1))
    await term.locator('select').nth(1).selectOption('spring')
    await term.locator('input[type="date"]').nth(0).fill(`${year + 1}-02-20`)
    await term.locator('input[type="date"]').nth(1).fill(`${year + 1}-07-10`)
    await term.locator('button[type="submit"]').click()
    await expect.poll(() => terms(coordinator)).toHaveLength(2)
    await coordinator.getByTestId('org-term').nth(1).getByRole('button', { name: '設為本學期' }).click()
    await expect.poll(() => current(coordinator)).toEqual([false, true])
    await fitsTheScreen(coordinator)
    await shot(coordinator, 'organisation-360')
    await expect.poll(() => coordinator.getByTestId('sync-status').getAttribute('data-state')).toBe('saved')
  })

  it('O7: after a reload everything is still there', async () => {
    await coordinator.reload()
    await expect.poll(() => classes(coordinator)).toEqual([expect.stringContaining('一年級1班'), expect.stringContaining('三年級二班')])
    await expect.poll(() => current(coordinator)).toEqual([false, true])
  })

  it('O7: a teacher on another device sees them, read-only', async () => {
    await signInPage(teacher, relay.url, { invite: await createInviteLink(coordinator, 'teacher'), username: 'li', displayName: '李老師', password: 'li-password-1' })
    await teacher.getByTestId('organisation-link').click()
    await expect.poll(() => classes(teacher)).toEqual([expect.stringContaining('一年級1班'), expect.stringContaining('三年級二班')])
    await expect.poll(() => current(teacher)).toEqual([false, true])
    expect(await teacher.getByTestId('org-read-only').isVisible()).toBe(true)
    for (const control of ['add-school', 'open-add-class', 'open-add-term']) expect(await teacher.getByTestId(control).count()).toBe(0)
    expect(await teacher.getByRole('button', { name: '歸檔' }).count()).toBe(0)
    await fitsTheScreen(teacher)
    await shot(teacher, 'organisation-teacher-360')
  })

  it('O6: a supervisor reads them too, and is not shown offline', async () => {
    await signInPage(supervisor, relay.url, { invite: await createInviteLink(coordinator, 'supervisor'), username: 'zhao', displayName: '趙督導', password: 'zhao-password-1' })
    await expect.poll(() => supervisor.getByTestId('sync-status').getAttribute('data-state')).toBe('saved')
    await supervisor.getByTestId('organisation-link').click()
    await expect.poll(() => supervisor.getByTestId('org-school').locator('h3').allInnerTexts()).toEqual([SCHOOL])
    expect(await supervisor.getByTestId('sync-status').getAttribute('data-state')).toBe('saved')
  })
})
