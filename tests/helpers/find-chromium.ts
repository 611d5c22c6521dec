/**
 * Where the browser tests' Chromium is. One answer for both `tests/setup/ensure-browser.ts` (the
 * first step of `npm test`, which installs Chromium when it can) and `tests/helpers/browser.ts`
 * (which launches it): both ask this module with the same environment, so the tests launch exactly
 * the browser the set-up found. Only CHROMIUM_PATH or the system's Chromium, never a downloaded one.
 *
 * Importing this module reads nothing: the machine is passed in as a `ChromiumHost`, so the unit
 * tests can invent one, and `systemHost()` is the real one.
 */
import { accessSync, constants, statSync } from 'node:fs'
import { delimiter, join } from 'node:path'

/** What finding Chromium needs to know about the machine. */
export interface ChromiumHost {
  /** The environment (CHROMIUM_PATH and PATH are read) as this process sees it. */
  readonly env: Readonly<Record<string, string | undefined>>
  /** Whether `path` is a regular file this process may execute. */
  isExecutable(path: string): boolean
}

export type ChromiumSearch =
  | { readonly type: 'found'; readonly path: string; readonly from: 'CHROMIUM_PATH' | 'PATH' | 'default' }
  | { readonly type: 'bad-chromium-path'; readonly message: string }
  | { readonly type: 'missing' }

/** Where Debian's chromium package puts its launcher. */
export const DEBIAN_CHROMIUM = '/usr/bin/chromium'

/** Looked for on PATH, in this order, when CHROMIUM_PATH is not set. */
const NAMES_ON_PATH = ['chromium', 'chromium-browser'] as const

/** The one line said wherever no Chromium is found and `npm test` cannot install one. */
export const CHROMIUM_MISSING =
  "npm test needs Chromium for the browser tests: install Debian's chromium and fonts-noto-cjk (apt-get install chromium fonts-noto-cjk), or set CHROMIUM_PATH"

/**
 * CHROMIUM_PATH when it is set (it must then name an executable: a wrong path is a mistake to
 * report, not a reason to quietly use another browser), else `chromium` or `chromium-browser` on
 * PATH, else Debian's /usr/bin/chromium. An empty CHROMIUM_PATH counts as unset.
 */
export function findChromium(host: ChromiumHost): ChromiumSearch {
  const chosen = host.env.CHROMIUM_PATH
  if (chosen !== undefined && chosen !== '') {
    if (host.isExecutable(chosen)) return { type: 'found', path: chosen, from: 'CHROMIUM_PATH' }
    return {
      type: 'bad-chromium-path',
      message: `CHROMIUM_PATH is set to ${chosen}, which is not an executable file: point CHROMIUM_PATH at a Chromium, or unset it to use the system's`,
    }
  }
  for (const name of NAMES_ON_PATH) {
    const path = findOnPath(name, host)
    if (path !== undefined) return { type: 'found', path, from: 'PATH' }
  }
  return host.isExecutable(DEBIAN_CHROMIUM) ? { type: 'found', path: DEBIAN_CHROMIUM, from: 'default' } : { type: 'missing' }
}

/** The first executable called `name` in the host's PATH, as a shell would find it. */
export function findOnPath(name: string, host: ChromiumHost): string | undefined {
  for (const dir of (host.env.PATH ?? '').split(delimiter)) {
    // An empty entry would mean the working directory: no browser or package manager is looked for there.
    if (dir === '') continue
    const path = join(dir, name)
    if (host.isExecutable(path)) return path
  }
  return undefined
}

/** This process's machine. */
export function systemHost(): ChromiumHost {
  return { env: process.env, isExecutable }
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK)
    return statSync(path).isFile()
  } catch {
    return false
  }
}
