/**
 * What is due, in the built app on a 360 px phone (SPEC U4, U10–U12): a coordinator reads the
 * care rules in words, has a wrong visit count refused and switches a rule off; a teacher's
 * first page lists the overdue talk of the child in their class who had none last month (and
 * not the one who had), whose one tap opens the talk form; saved with the phone offline, the
 * task leaves the list with no network, and the talk reaches the relay once it is back; the
 * child's file shows the rules it meets; the coordinator sees the teacher's overdue count.
 */
import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { dayBefore, todayIsoDate, type IsoDate } from '../../shared/dates'
import { childDocumentId, newId, toWorkspaceId } from '../../shared/doc-id'
import { createChildFile, type EditContext } from '../../shared/docs/child/child'
import { addRecord, readRecords } from '../../shared/docs/child/records'
import { authorOf, invite, postOk } from '../helpers/accounts'
import { launchChromium } from '../helpers/browser'
import { setUpClasses } from '../helpers/organisation'
import { makeDataDir, startTestRelay, type TestRelay } from '../helpers/relay'
import { signInPage } from '../helpers/sign-in'
import { loadStoredDoc } from '../helpers/stored-doc'

const STATIC_DIR = join(process.cwd(), 'dist/client')
const WIDTH = 360
const WORKSPACE = toWorkspaceId('xishan')
const ARTIFACTS = join(process.cwd(), '.tmp')
const COORDINATOR = { username: 'zhao', displayName: '赵校长', password: 'coordinator-pass-1' }
const TODAY = todayIsoDate()
const LAST_MONTH_END = dayBefore(`${TODAY.slice(0, 8)}01` as IsoDate)
const LAST_MONTH_MID = `${LAST_MONTH_END.slice(0, 8)}15` as IsoDate
// The files were made some weeks ago, before last month ended, so last month's talk was owed.
const MADE = Date.now() - 45 * 86_400_000
const XIAOMING = { id: newId(), name: '王小明' }
const XIAOHONG = { id: newId(), name: '李小红' }

describe('browser: what is due, and recording it offline', () => {
  let data: ReturnType<typeof makeDataDir>
  let relay: TestRelay
  let browser: Browser
  let coordinator: Page
  let teacherContext: BrowserContext
  let teacher: Page

  const fitsTheScreen = async (page: Page) => expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(WIDTH)
  const overdueTalk = (name: string) => teacher.getByTestId('tasks-overdue').getByTestId('task').filter({ hasText: name }).filter({ hasText: '谈心' })

  beforeAll(async () => {
    if (!existsSync(join(STATIC_DIR, 'index.html'))) throw new Error('build the client first: npm run build')
    mkdirSync(ARTIFACTS, { recursive: true })
    data = makeDataDir()
    relay = await startTestRelay(data.dir, 0, { staticDir: STATIC_DIR })
    browser = await launchChromium()
    const phone = { locale: 'zh-CN', viewport: { width: WIDTH, height: 740 } }
    coordinator = await (await browser.newContext(phone)).newPage()
    teacherContext = await browser.newContext(phone)
    teacher = await teacherContext.newPage()
    const setup = relay.setupToken()
    if (!setup) throw new Error('a relay on an empty data folder has a setup token')
    await signInPage(coordinator, relay.url, { setup, workspace: WORKSPACE, ...COORDINATOR })
    const session = await postOk<{ token: string }>(relay, '/api/auth/login', { username: COORDINATOR.username, password: COORDINATOR.password })
    const li = await invite(relay, session.token, 'teacher', 'li', '李老师')
    const classes = await setUpClasses(coordinator, '西山小学', [[3, '1']])
    const classId = classes.get('三年级1班') ?? ''
    await postOk(relay, '/api/admin/classes', { userId: li.user.id, classId, assigned: true }, session.token)
    // Two files of the teacher's class as an import weeks ago made them; 李小红 had her talk last month.
    const ctx: EditContext = { author: { id: '', name: '测试' }, today: TODAY, now: MADE }
    await relay.store.append(
      [XIAOMING, XIAOHONG].map((c) => {
        const doc = new Y.Doc()
        createChildFile(doc, { name: c.name, classId }, ctx)
        if (c === XIAOHONG) addRecord(doc, { type: 'talk', date: LAST_MONTH_MID, notes: '聊了学习' }, { ...ctx, author: authorOf(li) })
        return { docId: childDocumentId(WORKSPACE, c.id), update: Y.encodeStateAsUpdate(doc) }
      }),
    )
    for (const c of [XIAOMING, XIAOHONG]) await postOk(relay, '/api/admin/child-class', { childId: c.id, classId }, session.token)
    await signInPage(teacher, relay.url, { username: 'li', password: 'li-password' })
  }, 90_000)

  afterAll(async () => {
    await browser?.close()
    await relay?.stop()
    data?.remove()
  })

  it('U4: the rules page says each rule in words; a wrong visit count is refused and named; a rule is switched off', async () => {
    await coordinator.goto(`${relay.url}/#/care-rules`)
    const rules = coordinator.getByTestId('rule-list')
    await expect.poll(() => rules.innerText()).toContain('班主任 每月 与每名留守儿童谈心 1 次')
    expect(await rules.innerText()).toContain('班主任 每学期 到每名留守儿童家中家访 2 次')

    const times = coordinator.getByLabel('红色 · 次数')
    await times.fill('0')
    await times.press('Enter')
    await expect.poll(() => coordinator.getByTestId('risk-table').getByRole('alert').innerText()).toBe('应在 1 到 31 之间。')
    await times.fill('2')
    await times.press('Enter')
    await expect.poll(() => coordinator.getByTestId('risk-table').getByRole('alert').count()).toBe(0)
    await coordinator.getByLabel('红色 · 启用').check()

    const guardian = coordinator.getByLabel('启用：任一帮扶人 每月 与每名留守儿童的监护人沟通 1 次')
    await guardian.uncheck()
    await expect.poll(() => guardian.isChecked()).toBe(false)
    // A new rule asking for a made file every month is refused in words, and nothing is added.
    const count = await coordinator.getByTestId('rule').count()
    await coordinator.getByTestId('open-add-rule').click()
    const form = coordinator.getByTestId('add-rule')
    await form.getByLabel('做什么').selectOption('filed')
    await form.getByLabel('多久一次').selectOption('month')
    await form.getByRole('button', { name: '保存规则' }).click()
    await expect.poll(() => form.getByRole('alert').allInnerTexts()).toEqual(['建档要求每学期一次，在学期第一个月内完成：请选“每学期”、1 次。', '没有保存：请检查标出的项目。'])
    await fitsTheScreen(coordinator)
    await coordinator.screenshot({ path: join(ARTIFACTS, 'care-rules-form-360.png'), fullPage: true })
    await form.getByRole('button', { name: '取消' }).click()
    expect(await coordinator.getByTestId('rule').count()).toBe(count)
    await fitsTheScreen(coordinator)
    await coordinator.screenshot({ path: join(ARTIFACTS, 'care-rules-360.png'), fullPage: true })
  }, 60_000)

  it('U10: a teacher’s first page lists the overdue talk of the child who had none last month, and not of the one who had', async () => {
    await teacher.goto(`${relay.url}/#/`)
    await expect.poll(() => overdueTalk(XIAOMING.name).count(), { timeout: 30_000 }).toBe(1)
    // Her file is on the device (her parent contact is overdue), with last month's talk in it: that task is done.
    await expect.poll(() => teacher.getByTestId('tasks-overdue').getByTestId('task').filter({ hasText: XIAOHONG.name }).count(), { timeout: 20_000 }).toBe(1)
    expect(await overdueTalk(XIAOHONG.name).count()).toBe(0)
    // The coordinator switched the guardian contacts off: none are asked of anyone.
    await expect.poll(() => teacher.getByTestId('tasks-panel').innerText(), { timeout: 20_000 }).not.toContain('监护人沟通')
    expect(await teacher.getByTestId('child-list').locator('.child-name').count()).toBe(2)
    await fitsTheScreen(teacher)
    await teacher.screenshot({ path: join(ARTIFACTS, 'tasks-360.png'), fullPage: true })
  }, 60_000)

  it('U12: the coordinator sees each helper’s overdue count, the teacher by name, before the talk is recorded', async () => {
    await coordinator.goto(`${relay.url}/#/tasks`)
    // A catch-up round now, for the files made on the relay after this page loaded.
    await coordinator.reload()
    const list = coordinator.getByTestId('helper-overdue')
    // Last month's two parent contacts, which anyone may make, then the teacher's one talk (王小明's): most first.
    await expect.poll(() => list.innerText(), { timeout: 20_000 }).toBe('任一帮扶人\n逾期 2 项\n李老师\n逾期 1 项')
    const teacherRow = list.locator(':scope > li').filter({ hasText: '李老师' })
    await teacherRow.locator('summary').click()
    await expect.poll(() => teacherRow.locator('li').allInnerTexts()).toEqual([expect.stringContaining('王小明：谈心')])
    await fitsTheScreen(coordinator)
    await coordinator.screenshot({ path: join(ARTIFACTS, 'tasks-overview-360.png'), fullPage: true })
  }, 60_000)

  it('U10: recorded from its task with the phone offline, the talk clears that task with no network', async () => {
    await teacherContext.setOffline(true)
    expect(await teacher.evaluate(() => navigator.onLine)).toBe(false)
    const others = await teacher.getByTestId('tasks-overdue').getByTestId('task').count()
    await overdueTalk(XIAOMING.name).getByRole('link', { name: '记录谈心' }).click()
    await expect.poll(() => teacher.locator('#new-record-type').inputValue()).toBe('talk')
    expect(await teacher.getByTestId('record-period').innerText()).toContain('这项待办只算日期在')
    await teacher.locator('#new-record-date').fill(LAST_MONTH_END)
    await teacher.locator('#new-record-mood').fill('有点想妈妈，聊完好多了')
    await fitsTheScreen(teacher)
    await teacher.screenshot({ path: join(ARTIFACTS, 'task-record-form-360.png'), fullPage: true })
    await teacher.getByRole('button', { name: '保存' }).click()

    // Back on the first page: that task is gone, every other overdue one is still there.
    await expect.poll(() => new URL(teacher.url()).hash).toBe('#/')
    // Polled on the whole list, which is empty while the page loads and older until the index follows the save.
    await expect.poll(() => teacher.getByTestId('tasks-overdue').getByTestId('task').count(), { timeout: 20_000 }).toBe(others - 1)
    expect(await overdueTalk(XIAOMING.name).count()).toBe(0)
    expect(await teacher.evaluate(() => navigator.onLine)).toBe(false)

    await teacherContext.setOffline(false)
    const docId = childDocumentId(WORKSPACE, XIAOMING.id)
    await expect
      .poll(async () => readRecords(await loadStoredDoc(relay.store, docId)).map((r) => [r.type, r.date]), { timeout: 30_000 })
      .toEqual([['talk', LAST_MONTH_END]])
    // Back online, the settings the coordinator changed are not taken for the teacher's own writes (SPEC A8).
    await expect.poll(() => teacher.getByTestId('sync-status').getAttribute('data-state'), { timeout: 20_000 }).toBe('saved')
    expect(await teacher.getByTestId('refused-notice').count()).toBe(0)
  }, 90_000)

  it('U11: the child’s file shows which rules it meets this month and which it missed', async () => {
    await teacher.goto(`${relay.url}/#/child/${XIAOMING.id}`)
    await teacher.locator('#tab-records').click()
    const status = teacher.getByTestId('care-status')
    await expect.poll(() => status.innerText(), { timeout: 20_000 }).toContain('班主任 每月 与每名留守儿童谈心 1 次')
    const monthly = status.locator('li').filter({ hasText: '班主任 每月 与每名留守儿童谈心 1 次' })
    expect(await monthly.innerText()).toContain('待完成')
    expect(await monthly.innerText()).toContain('本月')
    expect(await status.innerText()).toContain('已逾期')
    await fitsTheScreen(teacher)
    await teacher.screenshot({ path: join(ARTIFACTS, 'child-care-status-360.png'), fullPage: true })
  }, 60_000)

})
