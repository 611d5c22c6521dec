/**
 * The turn of the year in Chromium at 360 px (SPEC Y7, Y1, Y4): on a small workspace (one
 * school, 五年级 and 六年级, the spring term current) a coordinator opens the rollover from the
 * organisation page, reads the preview (the class moving up, the class leaving, the child who
 * finishes school), confirms, and sees it done; the relay then holds the moved grades, the
 * leaver's status and the new term's plan. A teacher is told the page is for coordinators.
 */
import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { ApiPath } from '../../shared/auth-api'
import { currentPath } from '../../shared/docs/child/child-path'
import { isPlanCreated } from '../../shared/docs/plan/plan'
import { addClass, addSchool, addTerm, readOrganisation } from '../../shared/docs/settings/organisation'
import { invite, postOk } from '../helpers/accounts'
import { launchChromium } from '../helpers/browser'
import { writeChild } from '../helpers/child-file'
import { makeDataDir, startTestRelay, type TestRelay } from '../helpers/relay'
import { signInPage } from '../helpers/sign-in'
import { loadStoredDoc } from '../helpers/stored-doc'

const STATIC_DIR = join(process.cwd(), 'dist/client')
const WORKSPACE = 'shimen'
const WIDTH = 360
const COORDINATOR = { username: 'chen', displayName: '陈校长', password: 'coordinator-pass-1' }
const ARTIFACTS = join(process.cwd(), '.tmp')

describe('browser: the turn of the year', () => {
  let data: ReturnType<typeof makeDataDir>
  let relay: TestRelay
  let browser: Browser
  let coordinator: Page
  const cls: Record<string, string> = {}

  const fitsTheScreen = async (page: Page) => expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(WIDTH)

  beforeAll(async () => {
    if (!existsSync(join(STATIC_DIR, 'index.html'))) throw new Error('build the client first: npm run build')
    mkdirSync(ARTIFACTS, { recursive: true })
    data = makeDataDir()
    relay = await startTestRelay(data.dir, 0, { staticDir: STATIC_DIR })
    browser = await launchChromium()
    coordinator = await (await browser.newContext({ locale: 'zh-CN', viewport: { width: WIDTH, height: 740 } })).newPage()
    const setup = relay.setupToken()
    if (!setup) throw new Error('a relay on an empty data folder has a setup token')
    await signInPage(coordinator, relay.url, { setup, workspace: WORKSPACE, ...COORDINATOR })
    const session = await postOk<{ token: string }>(relay, '/api/auth/login', { username: COORDINATOR.username, password: COORDINATOR.password })

    const settings = new Y.Doc()
    const school = addSchool(settings, { name: '石门小学' })
    if (!('id' in school)) throw new Error('school')
    for (const g of [5, 6]) {
      const added = addClass(settings, { schoolId: school.id, grade: g, section: '1' })
      if ('id' in added) cls[`g${g}`] = added.id
    }
    addTerm(settings, { code: '2026-spring', start: '2026-02-20', end: '2026-07-10' })
    await relay.store.append([{ docId: `${WORKSPACE}/settings`, update: Y.encodeStateAsUpdate(settings) }])
    for (const [id, name, key] of [['c-leave', '李小红', 'g6'], ['c-stay', '王小明', 'g5']] as const) {
      const doc = new Y.Doc()
      writeChild(doc, { name, classId: cls[key] })
      await relay.store.append([{ docId: `${WORKSPACE}/child/${id}`, update: Y.encodeStateAsUpdate(doc) }])
      await postOk(relay, ApiPath.childClass, { childId: id, classId: cls[key] }, session.token)
    }
    await invite(relay, session.token, 'teacher', 'li', '李老师')
  })
  afterAll(async () => {
    await browser?.close()
    await relay?.stop()
    data?.remove()
  })

  // SPEC Y7, Y1, Y4
  it('Y7: a coordinator previews the rollover at 360 px, confirms it, and the relay holds the result', async () => {
    const base = new URL(coordinator.url()).origin
    // The children reach the device first: the preview names them from its index.
    await coordinator.goto(`${base}/#/`)
    await coordinator.reload()
    await expect.poll(() => coordinator.getByTestId('child-list').locator('.child-name').count(), { timeout: 20_000 }).toBe(2)
    await coordinator.goto(`${base}/#/organisation`)
    await coordinator.getByTestId('open-rollover').click()
    await expect.poll(() => coordinator.locator('h1').innerText()).toBe('开始新学期')
    await expect.poll(() => coordinator.getByTestId('rollover-term').innerText(), { timeout: 20_000 }).toContain('2026年秋季学期')
    expect(await coordinator.getByTestId('rollover-start').inputValue()).toBe('2026-09-01')
    expect(await coordinator.getByTestId('rollover-moves').locator('tbody tr').allInnerTexts()).toEqual(['五年级1班\t六年级1班'])
    expect(await coordinator.getByTestId('rollover-leaving').innerText()).toContain('六年级1班')
    expect(await coordinator.getByTestId('rollover-leavers').locator('tbody tr').allInnerTexts()).toEqual(['李小红\t六年级1班'])
    expect(await coordinator.getByTestId('rollover-plan').innerText()).toContain('模板')
    expect(await coordinator.getByTestId('rollover-attention').innerText()).toContain('一年级')
    await fitsTheScreen(coordinator)
    await coordinator.screenshot({ path: join(ARTIFACTS, 'e2e-rollover-preview.png'), fullPage: true })

    await coordinator.getByTestId('rollover-review').click()
    expect(await coordinator.getByTestId('rollover-confirm').innerText()).toContain('1个班升级，1个班归档，1个孩子毕业')
    await fitsTheScreen(coordinator)
    await coordinator.getByTestId('rollover-confirm-button').click()
    await expect.poll(() => coordinator.getByTestId('rollover-done').isVisible(), { timeout: 20_000 }).toBe(true)
    expect(await coordinator.getByTestId('rollover-review').count()).toBe(0)
    await coordinator.screenshot({ path: join(ARTIFACTS, 'e2e-rollover-done.png'), fullPage: true })

    await expect
      .poll(async () => readOrganisation(await loadStoredDoc(relay.store, `${WORKSPACE}/settings`)).classes.map((c) => `${c.grade}${c.archived ? ' archived' : ''}`).sort(), { timeout: 20_000 })
      .toEqual(['6', '6 archived'])
    await expect.poll(async () => currentPath(await loadStoredDoc(relay.store, `${WORKSPACE}/child/c-leave`)).status, { timeout: 20_000 }).toBe('finishedSchool')
    expect(currentPath(await loadStoredDoc(relay.store, `${WORKSPACE}/child/c-stay`)).status).toBe('active')
    await expect.poll(async () => isPlanCreated(await loadStoredDoc(relay.store, `${WORKSPACE}/plan/2026-autumn`)), { timeout: 20_000 }).toBe(true)
    expect(readOrganisation(await loadStoredDoc(relay.store, `${WORKSPACE}/settings`)).currentTerm).toBe('2026-autumn')
    // Opened again, it offers the term after; the one just started has nothing left to do (SPEC Y4).
    await coordinator.reload()
    await expect.poll(() => coordinator.getByTestId('rollover-term-code').inputValue(), { timeout: 20_000 }).toBe('2027-spring')
    await coordinator.getByTestId('rollover-term-code').selectOption('2026-autumn')
    await expect.poll(() => coordinator.getByTestId('rollover-nothing').isVisible(), { timeout: 20_000 }).toBe(true)
  })

  // SPEC Y7
  it('Y7: a teacher is told that only coordinators start the next term', async () => {
    const teacher = await (await browser.newContext({ locale: 'zh-CN', viewport: { width: WIDTH, height: 740 } })).newPage()
    await signInPage(teacher, relay.url, { username: 'li', password: 'li-password' })
    await teacher.goto(`${new URL(teacher.url()).origin}/#/rollover`)
    await expect.poll(() => teacher.getByTestId('rollover-not-coordinator').isVisible(), { timeout: 20_000 }).toBe(true)
    expect(await teacher.getByTestId('rollover-review').count()).toBe(0)
  })
})
