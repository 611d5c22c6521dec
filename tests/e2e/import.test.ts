/**
 * Roster import in a real browser on a phone-sized screen: a file that is not a roster, or an
 * .xlsx that would unpack to a gigabyte, is refused with a message and changes nothing; a CSV
 * with a bad row shows that row in the report, imports nothing until "import only the valid
 * rows" is chosen, then lists exactly
 * the valid rows' children; the same roster again updates them, old → new, and files no
 * second child. No step is wider than the screen.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium } from '../helpers/browser'
import { makeDataDir, startTestRelay, type TestRelay } from '../helpers/relay'
import { buildZip, deflatedZeros } from '../helpers/zips'
import { signInPage } from '../helpers/sign-in'

const STATIC_DIR = join(process.cwd(), 'dist/client')
const WIDTH = 360
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

const CSV = `\ufeff${[
  '姓名,性别,出生日期,班级,父亲电话,看护方式',
  '李小红,女,2015/9/1,class-3-2,13800138000,祖辈看护',
  '王小明,男,2014年3月5日,class-4-1,138-0013-8001,祖輩看護',
  '张伟,男,2016.10.12,class-2-3,1380013,亲戚看护',
  '陈静,女,2015-06-01,class-3-2,,',
].join('\r\n')}\r\n`

describe('browser: roster import on a phone', () => {
  let data: ReturnType<typeof makeDataDir>
  let relay: TestRelay
  let browser: Browser
  let page: Page

  const fitsTheScreen = async () => expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(WIDTH)
  const choose = (name: string, mimeType: string, text: string | Buffer) =>
    page.locator('#roster-file').setInputFiles({ name, mimeType, buffer: typeof text === 'string' ? Buffer.from(text) : text })

  beforeAll(async () => {
    if (!existsSync(join(STATIC_DIR, 'index.html'))) throw new Error('build the client first: npm run build')
    data = makeDataDir()
    relay = await startTestRelay(data.dir, 0, { staticDir: STATIC_DIR })
    browser = await launchChromium()
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: WIDTH, height: 740 } })
    page = await context.newPage()
  })

  afterAll(async () => {
    await browser?.close()
    await relay?.stop()
    data?.remove()
  })

  it('refuses a file that is not a spreadsheet, and says nothing changed', async () => {
    const setup = relay.setupToken()
    if (!setup) throw new Error('a relay on an empty data folder has a setup token')
    // Importing a roster is a coordinator's (or a class teacher's) work.
    await signInPage(page, relay.url, { setup, workspace: 'school-1', username: 'wang', displayName: '王老师', password: 'wang-password-1' })
    await page.getByRole('link', { name: '导入名单' }).click()
    await choose('照片.png', 'image/png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]))
    await expect.poll(() => page.getByTestId('import-error').innerText()).toContain('这不是表格文件')
    expect(await page.getByTestId('import-error').innerText()).toContain('没有导入任何内容')
    await fitsTheScreen()
  })

  // SPEC N5: the first file inflates to 1 GiB while saying it holds 1 KB; the second admits to it.
  it('refuses an .xlsx that would unpack to a gigabyte, in words, and stays on the first step', async () => {
    const bomb = (declaredSize: number) => Buffer.from(buildZip([{ name: 'xl/worksheets/sheet1.xml', packed: deflatedZeros(1024), declaredSize }]))
    await choose('名单.xlsx', XLSX, bomb(1000))
    await expect.poll(() => page.getByTestId('import-error').innerText()).toContain('文件已损坏')
    expect(await page.getByTestId('import-error').innerText()).toContain('没有导入任何内容')
    await choose('名单.xlsx', XLSX, bomb(1024 * 1024 * 1024))
    await expect.poll(() => page.getByTestId('import-error').innerText()).toContain('解压后超过 32 MB')
    expect(await page.getByTestId('import-error').innerText()).toContain('没有导入任何内容')
    expect(await page.getByRole('heading', { name: '对应各列' }).count()).toBe(0)
    await fitsTheScreen()
  })

  it('maps the columns, reports the bad row, and imports only the valid rows when asked', async () => {
    await choose('名单.csv', 'text/csv', CSV)
    await expect.poll(() => page.getByLabel('姓名 A 列').inputValue()).toBe('name')
    expect(await page.getByLabel('父亲电话 E 列').inputValue()).toBe('father.phone')
    await fitsTheScreen()
    await page.getByRole('button', { name: '下一步：检查' }).click()

    const errors = page.getByTestId('import-errors').locator('li')
    await expect.poll(() => errors.count()).toBe(1)
    expect(await errors.first().getAttribute('data-row')).toBe('4')
    expect(await errors.first().innerText()).toMatch(/第 4 行 · E 列“父亲电话”[\s\S]*1380013[\s\S]*手机号/)
    // A file with errors has no button that imports it whole.
    expect(await page.getByRole('button', { name: /^导入 \d+ 名儿童$/ }).count()).toBe(0)
    await fitsTheScreen()

    await page.getByRole('button', { name: '只导入 3 行有效数据' }).click()
    await expect.poll(() => page.getByTestId('import-result').innerText()).toContain('已为 3 名儿童建档')
    expect(await page.getByTestId('import-result').innerText()).toContain('1 行有错误，没有导入')
    await fitsTheScreen()

    await page.getByRole('link', { name: '查看儿童档案' }).click()
    const list = page.getByTestId('child-list')
    await expect.poll(() => list.locator('li').count()).toBe(3)
    const text = await list.innerText()
    for (const name of ['李小红', '王小明', '陈静']) expect(text).toContain(name)
    expect(text).not.toContain('张伟')
  })

  // SPEC H5, H6
  it('H6: the same roster again updates the children it made, showing old → new, and files no second child', async () => {
    await page.getByRole('link', { name: '导入名单' }).click()
    await choose('名单.csv', 'text/csv', CSV.replace('138-0013-8001', '139-0013-9001'))
    await page.getByRole('button', { name: '下一步：检查' }).click()
    const updates = page.getByTestId('import-updates').locator(':scope > li')
    await expect.poll(() => updates.count()).toBe(1)
    expect(await updates.first().getAttribute('data-row')).toBe('3')
    expect(await updates.first().innerText()).toMatch(/王小明[\s\S]*父亲电话[\s\S]*13800138001[\s\S]*→[\s\S]*13900139001/)
    // The rows that match their file as it is are no "already in the list" warning, and change nothing.
    expect(await page.getByTestId('import-warnings').count()).toBe(0)
    expect(await page.getByText('2 行与已有的档案一致，不会改动。').count()).toBe(1)
    await fitsTheScreen()

    await page.getByRole('button', { name: '新建 0 名，更新 1 名' }).click()
    await expect.poll(() => page.getByTestId('import-result').innerText()).toContain('已更新 1 名儿童的档案')
    await page.getByRole('link', { name: '查看儿童档案' }).click()
    await expect.poll(() => page.getByTestId('child-list').locator('li').count()).toBe(3)
  })
})
