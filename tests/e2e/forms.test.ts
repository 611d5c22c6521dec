/**
 * The official forms in the built app on a 360 px phone (SPEC V1–V6): a coordinator whose two
 * schools' children reached the device from the relay sees every cross-check agree, downloads
 * 花名册.xlsx and 统计表.xlsx, and the files, read back with exceljs here, hold the children and
 * the totals this test counts itself, and the figures the page shows. Then files that do not add
 * up arrive (no birth date, aged 17, no care arrangement): the page names them, with links, the
 * statistics table waits for "export anyway", and the file exported so carries the failures.
 * Last, offline after a reload, the roster is still made on the device.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { todayIsoDate } from '../../shared/dates'
import { childDocumentId, newId, toWorkspaceId } from '../../shared/doc-id'
import { createChildFile, type EditContext } from '../../shared/docs/child/child'
import type { ChildFieldKey } from '../../shared/docs/child/child-fields'
import { changePath } from '../../shared/docs/child/child-path'
import { addPairing } from '../../shared/docs/child/pairings'
import { addRecord } from '../../shared/docs/child/records'
import { launchChromium } from '../helpers/browser'
import { makeDataDir, startTestRelay, type TestRelay } from '../helpers/relay'
import { signInPage } from '../helpers/sign-in'
import { readWorkbookBack, rowsByLabel, type ReadSheet } from '../helpers/xlsx'

const STATIC_DIR = join(process.cwd(), 'dist/client')
const WIDTH = 360
const WORKSPACE = toWorkspaceId('xishan')
const ARTIFACTS = join(process.cwd(), '.tmp')
const TODAY = todayIsoDate()
const YEAR = Number(TODAY.slice(0, 4))
const CTX: EditContext = { author: { id: '', name: '测试' }, today: TODAY, now: Date.now() }
const EAST = '东山小学'
const WEST = '西山小学'

interface Kid {
  id: string
  name: string
  cls: string
  fields: Partial<Record<ChildFieldKey, unknown>>
  age?: number | undefined
  aid?: number[]
  visited?: boolean
  helper?: string
  home?: true
}

const born = (age: number) => `${YEAR - age}-01-01`
const kid = (name: string, cls: string, age: number, extra: Partial<Kid> = {}, fields: Partial<Record<ChildFieldKey, unknown>> = {}): Kid => ({
  id: newId(),
  name,
  cls,
  age,
  ...extra,
  fields: {
    gender: name.length % 2 === 0 ? 'female' : 'male',
    birthDate: born(age),
    parentsAway: ['both', 'father', 'mother'][age % 3],
    careArrangement: age % 2 === 0 ? 'grandparents' : 'relatives',
    schoolingStatus: age >= 6 ? 'enrolled' : undefined,
    boarding: age >= 6 ? age % 4 === 0 : undefined,
    'guardian.name': `${name.slice(0, 1)}奶奶`,
    'guardian.relation': 'grandmother',
    'guardian.phone': '13912345678',
    'father.workplace': '广东东莞',
    'father.phone': '13800138000',
    ...fields,
  },
})

const KIDS: Kid[] = [
  kid('王小明', '东山小学/三年级1班', 9, { aid: [600], visited: true, helper: '张老师' }),
  kid('李小红', '东山小学/三年级1班', 8, { aid: [200.5] }),
  kid('张伟', '东山小学/三年级1班', 9, { helper: '张老师' }),
  kid('刘洋', '东山小学/五年级1班', 11),
  kid('陈静怡', '东山小学/五年级1班', 12, { visited: true }),
  kid('杨帆', '东山小学/五年级1班', 14),
  kid('赵磊', '西山小学/四年级1班', 10, { aid: [150, 50] }),
  kid('黄丽', '西山小学/四年级1班', 5),
  kid('周杰伦', '西山小学/四年级1班', 10, { helper: '李书记' }),
  // A parent came home: not on the forms.
  kid('吴回家', '西山小学/四年级1班', 10, { home: true }),
]

const BROKEN: Kid[] = [
  kid('孙没生日', '东山小学/三年级1班', 9, { age: undefined }, { birthDate: undefined }),
  kid('马十七', '西山小学/四年级1班', 17),
  kid('朱无看护', '东山小学/五年级1班', 11, {}, { careArrangement: undefined }),
]

function defined(fields: Partial<Record<ChildFieldKey, unknown>>) {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined))
}

/** The children's files as another device would have made them, with their aid, visits and helpers. */
function files(kids: readonly Kid[], classes: Map<string, string>) {
  return kids.map((k) => {
    const doc = new Y.Doc()
    const errors = createChildFile(doc, { name: k.name, classId: classes.get(k.cls) ?? '', ...defined(k.fields) }, CTX)
    if (Object.keys(errors).length > 0) throw new Error(`${k.name}: ${JSON.stringify(errors)}`)
    for (const amount of k.aid ?? []) addRecord(doc, { type: 'aid', date: TODAY, fields: { kind: 'bursary', amountYuan: amount, source: '春蕾计划' } }, CTX)
    if (k.visited) addRecord(doc, { type: 'homeVisit', date: TODAY, fields: { visited: '奶奶' } }, CTX)
    if (k.helper) addPairing(doc, { kind: 'caringMother', name: k.helper, from: `${YEAR}-01-01` }, CTX)
    if (k.home) changePath(doc, { status: 'noLongerLeftBehind', since: `${YEAR}-01-01` }, CTX)
    return { docId: childDocumentId(WORKSPACE, k.id), update: Y.encodeStateAsUpdate(doc) }
  })
}

describe('browser: the official forms', () => {
  let data: ReturnType<typeof makeDataDir>
  let relay: TestRelay
  let browser: Browser
  let page: Page
  let classes: Map<string, string>

  const fitsTheScreen = async () => expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(WIDTH)
  const download = async (button: string): Promise<ReadSheet[]> => {
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()])
    const path = join(ARTIFACTS, file.suggestedFilename())
    await file.saveAs(path)
    return readWorkbookBack(new Uint8Array(readFileSync(path)))
  }
  /** The total column of the page's figures, column by column. */
  const pageTotals = () => page.getByTestId('stat-preview').locator('td[data-row="total"]').allInnerTexts()

  beforeAll(async () => {
    if (!existsSync(join(STATIC_DIR, 'index.html'))) throw new Error('build the client first: npm run build')
    mkdirSync(ARTIFACTS, { recursive: true })
    data = makeDataDir()
    relay = await startTestRelay(data.dir, 0, { staticDir: STATIC_DIR })
    browser = await launchChromium()
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: WIDTH, height: 740 }, acceptDownloads: true })
    page = await context.newPage()
    const setup = relay.setupToken()
    if (!setup) throw new Error('a relay on an empty data folder has a setup token')
    await signInPage(page, relay.url, { setup, workspace: WORKSPACE, username: 'li', displayName: '李主任', password: 'li-password-1' })
    classes = await setUpSchools(page, [[EAST, [[3, '1'], [5, '1']]], [WEST, [[4, '1']]]])
    await relay.store.append(files(KIDS, classes))
  }, 90_000)
  afterAll(async () => {
    await browser?.close()
    await relay?.stop()
    data?.remove()
  })

  it('the two schools’ files reach the phone (the one whose parent came home is not listed)', async () => {
    await page.goto(`${relay.url}/#/`)
    await page.reload()
    await expect.poll(() => page.getByTestId('child-list').locator('.child-name').count(), { timeout: 20_000 }).toBe(KIDS.length - 1)
  }, 60_000)

  it('SPEC V1, V4: the page counts the children left behind today and every cross-check agrees', async () => {
    await page.getByTestId('forms-link').click()
    await expect.poll(() => page.locator('h1').innerText()).toBe('上报表格：花名册与统计表')
    await expect.poll(() => page.getByTestId('forms-count').innerText(), { timeout: 20_000 }).toBe('共 9 名留守儿童')
    expect(await page.getByTestId('checks-ok').innerText()).toBe('11 项核对全部一致：每一列的合计都等于它的分项之和。')
    await fitsTheScreen()
    await page.screenshot({ path: join(ARTIFACTS, 'forms-360.png'), fullPage: true })
  }, 60_000)

  it('SPEC V2, V6: 花名册.xlsx holds one row per child left behind, in school and class order, with what a county asks', async () => {
    const [sheet] = await download('下载花名册（.xlsx）')
    expect(sheet?.name).toBe('花名册')
    expect(sheet?.frozenRows).toBe(4)
    const rows = sheet?.rows.slice(4) ?? []
    const counted = KIDS.filter((k) => !k.home)
    expect(rows.map((r) => r[1]).sort()).toEqual(counted.map((k) => k.name).sort())
    expect(rows.map((r) => r[0])).toEqual(counted.map((_, i) => i + 1))
    // East's classes (三年级, then 五年级) before West's.
    expect(rows.map((r) => `${r[5]}/${r[6]}`)).toEqual(counted.map((k) => k.cls).sort((a, b) => order(a) - order(b)))
    const wang = rows.find((r) => r[1] === '王小明')
    expect(wang?.slice(2, 12)).toEqual(['男', born(9), 9, EAST, '三年级1班', '父母均外出', '亲戚看护', '王奶奶', '祖母/外祖母', '13912345678'])
    expect(wang?.[19]).toBe('张老师')
  }, 60_000)

  it('SPEC V3, V6: 统计表.xlsx: the totals this test counts, and every figure the page shows', async () => {
    const shown = await pageTotals()
    const sheets = await download('下载统计表（.xlsx）')
    expect(sheets.map((s) => s.name)).toEqual(['统计表', '栏目说明', '核对结果'])
    const table = rowsByLabel(sheets[0] as ReadSheet, 6)
    const total = table.get('合计') ?? []
    const counted = KIDS.filter((k) => !k.home)
    const band = (from: number, to: number) => counted.filter((k) => k.age !== undefined && k.age >= from && k.age <= to).length
    expect(total[0]).toBe(counted.length)
    expect([total[1], total[4], total[7]]).toEqual([band(0, 5), band(6, 13), band(14, 16)])
    expect(table.get(EAST)?.[0]).toBe(counted.filter((k) => k.cls.startsWith(EAST)).length)
    expect(table.get(WEST)?.[0]).toBe(counted.filter((k) => k.cls.startsWith(WEST)).length)
    expect(total[27]).toBe(counted.filter((k) => (k.aid ?? []).length > 0).length)
    expect(total[28]).toBe(counted.reduce((s, k) => s + (k.aid ?? []).reduce((a, b) => a + b, 0), 0))
    expect(total[29]).toBe(counted.filter((k) => k.helper).length)
    expect(total[31]).toBe(counted.filter((k) => k.visited).length)
    // The page's figures are the file's, column by column.
    const count = new Intl.NumberFormat('zh-CN')
    const yuan = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })
    expect(shown).toEqual(total.map((v, i) => (i === 28 ? yuan : count).format(Number(v))))
  }, 60_000)

  it('SPEC V4, V5: files that do not add up: the page says which and why, with links; the table waits for “export anyway”, which notes the failures', async () => {
    await relay.store.append(files(BROKEN, classes))
    await page.reload()
    await expect.poll(() => page.getByTestId('forms-count').innerText(), { timeout: 20_000 }).toBe('共 12 名留守儿童')
    const failures = page.getByTestId('check-failure')
    await expect.poll(() => failures.count()).toBe(4)
    const ages = await failures.first().innerText()
    expect(ages).toContain('第1列 = 第2列 + 第5列 + 第8列（总数等于三个年龄段之和）不成立：东山小学 8 ≠ 7；西山小学 4 ≠ 3；合计 12 ≠ 10。')
    expect(ages).toContain('1 名儿童没有出生日期，无法计入年龄段：孙没生日（东山小学 · 三年级1班）')
    expect(ages).toContain('1 名儿童 17 岁，超出 0–16 岁：马十七（西山小学 · 四年级1班）')
    expect(await page.getByTestId('forms-checks').innerText()).toContain('1 名儿童没有填写看护方式，无法计入监护类型：朱无看护（东山小学 · 五年级1班）')
    const statistics = page.getByRole('button', { name: '下载统计表（.xlsx）' })
    expect(await statistics.isDisabled()).toBe(true)
    expect(await page.getByRole('button', { name: '下载花名册（.xlsx）' }).isDisabled()).toBe(false)
    await fitsTheScreen()
    await page.screenshot({ path: join(ARTIFACTS, 'forms-failing-360.png'), fullPage: true })

    await page.getByLabel('仍然导出，并在表中注明不一致之处').check()
    const sheets = await download('下载统计表（.xlsx）')
    const main = sheets[0] as ReadSheet
    // Title, unit, three header rows, then a row per school and the total: the notes follow.
    const notes = main.rows.slice(5 + 3).map((r) => r[0])
    expect(notes[0]).toBe('备注：导出时以下核对不一致，数字未经修正。')
    expect(notes).toHaveLength(5)
    expect(String(notes[1])).toContain('1 名儿童没有出生日期，无法计入年龄段：孙没生日（东山小学 · 三年级1班）')
    expect(rowsByLabel(main, 6).get('合计')?.[0]).toBe(12)

    await page.getByRole('link', { name: '朱无看护（东山小学 · 五年级1班）' }).click()
    const nocare = BROKEN[2]?.id ?? ''
    await expect.poll(() => page.url()).toContain(`#/child/${nocare}`)
  }, 90_000)

  it('SPEC V1: offline, after a reload, the forms are made on the device all the same', async () => {
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => true))
    await page.context().setOffline(true)
    try {
      await page.reload()
      await signInPage(page, relay.url, { username: 'li', password: 'li-password-1' })
      await page.goto(`${relay.url}/#/forms`)
      await expect.poll(() => page.getByTestId('forms-count').innerText(), { timeout: 20_000 }).toBe('共 12 名留守儿童')
      const [sheet] = await download('下载花名册（.xlsx）')
      expect(sheet?.rows.slice(4).map((r) => r[1]).sort()).toEqual([...KIDS, ...BROKEN].filter((k) => !k.home).map((k) => k.name).sort())
    } finally {
      await page.context().setOffline(false)
    }
  }, 90_000)
})

const order = (cls: string) => ['东山小学/三年级1班', '东山小学/五年级1班', '西山小学/四年级1班'].indexOf(cls)

/** Schools and their classes set up through 组织; each class's id by `学校/三年级1班`. */
async function setUpSchools(page: Page, schools: readonly (readonly [string, readonly (readonly [number, string])[]])[]): Promise<Map<string, string>> {
  const base = new URL(page.url()).origin
  await page.goto(`${base}/#/organisation`)
  let classCount = 0
  for (const [i, [school, list]] of schools.entries()) {
    const addSchool = page.getByTestId('add-school')
    await addSchool.locator('input').fill(school)
    await addSchool.locator('button[type="submit"]').click()
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="org-school"]').length === n, i + 1)
    const card = page.getByTestId('org-school').nth(i)
    await card.getByTestId('open-add-class').click()
    const form = card.getByTestId('add-class')
    for (const [grade, section] of list) {
      await form.locator('select').selectOption(String(grade))
      await form.locator('input').nth(0).fill(section)
      await form.locator('button[type="submit"]').click()
      await page.waitForFunction(() => document.querySelector<HTMLInputElement>('[data-testid="add-class"] input')?.value === '')
    }
    classCount += list.length
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="org-class"]').length === n, classCount)
    await form.getByRole('button', { name: '取消' }).click()
  }
  await page.goto(`${base}/#/new`)
  await page.waitForFunction((n) => document.querySelectorAll('select#classId option:not([value=""])').length === n, classCount)
  const out = new Map<string, string>()
  for (const group of await page.locator('select#classId optgroup').all()) {
    const school = await group.getAttribute('label')
    for (const option of await group.locator('option').all()) out.set(`${school}/${(await option.innerText()).trim()}`, (await option.getAttribute('value')) ?? '')
  }
  await page.goto(`${base}/#/`)
  return out
}

