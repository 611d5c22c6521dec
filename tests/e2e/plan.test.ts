/**
 * In Chromium at 360 px, issue 11's Must-show: a class teacher creates the term's plan from the
 * template, adds an activity and records that two children of their class took part; both
 * children's files show the activity, the month view shows it, and so does the print view,
 * printed to PDF on A4 and read back (docs/SPEC.md T7, T9, T10, T11).
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readRecords } from '../../shared/docs/child/records'
import { invite, postOk } from '../helpers/accounts'
import { launchChromium } from '../helpers/browser'
import { setUpClasses } from '../helpers/organisation'
import { A4, readPdf, squeeze } from '../helpers/pdf'
import { makeDataDir, startTestRelay, type TestRelay } from '../helpers/relay'
import { signInPage } from '../helpers/sign-in'
import { loadStoredDoc } from '../helpers/stored-doc'

const STATIC_DIR = join(process.cwd(), 'dist/client')
const ARTIFACTS = join(process.cwd(), '.tmp/plan')
const WORKSPACE = 'dongshan'
const COORDINATOR = { username: 'chen', displayName: '陈校长', password: 'coordinator-pass-1' }
const ACTIVITY = '六一游园会'
const CHILDREN = ['王小明', '李小红']

// This term, whatever the date the test runs on: spring from February, autumn from September.
const MONTH = new Date().getMonth() + 1
const SEASON = MONTH >= 8 || MONTH === 1 ? 'autumn' : 'spring'
const YEAR = new Date().getFullYear() - (MONTH === 1 ? 1 : 0)
const TERM = `${YEAR}-${SEASON}`
const [START, END] = SEASON === 'spring' ? [`${YEAR}-02-01`, `${YEAR}-07-31`] : [`${YEAR}-08-20`, `${YEAR + 1}-01-31`]
/** The term after it, whose plan the teacher copies from this one. */
const NEXT = SEASON === 'spring' ? { year: YEAR, season: 'autumn', start: `${YEAR}-08-20`, end: `${YEAR + 1}-01-31` } : { year: YEAR + 1, season: 'spring', start: `${YEAR + 1}-02-01`, end: `${YEAR + 1}-07-31` }
const NEXT_TERM = `${NEXT.year}-${NEXT.season}`

describe('browser: the term plan on a phone (SPEC T7, T9, T10, T11)', () => {
  let data: ReturnType<typeof makeDataDir>
  let relay: TestRelay
  let browser: Browser
  let teacher: Page
  let coordinator: Page
  const childIds: string[] = []

  beforeAll(async () => {
    if (!existsSync(join(STATIC_DIR, 'index.html'))) throw new Error('build the client first: npm run build')
    mkdirSync(ARTIFACTS, { recursive: true })
    data = makeDataDir()
    relay = await startTestRelay(data.dir, 0, { staticDir: STATIC_DIR })
    browser = await launchChromium()
    const phone = { locale: 'zh-CN', viewport: { width: 360, height: 740 } }
    coordinator = await (await browser.newContext(phone)).newPage()
    teacher = await (await browser.newContext(phone)).newPage()
    const setup = relay.setupToken()
    if (!setup) throw new Error('a relay on an empty data folder has a setup token')
    await signInPage(coordinator, relay.url, { setup, workspace: WORKSPACE, ...COORDINATOR })
    const session = await postOk<{ token: string }>(relay, '/api/auth/login', { username: COORDINATOR.username, password: COORDINATOR.password })
    const li = await invite(relay, session.token, 'teacher', 'li', '李老师')
    const classes = await setUpClasses(coordinator, '东山小学', [[3, '1']])
    await postOk(relay, '/api/admin/classes', { userId: li.user.id, classId: classes.get('三年级1班') ?? '', assigned: true }, session.token)
    // The term, through the organisation page: the first one added is the current one.
    await addTerm(YEAR, SEASON, START, END, 1)
    await signInPage(teacher, relay.url, { username: 'li', password: 'li-password' })
  })

  /** A term added on the organisation page, as a coordinator does. */
  const addTerm = async (year: number, season: string, start: string, end: string, count: number) => {
    await coordinator.goto(`${relay.url}/#/organisation`)
    await coordinator.getByTestId('open-add-term').click()
    const term = coordinator.getByTestId('add-term')
    await term.locator('select').nth(0).selectOption(String(year))
    await term.locator('select').nth(1).selectOption(season)
    await term.locator('input[type="date"]').nth(0).fill(start)
    await term.locator('input[type="date"]').nth(1).fill(end)
    await term.locator('button[type="submit"]').click()
    await coordinator.waitForFunction((n) => document.querySelectorAll('[data-testid="org-term"]').length === n, count)
  }

  afterAll(async () => {
    await browser?.close()
    await relay?.stop()
    data?.remove()
  })

  it('the teacher files two children of their class', async () => {
    for (const name of CHILDREN) {
      await teacher.goto(`${relay.url}/#/new`)
      await teacher.getByLabel('姓名').fill(name)
      await teacher.locator('select#classId').selectOption({ label: '三年级1班' })
      await teacher.getByRole('button', { name: '建档' }).click()
      // The new file opens from the device's store; on a loaded machine that can take a few seconds.
      await expect.poll(() => teacher.getByTestId('child-title').textContent(), { timeout: 10_000 }).toBe(name)
      childIds.push(/#\/child\/([A-Za-z0-9_-]+)$/.exec(teacher.url())?.[1] ?? '')
    }
    expect(childIds.every(Boolean)).toBe(true)
  })

  // SPEC T10 SPEC T7
  it('T10: the teacher creates the plan from the template, from the header link; the month view shows it', async () => {
    await teacher.goto(`${relay.url}/#/`)
    await teacher.getByTestId('plan-link').click()
    await teacher.getByTestId('plan-from-template').click()
    const months = teacher.getByTestId('plan-months')
    await expect.poll(() => months.innerText()).toContain('制定本学期工作计划')
    expect(await months.innerText()).toContain('第一阶段：全面启动')
    expect(await teacher.getByTestId('plan-term').inputValue()).toBe(TERM)
  })

  // SPEC T11
  it('T11: the teacher adds an activity and ticks the whole class; both files get the activity record', async () => {
    await teacher.getByTestId('plan-add').click()
    const form = teacher.getByTestId('plan-new')
    await form.getByLabel('标题').fill(ACTIVITY)
    await form.getByLabel('活动').selectOption('festival')
    await teacher.getByTestId('plan-new-save').click()
    await expect.poll(() => teacher.getByTestId('plan-item-title').textContent()).toBe(ACTIVITY)
    await teacher.getByTestId('attend-class').selectOption({ label: '三年级1班' })
    // The button names how many children the device knows in the class: both, once the second file is indexed.
    await expect.poll(() => teacher.getByTestId('attend-whole-class').innerText(), { timeout: 20_000 }).toBe('全班勾选（2 人）')
    await teacher.getByTestId('attend-whole-class').click()
    await expect.poll(() => teacher.getByTestId('attend-chosen').locator('li').count()).toBe(2)
    await teacher.screenshot({ path: join(ARTIFACTS, 'item.png'), fullPage: true })
    await teacher.getByTestId('attend-save').click()
    await expect.poll(() => teacher.getByTestId('attend-progress').innerText()).toContain('写入 2 份档案')
    // Each child's file, on the phone and on the relay.
    for (const [i, id] of childIds.entries()) {
      await teacher.goto(`${relay.url}/#/child/${id}`)
      await expect.poll(() => teacher.getByTestId('child-title').textContent()).toBe(CHILDREN[i])
      await teacher.getByRole('tab', { name: '记录' }).click()
      await expect.poll(() => teacher.getByTestId('record').innerText()).toContain(ACTIVITY)
      // The link to the plan item is not shown as a value.
      expect(await teacher.getByTestId('record').innerText()).not.toContain(TERM)
      await expect
        .poll(async () => readRecords(await loadStoredDoc(relay.store, `${WORKSPACE}/child/${id}`)).map((r) => [r.type, r.fields.title]), { timeout: 20_000 })
        .toEqual([['activity', ACTIVITY]])
    }
    await teacher.screenshot({ path: join(ARTIFACTS, 'child-records.png'), fullPage: true })
  })

  // SPEC T7 SPEC T9
  it('T9: the month view shows the activity with its attendance, and the print view prints it on A4', async () => {
    await teacher.goto(`${relay.url}/#/plan/${TERM}`)
    const item = teacher.getByTestId('plan-item').filter({ hasText: ACTIVITY })
    await expect.poll(() => item.innerText()).toContain('2 人参加')
    expect(await item.innerText()).toContain('节日活动')
    await teacher.screenshot({ path: join(ARTIFACTS, 'month.png'), fullPage: true })
    await teacher.getByTestId('plan-view-print').click()
    await expect.poll(() => teacher.getByTestId('plan-print').innerText()).toContain(ACTIVITY)
    await teacher.emulateMedia({ media: 'print' })
    await teacher.screenshot({ path: join(ARTIFACTS, 'print.png'), fullPage: true })
    await teacher.emulateMedia({ media: null })
    await teacher.evaluate(() => document.fonts.ready.then(() => true))
    // Letter asked for, so an A4 page can only come from the view's @page rule.
    const pdf = await teacher.pdf({ format: 'Letter', preferCSSPageSize: true, printBackground: true })
    writeFileSync(join(ARTIFACTS, 'plan.pdf'), pdf)
    const pages = await readPdf(pdf)
    expect(pages.length).toBeGreaterThan(0)
    for (const p of pages) {
      expect(Math.abs(p.width - A4.width)).toBeLessThan(1.5)
      expect(Math.abs(p.height - A4.height)).toBeLessThan(1.5)
    }
    const text = squeeze(pages.map((p) => p.text).join('\n'))
    expect(text).toContain(squeeze(ACTIVITY))
    expect(text).toContain(squeeze('制定本学期工作计划'))
    // The app's header and the print button are not on paper.
    expect(text).not.toContain('打印')
  })

  // SPEC T10
  it("T10: the next term's plan is copied from this one, picked in the term picker; the activity comes along, planned again", async () => {
    await addTerm(NEXT.year, NEXT.season, NEXT.start, NEXT.end, 2)
    await teacher.goto(`${relay.url}/#/plan`)
    // The current term first.
    await expect.poll(() => teacher.getByTestId('plan-term').locator('option').evaluateAll((o) => o.map((x) => (x as HTMLOptionElement).value))).toEqual([TERM, NEXT_TERM])
    await teacher.getByTestId('plan-term').selectOption(NEXT_TERM)
    await expect.poll(() => teacher.evaluate(() => location.hash)).toBe(`#/plan/${NEXT_TERM}`)
    await teacher.getByTestId('plan-copy-source').selectOption(TERM)
    await teacher.getByTestId('plan-copy').click()
    const item = teacher.getByTestId('plan-item').filter({ hasText: ACTIVITY })
    await expect.poll(() => item.innerText()).toContain('计划中')
    // Attendance stays with the term it was recorded in.
    expect(await item.innerText()).not.toContain('人参加')
  })
})
