/**
 * SPEC L6 in Chromium at 360 px: what a person typed into a short field, a long field and a
 * record form is there when the file opens again after Back, a reload, or the browser closed
 * abruptly (its profile kept, as a phone keeps its storage when the app is killed); the fields
 * reach a second device once online, and the record does once saved from its restored draft.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium, launchDevice } from '../helpers/browser'
import { makeDataDir, startTestRelay, type TestRelay } from '../helpers/relay'
import { createInviteLink, signInPage } from '../helpers/sign-in'

const STATIC_DIR = join(process.cwd(), 'dist/client')
const COORDINATOR = { username: 'wang', displayName: '王老師', password: 'wang-password-1' }
const SECOND = { username: 'li', displayName: '李主任', password: 'li-password-12' }

describe('typed means kept (SPEC L6)', () => {
  let data: ReturnType<typeof makeDataDir>
  let relay: TestRelay
  let profile: string
  let device: BrowserContext
  let page: Page
  let browser: Browser
  let other: Page
  let childUrl: string

  const status = (p: Page) => p.getByTestId('sync-status')
  /** Opens the field's group (only the identity group starts open). */
  const field = async (p: Page, id: string) => {
    const group = p.locator(`details:has(#${id})`)
    if (!(await group.evaluate((d: HTMLDetailsElement) => d.open))) await group.locator('summary').click()
    return p.locator(`#${id}`)
  }
  /** From the list, as a person opens a file: so Back goes to the list, and the file opens afresh. */
  const openChild = async (p: Page) => {
    await p.goto(`${relay.url}/#/`)
    await p.getByTestId('account-name').waitFor()
    await p.goto(childUrl)
    await p.getByTestId('child-title').waitFor()
  }
  const startDevice = async () => {
    device = await launchDevice(profile)
    page = device.pages()[0] ?? (await device.newPage())
  }

  beforeAll(async () => {
    if (!existsSync(join(STATIC_DIR, 'index.html'))) throw new Error('build the client first: npm run build')
    data = makeDataDir()
    profile = mkdtempSync(join(tmpdir(), 'shouwang-profile-'))
    relay = await startTestRelay(data.dir, 0, { staticDir: STATIC_DIR })
    await startDevice()
    const setup = relay.setupToken()
    if (!setup) throw new Error('a relay on an empty data folder has a setup token')
    await signInPage(page, relay.url, { setup, workspace: 'school-1', ...COORDINATOR })
    await page.goto(`${relay.url}/#/new`)
    await page.getByLabel('姓名').fill('李小紅')
    await page.getByRole('button', { name: '建档' }).click()
    await page.getByTestId('child-title').waitFor()
    childUrl = page.url()
    browser = await launchChromium()
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 360, height: 740 } })
    other = await context.newPage()
    await signInPage(other, relay.url, { invite: await createInviteLink(page, 'coordinator'), ...SECOND })
  })

  afterAll(async () => {
    await device?.close()
    await browser?.close()
    await relay.stop()
    data.remove()
    rmSync(profile, { recursive: true, force: true })
  })

  const leave = async (how: 'back' | 'reload' | 'close') => {
    if (how === 'back') await page.goBack()
    else if (how === 'reload') await page.reload()
    else {
      // No beforeunload, no pagehide handler given time: the browser is simply gone.
      await device.close()
      await startDevice()
    }
  }

  it.each(['back', 'reload', 'close'] as const)('a short and a long field typed into, then %s: kept here, and on a second device', async (how) => {
    await openChild(page)
    const name = `王奶奶${how}`
    const habits = `最近有进步。(${how})`
    // The long field first, then the short one, left with the cursor still in it (never blurred).
    // Typed over what the field held, as a person selects it and types.
    await (await field(page, 'f-profile-habits')).click()
    await page.keyboard.press('Control+A')
    await page.keyboard.type(habits)
    await (await field(page, 'f-guardian-name')).click()
    await page.keyboard.press('Control+A')
    await page.keyboard.type(name)
    await leave(how)
    await openChild(page)
    await expect.poll(async () => (await field(page, 'f-guardian-name')).inputValue()).toBe(name)
    await expect.poll(async () => (await field(page, 'f-profile-habits')).inputValue()).toBe(habits)
    await expect.poll(() => status(page).getAttribute('data-state'), { timeout: 20_000 }).toBe('saved')
    await openChild(other)
    await expect.poll(async () => (await field(other, 'f-guardian-name')).inputValue(), { timeout: 20_000 }).toBe(name)
    await expect.poll(async () => (await field(other, 'f-profile-habits')).inputValue()).toBe(habits)
  })

  it.each(['back', 'reload', 'close'] as const)('a record form being filled in, then %s: its draft is there, and once saved it reaches a second device', async (how) => {
    await openChild(page)
    await page.getByRole('tab', { name: '记录' }).click()
    await page.getByRole('button', { name: '添加记录' }).click()
    const notes = `谈心：想妈妈了。(${how})`
    await page.locator('#new-record-notes').click()
    await page.keyboard.type(notes)
    // While the draft is not saved, the header does not say all is saved.
    await expect.poll(() => status(page).getAttribute('data-state')).not.toBe('saved')
    await leave(how)
    await openChild(page)
    await page.getByRole('tab', { name: '记录' }).click()
    await page.getByTestId('record-drafts').getByRole('button', { name: '继续填写' }).first().click()
    await expect.poll(() => page.locator('#new-record-notes').inputValue()).toBe(notes)
    await page.getByRole('button', { name: '保存' }).click()
    await expect.poll(() => page.getByTestId('timeline').innerText()).toContain(notes)
    await expect.poll(() => status(page).getAttribute('data-state'), { timeout: 20_000 }).toBe('saved')
    await openChild(other)
    await other.getByRole('tab', { name: '记录' }).click()
    await expect.poll(() => other.getByTestId('timeline').innerText(), { timeout: 20_000 }).toContain(notes)
  })

  // SPEC L7
  it('site data cleared while offline, then online: one sign-in, and everything is back from the relay', async () => {
    await openChild(page)
    const name = await (await field(page, 'f-guardian-name')).inputValue()
    expect(name).not.toBe('')
    await expect.poll(() => status(page).getAttribute('data-state'), { timeout: 20_000 }).toBe('saved')
    await device.setOffline(true)
    const cdp = await device.newCDPSession(page)
    await cdp.send('Storage.clearDataForOrigin', { origin: new URL(relay.url).origin, storageTypes: 'all' })
    await device.setOffline(false)
    await page.reload()
    await signInPage(page, relay.url, { username: COORDINATOR.username, password: COORDINATOR.password })
    await page.goto(`${relay.url}/#/`)
    await expect.poll(() => page.getByTestId('child-list').innerText(), { timeout: 20_000 }).toContain('李小紅')
    await openChild(page)
    await expect.poll(async () => (await field(page, 'f-guardian-name')).inputValue(), { timeout: 20_000 }).toBe(name)
    await page.getByRole('tab', { name: '记录' }).click()
    await expect.poll(() => page.getByTestId('timeline').innerText()).toContain('谈心：想妈妈了。(close)')
  })
})
