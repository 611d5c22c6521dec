/**
 * A whole case file filled, and one record of each kind added, with the keyboard only, on a
 * 360-pixel-wide page (a cheap phone): no clicks, no page wider than the screen. (Signing in,
 * before the flow, goes through the sign-in helper.)
 */
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium } from '../helpers/browser'
import { makeDataDir, startTestRelay, type TestRelay } from '../helpers/relay'
import { setUpClasses } from '../helpers/organisation'
import { signInPage } from '../helpers/sign-in'

const STATIC_DIR = join(process.cwd(), 'dist/client')

type Step = { id: string; text?: string; down?: number; date?: [string, string, string] }

/** Values for every field of the file; `down` is how many options below "not given" to pick. */
const FILE: { group: string; steps: Step[] }[] = [
  {
    group: '基本情况',
    steps: [
      { id: 'f-studentNumber', text: 'G330201201503011234' },
      { id: 'f-gender', down: 1 },
      { id: 'f-birthDate', date: ['2015', '03', '01'] },
      { id: 'f-boarding', down: 1 },
      { id: 'f-schoolingStatus', down: 1 },
    ],
  },
  {
    group: '留守情况',
    steps: [
      { id: 'f-parentsAway', down: 1 },
      { id: 'f-awaySince', date: ['2019', '02', '01'] },
      { id: 'f-careArrangement', down: 1 },
    ],
  },
  {
    group: '父亲',
    steps: [
      { id: 'f-father-name', text: '李大山' },
      { id: 'f-father-workplace', text: '浙江省宁波市' },
      { id: 'f-father-phone', text: '138 0013 8001' },
      { id: 'f-father-contactFrequency', down: 2 },
    ],
  },
  {
    group: '母亲',
    steps: [
      { id: 'f-mother-name', text: '王春花' },
      { id: 'f-mother-workplace', text: '广东省东莞市' },
      { id: 'f-mother-phone', text: '13800138002' },
      { id: 'f-mother-contactFrequency', down: 3 },
    ],
  },
  {
    group: '临时监护人',
    steps: [
      { id: 'f-guardian-name', text: '李奶奶' },
      { id: 'f-guardian-relation', down: 2 },
      { id: 'f-guardian-phone', text: '0571-87654321' },
      { id: 'f-guardian-age', text: '68' },
      { id: 'f-guardian-literate', down: 2 },
      { id: 'f-guardian-rapport', down: 1 },
    ],
  },
  {
    group: '家庭住址',
    steps: [
      { id: 'f-home-village', text: '石门村' },
      { id: 'f-home-group', text: '三组' },
      { id: 'f-home-address', text: '石门村三组 12 号' },
    ],
  },
  {
    group: '个人情况',
    steps: ['character', 'habits', 'interests', 'academic', 'personality', 'motivation', 'parentCommunication'].map((k) => ({
      id: `f-profile-${k}`,
      text: `${k}：认真`,
    })),
  },
  {
    group: '重点关注',
    steps: [
      { id: 'f-flags-priority', down: 2 },
      { id: 'f-flags-potential', down: 1 },
      { id: 'f-flags-health', down: 2 },
      { id: 'f-flags-psychological', down: 1 },
      { id: 'f-flags-safety', down: 2 },
    ],
  },
  {
    group: '监护人同意建档',
    steps: [
      { id: 'f-consent-by', text: '李奶奶' },
      { id: 'f-consent-date', date: ['2026', '09', '01'] },
      { id: 'f-consent-method', down: 1 },
    ],
  },
  {
    group: '个别教育方案',
    steps: [
      { id: 'f-iep-owner', text: '王老师' },
      { id: 'f-iep-reviewDate', date: ['2027', '01', '15'] },
      { id: 'f-iep-goals', text: '按时完成作业' },
      { id: 'f-iep-measures', text: '每周谈心一次' },
    ],
  },
]

/** One record of each kind: the type's position in the list, and its fields. */
const RECORDS: { type: string; down: number; steps: Step[] }[] = [
  { type: '谈心', down: 0, steps: [{ id: 'new-record-study', text: '数学进步' }, { id: 'new-record-mood', text: '开朗' }] },
  { type: '家访', down: 1, steps: [{ id: 'new-record-visited', text: '奶奶' }, { id: 'new-record-guidance', text: '督促作业' }] },
  {
    type: '亲情联系',
    down: 2,
    steps: [{ id: 'new-record-method', down: 2 }, { id: 'new-record-participants', text: '孩子和妈妈' }, { id: 'new-record-durationMinutes', text: '15' }],
  },
  { type: '监护人沟通', down: 3, steps: [{ id: 'new-record-method', down: 1 }] },
  {
    type: '体检',
    down: 4,
    steps: [
      { id: 'new-record-heightCm', text: '132.5' },
      { id: 'new-record-weightKg', text: '28' },
      { id: 'new-record-visionLeft', text: '5.0' },
      { id: 'new-record-visionRight', text: '4.9' },
      { id: 'new-record-systolic', text: '105' },
      { id: 'new-record-diastolic', text: '70' },
    ],
  },
  {
    type: '资助慰问',
    down: 5,
    steps: [{ id: 'new-record-kind', down: 1 }, { id: 'new-record-amountYuan', text: '600' }, { id: 'new-record-source', text: '春蕾计划' }],
  },
  { type: '活动参与', down: 6, steps: [{ id: 'new-record-title', text: '才艺展示' }] },
]

describe('browser: the whole case file with the keyboard only, 360 px wide', () => {
  let data: ReturnType<typeof makeDataDir>
  let relay: TestRelay
  let browser: Browser
  let page: Page

  /** Presses Tab until the element is focused (the way a keyboard user gets there). */
  const tabTo = async (selector: string, max = 200) => {
    for (let i = 0; i < max; i++) {
      if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return
      await page.keyboard.press('Tab')
    }
    throw new Error(`could not reach ${selector} with Tab`)
  }
  /** The order in which this browser's date fields take their parts (its own locale decides). */
  let dateOrder: (parts: [string, string, string]) => string[] = ([y, m, d]) => [m, d, y]
  const probeDateOrder = async () => {
    await page.evaluate(() => {
      const probe = document.createElement('input')
      probe.type = 'date'
      probe.id = 'date-probe'
      document.body.prepend(probe)
      probe.focus()
    })
    await page.keyboard.type('03012015')
    const value = await page.locator('#date-probe').inputValue()
    await page.evaluate(() => document.getElementById('date-probe')?.remove())
    if (value !== '2015-03-01') dateOrder = (parts) => parts
  }
  const doStep = async (step: Step) => {
    await tabTo(`#${step.id}`)
    if (step.text !== undefined) await page.keyboard.type(step.text)
    for (let i = 0; i < (step.down ?? 0); i++) await page.keyboard.press('ArrowDown')
    if (step.date) for (const part of dateOrder(step.date)) await page.keyboard.type(part)
  }

  beforeAll(async () => {
    data = makeDataDir()
    relay = await startTestRelay(data.dir, 0, { staticDir: STATIC_DIR })
    browser = await launchChromium()
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 360, height: 740 }, hasTouch: true })
    page = await context.newPage()
  })
  afterAll(async () => {
    await browser?.close()
    await relay?.stop()
    data?.remove()
  })

  it('creates a child, fills every field and adds one record of each kind', async () => {
    const setup = relay.setupToken()
    if (!setup) throw new Error('a relay on an empty data folder has a setup token')
    await signInPage(page, relay.url, { setup, workspace: 'school-1', username: 'wang', displayName: '王老师', password: 'wang-password-1' })
    // A class of the organisation to file the child into (set up by mouse: not what this checks).
    await setUpClasses(page, '东山小学', [[3, '2']])
    // From here on, the keyboard only.
    await probeDateOrder()
    await tabTo('a[href="#/new"]')
    await page.keyboard.press('Enter')
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('name')
    await page.keyboard.type('李小红')
    await page.keyboard.press('Tab')
    // The class is chosen from the organisation's, with the arrow keys.
    await page.keyboard.press('ArrowDown')
    await expect.poll(() => page.locator('select#classId').evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent)).toBe('三年级2班')
    await tabTo('form button[type="submit"]')
    await page.keyboard.press('Enter')
    await expect.poll(() => page.getByTestId('child-title').textContent()).toBe('李小红')

    for (const { group, steps } of FILE) {
      const summary = `summary:text-is("${group}")`
      const isOpen = () => page.locator(summary).evaluate((s) => (s.parentElement as HTMLDetailsElement).open)
      if (!(await isOpen())) {
        // Open this group's section: it is the next closed one in the tab order.
        await tabTo(`details:not([open]) > summary`)
        expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(group)
        await page.keyboard.press('Enter')
        await expect.poll(isOpen).toBe(true)
      }
      for (const step of steps) await doStep(step)
      await page.keyboard.press('Tab')
    }

    // What was typed is in the file, checked where a user would look.
    await expect.poll(() => page.locator('#f-father-phone').inputValue()).toBe('13800138001')
    await expect.poll(() => page.locator('#f-guardian-phone').inputValue()).toBe('0571-87654321')
    expect(await page.locator('#f-birthDate').inputValue()).toBe('2015-03-01')
    expect(await page.locator('#f-home-village').inputValue()).toBe('石门村')
    // SPEC H7: the phones typed are a tap to call at the top of the file.
    expect(await page.getByTestId('call-links').locator('a').evaluateAll((links) => links.map((l) => l.getAttribute('href')))).toEqual([
      'tel:057187654321',
      'tel:13800138002',
      'tel:13800138001',
    ])
    expect(await page.locator('#f-guardian-relation').inputValue()).toBe('grandmother')
    expect(await page.locator('#f-flags-priority').inputValue()).toBe('problem')
    expect(await page.locator('#f-iep-measures').inputValue()).toBe('每周谈心一次')
    expect(await page.locator('.field-error').count()).toBe(0)

    await tabTo('#tab-records', 400)
    await page.keyboard.press('Enter')
    for (const record of RECORDS) {
      await tabTo('.records-toolbar > button.primary')
      await page.keyboard.press('Enter')
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('new-record-type')
      for (let i = 0; i < record.down; i++) await page.keyboard.press('ArrowDown')
      for (const step of record.steps) await doStep(step)
      await tabTo('.record-form button[type=submit]')
      await page.keyboard.press('Enter')
      await expect.poll(() => page.locator('.record-form').count()).toBe(0)
    }
    const types = await page.locator('[data-testid=record] .record-type').allTextContents()
    expect(types.sort()).toEqual(RECORDS.map((r) => r.type).sort())
    expect(await page.locator('[data-testid=timeline]').innerText()).toContain('¥600.00')

    // Nothing is wider than the phone's screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
    await expect.poll(() => page.getByTestId('sync-status').getAttribute('data-state'), { timeout: 20_000 }).toBe('saved')
    await page.screenshot({ path: join(process.cwd(), '.tmp', 'keyboard-records.png'), fullPage: true }).catch(() => {})
  })
})
