/**
 * In Chromium: a teacher's new-child form offers only the teacher's own classes (SPEC X3),
 * and a coordinator imports a saved file of kept-aside changes on the members page, which
 * refuses a file that is not one and sends the changes of one that is to the relay (SPEC A13).
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { todayIsoDate } from '../../shared/dates'
import { readChildFile, setChildText } from '../../shared/docs/child/child'
import { writeKeptAsideFile } from '../../shared/kept-aside-file'
import { invite, postOk } from '../helpers/accounts'
import { launchChromium } from '../helpers/browser'
import { makeDataDir, startTestRelay, type TestRelay } from '../helpers/relay'
import { setUpClasses } from '../helpers/organisation'
import { signInPage } from '../helpers/sign-in'
import { loadStoredDoc } from '../helpers/stored-doc'

const STATIC_DIR = join(process.cwd(), 'dist/client')
const WORKSPACE = 'nanshan'
const COORDINATOR = { username: 'chen', displayName: '陈校长', password: 'coordinator-pass-1' }

describe('browser: filing into own classes, importing kept-aside changes', () => {
  let data: ReturnType<typeof makeDataDir>
  let relay: TestRelay
  let browser: Browser
  let coordinator: Page
  let teacher: Page
  let childDocId = ''
  let classes = new Map<string, string>()

  beforeAll(async () => {
    if (!existsSync(join(STATIC_DIR, 'index.html'))) throw new Error('build the client first: npm run build')
    data = makeDataDir()
    relay = await startTestRelay(data.dir, 0, { staticDir: STATIC_DIR })
    browser = await launchChromium()
    const phone = { locale: 'zh-CN', viewport: { width: 360, height: 740 } }
    coordinator = await (await browser.newContext(phone)).newPage()
    teacher = await (await browser.newContext(phone)).newPage()
    const setup = relay.setupToken()
    if (!setup) throw new Error('a relay on an empty data folder has a setup token')
    await signInPage(coordinator, relay.url, { setup, workspace: WORKSPACE, ...COORDINATOR })
    // The coordinator's tools over HTTP, as their own session: a teacher with two classes.
    const session = await postOk<{ token: string }>(relay, '/api/auth/login', { username: COORDINATOR.username, password: COORDINATOR.password })
    const li = await invite(relay, session.token, 'teacher', 'li', '李老师')
    // Three classes of the organisation; the teacher has two of them.
    classes = await setUpClasses(coordinator, '东山小学', [[3, '1'], [1, '1'], [2, '1']])
    for (const classId of [classes.get('三年级1班') ?? '', classes.get('一年级1班') ?? '']) {
      await postOk(relay, '/api/admin/classes', { userId: li.user.id, classId, assigned: true }, session.token)
    }
    await signInPage(teacher, relay.url, { username: 'li', password: 'li-password' })
  })

  afterAll(async () => {
    await browser?.close()
    await relay?.stop()
    data?.remove()
  })

  // SPEC X3
  it("offers a teacher only their own classes, and creates nothing without one", async () => {
    await teacher.getByRole('link', { name: '新建档案' }).click()
    const classField = teacher.locator('select#classId')
    await expect.poll(() => classField.locator('option').allInnerTexts()).toEqual(['选择班级', '一年级1班', '三年级1班'])
    await teacher.getByLabel('姓名').fill('王小明')
    await teacher.getByRole('button', { name: '建档' }).click()
    await expect.poll(() => teacher.locator('#classId-error').innerText()).toBe('请从列表中选择。')
    expect(teacher.url()).toMatch(/#\/new$/)

    await classField.selectOption({ label: '三年级1班' })
    await teacher.getByRole('button', { name: '建档' }).click()
    await expect.poll(() => teacher.getByTestId('child-title').textContent()).toBe('王小明')
    const id = /#\/child\/([A-Za-z0-9_-]+)$/.exec(teacher.url())?.[1]
    childDocId = `${WORKSPACE}/child/${id ?? ''}`
    await expect.poll(async () => readChildFile(await loadStoredDoc(relay.store, childDocId)).fields.name?.value, { timeout: 20_000 }).toBe('王小明')
    expect(await teacher.getByTestId('kept-aside').count()).toBe(0)
  })

  // SPEC A13
  it('a coordinator imports a saved file of kept-aside changes; a file that is not one is refused', async () => {
    await coordinator.goto(`${relay.url}/#/members`)
    const picker = coordinator.locator('#kept-import-file')
    await picker.setInputFiles({ name: 'roster.json', mimeType: 'application/json', buffer: Buffer.from('{"rows": []}') })
    const error = coordinator.getByTestId('kept-import-error')
    await expect.poll(() => error.innerText()).toContain('这不是守望保存的另存修改文件')
    expect(await error.innerText()).toContain('没有导入任何内容')

    // What a helper's phone saved when their pairing ended with this change unsent.
    const kept = new Y.Doc()
    setChildText(kept, 'profile.interests', '喜欢踢足球（另存后导入）', { author: { id: 'h', name: '张妈妈' }, today: todayIsoDate(), now: Date.now() })
    const saved = writeKeptAsideFile([{ docId: childDocId, name: '王小明', at: Date.now(), pendingCount: 1, update: Y.encodeStateAsUpdate(kept) }])
    await picker.setInputFiles({ name: 'shouwang-kept-aside.json', mimeType: 'application/json', buffer: Buffer.from(saved) })
    await expect.poll(() => coordinator.getByTestId('kept-import').locator('[role="status"]').innerText()).toContain('已导入')
    expect(await error.count()).toBe(0)
    await expect
      .poll(async () => readChildFile(await loadStoredDoc(relay.store, childDocId)).texts['profile.interests'], { timeout: 20_000 })
      .toBe('喜欢踢足球（另存后导入）')
  })
})
