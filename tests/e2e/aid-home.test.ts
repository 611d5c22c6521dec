/**
 * Gifts and the children's home in the built app on a 360 px phone (SPEC G1, G2, G4–G6): a
 * coordinator gives one round to a class's children (one amount, one child's changed, a wrong
 * amount refused first and named), sees the total in yuan, and finds the aid record on a
 * child's file; then logs a session of the children's home with a call to a parent, which shows
 * on that child's file as a parent contact.
 */
import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { todayIsoDate } from '../../shared/dates'
import { childDocumentId, newId, toWorkspaceId } from '../../shared/doc-id'
import { createChildFile, type EditContext } from '../../shared/docs/child/child'
import { launchChromium } from '../helpers/browser'
import { setUpClasses } from '../helpers/organisation'
import { makeDataDir, startTestRelay, type TestRelay } from '../helpers/relay'
import { signInPage } from '../helpers/sign-in'

const STATIC_DIR = join(process.cwd(), 'dist/client')
const WIDTH = 360
const WORKSPACE = toWorkspaceId('dongshan')
const ARTIFACTS = join(process.cwd(), '.tmp')
const TERM = '2027-spring'
const CTX: EditContext = { author: { id: '', name: '测试' }, today: todayIsoDate(), now: Date.now() }
const FOUR_ONE = ['王小一', '李小二', '张小三', '刘小四', '陈小五', '杨小六'].map((name) => ({ id: newId(), name }))
const FOUR_TWO = ['赵小七', '黄小八', '周小九'].map((name) => ({ id: newId(), name }))

describe('browser: a gift round and the children’s home', () => {
  let data: ReturnType<typeof makeDataDir>
  let relay: TestRelay
  let browser: Browser
  let page: Page

  const fitsTheScreen = async () => expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(WIDTH)
  const recordsOf = async (childId: string) => {
    await page.goto(`${relay.url}/#/child/${childId}`)
    await page.locator('#tab-records').click()
    return page.getByTestId('timeline')
  }

  beforeAll(async () => {
    if (!existsSync(join(STATIC_DIR, 'index.html'))) throw new Error('build the client first: npm run build')
    mkdirSync(ARTIFACTS, { recursive: true })
    data = makeDataDir()
    relay = await startTestRelay(data.dir, 0, { staticDir: STATIC_DIR })
    browser = await launchChromium()
    page = await (await browser.newContext({ locale: 'zh-CN', viewport: { width: WIDTH, height: 740 } })).newPage()
    const setup = relay.setupToken()
    if (!setup) throw new Error('a relay on an empty data folder has a setup token')
    await signInPage(page, relay.url, { setup, workspace: WORKSPACE, username: 'wang', displayName: '王校长', password: 'wang-password-1' })
    const classes = await setUpClasses(page, '东山镇中心小学', [[4, '1'], [4, '2']])
    const files = [
      ...FOUR_ONE.map((c) => ({ ...c, classId: classes.get('四年级1班') ?? '' })),
      ...FOUR_TWO.map((c) => ({ ...c, classId: classes.get('四年级2班') ?? '' })),
    ]
    // The files as a roster import on another device would have made them, already on the relay.
    await relay.store.append(
      files.map((c) => {
        const doc = new Y.Doc()
        const errors = createChildFile(doc, { name: c.name, classId: c.classId }, CTX)
        if (Object.keys(errors).length > 0) throw new Error(JSON.stringify(errors))
        return { docId: childDocumentId(WORKSPACE, c.id), update: Y.encodeStateAsUpdate(doc) }
      }),
    )
  }, 60_000)
  afterAll(async () => {
    await browser?.close()
    await relay?.stop()
    data?.remove()
  })

  it('the two classes’ nine files reach the phone', async () => {
    await page.goto(`${relay.url}/#/`)
    await page.reload()
    await expect.poll(() => page.getByTestId('child-list').locator('.child-name').count(), { timeout: 20_000 }).toBe(9)
  })

  it('G1, G2: one round for a class’s children, a wrong amount named first; the total in yuan and an aid record on a child’s file', async () => {
    await page.goto(`${relay.url}/#/aid/${TERM}`)
    await expect.poll(() => page.getByText('本学期还没有慰问或资助发放。').count()).toBe(1)
    await page.locator('#aid-new-title').fill('六一慰问')
    await page.locator('#aid-new-date').fill('2027-06-01')
    await page.locator('#aid-new-kind').selectOption('gift')
    await page.locator('#aid-new-source').fill('县妇联')
    await page.getByRole('button', { name: '开始这次发放' }).click()
    await expect.poll(() => page.locator('#aid-round-title').innerText()).toBe('六一慰问')

    await page.locator('#aid-class').selectOption({ label: '四年级1班' })
    await page.getByRole('button', { name: '加入该班 6 名儿童' }).click()
    await page.locator('#aid-amount').fill('200.5')
    await page.getByLabel('杨小六的金额').fill('1o0')
    await page.getByRole('button', { name: '保存这次发放' }).click()
    await expect.poll(() => page.getByRole('alert').allInnerTexts()).toContain('没有保存任何内容：请检查杨小六的金额。')
    expect(await page.getByTestId('aid-saved-total').innerText()).toContain('0 名儿童')

    await page.getByLabel('杨小六的金额').fill('150')
    await page.getByLabel('杨小六这份的来源').fill('爱心企业')
    await page.getByRole('button', { name: '保存这次发放' }).click()
    await expect.poll(() => page.getByRole('status').allInnerTexts(), { timeout: 20_000 }).toContain('已保存：6 名儿童的档案记下了这次资助。')
    // 5 × 200.50 + 150 = 1,152.50
    expect(await page.getByTestId('aid-saved-total').innerText()).toBe('6 名儿童 · 合计 ¥1,152.50')
    await fitsTheScreen()
    await page.screenshot({ path: join(ARTIFACTS, 'aid-round-360.png'), fullPage: true })

    await page.getByRole('link', { name: '全部发放' }).click()
    await expect.poll(() => page.getByTestId('aid-rounds').innerText()).toContain('6 名儿童 · 合计 ¥1,152.50')

    const timeline = await recordsOf(FOUR_ONE[0]?.id ?? '')
    await expect.poll(() => timeline.innerText(), { timeout: 20_000 }).toContain('资助慰问')
    expect(await timeline.innerText()).toContain('¥200.50')
    expect(await timeline.innerText()).toContain('县妇联')
    const other = await recordsOf(FOUR_ONE[5]?.id ?? '')
    await expect.poll(() => other.innerText()).toContain('爱心企业')
    expect(await other.innerText()).toContain('¥150.00')
  }, 90_000)

  it('G4, G5, G6: an opening with who is on duty, a session with a child who came and a call to a parent, shown on the child’s file', async () => {
    await page.goto(`${relay.url}/#/home/${TERM}`)
    await page.locator('#home-weekday').selectOption('3')
    await page.locator('#home-from').fill('15:30')
    await page.locator('#home-to').fill('17:30')
    await expect.poll(() => page.locator('#home-duty option').allInnerTexts(), { timeout: 20_000 }).toContain('王校长')
    await page.locator('#home-duty').selectOption({ label: '王校长' })
    await page.getByRole('button', { name: '添加开放时间' }).click()
    await expect.poll(() => page.getByTestId('home-openings').innerText()).toBe('星期三 15:30–17:30 · 值班：王校长\n移除')

    await page.locator('#home-did').fill('写作业，读绘本')
    await page.getByRole('button', { name: '记录本次活动' }).click()
    const session = page.getByTestId('home-session')
    await expect.poll(() => session.count()).toBe(1)
    expect(await session.innerText()).toContain('写作业，读绘本')
    await session.locator('input[type="search"]').fill('赵小')
    await session.getByRole('button', { name: '加入赵小七' }).click()
    await expect.poll(() => session.innerText()).toContain('来了 1 名儿童')

    await session.getByRole('button', { name: '给家长打电话' }).click()
    await page.locator('#call-who').fill('母亲')
    await page.locator('#call-minutes').fill('8')
    await page.locator('#call-note').fill('说了期中考试，妈妈很高兴')
    await page.getByRole('button', { name: '保存通话' }).click()
    await expect.poll(() => session.getByTestId('home-call').innerText(), { timeout: 20_000 }).toContain('已通话：母亲 · 8 分钟')
    await fitsTheScreen()
    await page.screenshot({ path: join(ARTIFACTS, 'childrens-home-360.png'), fullPage: true })

    const timeline = await recordsOf(FOUR_TWO[0]?.id ?? '')
    await expect.poll(() => timeline.innerText(), { timeout: 20_000 }).toContain('亲情联系')
    expect(await timeline.innerText()).toContain('说了期中考试，妈妈很高兴')
  }, 90_000)
})
