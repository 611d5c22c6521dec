/**
 * Accounts in a real browser (issue 4, "Chromium"): the first coordinator from the relay's
 * setup link creates three children and invites a helper; paired with one child on the
 * members page, the helper's device lists that child and no other, and another child's
 * address shows none of its data. With no network the helper signs in again on the same
 * device with the password (a wrong one is refused and says so) and opens the child from the
 * device. Signing out warns about the unsent change, and once confirmed leaves nothing of the
 * workspace in IndexedDB or localStorage, nor a session the next person could walk into.
 */
import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, BrowserContext, Locator, Page, WebSocket } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium } from '../helpers/browser'
import { makeDataDir, startTestRelay, type TestRelay } from '../helpers/relay'
import { setUpClasses } from '../helpers/organisation'
import { createInviteLink, signInPage } from '../helpers/sign-in'

const STATIC_DIR = join(process.cwd(), 'dist/client')
/** Screenshots of the last run, to look at (git ignores .tmp/). */
const ARTIFACTS = join(process.cwd(), '.tmp')
const WIDTH = 360
const WORKSPACE = 'dongshan-xiaoxue'

const COORDINATOR = { username: 'wangli', displayName: '王老师', password: 'coordinator-pass-1' }
const HELPER = { username: 'liu.ayi', displayName: '刘阿姨', password: 'helper-pass-1' }
/** Classes of the organisation, by the label every picker shows them by. */
const CHILDREN = [
  { name: '李小红', classId: '三年级2班' },
  { name: '王小明', classId: '三年级2班' },
  { name: '张伟', classId: '四年级1班' },
] as const
const PAIRED = CHILDREN[1]
const NOT_PAIRED = [CHILDREN[0], CHILDREN[2]] as const
const HELPER_NOTE = '周六去家里看了，奶奶说孩子作业按时做完。'

describe('browser: setup, a helper invited and paired, offline sign-in, sign-out', () => {
  let data: ReturnType<typeof makeDataDir>
  let relay: TestRelay
  let browser: Browser
  let coordinatorContext: BrowserContext
  let helperContext: BrowserContext
  let coordinator: Page
  let helper: Page
  /** Each child's id, from the address its file opened at. */
  const childIds = new Map<string, string>()

  const idOf = (name: string) => {
    const id = childIds.get(name)
    if (!id) throw new Error(`no child ${name} was created`)
    return id
  }
  /** The whole page from its top (scrolled, the sticky header would be drawn mid-page). */
  const shot = async (page: Page, name: string) => {
    await page.evaluate(() => window.scrollTo(0, 0))
    await page.screenshot({ path: join(ARTIFACTS, `e2e-${name}.png`), fullPage: true })
  }
  const fitsTheScreen = async (page: Page) =>
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(WIDTH)
  const status = (page: Page) => page.getByTestId('sync-status')
  const listed = (page: Page) => page.getByTestId('child-list').locator('li').allInnerTexts()
  const selectedLabel = (select: Locator) => select.evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent ?? '')
  const signInFailure = (page: Page) => page.locator('.auth-failure[role="alert"]')
  const submitSignIn = async (page: Page, username: string, password: string) => {
    await page.locator('#signin-username').fill(username)
    await page.locator('#signin-password').fill(password)
    await page.locator('.auth-form button[type="submit"]').click()
  }

  beforeAll(async () => {
    if (!existsSync(join(STATIC_DIR, 'index.html'))) throw new Error('build the client first: npm run build')
    mkdirSync(ARTIFACTS, { recursive: true })
    data = makeDataDir()
    relay = await startTestRelay(data.dir, 0, { staticDir: STATIC_DIR })
    browser = await launchChromium()
    const phone = { locale: 'zh-CN', viewport: { width: WIDTH, height: 740 }, hasTouch: true }
    coordinatorContext = await browser.newContext(phone)
    helperContext = await browser.newContext(phone)
    coordinator = await coordinatorContext.newPage()
    helper = await helperContext.newPage()
  })

  afterAll(async () => {
    await browser?.close()
    await relay?.stop()
    data?.remove()
  })

  // SPEC S3
  it('creates the first coordinator from the setup link, once, and the coordinator files three children', async () => {
    const setup = relay.setupToken()
    if (!setup) throw new Error('a relay on an empty data folder has a setup token')
    await coordinator.goto(`${relay.url}/#/setup/${setup}`)
    await coordinator.getByRole('heading', { name: '创建第一个协调员账号' }).waitFor()
    await fitsTheScreen(coordinator)
    await shot(coordinator, 'setup-360')

    await signInPage(coordinator, relay.url, { setup, workspace: WORKSPACE, ...COORDINATOR })
    expect(await coordinator.getByTestId('account-name').textContent()).toMatch(/王老师[\s\S]*协调员/)
    // The link has done its job: it is gone from the address bar and the relay forgot it.
    expect(await coordinator.evaluate(() => location.hash)).toBe('#/')
    expect(relay.setupToken()).toBeUndefined()
    await expect.poll(() => status(coordinator).getAttribute('data-state')).toBe('saved')

    await setUpClasses(coordinator, '东山小学', [[3, '2'], [4, '1']])
    for (const child of CHILDREN) {
      await coordinator.getByRole('link', { name: '新建档案' }).click()
      await coordinator.getByLabel('姓名').fill(child.name)
      await coordinator.getByLabel('班级').selectOption({ label: child.classId })
      await coordinator.getByRole('button', { name: '建档' }).click()
      await expect.poll(() => coordinator.getByTestId('child-title').textContent()).toBe(child.name)
      const id = /#\/child\/([A-Za-z0-9_-]+)$/.exec(coordinator.url())?.[1]
      if (!id) throw new Error(`no child id in ${coordinator.url()}`)
      childIds.set(child.name, id)
      await coordinator.getByRole('link', { name: /返回/ }).click()
    }
    await expect.poll(async () => (await listed(coordinator)).length).toBe(CHILDREN.length)
    await expect.poll(() => status(coordinator).getAttribute('data-state'), { timeout: 20_000 }).toBe('saved')
  })

  it('invites a helper, who creates an account from the one-time link and sees no child yet', async () => {
    const invite = await createInviteLink(coordinator, 'helper')
    expect(new URL(invite).origin).toBe(relay.url)
    expect(new URL(invite).hash).toMatch(/^#\/invite\/[A-Za-z0-9_-]{43}$/)
    await fitsTheScreen(coordinator)
    await shot(coordinator, 'members-invite-360')

    await helper.goto(invite)
    await expect.poll(() => helper.locator('.auth-intro').innerText()).toContain(`“帮扶人”的身份加入工作区“${WORKSPACE}”`)
    await fitsTheScreen(helper)
    await shot(helper, 'invite-360')
    await signInPage(helper, relay.url, { invite, ...HELPER })
    expect(await helper.getByTestId('account-name').textContent()).toMatch(/刘阿姨[\s\S]*帮扶人/)
    // A helper neither manages members nor opens new files.
    expect(await helper.getByRole('link', { name: '成员' }).count()).toBe(0)
    expect(await helper.getByRole('link', { name: '新建档案' }).count()).toBe(0)
    await expect.poll(() => helper.locator('.empty').isVisible()).toBe(true)
    await expect.poll(() => status(helper).getAttribute('data-state')).toBe('saved')

    // The link works once: someone else opening it is told to ask for a new one.
    const stranger = await browser.newContext({ locale: 'zh-CN', viewport: { width: WIDTH, height: 740 } })
    try {
      const page = await stranger.newPage()
      await page.goto(invite)
      await expect.poll(() => page.locator('.auth-failure').innerText()).toContain('这个邀请链接不能用了')
    } finally {
      await stranger.close()
    }
  })

  it("pairs the helper with one child on the members page; the helper's list then holds that child only", async () => {
    await coordinator.getByRole('button', { name: '刷新' }).click()
    const card = coordinator.locator(`[data-testid="member"][data-username="${HELPER.username}"]`)
    await card.waitFor()
    // The child picker, not the role (the card has both).
    await card.locator('select[id^="pair-"]').selectOption({ label: PAIRED.name })
    await card.getByRole('button', { name: '结对', exact: true }).click()
    await expect.poll(() => card.locator('.member-done').innerText()).toContain(`刘阿姨 已和 ${PAIRED.name} 结对`)
    await fitsTheScreen(coordinator)
    await shot(coordinator, 'members-paired-360')

    // The pairing takes effect at the relay at once; the helper's device, signed in since before
    // it, learns of it in its next background round, which opening the app starts.
    await helper.reload()
    await expect.poll(() => listed(helper), { timeout: 20_000 }).toHaveLength(1)
    const [only] = await listed(helper)
    expect(only).toContain(PAIRED.name)
    for (const other of NOT_PAIRED) expect(only).not.toContain(other.name)
    await fitsTheScreen(helper)
    await shot(helper, 'helper-list-360')

    await helper.getByRole('link', { name: new RegExp(PAIRED.name) }).click()
    await expect.poll(() => helper.getByTestId('child-title').textContent()).toBe(PAIRED.name)
    await expect.poll(() => selectedLabel(helper.getByLabel('班级'))).toBe(PAIRED.classId)
    await expect.poll(() => status(helper).getAttribute('data-state')).toBe('saved')
  })

  it("never shows a child who is not paired with the helper, even at the child's own address", async () => {
    const other = NOT_PAIRED[0]
    const otherId = idOf(other.name)
    // The file's socket, watched from the browser's side: none carries a byte of the document.
    const sockets: { ws: WebSocket; frames: number }[] = []
    const watch = (ws: WebSocket) => {
      if (!ws.url().includes(otherId)) return
      const entry = { ws, frames: 0 }
      ws.on('framereceived', () => void entry.frames++)
      sockets.push(entry)
    }
    helper.on('websocket', watch)
    try {
      await helper.goto(`${relay.url}/#/child/${otherId}`)
      // The app asks the relay first and says plainly there is no access: no empty file to type into.
      await expect.poll(() => helper.getByTestId('no-access').isVisible(), { timeout: 20_000 }).toBe(true)
      expect(await helper.getByTestId('notes-editor').count()).toBe(0)
      expect(await helper.locator('#f-name').count()).toBe(0)
      expect(sockets.reduce((n, s) => n + s.frames, 0)).toBe(0)
      expect(await helper.locator('main').innerText()).not.toContain(other.name)
      await shot(helper, 'helper-unpaired-child-360')
    } finally {
      helper.off('websocket', watch)
    }
    // Nor does the relay answer for it over HTTP.
    const refused = await helper.evaluate(
      async ([workspace, id]) => {
        const response = await fetch('/api/pull', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ docs: [{ docId: `${workspace}/child/${id}`, stateVector: 'AA==' }] }),
        })
        return response.status
      },
      [WORKSPACE, otherId] as const,
    )
    expect(refused).toBe(403)

    // Back on the list, the device still holds the paired child only.
    await helper.goto(`${relay.url}/#/`)
    await expect.poll(() => listed(helper)).toHaveLength(1)
    expect((await listed(helper)).join('\n')).not.toContain(other.name)
  })

  it('signs in with no network on the same device, refuses a wrong password, and opens the paired child from the device', async () => {
    const pairedUrl = `${relay.url}/#/child/${idOf(PAIRED.name)}`
    await helper.goto(pairedUrl)
    await expect.poll(() => helper.getByTestId('child-title').textContent()).toBe(PAIRED.name)
    await expect.poll(() => status(helper).getAttribute('data-state')).toBe('saved')
    await helper.evaluate(() => navigator.serviceWorker.ready.then(() => true))

    await helperContext.setOffline(true)
    await helper.reload()
    await expect.poll(() => helper.locator('.auth-offline').innerText()).toContain('现在没有网络')
    expect(await helper.locator('.auth-welcome').innerText()).toContain('刘阿姨')

    await submitSignIn(helper, HELPER.username, 'not-the-password')
    await expect.poll(() => signInFailure(helper).innerText()).toBe('用户名或密码不对，请再试一次。')
    expect(await helper.getByTestId('account-name').count()).toBe(0)
    expect(await helper.locator('#signin-password').inputValue()).toBe('')
    // Offline, only the account that signed in on this device last may open it.
    await submitSignIn(helper, COORDINATOR.username, COORDINATOR.password)
    await expect.poll(() => signInFailure(helper).innerText()).toContain('只有上次在这台设备上登录的账号才能登录')
    expect(await helper.getByTestId('account-name').count()).toBe(0)
    await fitsTheScreen(helper)
    await shot(helper, 'signin-offline-360')

    await signInPage(helper, relay.url, { username: HELPER.username, password: HELPER.password })
    expect(await helper.getByTestId('offline-signin').isVisible()).toBe(true)
    // The deep link survived the sign-in, and the file opens from the device.
    expect(helper.url()).toBe(pairedUrl)
    await expect.poll(() => helper.getByTestId('child-title').textContent()).toBe(PAIRED.name)
    expect(await selectedLabel(helper.getByLabel('班级'))).toBe(PAIRED.classId)
    expect(await status(helper).getAttribute('data-state')).toBe('offline')
    await fitsTheScreen(helper)
    await shot(helper, 'helper-offline-child-360')
  })

  it('warns before signing out over an unsent change; cancel keeps it; confirming leaves nothing of the workspace on the device', async () => {
    // Still offline: a note the relay has not got.
    await helper.getByRole('tab', { name: '个案笔记' }).click()
    await helper.getByTestId('notes-editor').click()
    await helper.keyboard.type(HELPER_NOTE)
    await expect.poll(() => status(helper).getAttribute('data-pending')).not.toBe('0')
    const pending = await status(helper).getAttribute('data-pending')

    await helper.getByTestId('logout').click()
    const unsent = helper.getByTestId('logout-unsent')
    await unsent.waitFor()
    // One file touched, however many keystrokes were stored: counted as a person would (SPEC S8).
    expect(Number(await unsent.getAttribute('data-count'))).toBe(1)
    expect(await unsent.innerText()).toContain('还有 1 份档案的修改')
    expect(await unsent.innerText()).toContain(PAIRED.name)
    await shot(helper, 'logout-warning-360')
    await helper.getByRole('button', { name: '取消' }).click()
    await expect.poll(() => helper.locator('dialog.logout-dialog').evaluate((d) => (d as HTMLDialogElement).open)).toBe(false)
    // Nothing was touched: still signed in, the note and its pending change still there.
    expect(await helper.getByTestId('account-name').isVisible()).toBe(true)
    expect(await helper.getByTestId('notes-editor').innerText()).toContain(HELPER_NOTE)
    // (Rows of the last keystrokes may still be landing: the count can only have grown.)
    expect(Number(await status(helper).getAttribute('data-pending'))).toBeGreaterThanOrEqual(Number(pending))

    await helper.getByTestId('logout').click()
    await helper.getByTestId('logout-confirm').click()
    await helper.locator('#signin-username').waitFor({ state: 'visible' })
    const left = () =>
      helper.evaluate(async () => ({
        databases: (await indexedDB.databases()).map((d) => d.name),
        localStorage: localStorage.length,
      }))
    await expect.poll(left).toEqual({ databases: [], localStorage: 0 })
    // The next person on this phone finds an empty sign-in form, with no name filled in.
    expect(await helper.locator('#signin-username').inputValue()).toBe('')
    expect(await helper.locator('.auth-welcome').count()).toBe(0)

    // The relay was out of reach when the helper signed out: back online, the browser's old
    // session cookie must not sign the next person in as the helper.
    await helperContext.setOffline(false)
    await helper.reload()
    await helper.locator('#signin-username').waitFor({ state: 'visible' })
    expect(await helper.getByTestId('account-name').count()).toBe(0)
    await fitsTheScreen(helper)
    await shot(helper, 'signin-360')
    await expect.poll(() => helper.evaluate(() => fetch('/api/auth/me').then((r) => r.status))).toBe(401)
    await expect.poll(left).toEqual({ databases: [], localStorage: 0 })
  })
})
