/**
 * Signing in through the app's own pages, for the browser tests: the relay's setup link (the
 * first coordinator), an invitation link, or the sign-in form. Fields are found by their ids,
 * not their labels, so a test may run in any language.
 */
import type { Page } from 'playwright-core'
import type { Role } from '../../shared/access'
import { TOKEN_SHAPE } from '../../shared/ids'

export interface NewAccountOptions {
  username: string
  displayName: string
  password: string
}

export type SignInOptions =
  /** The relay's first-start link (`…/#/setup/<token>`) or its token: creates the first coordinator. */
  | ({ setup: string; workspace: string } & NewAccountOptions)
  /** An invitation link (`…/#/invite/<token>`) or its token: creates the invited account. */
  | ({ invite: string } & NewAccountOptions)
  /** An existing account, through the sign-in form (offline too, if it signed in on this browser before). */
  | { username: string; password: string }

const LINK_TOKEN = new RegExp(`(${TOKEN_SHAPE})$`)

/** The token of a setup or invitation link, or the token itself. */
export function linkToken(linkOrToken: string): string {
  const token = LINK_TOKEN.exec(linkOrToken.trim())?.[1]
  if (!token) throw new Error(`not a setup or invitation link: ${linkOrToken.slice(0, 20)}…`)
  return token
}

/** Opens the app at `relayUrl` and signs in; resolves once the app shows the signed-in account. */
export async function signInPage(page: Page, relayUrl: string, opts: SignInOptions): Promise<void> {
  const base = relayUrl.replace(/\/+$/, '')
  if ('setup' in opts) {
    await page.goto(`${base}/#/setup/${linkToken(opts.setup)}`)
    await page.locator('#account-workspace').fill(opts.workspace)
    await fillNewAccount(page, opts)
  } else if ('invite' in opts) {
    await page.goto(`${base}/#/invite/${linkToken(opts.invite)}`)
    await fillNewAccount(page, opts)
  } else {
    // A page already on the app keeps its route (the deep link opens after sign-in).
    if (!page.url().startsWith(base)) await page.goto(`${base}/`)
    await page.locator('#signin-username').fill(opts.username)
    await page.locator('#signin-password').fill(opts.password)
    await page.locator('.auth-form button[type="submit"]').click()
  }
  await page.getByTestId('account-name').waitFor({ state: 'visible' })
  // A used link leaves the address bar (AuthGate replaces it with the list): wait, so that the
  // test's next navigation is not replaced in turn.
  if ('setup' in opts || 'invite' in opts) {
    await page.waitForFunction(() => !/^#\/(setup|invite)\//.test(location.hash))
  }
}

async function fillNewAccount(page: Page, opts: NewAccountOptions): Promise<void> {
  await page.locator('#account-displayName').fill(opts.displayName)
  await page.locator('#account-username').fill(opts.username)
  await page.locator('#account-password').fill(opts.password)
  await page.locator('#account-password2').fill(opts.password)
  await page.locator('.auth-form button[type="submit"]').click()
}

/** As a signed-in coordinator: an invitation link for the role, from the members page. */
export async function createInviteLink(page: Page, role: Role): Promise<string> {
  const base = new URL(page.url()).origin
  await page.goto(`${base}/#/members`)
  await page.locator('#invite-role').selectOption(role)
  const link = page.getByTestId('invite-link')
  const before = (await link.count()) > 0 ? await link.inputValue() : ''
  await page.getByTestId('invite-create').click()
  // A second invitation replaces the first link on the page: wait for the new one.
  await page.waitForFunction((old) => {
    const input = document.querySelector<HTMLInputElement>('[data-testid="invite-link"]')
    return input !== null && input.value !== '' && input.value !== old
  }, before)
  return link.inputValue()
}

/** Signs out through the header, accepting the loss of unsent changes; resolves on the sign-in form. */
export async function signOutPage(page: Page): Promise<void> {
  await page.getByTestId('logout').click()
  await page.getByTestId('logout-confirm').click()
  await page.locator('#signin-username').waitFor({ state: 'visible' })
}
