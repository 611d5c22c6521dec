/**
 * The figures page and the term summary in the built app on a 360 px phone (SPEC Z5–Z8): a
 * coordinator whose workspace (two schools, three classes with pupil counts, a current term,
 * five children's files with records and aid) is on the relay sees the left-behind count, 建檔率
 * with its definition visible and a chart drawn as SVG; filtering by a school gives the test's
 * own count; the summary page downloads the .docx and the .xlsx, whose figures are the ones the
 * page showed.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { IsoDate } from '../../shared/dates'
import { childDocumentId, newId, settingsDocumentId, toWorkspaceId } from '../../shared/doc-id'
import { createChildFile, type EditContext } from '../../shared/docs/child/child'
import { addRecord } from '../../shared/docs/child/records'
import { addClass, addSchool, addTerm, readOrganisation, setCurrentTerm } from '../../shared/docs/settings/organisation'
import { ApiPath } from '../../shared/auth-api'
import { invite, postOk, setUpCoordinator, WORKSPACE } from '../helpers/accounts'
import { launchChromium } from '../helpers/browser'
import { connectClient, waitFor, waitSynced } from '../helpers/clients'
import { readDocx } from '../helpers/office-read'
import { makeDataDir, startTestRelay, type TestRelay } from '../helpers/relay'
import { signInPage } from '../helpers/sign-in'

const STATIC_DIR = join(process.cwd(), 'dist/client')
const WIDTH = 360
const todayIso = () => new Date().toISOString().slice(0, 10)
const ARTIFACTS = join(process.cwd(), '.tmp')
const WS = toWorkspaceId(WORKSPACE)
const CTX: EditContext = { author: { id: '', name: '测试' }, today: '2026-12-02' as IsoDate, now: Date.UTC(2026, 11, 2) }
const MADE = { 'guardian.name': '王奶奶', 'guardian.phone': '13800138000', 'consent.date': '2026-09-02', parentsAway: 'both', gender: 'female', birthDate: '2017-05-01', schoolingStatus: 'enrolled' }

type School = 'east' | 'west'
interface Fixture {
  id: string
  name: string
  school: School
  klass: 'e31' | 'e32' | 'w11'
  fields: Record<string, string>
  complete: boolean
}
const FILES: Fixture[] = [
  { id: newId(), name: '王小一', school: 'east', klass: 'e31', fields: { ...MADE, careArrangement: 'grandparents' }, complete: true },
  { id: newId(), name: '李小二', school: 'east', klass: 'e31', fields: { ...MADE, careArrangement: 'grandparents', 'consent.date': '' }, complete: false },
  { id: newId(), name: '张小三', school: 'east', klass: 'e32', fields: { ...MADE, careArrangement: 'relatives' }, complete: true },
  { id: newId(), name: '赵小七', school: 'west', klass: 'w11', fields: { ...MADE, careArrangement: 'other' }, complete: true },
  { id: newId(), name: '黄小八', school: 'west', klass: 'w11', fields: { ...MADE, careArrangement: 'grandparents', 'guardian.phone': '' }, complete: false },
]

describe('browser: the figures page and the term summary', () => {
  let data: ReturnType<typeof makeDataDir>
  let relay: TestRelay
  let browser: Browser
  let page: Page
  /** What the figures page showed for each figure, by row key. */
  let shown: Record<string, string> = {}

  const fitsTheScreen = async () => expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(WIDTH)

  beforeAll(async () => {
    if (!existsSync(join(STATIC_DIR, 'index.html'))) throw new Error('build the client first: npm run build')
    mkdirSync(ARTIFACTS, { recursive: true })
    data = makeDataDir()
    relay = await startTestRelay(data.dir, 0, { staticDir: STATIC_DIR })
    const { token } = await setUpCoordinator(relay)

    // The organisation, written by the coordinator's other device through the relay.
    const settings = connectClient(relay.url, settingsDocumentId(WS), new Y.Doc(), token)
    await waitSynced(settings)
    const id = (result: { id: string } | { errors: unknown }) => ('id' in result ? result.id : (() => { throw new Error(JSON.stringify(result.errors)) })())
    const east = id(addSchool(settings.doc, { name: '东山镇中心小学' }))
    const west = id(addSchool(settings.doc, { name: '西岭村教学点' }))
    const classes: Record<Fixture['klass'], string> = {
      e31: id(addClass(settings.doc, { schoolId: east, grade: 3, section: '1', pupils: 40 })),
      e32: id(addClass(settings.doc, { schoolId: east, grade: 3, section: '2', pupils: 38 })),
      w11: id(addClass(settings.doc, { schoolId: west, grade: 1, section: '1', pupils: 12 })),
    }
    addTerm(settings.doc, { code: '2026-spring', start: '2026-02-20', end: '2026-07-10' })
    addTerm(settings.doc, { code: '2026-autumn', start: '2026-09-01', end: '2027-01-20' })
    setCurrentTerm(settings.doc, '2026-autumn')
    const reader = connectClient(relay.url, settingsDocumentId(WS), new Y.Doc(), token)
    await waitFor(() => readOrganisation(reader.doc).classes.length === 3 && readOrganisation(reader.doc).currentTerm === '2026-autumn', 'the organisation on the relay')
    settings.destroy()
    reader.destroy()

    // The children's files as another device made them, already on the relay.
    await relay.store.append(
      FILES.map((f, i) => {
        const doc = new Y.Doc()
        const fields = Object.fromEntries(Object.entries({ name: f.name, classId: classes[f.klass], ...f.fields }).filter(([, v]) => v !== ''))
        const errors = createChildFile(doc, fields, CTX)
        if (Object.keys(errors).length > 0) throw new Error(JSON.stringify(errors))
        if (i === 0) addRecord(doc, { type: 'talk', date: '2026-10-10' }, CTX)
        if (i < 3) addRecord(doc, { type: 'talk', date: '2026-04-10' }, CTX)
        if (i === 1) addRecord(doc, { type: 'aid', date: '2026-11-20', fields: { kind: 'gift', amountYuan: 200.5, source: '县妇联' } }, CTX)
        if (i === 3) addRecord(doc, { type: 'homeVisit', date: '2026-11-05' }, CTX)
        return { docId: childDocumentId(WS, f.id), update: Y.encodeStateAsUpdate(doc) }
      }),
    )
    for (const f of FILES) await postOk(relay, ApiPath.childClass, { childId: f.id, classId: classes[f.klass] }, token)
    // The class teacher of 西岭村教学点's 一年级1班.
    const zhou = await invite(relay, token, 'teacher', 'zhou', '周老师')
    await postOk(relay, '/api/admin/classes', { userId: zhou.user.id, classId: classes.w11, assigned: true }, token)

    browser = await launchChromium()
    page = await (await browser.newContext({ locale: 'zh-CN', viewport: { width: WIDTH, height: 740 }, acceptDownloads: true })).newPage()
    await signInPage(page, relay.url, { username: 'wang', password: 'coordinator-pass' })
  }, 90_000)
  afterAll(async () => {
    await browser?.close()
    await relay?.stop()
    data?.remove()
  })

  it('the five files reach the phone', async () => {
    await page.goto(`${relay.url}/#/`)
    await expect.poll(() => page.getByTestId('child-list').locator('.child-name').count(), { timeout: 30_000 }).toBe(FILES.length)
  })

  it('SPEC Z5: the figures page shows the left-behind count, 建檔率 with its definition, and a chart drawn as SVG', async () => {
    await page.getByTestId('figures-link').click()
    await expect.poll(() => page.getByTestId('figure-leftBehind').innerText(), { timeout: 20_000 }).toBe(String(FILES.length))
    const complete = FILES.filter((f) => f.complete).length
    expect(await page.getByTestId('figure-filing').innerText()).toBe(`${Math.round((complete / FILES.length) * 100)}%`)
    const definition = page.locator('[data-figure="filing"] .fig-def')
    expect(await definition.isVisible()).toBe(true)
    expect(await definition.innerText()).toContain('建档率没有全国统一公式')
    await expect.poll(() => page.locator('[data-testid="chart-careArrangement"] svg path').count()).toBeGreaterThan(2)
    expect(await page.getByTestId('figure-careArrangement.grandparents').innerText()).toBe(String(FILES.filter((f) => f.fields.careArrangement === 'grandparents').length))
    expect(await page.getByTestId('figure-aidTotalYuan').innerText()).toBe('¥200.50')
    // Against the rules (SPEC Z9): this term's talks, the children they reached, and the default
    // monthly class-teacher talk judged per child and month since the files were made (2 December):
    // no class teacher is known, so each child's class owes one; the running month is still open.
    const months = (Number(todayIso().slice(0, 4)) - 2026) * 12 + Number(todayIso().slice(5, 7)) - 11
    const overdue = FILES.length * (months - 1)
    expect(await page.getByTestId('rules-term-talk').innerText()).toBe(
      `1 次\n1 名儿童\n完成 0 / ${FILES.length * months} 项${overdue > 0 ? ` · 逾期 ${overdue} 项` : ''} · 进行中 ${FILES.length} 项`,
    )
    await fitsTheScreen()
    await page.getByTestId('against-rules').screenshot({ path: join(ARTIFACTS, 'figures-rules-360.png') })
    await page.screenshot({ path: join(ARTIFACTS, 'figures-360.png'), fullPage: true })
    shown = Object.fromEntries(
      await page.locator('[data-testid^="figure-"]').evaluateAll((cells) => cells.map((c) => [c.getAttribute('data-testid')?.slice('figure-'.length) ?? '', (c as HTMLElement).innerText])),
    )
    expect(Object.keys(shown).length).toBeGreaterThan(40)
  }, 60_000)

  it('SPEC Z2: filtered by a school, the page counts that school’s children only', async () => {
    await page.locator('#fig-school').selectOption({ label: '西岭村教学点' })
    const west = FILES.filter((f) => f.school === 'west')
    await expect.poll(() => page.getByTestId('figure-leftBehind').innerText()).toBe(String(west.length))
    expect(await page.getByTestId('figure-pupils').innerText()).toBe('12')
    expect(await page.getByTestId('figure-filing').innerText()).toBe(`${Math.round((west.filter((f) => f.complete).length / west.length) * 100)}%`)
    await fitsTheScreen()
    await page.locator('#fig-school').selectOption('')
    await expect.poll(() => page.getByTestId('figure-leftBehind').innerText()).toBe(String(FILES.length))
  })

  it('SPEC Z5: another term is shown beside each figure, with the change', async () => {
    await page.locator('#fig-compare').selectOption({ label: '2026年春季学期' })
    await expect.poll(() => page.getByTestId('compare-leftBehind').innerText()).toBe(`2026年春季学期：${FILES.length} · 变化 0`)
    const talks = page.locator('[data-figure="records"] tr', { hasText: '谈心' })
    // One talk this term, three in the spring.
    expect(await talks.innerText()).toBe('谈心\t1\t3\t-2')
    await fitsTheScreen()
    await page.screenshot({ path: join(ARTIFACTS, 'figures-compare-360.png'), fullPage: true })
    await page.getByRole('button', { name: '不比较' }).click()
    await expect.poll(() => page.getByTestId('compare-leftBehind').count()).toBe(0)
  })

  it('SPEC Z8: the summary page downloads the .docx and the .xlsx, and their figures are the page’s', async () => {
    await page.getByTestId('summary-link').click()
    const docxButton = page.getByTestId('download-docx')
    await expect.poll(() => docxButton.isEnabled(), { timeout: 20_000 }).toBe(true)
    expect(await page.getByTestId('summary-outline').innerText()).toContain('（请在此填写本学期的工作目标……）')
    await fitsTheScreen()
    await page.screenshot({ path: join(ARTIFACTS, 'summary-360.png'), fullPage: true })

    const [docxDownload] = await Promise.all([page.waitForEvent('download'), docxButton.click()])
    expect(docxDownload.suggestedFilename()).toBe('工作总结（2026年秋季学期）.docx')
    const docx = readDocx(new Uint8Array(readFileSync((await docxDownload.path()) ?? '')))
    await expect.poll(() => page.getByTestId('summary-progress').innerText()).toContain('已生成')
    const table = docx.tables[0] ?? []
    const byLabel = new Map(table.map((row) => [row[0]?.trim() ?? '', row[1]?.split('\n')[0] ?? '']))
    expect(byLabel.get('留守儿童人数')).toBe(shown.leftBehind)
    expect(byLabel.get('建档率')).toBe(shown.filing)
    expect(byLabel.get('资助总额')).toBe(shown.aidTotalYuan)
    // Every valued row of the .docx's table is a value the page showed, in the page's order.
    const docValues = table.slice(1).map((row) => row[1]?.split('\n')[0] ?? '').filter((v) => v !== '')
    expect(docValues).toEqual(Object.values(shown))

    const [xlsxDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-xlsx').click()])
    expect(xlsxDownload.suggestedFilename()).toBe('统计表（2026年秋季学期）.xlsx')
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(readFileSync((await xlsxDownload.path()) ?? '') as unknown as Parameters<typeof workbook.xlsx.load>[0])
    const sheet = workbook.getWorksheet('统计')
    const rows: [string, unknown, string][] = []
    sheet?.eachRow((row, n) => n > 1 && rows.push([String(row.getCell(1).value).trim(), row.getCell(2).value, String(row.getCell(3).value ?? '')]))
    expect(rows.filter((r) => r[2] !== '').map((r) => r[2].split(' · ')[0])).toEqual(Object.values(shown))
    expect(rows.find((r) => r[0] === '留守儿童人数')?.[1]).toBe(FILES.length)
    expect(rows.find((r) => r[0] === '建档率')?.[1]).toBe(FILES.filter((f) => f.complete).length / FILES.length)
    expect(workbook.getWorksheet('留守儿童名单')?.actualRowCount).toBe(FILES.length + 1)
  }, 90_000)

  it('SPEC Z5: a class teacher’s figures are of their own class, pupils too, and offer no summary', async () => {
    const teacher = await (await browser.newContext({ locale: 'zh-CN', viewport: { width: WIDTH, height: 740 } })).newPage()
    await signInPage(teacher, relay.url, { username: 'zhou', password: 'zhou-password' })
    await teacher.getByTestId('figures-link').click()
    const west = FILES.filter((f) => f.klass === 'w11')
    await expect.poll(() => teacher.getByTestId('figure-leftBehind').innerText(), { timeout: 30_000 }).toBe(String(west.length))
    expect(await teacher.getByTestId('figure-pupils').innerText()).toBe('12')
    expect(await teacher.getByTestId('summary-link').count()).toBe(0)
    expect(await teacher.locator('#fig-class option').allInnerTexts()).toEqual(['全部', '一年级1班'])
    expect(await teacher.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(WIDTH)
    await teacher.screenshot({ path: join(ARTIFACTS, 'figures-teacher-360.png'), fullPage: true })
    await teacher.context().close()
  }, 90_000)

  it('SPEC Z6: offline, the figures page draws its charts and the summary’s .docx is still made on the phone', async () => {
    await page.goto(`${relay.url}/#/figures`)
    await expect.poll(() => page.getByTestId('figure-leftBehind').innerText()).toBe(String(FILES.length))
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => true))
    await page.context().setOffline(true)
    try {
      await page.reload()
      await signInPage(page, relay.url, { username: 'wang', password: 'coordinator-pass' })
      await expect.poll(() => page.getByTestId('figure-leftBehind').innerText(), { timeout: 20_000 }).toBe(String(FILES.length))
      await expect.poll(() => page.locator('[data-testid="chart-recordsByMonth"] svg').count()).toBe(1)
      await page.getByTestId('summary-link').click()
      await expect.poll(() => page.getByTestId('download-docx').isEnabled(), { timeout: 20_000 }).toBe(true)
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-docx').click()])
      const docx = readDocx(new Uint8Array(readFileSync((await download.path()) ?? '')))
      expect(docx.tables[0]?.find((row) => row[0] === '留守儿童人数')?.[1]).toBe(shown.leftBehind)
    } finally {
      await page.context().setOffline(false)
    }
  }, 90_000)
})
