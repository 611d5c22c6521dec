/**
 * Setting up a school and its classes through the app's 組織 page, for the browser tests that
 * file children: a class is one of the organisation's (SPEC P1), never a typed name. Returns each
 * class's id by its label as the new-child form offers it ('三年级2班' → id).
 */
import type { Page } from 'playwright-core'

export async function setUpClasses(page: Page, school: string, classes: readonly (readonly [grade: number, section: string])[]): Promise<Map<string, string>> {
  const base = new URL(page.url()).origin
  await page.goto(`${base}/#/organisation`)
  const addSchool = page.getByTestId('add-school')
  await addSchool.locator('input').fill(school)
  await addSchool.locator('button[type="submit"]').click()
  await page.getByTestId('open-add-class').click()
  const form = page.getByTestId('add-class')
  for (const [grade, section] of classes) {
    await form.locator('select').selectOption(String(grade))
    await form.locator('input').nth(0).fill(section)
    await form.locator('button[type="submit"]').click()
    await page.waitForFunction(() => document.querySelector<HTMLInputElement>('[data-testid="add-class"] input')?.value === '')
  }
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="org-class"]').length === n, classes.length)
  await page.goto(`${base}/#/new`)
  const options = page.locator('select#classId option:not([value=""])')
  await page.waitForFunction((n) => document.querySelectorAll('select#classId option:not([value=""])').length === n, classes.length)
  const out = new Map<string, string>()
  for (const option of await options.all()) out.set((await option.innerText()).trim(), (await option.getAttribute('value')) ?? '')
  await page.goto(`${base}/#/`)
  return out
}
