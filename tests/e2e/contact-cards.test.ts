/**
 * The contact card (聯繫卡) on paper: a class's cards printed by Chromium to PDF fill A4
 * sheets four at a time (or one A6 page each), and every child's guardian phone is on them,
 * none of another class's. The relay is seeded with real documents, and the page reads them
 * the way a second device would: pulled by background sync into its own store.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { groupPhone } from '../../client/features/cards/phone-format'
import { todayIsoDate } from '../../shared/dates'
import { childDocumentId, newId, toWorkspaceId } from '../../shared/doc-id'
import { createChildFile, type EditContext } from '../../shared/docs/child/child'
import type { ChildFieldKey } from '../../shared/docs/child/child-fields'
import { addPairing } from '../../shared/docs/child/pairings'
import { launchChromium } from '../helpers/browser'
import { A4, A6, readPdf, squeeze, type PdfPage } from '../helpers/pdf'
import { makeDataDir, startTestRelay, type TestRelay } from '../helpers/relay'
import { signInPage } from '../helpers/sign-in'

const STATIC_DIR = join(process.cwd(), 'dist/client')
/** PDFs and screenshots of the last run, to look at (git ignores .tmp/). */
const ARTIFACTS = join(process.cwd(), '.tmp/contact-cards')
/** The workspace the relay's documents are seeded in; the coordinator sets it up under this id. */
const WORKSPACE = toWorkspaceId('default')
/** A coordinator reads every child of the workspace. */
const COORDINATOR = { username: 'wang', displayName: '王老师', password: 'wang-password-1' }
const CTX: EditContext = { author: { id: '', name: '测试' }, today: todayIsoDate(), now: Date.now() }

const CLASS = 'class-3-2'
const OTHER_CLASS = 'class-4-1'

interface Seeded {
  id: string
  name: string
  classId: string
  guardianPhone: string
}

/** Nine children of one class, two of another; some files half filled in, as in real life. */
const CHILDREN: Seeded[] = [
  ...['王小明', '李小红', '张伟', '刘洋', '陈静', '杨帆', '赵磊', '黄丽丽', '周杰'].map((name, i) => ({
    id: newId(),
    name,
    classId: CLASS,
    // One landline among the mobiles: both must be readable on paper.
    guardianPhone: i === 8 ? '0851-12345678' : `131000000${String(i + 10)}`,
  })),
  ...['吴刚', '郑爽'].map((name, i) => ({ id: newId(), name, classId: OTHER_CLASS, guardianPhone: `152000000${String(i + 10)}` })),
]
const IN_CLASS = CHILDREN.filter((c) => c.classId === CLASS)
const OTHERS = CHILDREN.filter((c) => c.classId !== CLASS)

function buildChildUpdate(child: Seeded, i: number): Uint8Array {
  const doc = new Y.Doc()
  const halfFilled = i % 3 === 1
  const fields: Partial<Record<ChildFieldKey, string>> = {
    name: child.name,
    classId: child.classId,
    'father.name': `${child.name.slice(0, 1)}大山`,
    'father.workplace': i === 0 ? '广东省东莞市长安镇乌沙社区兴发南路某某电子科技有限公司第三车间装配线' : '广东东莞长安镇电子厂',
    'father.phone': `1380013${String(8000 + i)}`,
    ...(halfFilled ? {} : { 'mother.name': '李春花', 'mother.workplace': '浙江义乌小商品城', 'mother.phone': `1390013${String(9000 + i)}` }),
    'guardian.name': `${child.name.slice(0, 1)}奶奶`,
    'guardian.relation': 'grandmother',
    'guardian.phone': child.guardianPhone,
  }
  const errors = createChildFile(doc, fields, CTX)
  if (Object.keys(errors).length > 0) throw new Error(`bad test child: ${JSON.stringify(errors)}`)
  if (!halfFilled) addPairing(doc, { kind: 'classTeacher', name: '张老师', phone: '13700137000' }, CTX)
  return Y.encodeStateAsUpdate(doc)
}

/** How many of these children's names a page shows. */
const namesOn = (page: PdfPage, children: readonly Seeded[]) => children.filter((c) => page.text.includes(c.name))
const phoneOn = (page: PdfPage, phone: string) => squeeze(page.text).includes(squeeze(groupPhone(phone).number))

describe('browser: contact cards printed to PDF', () => {
  let data: ReturnType<typeof makeDataDir>
  let relay: TestRelay
  let browser: Browser
  let context: BrowserContext
  let page: Page

  const cards = () => page.getByTestId('contact-card')
  const printPdf = async (name: string) => {
    // System fonts need no loading, but a late web font would change the layout.
    await page.evaluate(() => document.fonts.ready.then(() => true))
    // Letter, so that A4 or A6 pages can only come from the view's @page rules.
    const pdf = await page.pdf({ format: 'Letter', preferCSSPageSize: true, printBackground: true })
    writeFileSync(join(ARTIFACTS, `${name}.pdf`), pdf)
    return readPdf(pdf)
  }
  /** Within half a millimetre: Chromium rounds the page to whole device pixels. */
  const expectSize = (pages: PdfPage[], size: { width: number; height: number }) => {
    for (const p of pages) {
      expect(Math.abs(p.width - size.width), `width ${p.width}`).toBeLessThan(1.5)
      expect(Math.abs(p.height - size.height), `height ${p.height}`).toBeLessThan(1.5)
    }
  }

  beforeAll(async () => {
    if (!existsSync(join(STATIC_DIR, 'index.html'))) throw new Error('build the client first: npm run build')
    mkdirSync(ARTIFACTS, { recursive: true })
    data = makeDataDir()
    relay = await startTestRelay(data.dir, 0, { staticDir: STATIC_DIR })
    await relay.store.append(CHILDREN.map((c, i) => ({ docId: childDocumentId(WORKSPACE, c.id), update: buildChildUpdate(c, i) })))
    browser = await launchChromium()
    context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 800 } })
    page = await context.newPage()
  })

  afterAll(async () => {
    await browser?.close()
    await relay?.stop()
    data?.remove()
  })

  it('links each class in the list to its cards, read from the device after background sync', async () => {
    const setup = relay.setupToken()
    if (!setup) throw new Error('a relay on an empty data folder has a setup token')
    await signInPage(page, relay.url, { setup, workspace: WORKSPACE, ...COORDINATOR })
    for (const child of CHILDREN) await expect.poll(() => page.getByTestId('child-list').innerText()).toContain(child.name)
    await page.screenshot({ path: join(ARTIFACTS, 'list.png'), fullPage: true })
    await page.getByRole('link', { name: `打印${CLASS}的联系卡` }).click()
    await expect.poll(() => page.evaluate(() => decodeURIComponent(location.hash))).toBe(`#/cards?class=${CLASS}`)
    await expect.poll(() => cards().count()).toBe(IN_CLASS.length)
    const shown = await cards().allInnerTexts()
    for (const child of IN_CLASS) expect(shown.join('\n')).toContain(child.name)
    for (const child of OTHERS) expect(shown.join('\n')).not.toContain(child.name)
    await page.screenshot({ path: join(ARTIFACTS, 'class-screen.png'), fullPage: true })
  })

  it('prints the class on A4, four cards a sheet: 9 children on 3 pages, every guardian phone once', async () => {
    const pages = await printPdf('class-a4')
    expect(pages).toHaveLength(Math.ceil(IN_CLASS.length / 4))
    expectSize(pages, A4)
    expect(pages.map((p) => namesOn(p, IN_CLASS).length)).toEqual([4, 4, 1])
    for (const child of IN_CLASS) {
      // On exactly one page, with the child's name beside it.
      const on = pages.filter((p) => phoneOn(p, child.guardianPhone))
      expect(on, `${child.name} ${child.guardianPhone}`).toHaveLength(1)
      expect(on[0]?.text).toContain(child.name)
    }
    const all = pages.map((p) => p.text).join('\n')
    for (const child of OTHERS) {
      expect(all).not.toContain(child.name)
      expect(squeeze(all)).not.toContain(child.guardianPhone)
    }
    // Phones are grouped for reading, and the app's header and controls are not printed.
    expect(all).toContain('131 0000 0010')
    expect(all).toContain('0851-1234 5678')
    expect(all).not.toContain('打印')
  })

  it('prints one card on each A6 page when A6 is chosen', async () => {
    await page.getByLabel(/^A6/).check()
    await page.screenshot({ path: join(ARTIFACTS, 'class-screen-a6.png'), fullPage: true })
    const pages = await printPdf('class-a6')
    expect(pages).toHaveLength(IN_CLASS.length)
    expectSize(pages, A6)
    for (const p of pages) {
      const [child, ...more] = namesOn(p, IN_CLASS)
      expect(more).toEqual([])
      expect(child && phoneOn(p, child.guardianPhone)).toBe(true)
    }
  })

  it("prints one child's card, from the child's own link", async () => {
    const child = IN_CLASS[0] as Seeded
    await page.goto(`${relay.url}/#/child/${child.id}`)
    await page.getByRole('link', { name: '打印联系卡' }).click()
    await expect.poll(() => page.evaluate(() => location.hash)).toBe(`#/cards?child=${child.id}`)
    await page.reload()
    await expect.poll(() => cards().count()).toBe(1)
    await expect.poll(() => cards().innerText()).toContain(child.name)
    // The device remembers the paper last chosen.
    expect(await page.getByLabel(/^A6/).isChecked()).toBe(true)
    await page.getByLabel(/^A4/).check()
    const a4 = await printPdf('child-a4')
    expect(a4).toHaveLength(1)
    expectSize(a4, A4)
    expect(phoneOn(a4[0] as PdfPage, child.guardianPhone)).toBe(true)
    await page.getByLabel(/^A6/).check()
    const a6 = await printPdf('child-a6')
    expect(a6).toHaveLength(1)
    expectSize(a6, A6)
    expect(a6[0]?.text).toContain(child.name)
  })

  it('shows only the cards in print media: no header, no controls', async () => {
    await page.goto(`${relay.url}/#/cards?class=${encodeURIComponent(CLASS)}`)
    await expect.poll(() => cards().count()).toBe(IN_CLASS.length)
    await page.getByLabel(/^A4/).check()
    await page.setViewportSize({ width: 1000, height: 1200 })
    await page.emulateMedia({ media: 'print' })
    await expect.poll(() => page.locator('.app-header').isVisible()).toBe(false)
    expect(await page.getByRole('button', { name: '打印' }).isVisible()).toBe(false)
    expect(await cards().first().isVisible()).toBe(true)
    await page.screenshot({ path: join(ARTIFACTS, 'class-print-media.png'), fullPage: true })
    await page.emulateMedia({ media: 'screen' })
  })

  it('prints in the reader language, on a device that had not synced yet', async () => {
    const child = IN_CLASS[8] as Seeded
    const english = await browser.newContext({ locale: 'en-US', viewport: { width: 1000, height: 900 } })
    try {
      const en = await english.newPage()
      // Straight to the card (signing in keeps the link): it appears once background sync has stored the file.
      await en.goto(`${relay.url}/#/cards?child=${child.id}`)
      await signInPage(en, relay.url, { username: COORDINATOR.username, password: COORDINATOR.password })
      await expect.poll(() => en.getByTestId('contact-card').innerText()).toContain(child.name)
      await en.screenshot({ path: join(ARTIFACTS, 'child-screen-en.png'), fullPage: true })
      const pdf = await en.pdf({ format: 'Letter', preferCSSPageSize: true })
      writeFileSync(join(ARTIFACTS, 'child-a4-en.pdf'), pdf)
      const pages = await readPdf(pdf)
      expect(pages).toHaveLength(1)
      expectSize(pages, A4)
      for (const label of ["Guardian's phone", 'Grandmother', "Class teacher's phone"]) expect(pages[0]?.text).toContain(label)
      expect(phoneOn(pages[0] as PdfPage, child.guardianPhone)).toBe(true)
    } finally {
      await english.close()
    }
  })
})
