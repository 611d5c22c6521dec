/**
 * Leaving with unsent work, in Chromium (SPEC S8, S9): a file created offline makes the header
 * say one file has changes waiting (not one per keystroke), and closing the page asks first;
 * once the relay has it all, the page closes without asking.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, BrowserContext, Dialog, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium } from '../helpers/browser'
import { makeDataDir, startTestRelay, type TestRelay } from '../helpers/relay'
import { setUpClasses } from '../helpers/organisation'
import { signInPage } from '../helpers/sign-in'

const STATIC_DIR = join(process.cwd(), 'dist/client')

describe('browser: leaving the page with unsent work', () => {
  let data: ReturnType<typeof makeDataDir>
  let relay: TestRelay
  let browser: Browser
  let context: BrowserContext
  let page: Page
  const status = () => page.getByTestId('sync-status')

  beforeAll(async () => {
    if (!existsSync(join(STATIC_DIR, 'index.html'))) throw new Error('build the client first: npm run build')
    data = makeDataDir()
    relay = await startTestRelay(data.dir, 0, { staticDir: STATIC_DIR })
    browser = await launchChromium()
    context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 360, height: 740 } })
    page = await context.newPage()
    const setup = relay.setupToken()
    if (!setup) throw new Error('a relay on an empty data folder has a setup token')
    await signInPage(page, relay.url, { setup, workspace: 'xishan', username: 'zhao', displayName: '赵老师', password: 'coordinator-pass-1' })
    await setUpClasses(page, '西山小学', [[5, '1']])
  })

  afterAll(async () => {
    await browser?.close()
    await relay?.stop()
    data?.remove()
  })

  // SPEC S8 SPEC S9
  it('counts one file for a file typed offline, asks before the page closes, and not once it is saved', async () => {
    await expect.poll(() => status().getAttribute('data-state')).toBe('saved')
    await context.setOffline(true)
    await expect.poll(() => status().getAttribute('data-state')).toBe('offline')
    await page.getByRole('link', { name: '新建档案' }).click()
    await page.getByLabel('姓名').fill('陈小燕')
    await page.getByLabel('班级').selectOption({ label: '五年级1班' })
    await page.getByRole('button', { name: '建档' }).click()
    await expect.poll(() => page.getByTestId('child-title').textContent()).toBe('陈小燕')
    await expect.poll(() => status().getAttribute('data-pending')).toBe('1')
    expect(await status().innerText()).toContain('1 个档案有修改待发送')

    const dialogs: string[] = []
    const onDialog = (dialog: Dialog) => {
      dialogs.push(dialog.type())
      // "Stay on the page".
      void dialog.dismiss()
    }
    page.on('dialog', onDialog)
    await page.close({ runBeforeUnload: true })
    await expect.poll(() => dialogs).toEqual(['beforeunload'])
    expect(page.isClosed()).toBe(false)
    expect(await page.getByTestId('child-title').textContent()).toBe('陈小燕')

    await context.setOffline(false)
    await expect.poll(() => status().getAttribute('data-state'), { timeout: 20_000 }).toBe('saved')
    expect(await status().getAttribute('data-pending')).toBe('0')
    // Reloading runs the same handler: had it asked, the dialog would be dismissed and the reload never end.
    await page.reload({ timeout: 15_000 })
    await page.getByTestId('account-name').waitFor()
    expect(dialogs).toEqual(['beforeunload'])
  })
})
