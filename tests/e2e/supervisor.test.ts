/**
 * Publishing to supervisors in the built app on a 360 px phone (SPEC J4, J5): a coordinator
 * publishes two terms' figures from 发布给上级; a supervisor signs in on another phone, sees the
 * terms with a report, reads one with its labels, compares the two terms side by side, and
 * downloads the .xlsx, whose numbers (read back with exceljs here in Node) are the figures the
 * relay holds as published. The relay's audit trail shows the supervisor opened no child's file.
 */
import ExcelJS from 'exceljs'
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { SessionResponse } from '../../shared/auth-api'
import { todayIsoDate, type IsoDate } from '../../shared/dates'
import { childDocumentId, reportDocumentId, settingsDocumentId, toWorkspaceId } from '../../shared/doc-id'
import { createChildFile, type EditContext } from '../../shared/docs/child/child'
import { addRecord } from '../../shared/docs/child/records'
import { readReport } from '../../shared/docs/report/report'
import type { PublishedFigures } from '../../shared/docs/report/edition'
import { addClass, addSchool, addTerm, setCurrentTerm } from '../../shared/docs/settings/organisation'
import { WORKSPACE, authorOf, invite, setUpCoordinator } from '../helpers/accounts'
import { launchChromium } from '../helpers/browser'
import { connectClient, waitFor, waitSynced } from '../helpers/clients'
import { makeDataDir, startTestRelay, type TestRelay } from '../helpers/relay'
import { signInPage } from '../helpers/sign-in'
import { loadStoredDoc } from '../helpers/stored-doc'

const STATIC_DIR = join(process.cwd(), 'dist/client')
const WIDTH = 360
const WS = toWorkspaceId(WORKSPACE)
const ARTIFACTS = join(process.cwd(), '.tmp')
const SPRING = '2026-spring'
const AUTUMN = '2026-autumn'
const CHILDREN = [
  { id: 'c-li', name: '李小红', gender: 'female', birthDate: '2017-05-01', talks: ['2026-03-15', '2026-10-10', '2026-11-05'] },
  { id: 'c-wang', name: '王小明', gender: 'male', birthDate: '2016-01-01', talks: ['2026-10-20'] },
  { id: 'c-zhang', name: '张伟', gender: 'male', birthDate: '2012-03-03', talks: [] },
] as const

describe('browser: a coordinator publishes, a supervisor reads, compares and exports', () => {
  let data: ReturnType<typeof makeDataDir>
  let relay: TestRelay
  let browser: Browser
  let coordinator: SessionResponse
  let supervisor: SessionResponse
  let office: Page
  let phone: Page

  const fitsTheScreen = async (page: Page) => expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(WIDTH)
  const newPhone = async () => (await browser.newContext({ locale: 'zh-CN', viewport: { width: WIDTH, height: 740 }, acceptDownloads: true })).newPage()
  const published = async (term: string) => readReport(await loadStoredDoc(relay.store, reportDocumentId(WS, term))).latest
  /** The cells of the figure row labelled `label` (the first one), from the value columns on. */
  const cellsOf = (sheet: ExcelJS.Worksheet, label: string): unknown[] => {
    let found: unknown[] = []
    sheet.eachRow((row) => {
      if (found.length === 0 && row.getCell(1).value === label) found = (row.values as unknown[]).slice(2)
    })
    return found
  }

  beforeAll(async () => {
    if (!existsSync(join(STATIC_DIR, 'index.html'))) throw new Error('build the client first: npm run build')
    mkdirSync(ARTIFACTS, { recursive: true })
    data = makeDataDir()
    relay = await startTestRelay(data.dir, 0, { staticDir: STATIC_DIR })
    coordinator = await setUpCoordinator(relay)
    supervisor = await invite(relay, coordinator.token, 'supervisor', 'zhao', '赵督导')
    // The organisation, as the coordinator's 组织 page writes it: one school, one class, two terms.
    const settings = connectClient(relay.url, settingsDocumentId(WS), new Y.Doc(), coordinator.token)
    await waitSynced(settings)
    const school = addSchool(settings.doc, { name: '东山镇中心小学' })
    if (!('id' in school)) throw new Error('no school')
    const cls = addClass(settings.doc, { schoolId: school.id, grade: 3, section: '1', pupils: 40 })
    if (!('id' in cls)) throw new Error('no class')
    addTerm(settings.doc, { code: SPRING, start: '2026-02-20', end: '2026-07-10' })
    addTerm(settings.doc, { code: AUTUMN, start: '2026-09-01', end: '2027-01-20' })
    setCurrentTerm(settings.doc, AUTUMN)
    await waitFor(async () => (await loadStoredDoc(relay.store, settingsDocumentId(WS))).getMap('terms').size === 2, 'the terms on the relay')
    settings.destroy()
    // Three children's files with their talks, as the class teacher's phone would have sent them.
    const ctx: EditContext = { author: authorOf(coordinator), today: todayIsoDate(), now: Date.now() }
    await relay.store.append(
      CHILDREN.map((c) => {
        const doc = new Y.Doc()
        createChildFile(doc, { name: c.name, gender: c.gender, birthDate: c.birthDate, classId: cls.id }, ctx)
        for (const date of c.talks) addRecord(doc, { type: 'talk', date: date as IsoDate, fields: { mood: '开心' } }, ctx)
        return { docId: childDocumentId(WS, c.id), update: Y.encodeStateAsUpdate(doc) }
      }),
    )
    browser = await launchChromium()
    office = await newPhone()
    await signInPage(office, relay.url, { username: 'wang', password: 'coordinator-pass' })
  }, 60_000)
  afterAll(async () => {
    await browser?.close()
    await relay?.stop()
    data?.remove()
  })

  it('J4: the coordinator sees what will be published, publishes two terms, and a school offline; the page says when, and while it waits', async () => {
    await expect.poll(() => office.getByTestId('child-list').locator('.child-name').count(), { timeout: 20_000 }).toBe(3)
    for (const term of [SPRING, AUTUMN]) {
      await office.goto(`${relay.url}/#/publish/${term}`)
      await expect.poll(() => office.getByTestId('publish-last').innerText()).toBe('这个范围还没有发布过。')
      await expect.poll(() => office.locator('[data-figure="leftBehind"] td').first().innerText(), { timeout: 20_000 }).toBe('3')
      await office.getByTestId('publish-button').click()
      await expect.poll(() => office.getByTestId('publish-last').innerText()).toContain('发布人：王校長')
      await expect.poll(async () => (await published(term)).length, { timeout: 20_000 }).toBe(1)
      await expect.poll(() => office.getByTestId('publish-waiting').count()).toBe(0)
    }
    expect(await office.getByTestId('publish-button').innerText()).toBe('重新发布')
    // Offline: the school's edition is kept on the phone and the page says it waits; back online, it is sent.
    await office.context().setOffline(true)
    await office.locator('#publish-scope').selectOption({ label: '东山镇中心小学' })
    await expect.poll(() => office.getByTestId('publish-last').innerText()).toBe('这个范围还没有发布过。')
    await office.getByTestId('publish-button').click()
    await expect.poll(() => office.getByTestId('publish-waiting').count()).toBe(1)
    await expect.poll(() => office.getByTestId('publish-last').innerText()).toContain('发布人：王校長')
    expect(await published(AUTUMN)).toHaveLength(1)
    await office.screenshot({ path: join(ARTIFACTS, 'publish-offline-360.png') })
    await office.context().setOffline(false)
    await expect.poll(async () => (await published(AUTUMN)).length, { timeout: 30_000 }).toBe(2)
    await expect.poll(() => office.getByTestId('publish-waiting').count(), { timeout: 30_000 }).toBe(0)
    await fitsTheScreen(office)
    await office.screenshot({ path: join(ARTIFACTS, 'publish-360.png'), fullPage: true })
    const [spring] = await published(SPRING)
    const [autumn, school] = await published(AUTUMN)
    expect(school?.scope).toMatchObject({ kind: 'school', schoolName: '东山镇中心小学' })
    expect(school?.figures.leftBehind).toBe(3)
    expect(spring?.figures.records).toEqual({ talk: 1 })
    expect(autumn?.figures.records).toEqual({ talk: 3 })
  }, 90_000)

  it('J5: the supervisor sees the terms with a report, one report with its labels, and compares two terms side by side', async () => {
    phone = await newPhone()
    await signInPage(phone, relay.url, { username: 'zhao', password: 'zhao-password' })
    await expect.poll(() => phone.getByTestId('report-terms').locator('li').count(), { timeout: 30_000 }).toBe(2)
    expect(await phone.getByTestId('report-terms').locator('button').allInnerTexts()).toEqual(['2026年秋季学期', '2026年春季学期'])
    const figures = phone.getByTestId('report-figures')
    expect(await figures.locator('[data-figure="leftBehind"] th').innerText()).toContain('留守儿童人数')
    expect(await figures.locator('[data-figure="leftBehind"] td').allInnerTexts()).toEqual(['3'])
    expect(await figures.locator('[data-figure="records.talk"] td').allInnerTexts()).toEqual(['3'])
    expect(await figures.locator('[data-figure="gender.female"] th').innerText()).toBe('女')
    await figures.locator('[data-figure="filing"] summary').click()
    expect(await figures.locator('[data-figure="filing"] details p').innerText()).toContain('建档率没有全国统一公式')
    expect(await phone.getByTestId('report-published').innerText()).toContain('王校長')
    // No child's name anywhere on the page.
    for (const child of CHILDREN) expect(await phone.locator('body').innerText()).not.toContain(child.name)
    await fitsTheScreen(phone)
    await phone.screenshot({ path: join(ARTIFACTS, 'supervisor-report-360.png'), fullPage: true })

    await phone.locator('#report-compare').selectOption(SPRING)
    await expect.poll(() => figures.locator('thead th').allInnerTexts()).toEqual(['指标', '2026年秋季学期', '2026年春季学期'])
    expect(await figures.locator('[data-figure="records.talk"] td').allInnerTexts()).toEqual(['3', '1'])
    expect(await figures.locator('[data-figure="leftBehind"] td').allInnerTexts()).toEqual(['3', '3'])
    await fitsTheScreen(phone)
    await phone.screenshot({ path: join(ARTIFACTS, 'supervisor-compare-360.png'), fullPage: true })
  }, 90_000)

  it('J5: the .xlsx holds the published figures, both terms, and the supervisor opened no child’s file', async () => {
    const [download] = await Promise.all([phone.waitForEvent('download'), phone.getByTestId('report-export').click()])
    expect(download.suggestedFilename()).toBe(`学期报告-${AUTUMN}-${SPRING}-整个工作区.xlsx`)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(readFileSync(await download.path()) as unknown as ArrayBuffer)
    const sheet = workbook.worksheets[0]
    if (!sheet) throw new Error('no sheet')
    const [autumn] = await published(AUTUMN)
    const [spring] = await published(SPRING)
    const both = [autumn?.figures, spring?.figures] as PublishedFigures[]
    // Each term: its value, then a rate's count and base (report-xlsx.ts).
    const byTerm = (cells: unknown[]) => [cells.slice(0, 3), cells.slice(3, 6)]
    expect(byTerm(cellsOf(sheet, '留守儿童人数')).map((c) => c[0])).toEqual(both.map((f) => f.leftBehind))
    expect(byTerm(cellsOf(sheet, '建档率'))).toEqual(both.map((f) => [f.filing.rate, f.filing.count, f.filing.of]))
    expect(byTerm(cellsOf(sheet, '结对帮扶覆盖率'))).toEqual(both.map((f) => [f.pairingCoverage.rate, f.pairingCoverage.count, f.pairingCoverage.of]))
    expect(byTerm(cellsOf(sheet, '谈心')).map((c) => c[0])).toEqual(both.map((f) => f.records.talk ?? 0))
    expect(byTerm(cellsOf(sheet, '女')).map((c) => c[0])).toEqual(both.map((f) => f.gender.female ?? 0))
    expect(byTerm(cellsOf(sheet, '开展的活动')).map((c) => c[0])).toEqual(both.map((f) => f.activities.length))
    const text = JSON.stringify(sheet.getSheetValues())
    for (const child of CHILDREN) expect(text).not.toContain(child.name)
    // Under the table: who published each term's figures, one line a term, in the reader's words.
    // (a merged note reads back in every cell it spans: count the lines, not the cells)
    expect(new Set(text.match(/[^"]*学期：发布于 [^"]*，发布人：[^"]*/g)).size).toBe(2)

    // An address of a child's file or the plan shows the reports: nothing asks the relay for them.
    for (const address of [`#/child/${CHILDREN[0].id}`, `#/plan/${AUTUMN}`, '#/pairings']) {
      await phone.goto(`${relay.url}/${address}`)
      await phone.getByTestId('supervisor-home').waitFor({ state: 'visible' })
    }
    const trail = relay.access.auditForUser(WORKSPACE, supervisor.user.id)
    expect(trail.filter((e) => e.docId?.includes('/child/'))).toEqual([])
  }, 60_000)
})
