/**
 * A coordinator on a phone (360 px) removes a member, after a confirmation that names them, and
 * reads the workspace's audit trail with names, not ids (docs/SPEC.md M3, M8).
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { childDocumentId, newId, toWorkspaceId } from '../../shared/doc-id'
import { invite, postOk } from '../helpers/accounts'
import { launchChromium } from '../helpers/browser'
import { makeDataDir, startTestRelay, type TestRelay } from '../helpers/relay'
import { signInPage } from '../helpers/sign-in'
import { WHOLE_FILE, writeWholeFile } from '../helpers/whole-file'

const STATIC_DIR = join(process.cwd(), 'dist/client')
const WIDTH = 360
const WORKSPACE = toWorkspaceId('default')
const CHILD = newId()
const DOC_ID = childDocumentId(WORKSPACE, CHILD)
const COORDINATOR = { username: 'wang', displayName: '王校长', password: 'wang-password-1' }

// SPEC M3, SPEC M8
describe('browser: removing a member and reading the trail', () => {
  let data: ReturnType<typeof makeDataDir>
  let relay: TestRelay
  let browser: Browser
  let page: Page
  let helperId: string

  const fitsTheScreen = async () => expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(WIDTH)

  beforeAll(async () => {
    if (!existsSync(join(STATIC_DIR, 'index.html'))) throw new Error('build the client first: npm run build')
    data = makeDataDir()
    relay = await startTestRelay(data.dir, 0, { staticDir: STATIC_DIR })
    const doc = new Y.Doc()
    writeWholeFile(doc)
    await relay.store.append([{ docId: DOC_ID, update: Y.encodeStateAsUpdate(doc) }])
    browser = await launchChromium()
    page = await (await browser.newContext({ locale: 'zh-CN', viewport: { width: WIDTH, height: 740 }, acceptDownloads: true })).newPage()
    const setup = relay.setupToken()
    if (!setup) throw new Error('a relay on an empty data folder has a setup token')
    await signInPage(page, relay.url, { setup, workspace: WORKSPACE, ...COORDINATOR })
    // A helper, paired with the child, who looked at the file on their own device.
    const coordinator = (await postOk<{ token: string }>(relay, '/api/auth/login', COORDINATOR)).token
    const helper = await invite(relay, coordinator, 'helper', 'zhao', '赵阿姨')
    helperId = helper.user.id
    await postOk(relay, '/api/admin/pairings', { userId: helperId, childId: CHILD, paired: true }, coordinator)
    await postOk(relay, '/api/audit', { docId: DOC_ID, action: 'viewed' }, helper.token)
  })
  afterAll(async () => {
    await browser?.close()
    await relay?.stop()
    data?.remove()
  })

  it('removes a member only once confirmed, naming them', async () => {
    await page.goto(`${relay.url}/#/members`)
    const card = page.locator('[data-testid="member"][data-username="zhao"]')
    await expect.poll(() => card.getByTestId('member-pairs').innerText()).toContain('1')
    await card.getByTestId('member-remove').click()
    await expect.poll(() => card.getByRole('alert').first().innerText()).toContain('赵阿姨')
    await fitsTheScreen()
    await card.getByRole('button', { name: '取消' }).click()
    expect(relay.access.isRemoved(helperId)).toBe(false)

    await card.getByTestId('member-remove').click()
    await card.getByTestId('member-remove-confirm').click()
    await expect.poll(() => card.count()).toBe(0)
    expect(relay.access.isRemoved(helperId)).toBe(true)
    // Their own last coordinator cannot step down: the page says why.
    const self = page.locator('[data-testid="member"][data-username="wang"]')
    await self.locator('select[id^="role-"]').selectOption('teacher')
    await expect.poll(() => self.locator('.auth-failure').innerText()).toContain('至少要保留一位协调员')
  })

  it('shows the workspace trail with the names of the person and the child', async () => {
    // A new start runs a background round, which brings the directory with the removal.
    await page.reload()
    await page.goto(`${relay.url}/#/members`)
    await page.getByTestId('workspace-audit').click()
    const rows = page.getByTestId('audit-row')
    await expect.poll(() => rows.allInnerTexts().then((t) => t.join('\n'))).toContain('赵阿姨（已移除）')
    const texts = await rows.allInnerTexts()
    const viewed = texts.find((t) => t.includes('赵阿姨'))
    expect(viewed).toContain('查看')
    await expect.poll(async () => (await rows.allInnerTexts()).find((t) => t.includes('赵阿姨'))).toContain(WHOLE_FILE.name)
    expect(texts.join('\n')).not.toContain(helperId)
    await fitsTheScreen()
  })
})
