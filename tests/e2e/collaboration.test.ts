/**
 * The foundation's promise, in a real browser: two people on one child's file see each
 * other type; one goes offline, both keep writing, and nothing is lost when it comes back;
 * the notes survive a reload with no network; and the app itself opens with the relay gone.
 * The relay runs with accounts, as `npm start` does: the first coordinator comes from the
 * setup link, the second person from an invitation, and with no network each signs in
 * against the password verifier kept on the device.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium } from '../helpers/browser'
import { makeDataDir, startTestRelay, type TestRelay } from '../helpers/relay'
import { setUpClasses } from '../helpers/organisation'
import { createInviteLink, signInPage } from '../helpers/sign-in'

const STATIC_DIR = join(process.cwd(), 'dist/client')
/** The first coordinator (from the setup link) and a second one, invited. */
const A = { username: 'wang', displayName: '王老師', password: 'wang-password-1' }
const B = { username: 'zhang', displayName: '張媽媽', password: 'zhang-password-1' }

describe('browser: two people on one case file', () => {
  let data: ReturnType<typeof makeDataDir>
  let relay: TestRelay
  let browser: Browser
  let a: BrowserContext
  let b: BrowserContext
  let pageA: Page
  let pageB: Page
  let childUrl: string

  /** With accounts, as `npm start` runs it; a restart keeps the port and the data folder. */
  const startRelay = async (port = 0) => {
    relay = await startTestRelay(data.dir, port, { staticDir: STATIC_DIR })
  }
  const stopRelay = () => relay.stop()
  const notes = (page: Page) => page.getByTestId('notes-editor')
  /** The notes as the user reads them, without the other people's caret labels. */
  const notesText = (page: Page) =>
    notes(page).evaluate((el) => {
      const copy = el.cloneNode(true) as HTMLElement
      for (const caret of copy.querySelectorAll('.collaboration-carets__caret')) caret.remove()
      return copy.textContent ?? ''
    })
  const status = (page: Page) => page.getByTestId('sync-status')
  /** The case notes are the file's last tab. */
  const openNotes = (page: Page) => page.getByRole('tab', { name: '个案笔记' }).click()
  const typeAtEnd = async (page: Page, text: string) => {
    await notes(page).click()
    await page.keyboard.press('Control+End')
    await page.keyboard.type(text)
  }

  beforeAll(async () => {
    if (!existsSync(join(STATIC_DIR, 'index.html'))) throw new Error('build the client first: npm run build')
    data = makeDataDir()
    await startRelay()
    browser = await launchChromium()
    a = await browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 800 } })
    b = await browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 800 } })
    pageA = await a.newPage()
    pageB = await b.newPage()
  })

  afterAll(async () => {
    await browser?.close()
    await stopRelay()
    data.remove()
  })

  it('creates a child, and typing in one window shows in the other with the caret', async () => {
    const setup = relay.setupToken()
    if (!setup) throw new Error('a relay on an empty data folder has a setup token')
    await signInPage(pageA, relay.url, { setup, workspace: 'school-1', ...A })
    await expect.poll(() => status(pageA).getAttribute('data-state')).toBe('saved')
    // The presence name is the account's display name.
    expect(await pageA.getByTestId('account-name').innerText()).toContain('王老師')
    await signInPage(pageB, relay.url, { invite: await createInviteLink(pageA, 'coordinator'), ...B })
    await setUpClasses(pageA, '东山小学', [[3, '2']])
    await pageA.getByRole('link', { name: '新建档案' }).click()
    await pageA.getByLabel('姓名').fill('李小紅')
    await pageA.getByLabel('班级').selectOption({ label: '三年级2班' })
    await pageA.getByLabel('性别').selectOption('female')
    await pageA.getByLabel('出生日期').fill('2016-03-05')
    await pageA.getByRole('button', { name: '建档' }).click()
    await expect.poll(() => pageA.getByTestId('child-title').textContent()).toBe('李小紅')
    childUrl = pageA.url()
    await openNotes(pageA)
    expect(childUrl).toMatch(/#\/child\/[A-Za-z0-9_-]+$/)

    await pageB.goto(childUrl)
    await expect.poll(() => pageB.getByTestId('child-title').textContent()).toBe('李小紅')
    await expect.poll(() => pageB.getByLabel('班级').evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent)).toBe('三年级2班')
    await openNotes(pageB)

    await typeAtEnd(pageA, '十一月家訪：奶奶身體好。')
    await expect.poll(() => notesText(pageB)).toContain('十一月家訪：奶奶身體好。')
    // B sees where A is typing, labelled with A's name.
    await expect.poll(() => pageB.locator('.collaboration-carets__label').allInnerTexts()).toContain('王老師')
    await expect.poll(() => pageB.getByTestId('presence').innerText()).toContain('王老師')
    // And A sees B by the name B's account carries.
    await expect.poll(() => pageA.getByTestId('presence').innerText()).toContain('張媽媽')
    await expect.poll(() => status(pageA).getAttribute('data-state')).toBe('saved')
  })

  it('lists the child on a device that never opened it', async () => {
    const c = await browser.newContext({ locale: 'zh-CN', viewport: { width: 360, height: 740 } })
    const page = await c.newPage()
    await signInPage(page, relay.url, { username: A.username, password: A.password })
    await expect.poll(() => page.getByTestId('child-list').innerText()).toContain('李小紅')
    await page.getByRole('link', { name: /李小紅/ }).click()
    await openNotes(page)
    await expect.poll(() => notesText(page)).toContain('十一月家訪：奶奶身體好。')
    await c.close()
  })

  it('merges what both wrote while one was offline', async () => {
    await b.setOffline(true)
    await expect.poll(() => status(pageB).getAttribute('data-state')).toBe('offline')
    await typeAtEnd(pageA, '甲在線寫的。')
    await typeAtEnd(pageB, '乙離線寫的。')
    await expect.poll(() => status(pageB).getAttribute('data-pending')).not.toBe('0')
    // While offline, B has not received A's text: the test really ran offline.
    expect(await notesText(pageB)).not.toContain('甲在線寫的。')

    await b.setOffline(false)
    for (const page of [pageA, pageB]) {
      await expect.poll(() => notesText(page), { timeout: 20_000 }).toContain('甲在線寫的。')
      await expect.poll(() => notesText(page), { timeout: 20_000 }).toContain('乙離線寫的。')
      await expect.poll(() => status(page).getAttribute('data-state'), { timeout: 20_000 }).toBe('saved')
    }
    expect(await notesText(pageA)).toBe(await notesText(pageB))
    expect(await status(pageB).getAttribute('data-pending')).toBe('0')
  })

  it('shows the notes from the device after a reload with no network', async () => {
    await pageB.evaluate(() => navigator.serviceWorker.ready.then(() => true))
    await b.setOffline(true)
    await expect.poll(() => status(pageB).getAttribute('data-state')).toBe('offline')
    await typeAtEnd(pageB, '離線重新整理前。')
    await expect.poll(() => status(pageB).getAttribute('data-pending')).not.toBe('0')
    await pageB.reload()
    // With no network the relay cannot be asked: the password opens the device's copy.
    await signInPage(pageB, relay.url, { username: B.username, password: B.password })
    expect(await pageB.getByTestId('offline-signin').isVisible()).toBe(true)
    await openNotes(pageB)
    await expect.poll(() => notesText(pageB)).toContain('離線重新整理前。')
    expect(await notesText(pageB)).toContain('十一月家訪：奶奶身體好。')
    expect(await status(pageB).getAttribute('data-state')).toBe('offline')
    expect(await status(pageB).getAttribute('data-pending')).not.toBe('0')
    await b.setOffline(false)
    await expect.poll(() => notesText(pageA), { timeout: 20_000 }).toContain('離線重新整理前。')
    await expect.poll(() => status(pageB).getAttribute('data-state'), { timeout: 20_000 }).toBe('saved')
  })

  it('opens the app and the file with the relay gone, after one online visit', async () => {
    await pageA.evaluate(() => navigator.serviceWorker.ready.then(() => true))
    const port = relay.port
    await stopRelay()
    const fresh = await a.newPage()
    await fresh.goto(childUrl)
    // The relay does not answer: A signs in against the device's verifier, on the deep link.
    await signInPage(fresh, relay.url, { username: A.username, password: A.password })
    await openNotes(fresh)
    await expect.poll(() => fresh.getByTestId('child-title').textContent()).toBe('李小紅')
    await expect.poll(() => notesText(fresh)).toContain('乙離線寫的。')
    await expect.poll(() => status(fresh).getAttribute('data-state')).toBe('offline')
    // The list comes from the device's index too.
    await fresh.goto(`${relay.url}/#/`)
    await expect.poll(() => fresh.getByTestId('child-list').innerText()).toContain('李小紅')
    await fresh.close()
    await startRelay(port)
  })
})
