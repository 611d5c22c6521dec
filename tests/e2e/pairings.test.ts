/**
 * Pairing a class in one step, in the built app on a 360 px phone: a coordinator sets up a school
 * and a class in 組織, the class's 17 files reach the device, three caring mothers are invited,
 * and one step pairs the class with the three (6/6/5). The who-helps-whom table shows the loads
 * and no child without a helper; a helper's device holds exactly their children, whose 幫扶人 tab
 * shows the pairing, offline after a reload too; a supervisor sees no child and no "offline".
 */
import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { todayIsoDate } from '../../shared/dates'
import { childDocumentId, newId, toWorkspaceId } from '../../shared/doc-id'
import { createChildFile, type EditContext } from '../../shared/docs/child/child'
import { launchChromium } from '../helpers/browser'
import { makeDataDir, startTestRelay, type TestRelay } from '../helpers/relay'
import { createInviteLink, signInPage } from '../helpers/sign-in'

const STATIC_DIR = join(process.cwd(), 'dist/client')
const WIDTH = 360
const WORKSPACE = toWorkspaceId('dongshan')
const ARTIFACTS = join(process.cwd(), '.tmp')
const CTX: EditContext = { author: { id: '', name: '测试' }, today: todayIsoDate(), now: Date.now() }
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '胡', '朱', '高', '林', '何']
const CHILDREN = SURNAMES.map((s, i) => ({ id: newId(), name: `${s}小${'一二三四五六七八九十'[i % 10] ?? ''}${i}` }))
const MOTHERS = [
  { username: 'liu', displayName: '刘阿姨', password: 'liu-password-1' },
  { username: 'chen', displayName: '陈阿姨', password: 'chen-password-1' },
  { username: 'huang', displayName: '黄阿姨', password: 'huang-password-1' },
]
const collator = new Intl.Collator('zh', { numeric: true })
const IN_NAME_ORDER = CHILDREN.map((c) => c.name).sort(collator.compare)

// SPEC W1, SPEC W2, SPEC W3
describe('browser: pairing a class with three caring mothers', () => {
  let data: ReturnType<typeof makeDataDir>
  let relay: TestRelay
  let browser: Browser
  let coordinator: Page
  let helperContext: BrowserContext
  let helper: Page
  let classId = ''

  const newContext = () => browser.newContext({ locale: 'zh-CN', viewport: { width: WIDTH, height: 740 } })
  const fitsTheScreen = async (page: Page) => expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(WIDTH)
  const listed = (page: Page) => page.getByTestId('child-list').locator('.child-name').allInnerTexts()

  beforeAll(async () => {
    if (!existsSync(join(STATIC_DIR, 'index.html'))) throw new Error('build the client first: npm run build')
    mkdirSync(ARTIFACTS, { recursive: true })
    data = makeDataDir()
    relay = await startTestRelay(data.dir, 0, { staticDir: STATIC_DIR })
    browser = await launchChromium()
    coordinator = await (await newContext()).newPage()
    const setup = relay.setupToken()
    if (!setup) throw new Error('a relay on an empty data folder has a setup token')
    await signInPage(coordinator, relay.url, { setup, workspace: WORKSPACE, username: 'wang', displayName: '王校长', password: 'wang-password-1' })
  })
  afterAll(async () => {
    await browser?.close()
    await relay?.stop()
    data?.remove()
  })

  it('a coordinator sets up a school and a class; the class’s 17 files reach the device', async () => {
    await coordinator.getByTestId('organisation-link').click()
    const addSchool = coordinator.getByTestId('add-school')
    await addSchool.locator('input').fill('东山镇中心小学')
    await addSchool.locator('button[type="submit"]').click()
    await coordinator.getByTestId('open-add-class').click()
    const form = coordinator.getByTestId('add-class')
    await form.locator('select').selectOption('3')
    await form.locator('input').nth(0).fill('2')
    await form.locator('button[type="submit"]').click()
    await expect.poll(() => coordinator.getByTestId('org-class').count()).toBe(1)

    await coordinator.getByTestId('pairings-link').click()
    const picker = coordinator.locator('#pair-class')
    await expect.poll(() => picker.locator('option').count()).toBe(2)
    classId = (await picker.locator('option').nth(1).getAttribute('value')) ?? ''
    expect(classId).not.toBe('')
    // The files as a roster import on another device would have made them, already on the relay.
    await relay.store.append(
      CHILDREN.map((c) => {
        const doc = new Y.Doc()
        const errors = createChildFile(doc, { name: c.name, classId }, CTX)
        if (Object.keys(errors).length > 0) throw new Error(JSON.stringify(errors))
        return { docId: childDocumentId(WORKSPACE, c.id), update: Y.encodeStateAsUpdate(doc) }
      }),
    )
    await coordinator.goto(`${relay.url}/#/`)
    await coordinator.reload()
    await expect.poll(() => listed(coordinator), { timeout: 20_000 }).toHaveLength(17)
    // Shown by the class's name, not its id.
    expect(await coordinator.getByTestId('child-list').innerText()).toContain('三年级2班')
  })

  it('three caring mothers are invited', async () => {
    for (const [i, mother] of MOTHERS.entries()) {
      const link = await createInviteLink(coordinator, 'helper')
      const context = await newContext()
      const page = await context.newPage()
      await signInPage(page, relay.url, { invite: link, ...mother })
      if (i === 0) {
        helperContext = context
        helper = page
      } else await context.close()
    }
  })

  it('W2: the coordinator pairs the class with the three in one step, 6/6/5 in name order', async () => {
    await coordinator.goto(`${relay.url}/#/pairings`)
    await expect.poll(() => coordinator.getByTestId('unpaired-count').innerText()).toContain('17')
    await coordinator.locator('#pair-class').selectOption(classId)
    for (const m of MOTHERS) await coordinator.getByLabel(m.displayName).check()
    await coordinator.locator('#pair-kind').selectOption('caringMother')
    const rows = coordinator.getByTestId('share-row')
    await expect.poll(() => rows.count()).toBe(3)
    const preview = await rows.allInnerTexts()
    expect(preview.map((r) => r.split('\n')[0])).toEqual(['刘阿姨：6 名', '陈阿姨：6 名', '黄阿姨：5 名'])
    expect(preview[0]).toContain(IN_NAME_ORDER.slice(0, 6).join('、'))
    await fitsTheScreen(coordinator)
    await coordinator.getByRole('button', { name: '确认结对' }).click()
    await expect.poll(() => coordinator.getByTestId('pair-outcome').innerText(), { timeout: 20_000 }).toBe('已为 17 名儿童结对。')
  })

  it('W1: the who-helps-whom table shows loads 6/6/5 and no child without a helper', async () => {
    const groups = coordinator.getByTestId('helper-group')
    await expect.poll(() => groups.count()).toBe(3)
    const loads = await groups.evaluateAll((els) => els.map((e) => [e.getAttribute('data-helper'), e.querySelector('[data-testid="helper-load"]')?.textContent]))
    expect(Object.fromEntries(loads)).toEqual({ 刘阿姨: '6 名儿童', 陈阿姨: '6 名儿童', 黄阿姨: '5 名儿童' })
    expect(await coordinator.getByTestId('all-paired').isVisible()).toBe(true)
    await fitsTheScreen(coordinator)
    await coordinator.screenshot({ path: join(ARTIFACTS, 'e2e-pairings-360.png'), fullPage: true })
  })

  it('a helper’s device lists exactly their 6 children, and the 幫扶人 tab shows the pairing, offline after a reload too', async () => {
    const mine = IN_NAME_ORDER.slice(0, 6)
    await helper.goto(`${relay.url}/#/`)
    await helper.reload()
    await expect.poll(async () => (await listed(helper)).sort(collator.compare), { timeout: 20_000 }).toEqual(mine)
    await helper.getByRole('link', { name: mine[0] ?? '' }).first().click()
    await helper.locator('#tab-pairings').click()
    const current = helper.getByTestId('pairings-current')
    await expect.poll(() => current.innerText()).toContain('刘阿姨')
    expect(await current.innerText()).toContain('爱心妈妈')
    await expect.poll(() => helper.getByTestId('sync-status').getAttribute('data-state')).toBe('saved')
    await helper.evaluate(() => navigator.serviceWorker.ready.then(() => true))

    await helperContext.setOffline(true)
    await helper.reload()
    await signInPage(helper, relay.url, { username: MOTHERS[0]?.username ?? '', password: MOTHERS[0]?.password ?? '' })
    await helper.locator('#tab-pairings').click()
    await expect.poll(() => helper.getByTestId('pairings-current').innerText()).toContain('刘阿姨')
    await helper.goto(`${relay.url}/#/`)
    await expect.poll(async () => (await listed(helper)).sort(collator.compare)).toEqual(mine)
    await fitsTheScreen(helper)
    // Still offline, the child's contact card prints the pairing with its kind.
    const first = CHILDREN.find((c) => c.name === mine[0])?.id ?? ''
    await helper.goto(`${relay.url}/#/cards?child=${first}`)
    const card = helper.getByTestId('contact-card')
    await expect.poll(() => card.innerText()).toContain('刘阿姨')
    expect(await card.innerText()).toContain('爱心妈妈')
  })

  it('a supervisor’s page shows no "offline" and no child', async () => {
    const supervisor = await (await newContext()).newPage()
    await signInPage(supervisor, relay.url, { invite: await createInviteLink(coordinator, 'supervisor'), username: 'zhao', displayName: '赵督导', password: 'zhao-password-1' })
    await expect.poll(() => supervisor.getByTestId('sync-status').getAttribute('data-state')).toBe('saved')
    const header = await supervisor.locator('.app-header').innerText()
    expect(header).not.toContain('离线')
    const body = await supervisor.locator('body').innerText()
    for (const c of CHILDREN) expect(body).not.toContain(c.name)
    // Their first page says what the role reads, not "wait for a pairing".
    expect(await supervisor.getByTestId('supervisor-home').innerText()).toContain('已发布的报告')
    expect(body).not.toContain('结对')
    await fitsTheScreen(supervisor)
  })

  it('W3: a spreadsheet pairs the rows that match exactly one child and one member, and shows the others skipped with their reason', async () => {
    await coordinator.goto(`${relay.url}/#/pairings`)
    const file = coordinator.locator('#pair-sheet-file')
    await expect.poll(() => file.isEnabled()).toBe(true)
    const csv = ['姓名,帮扶人,类型', `${IN_NAME_ORDER[0] ?? ''},chen,代理家长`, '无此人,chen,', `${IN_NAME_ORDER[1] ?? ''},nobody,`].join('\n')
    await file.setInputFiles({ name: '结对.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) })
    await expect.poll(() => coordinator.getByTestId('sheet-pair').allInnerTexts()).toEqual([`第 2 行：${IN_NAME_ORDER[0] ?? ''} — 陈阿姨（代理家长）`])
    const skipped = await coordinator.getByTestId('sheet-skipped').allInnerTexts()
    expect(skipped).toEqual(['第 3 行：无此人 — chen：本设备上没有相符的儿童', `第 4 行：${IN_NAME_ORDER[1] ?? ''} — nobody：没有相符的帮扶人或教师账号`])
    await fitsTheScreen(coordinator)
    await coordinator.getByRole('button', { name: '结对 1 行' }).click()
    await expect.poll(() => coordinator.getByTestId('sheet-outcome').innerText(), { timeout: 20_000 }).toBe('已为 1 名儿童结对。')
    const chen = coordinator.locator('[data-testid="helper-group"][data-helper="陈阿姨"] [data-testid="helper-load"]')
    await expect.poll(() => chen.innerText()).toBe('7 名儿童')

    // A file that is no spreadsheet is refused as the roster import refuses it, and pairs no one.
    await file.setInputFiles({ name: 'photo.csv', mimeType: 'text/csv', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]) })
    await expect.poll(() => coordinator.getByTestId('sheet-error').innerText()).toContain('这不是表格文件')
    expect(await coordinator.getByTestId('sheet-preview').count()).toBe(0)
  })
})
