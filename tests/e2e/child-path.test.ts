/**
 * In Chromium at 360 px (SPEC H1, H2, H4, H7): a class teacher marks a child 不再留守 from a
 * date; the list no longer shows the child by default, the status filter finds them, and
 * their page shows the status and its date. The guardian's phone is a tap to call.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { ApiPath } from '../../shared/auth-api'
import { currentPath } from '../../shared/docs/child/child-path'
import { invite, postOk } from '../helpers/accounts'
import { launchChromium } from '../helpers/browser'
import { writeChild } from '../helpers/child-file'
import { makeDataDir, startTestRelay, type TestRelay } from '../helpers/relay'
import { signInPage } from '../helpers/sign-in'
import { loadStoredDoc } from '../helpers/stored-doc'

const STATIC_DIR = join(process.cwd(), 'dist/client')
const WORKSPACE = 'hongxing'
const COORDINATOR = { username: 'chen', displayName: '陈校长', password: 'coordinator-pass-1' }
const CHILDREN = [
  { id: 'c-home', name: '李小红', phone: '13800138000' },
  { id: 'c-stay', name: '王小明', phone: '0731-88886666' },
]

describe('browser: a child’s path', () => {
  let data: ReturnType<typeof makeDataDir>
  let relay: TestRelay
  let browser: Browser
  let teacher: Page

  beforeAll(async () => {
    if (!existsSync(join(STATIC_DIR, 'index.html'))) throw new Error('build the client first: npm run build')
    data = makeDataDir()
    relay = await startTestRelay(data.dir, 0, { staticDir: STATIC_DIR })
    browser = await launchChromium()
    const coordinator = await (await browser.newContext({ locale: 'zh-CN' })).newPage()
    const setup = relay.setupToken()
    if (!setup) throw new Error('a relay on an empty data folder has a setup token')
    await signInPage(coordinator, relay.url, { setup, workspace: WORKSPACE, ...COORDINATOR })
    const session = await postOk<{ token: string }>(relay, '/api/auth/login', { username: COORDINATOR.username, password: COORDINATOR.password })
    const li = await invite(relay, session.token, 'teacher', 'li', '李老师')
    await postOk(relay, '/api/admin/classes', { userId: li.user.id, classId: 'class-3', assigned: true }, session.token)
    for (const child of CHILDREN) {
      const doc = new Y.Doc()
      writeChild(doc, { name: child.name, classId: 'class-3', 'guardian.phone': child.phone })
      await relay.store.append([{ docId: `${WORKSPACE}/child/${child.id}`, update: Y.encodeStateAsUpdate(doc) }])
      await postOk(relay, ApiPath.childClass, { childId: child.id, classId: 'class-3' }, session.token)
    }
    teacher = await (await browser.newContext({ locale: 'zh-CN', viewport: { width: 360, height: 740 } })).newPage()
    await signInPage(teacher, relay.url, { username: 'li', password: 'li-password' })
  })

  afterAll(async () => {
    await browser?.close()
    await relay?.stop()
    data?.remove()
  })

  const listNames = () => teacher.getByTestId('child-list').locator('.child-name').allInnerTexts()

  // SPEC H1, H2, H4, H7
  it('H4: a class teacher marks a child 不再留守 with a date; the list hides them by default and the filter finds them', async () => {
    await expect.poll(async () => (await listNames()).length, { timeout: 20_000 }).toBe(2)
    await teacher.getByRole('link', { name: /李小红/ }).click()
    await expect.poll(() => teacher.getByTestId('child-title').textContent()).toBe('李小红')
    expect(await teacher.getByTestId('path-current').innerText()).toBe('在档')
    // The guardian's phone dials from the page.
    expect(await teacher.getByTestId('call-links').locator('a').getAttribute('href')).toBe('tel:13800138000')

    await teacher.getByRole('button', { name: '更改状态' }).click()
    await teacher.getByLabel('新的状态').selectOption({ label: '不再留守' })
    await teacher.getByLabel('从哪天起').fill('2025-09-01')
    await teacher.getByLabel('备注（可不填）').fill('母亲回乡工作')
    await teacher.getByRole('button', { name: '保存状态' }).click()
    await expect.poll(() => teacher.getByTestId('path-current').innerText()).toBe('不再留守')
    expect(await teacher.getByTestId('path-since').innerText()).toBe('自 2025年9月1日 起')
    // Nothing on the page is wider than the phone.
    expect(await teacher.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
    await expect.poll(async () => currentPath(await loadStoredDoc(relay.store, `${WORKSPACE}/child/c-home`)).status, { timeout: 20_000 }).toBe('noLongerLeftBehind')

    await teacher.getByRole('link', { name: /返回/ }).click()
    await expect.poll(listNames).toEqual(['王小明'])
    await teacher.getByTestId('status-filter').selectOption({ label: '不再留守的儿童' })
    await expect.poll(async () => (await listNames()).map((n) => n.replace(/\s+/g, ''))).toEqual(['李小红不再留守'])

    await teacher.getByRole('link', { name: /李小红/ }).click()
    await expect.poll(() => teacher.getByTestId('path-current').innerText()).toBe('不再留守')
    expect(await teacher.getByTestId('path-since').innerText()).toBe('自 2025年9月1日 起')
    await teacher.getByText('状态记录（1 条）').click()
    expect(await teacher.getByTestId('path-history').innerText()).toContain('母亲回乡工作')
  })
})
