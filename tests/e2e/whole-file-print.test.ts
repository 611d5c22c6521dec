/**
 * The whole file (一人一檔) on paper, in the built app (SPEC F1–F6): a coordinator opens a child's
 * file with every field set, three records, helpers, a path and formatted notes, follows 打印档案,
 * and Chromium prints it to PDF. The PDF is read back: A4 pages, the child's name and "page n of
 * m" on every page, every field label of the file, the records in date order, the notes, nothing
 * from the bin. A file with only a name prints as a form with every field still there. The page
 * fits a 360 px phone and opens with no network.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { formatDate } from '../../client/ui/format'
import { TRANSLATIONS } from '../../client/i18n/resources'
import { addDays, todayIsoDate, type IsoDate } from '../../shared/dates'
import { childDocumentId, newId, toWorkspaceId } from '../../shared/doc-id'
import { createChildFile } from '../../shared/docs/child/child'
import { CHILD_FIELD_KEYS, CHILD_TEXT_KEYS, FIELD_GROUPS } from '../../shared/docs/child/child-fields'
import { addRecord } from '../../shared/docs/child/records'
import { launchChromium } from '../helpers/browser'
import { setUpClasses } from '../helpers/organisation'
import { A4, readPdf, readableText, squeeze, type PdfPage } from '../helpers/pdf'
import { makeDataDir, startTestRelay, type TestRelay } from '../helpers/relay'
import { createInviteLink, signInPage } from '../helpers/sign-in'
import { EVERY_FIELD, writeEveryField } from '../helpers/whole-file'

const STATIC_DIR = join(process.cwd(), 'dist/client')
/** PDFs and screenshots of the last run, to look at (git ignores .tmp/). */
const ARTIFACTS = join(process.cwd(), '.tmp/whole-file')
const WIDTH = 360
const WORKSPACE = toWorkspaceId('dongshan')
const SCHOOL = '东山镇中心小学'
const COORDINATOR = { username: 'wang', displayName: '王校长', password: 'wang-password-1' }
const FULL = { id: newId(), name: EVERY_FIELD.fields.name }
const BARE = { id: newId(), name: '赵小空' }
/** A file with many records, so that some fall where a page ends. */
const MANY = { id: newId(), name: '孙多多', records: 40 }
const mark = (i: number) => String(i).padStart(2, '0')

/** A zh-Hans string of the app by its key path ('field.labels.father.name'). */
function zh(path: string): string {
  let node: unknown = TRANSLATIONS['zh-Hans']
  for (const part of path.split('.')) node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined
  if (typeof node !== 'string') throw new Error(`no zh-Hans string at ${path}`)
  return node
}
const LABELS = [...CHILD_FIELD_KEYS, ...CHILD_TEXT_KEYS].map((key) => zh(`field.labels.${key}`))
/** Text as the PDF gives it, without white space, so a wrapped label is still found whole. */
const flat = (pages: PdfPage[]) => squeeze(pages.map((p) => p.text).join('\n'))
const same = (text: string) => squeeze(readableText(text))

describe('browser: the whole file printed to PDF', () => {
  let data: ReturnType<typeof makeDataDir>
  let relay: TestRelay
  let browser: Browser
  let context: BrowserContext
  let page: Page

  const printPdf = async (name: string) => {
    await page.evaluate(() => document.fonts.ready.then(() => true))
    const pdf = await page.pdf({ format: 'A4', printBackground: true })
    writeFileSync(join(ARTIFACTS, `${name}.pdf`), pdf)
    return readPdf(pdf)
  }
  const openPrint = async (childId: string) => {
    await page.goto(`${relay.url}/#/child/${childId}/print`)
    await expect.poll(() => page.getByTestId('whole-file').count(), { timeout: 20_000 }).toBe(1)
  }
  const fitsTheScreen = async () => expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(WIDTH)

  beforeAll(async () => {
    if (!existsSync(join(STATIC_DIR, 'index.html'))) throw new Error('build the client first: npm run build')
    mkdirSync(ARTIFACTS, { recursive: true })
    data = makeDataDir()
    relay = await startTestRelay(data.dir, 0, { staticDir: STATIC_DIR })
    browser = await launchChromium()
    context = await browser.newContext({ locale: 'zh-CN', viewport: { width: WIDTH, height: 740 } })
    page = await context.newPage()
    const setup = relay.setupToken()
    if (!setup) throw new Error('a relay on an empty data folder has a setup token')
    await signInPage(page, relay.url, { setup, workspace: WORKSPACE, ...COORDINATOR })
    const classId = (await setUpClasses(page, SCHOOL, [[3, '2']])).get('三年级2班') ?? ''
    const full = new Y.Doc()
    writeEveryField(full, { id: 'u-teacher', name: '李老师' }, classId)
    const bare = new Y.Doc()
    const errors = createChildFile(bare, { name: BARE.name, classId }, { author: { id: 'u-teacher', name: '李老师' }, today: todayIsoDate(), now: Date.now() })
    if (Object.keys(errors).length > 0) throw new Error(JSON.stringify(errors))
    const many = new Y.Doc()
    const teacher = { author: { id: 'u-teacher', name: '李老师' }, today: todayIsoDate(), now: Date.now() }
    createChildFile(many, { name: MANY.name, classId }, teacher)
    for (let i = 0; i < MANY.records; i++) {
      const record = {
        type: 'homeVisit' as const,
        date: addDays('2023-01-02' as IsoDate, i * 7),
        // The first and last words of each record, to find on the paper.
        fields: { visited: `甲${mark(i)}起 奶奶`, guidance: '提醒奶奶每天检查作业，按时接送，注意用电安全。'.repeat(2 + (i % 3)) },
        notes: `孩子最近${i % 2 ? '情绪稳定' : '想念妈妈'}，下次家访再看。甲${mark(i)}止`,
      }
      const added = addRecord(many, record, { ...teacher, now: teacher.now + i })
      if ('errors' in added) throw new Error(JSON.stringify(added.errors))
    }
    // The files as a colleague's device made them, already on the relay.
    await relay.store.append(
      [
        [FULL.id, full],
        [BARE.id, bare],
        [MANY.id, many],
      ].map(([id, doc]) => ({ docId: childDocumentId(WORKSPACE, id as string), update: Y.encodeStateAsUpdate(doc as Y.Doc) })),
    )
    await page.reload()
    await page.waitForFunction((name) => document.querySelector('[data-testid="child-list"]')?.textContent?.includes(name), FULL.name, { timeout: 20_000 })
  }, 90_000)

  afterAll(async () => {
    await browser?.close()
    await relay?.stop()
    data?.remove()
  })

  it('SPEC F1: the child’s page leads to the print view by 打印档案; on a 360 px screen it shows without sideways scrolling', async () => {
    await page.getByRole('link', { name: FULL.name }).click()
    const link = page.getByRole('link', { name: '打印档案' })
    await link.waitFor({ state: 'visible' })
    await fitsTheScreen()
    await page.screenshot({ path: join(ARTIFACTS, 'child-360.png') })
    await link.click()
    await expect.poll(() => page.evaluate(() => location.hash)).toBe(`#/child/${FULL.id}/print`)
    const paper = page.getByTestId('whole-file')
    await expect.poll(() => paper.innerText(), { timeout: 20_000 }).toContain(EVERY_FIELD.texts['iep.measures'])
    // The school and class come with the organisation, which a device just reloaded may still be syncing.
    await expect.poll(() => paper.innerText(), { timeout: 20_000 }).toContain(SCHOOL)
    // The title names a saved PDF: never the child.
    expect(await page.title()).not.toContain(FULL.name)
    await fitsTheScreen()
    await page.screenshot({ path: join(ARTIFACTS, 'screen-360.png'), fullPage: true })
  })

  it('SPEC F2–F5: on A4, the name, school and page n of m on every page, every field label, the records in date order, the notes; nothing from the bin', async () => {
    const pages = await printPdf('full')
    expect(pages.length).toBeGreaterThan(1)
    pages.forEach((p, i) => {
      expect(Math.abs(p.width - A4.width), `width ${p.width}`).toBeLessThan(1.5)
      expect(Math.abs(p.height - A4.height), `height ${p.height}`).toBeLessThan(1.5)
      const text = squeeze(p.text)
      expect(text, `page ${i + 1}`).toContain(same(`${FULL.name} · ${SCHOOL}`))
      expect(text, `page ${i + 1}`).toContain(same(`第 ${i + 1} 页，共 ${pages.length} 页`))
    })
    const all = flat(pages)
    for (const label of LABELS) expect(all, label).toContain(same(label))
    for (const group of FIELD_GROUPS) expect(all, group).toContain(same(zh(`field.groups.${group}`)))
    // Values in the reader's language, the long texts whole.
    for (const value of [EVERY_FIELD.fields['father.workplace'], EVERY_FIELD.fields['guardian.phone'], '祖母/外祖母', '黄（中风险）', '三年级2班', ...Object.values(EVERY_FIELD.texts)]) {
      expect(all, value).toContain(same(value))
    }
    // Every record, oldest first, each followed by its own notes.
    const at = EVERY_FIELD.records.map((r) => all.indexOf(same(formatDate(r.date, 'zh-CN'))))
    expect(at.every((i) => i >= 0), JSON.stringify(at)).toBe(true)
    expect([...at].sort((a, b) => a - b)).toEqual(at)
    EVERY_FIELD.records.forEach((r, i) => {
      const notesAt = all.indexOf(same(r.notes))
      expect(notesAt).toBeGreaterThan(at[i] ?? Infinity)
      expect(notesAt).toBeLessThan(at[i + 1] ?? Infinity)
    })
    expect(all).toContain(same('亲情视频'))
    // Who helps, the path, the notes as text.
    for (const p of EVERY_FIELD.pairings) expect(all).toContain(same(p.name))
    for (const e of EVERY_FIELD.path) expect(all).toContain(same(e.note))
    const { heading, bold, paragraph, items } = EVERY_FIELD.notes
    for (const text of [heading, bold, paragraph, ...items]) expect(all).toContain(same(text))
    expect(all).not.toContain(same(EVERY_FIELD.binnedRecord.fields.ent))
    expect(all).not.toContain(same(EVERY_FIELD.binnedPairing.name))
    // Who printed it; none of the screen's controls.
    expect(all).toContain(same(`${COORDINATOR.displayName} 打印于`))
    expect(all).not.toContain(same('返回档案'))
    expect(all).not.toContain(same('退出登录'))
    expect(all).not.toContain(same(zh('wholefile.printHint')))
  })

  it('SPEC F6: opening the page is in the file’s audit trail as a view, printing it as an export', async () => {
    const docId = childDocumentId(WORKSPACE, FULL.id)
    const coordinatorId = relay.access.userByName(COORDINATOR.username)?.id
    const by = (action: string) => relay.access.auditForDoc(WORKSPACE, docId).filter((e) => e.action === action).map((e) => e.userId)
    await expect.poll(() => by('exported'), { timeout: 20_000 }).toContain(coordinatorId)
    expect(by('viewed')).toContain(coordinatorId)
    // A file nobody printed has no such entry.
    expect(relay.access.auditForDoc(WORKSPACE, childDocumentId(WORKSPACE, BARE.id)).filter((e) => e.action === 'exported')).toEqual([])
  })

  it('SPEC F2: a file with only a name prints as a form: every field label, blank lines, the choices as boxes to tick', async () => {
    await openPrint(BARE.id)
    await expect.poll(() => page.getByTestId('whole-file').innerText()).toContain(BARE.name)
    await fitsTheScreen()
    await page.screenshot({ path: join(ARTIFACTS, 'bare-360.png'), fullPage: true })
    const pages = await printPdf('bare')
    const all = flat(pages)
    for (const label of LABELS) expect(all, label).toContain(same(label))
    for (const option of ['女', '男', '祖辈看护', '亲戚看护', '每周', '红（高风险）', '书面']) expect(all, option).toContain(same(option))
    expect(all).toContain(same(zh('wholefile.noRecords')))
    expect(await page.locator('.wf-box').count()).toBeGreaterThan(10)
  })

  it('SPEC F4: forty records over several pages, none split between two: each begins and ends on one page, in date order', async () => {
    await openPrint(MANY.id)
    await expect.poll(() => page.getByTestId('wf-record').count(), { timeout: 20_000 }).toBe(MANY.records)
    const pages = await printPdf('many')
    expect(pages.length).toBeGreaterThan(3)
    const pageOf = (token: string) => pages.findIndex((p) => squeeze(p.text).includes(token))
    const starts = Array.from({ length: MANY.records }, (_, i) => pageOf(`甲${mark(i)}起`))
    const ends = Array.from({ length: MANY.records }, (_, i) => pageOf(`甲${mark(i)}止`))
    expect(starts.every((p) => p >= 0)).toBe(true)
    expect(ends).toEqual(starts)
    // Oldest first, so the pages only go forward.
    expect([...starts].sort((a, b) => a - b)).toEqual(starts)
    pages.forEach((p, i) => expect(squeeze(p.text), `page ${i + 1}`).toContain(same(`第 ${i + 1} 页，共 ${pages.length} 页`)))
  })

  it('SPEC F2, F4: prints in the reader’s language, the running head and page numbers too', async () => {
    const english = await browser.newContext({ locale: 'en-US', viewport: { width: 1000, height: 900 } })
    try {
      const en = await english.newPage()
      await en.goto(`${relay.url}/#/child/${FULL.id}/print`)
      await signInPage(en, relay.url, { username: COORDINATOR.username, password: COORDINATOR.password })
      await expect.poll(() => en.getByTestId('whole-file').innerText(), { timeout: 20_000 }).toContain(EVERY_FIELD.notes.heading)
      await en.screenshot({ path: join(ARTIFACTS, 'screen-en.png'), fullPage: true })
      const pdf = await en.pdf({ format: 'A4', printBackground: true })
      writeFileSync(join(ARTIFACTS, 'full-en.pdf'), pdf)
      const pages = await readPdf(pdf)
      pages.forEach((p, i) => expect(p.text, `page ${i + 1}`).toContain(`Page ${i + 1} of ${pages.length}`))
      const all = flat(pages)
      for (const words of ["Father's place of work", 'Temporary guardian', 'Grandmother', 'Case notes', 'Status changes', 'Printed by 王校长']) expect(all).toContain(squeeze(words))
      expect(all).not.toContain('档案')
    } finally {
      await english.close()
    }
  })

  it('SPEC F1: a helper paired with neither child does not see the file at its print address, nor a byte of it', async () => {
    const invite = await createInviteLink(page, 'helper')
    const helperContext = await browser.newContext({ locale: 'zh-CN', viewport: { width: WIDTH, height: 740 } })
    try {
      const helper = await helperContext.newPage()
      await signInPage(helper, relay.url, { invite, username: 'liu', displayName: '刘阿姨', password: 'liu-password-1' })
      let frames = 0
      helper.on('websocket', (ws) => ws.url().includes(FULL.id) && ws.on('framereceived', () => void frames++))
      await helper.goto(`${relay.url}/#/child/${FULL.id}/print`)
      await expect.poll(() => helper.getByTestId('no-access').isVisible(), { timeout: 20_000 }).toBe(true)
      expect(await helper.getByTestId('whole-file').count()).toBe(0)
      expect(await helper.locator('main').innerText()).not.toContain(FULL.name)
      expect(frames).toBe(0)
    } finally {
      await helperContext.close()
    }
  })

  it('SPEC F1: opens with no network, from the device, after one online visit', async () => {
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => true))
    await context.setOffline(true)
    try {
      await page.goto(`${relay.url}/#/child/${FULL.id}/print`)
      await page.reload()
      // With no network the relay cannot be asked: the password opens the device's copy, on the deep link.
      await signInPage(page, relay.url, { username: COORDINATOR.username, password: COORDINATOR.password })
      await expect.poll(() => page.getByTestId('whole-file').innerText(), { timeout: 20_000 }).toContain(EVERY_FIELD.notes.heading)
      expect(await page.getByTestId('offline-signin').isVisible()).toBe(true)
      await fitsTheScreen()
    } finally {
      await context.setOffline(false)
    }
  })
})
