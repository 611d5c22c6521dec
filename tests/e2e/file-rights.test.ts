/**
 * A coordinator's two buttons on a child's page, in the built app: "export for the guardian"
 * downloads the whole file as text in the coordinator's language; "erase" asks first, naming
 * the child and saying it cannot be undone, then the file is gone from the relay and the page.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { childDocumentId, newId, toWorkspaceId } from '../../shared/doc-id'
import { launchChromium } from '../helpers/browser'
import { makeDataDir, startTestRelay, type TestRelay } from '../helpers/relay'
import { signInPage } from '../helpers/sign-in'
import { WHOLE_FILE, writeWholeFile } from '../helpers/whole-file'

const STATIC_DIR = join(process.cwd(), 'dist/client')
const WORKSPACE = toWorkspaceId('default')
const CHILD = newId()
const DOC_ID = childDocumentId(WORKSPACE, CHILD)

// SPEC E4, SPEC E7
describe('browser: export and erase a child’s file', () => {
  let data: ReturnType<typeof makeDataDir>
  let relay: TestRelay
  let browser: Browser
  let page: Page

  beforeAll(async () => {
    if (!existsSync(join(STATIC_DIR, 'index.html'))) throw new Error('build the client first: npm run build')
    data = makeDataDir()
    relay = await startTestRelay(data.dir, 0, { staticDir: STATIC_DIR })
    const doc = new Y.Doc()
    writeWholeFile(doc)
    await relay.store.append([{ docId: DOC_ID, update: Y.encodeStateAsUpdate(doc) }])
    browser = await launchChromium()
    page = await (await browser.newContext({ locale: 'zh-CN', acceptDownloads: true })).newPage()
    const setup = relay.setupToken()
    if (!setup) throw new Error('a relay on an empty data folder has a setup token')
    await signInPage(page, relay.url, { setup, workspace: WORKSPACE, username: 'wang', displayName: '王校长', password: 'wang-password-1' })
  })
  afterAll(async () => {
    await browser?.close()
    await relay?.stop()
    data?.remove()
  })

  it('downloads the whole file as text, in the coordinator’s language', async () => {
    await page.goto(`${relay.url}/#/child/${CHILD}`)
    await expect.poll(() => page.getByTestId('child-title').innerText()).toBe(WHOLE_FILE.name)
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-file').click()])
    expect(download.suggestedFilename()).toMatch(new RegExp(`^守望-${WHOLE_FILE.name}-\\d{4}-\\d{2}-\\d{2}\\.txt$`))
    const text = readFileSync(await download.path(), 'utf8')
    for (const line of [`姓名：${WHOLE_FILE.name}`, `父亲电话：${WHOLE_FILE.fatherPhone}`, `  情绪：${WHOLE_FILE.recordText}`, WHOLE_FILE.notes]) {
      expect(text.split('\n')).toContain(line)
    }
    expect(relay.access.auditForDoc(WORKSPACE, DOC_ID).some((e) => e.action === 'exported')).toBe(true)
  })

  it('erases only once confirmed, after naming the child and saying it cannot be undone', async () => {
    await page.getByTestId('erase-file').click()
    const confirm = page.getByTestId('erase-confirm')
    await expect.poll(() => confirm.innerText()).toContain(WHOLE_FILE.name)
    expect(await confirm.innerText()).toContain('无法撤销')
    // Cancel first: nothing happens.
    await page.getByRole('button', { name: '取消' }).click()
    expect(await confirm.count()).toBe(0)
    expect((await relay.store.load(DOC_ID)).updates.length).toBeGreaterThan(0)

    await page.getByTestId('erase-file').click()
    await page.getByTestId('erase-confirmed').click()
    // The page leaves for the list, which no longer has the child.
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#/')
    await expect.poll(async () => relay.store.erasedAmong([DOC_ID])).toEqual(new Set([DOC_ID]))
    await expect.poll(() => page.locator('main').innerText()).not.toContain(WHOLE_FILE.name)
    // A link to it now says it was erased.
    await page.goto(`${relay.url}/#/child/${CHILD}`)
    await expect.poll(() => page.getByTestId('erased').isVisible()).toBe(true)
  })
})
