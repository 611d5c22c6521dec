/**
 * What `npm test` does about its browser before anything else, so that `npm install` then
 * `npm test` is all the set-up a Debian machine needs:
 *
 * B1. CHROMIUM_PATH set: it must name an executable, else stop with one line naming the variable.
 * B2. Otherwise the system's Chromium (`chromium`, `chromium-browser` on PATH, /usr/bin/chromium).
 * B3. None, as root with apt-get: install Debian's chromium and fonts-noto-cjk, then find it again.
 * B4. None, anywhere else: stop at once with one line that says what to install.
 * B5. Chromium but no fonts-noto-cjk (where dpkg can tell): install the fonts as root with apt-get,
 *     else warn in one line and go on (the tests read text, not glyphs).
 * B6. Never a browser from anywhere but the system's package manager (no `playwright install`).
 *
 * `planBrowser` decides from an injected host and does nothing; `ensureBrowser` carries the plan
 * out through injected I/O. The real host and I/O are in `ensure-browser.ts`.
 */
import { CHROMIUM_MISSING, findChromium, findOnPath, type ChromiumHost } from '../helpers/find-chromium'

export const CHROMIUM_PACKAGE = 'chromium'
/** So pages render Chinese text instead of boxes. */
export const CJK_FONTS_PACKAGE = 'fonts-noto-cjk'

export interface SetupHost extends ChromiumHost {
  /** This process's user id; undefined where there is none (Windows). */
  readonly uid: number | undefined
  /** What dpkg says of a package; undefined where there is no dpkg to ask. */
  dpkgStatus(pkg: string): PackageStatus | undefined
}

export type PackageStatus = 'installed' | 'not-installed'

export type BrowserPlan =
  | { readonly type: 'ready'; readonly chromium: string; readonly warnings: readonly string[] }
  | { readonly type: 'install'; readonly packages: readonly string[] }
  | { readonly type: 'stop'; readonly message: string }

export const FONTS_MISSING_WARNING = `warning: ${CJK_FONTS_PACKAGE} is not installed, so the browser tests show Chinese text as boxes (they pass anyway): apt-get install ${CJK_FONTS_PACKAGE}`

export function planBrowser(host: SetupHost): BrowserPlan {
  const search = findChromium(host)
  if (search.type === 'bad-chromium-path') return { type: 'stop', message: search.message }
  const canInstall = host.uid === 0 && findOnPath('apt-get', host) !== undefined
  const fonts = host.dpkgStatus(CJK_FONTS_PACKAGE)
  if (search.type === 'missing') {
    if (!canInstall) return { type: 'stop', message: CHROMIUM_MISSING }
    return { type: 'install', packages: fonts === 'installed' ? [CHROMIUM_PACKAGE] : [CHROMIUM_PACKAGE, CJK_FONTS_PACKAGE] }
  }
  if (fonts !== 'not-installed') return { type: 'ready', chromium: search.path, warnings: [] }
  if (canInstall) return { type: 'install', packages: [CJK_FONTS_PACKAGE] }
  return { type: 'ready', chromium: search.path, warnings: [FONTS_MISSING_WARNING] }
}

/** One command, run without a shell. */
export interface Command {
  readonly command: string
  readonly args: readonly string[]
  /** Added to the process's environment. */
  readonly env: Readonly<Record<string, string>>
}

/** `status` is null when the command could not be started or was killed; `detail` is what it said on stderr. */
export interface CommandResult {
  readonly status: number | null
  readonly detail: string
}

export interface SetupIo {
  run(command: Command): CommandResult
  /** Progress, on stdout. */
  print(line: string): void
  /** Warnings and failures, on stderr. */
  printError(line: string): void
}

/** Exactly what .ci/run used to do, and nothing more: Debian's packages, no recommends, no questions. */
export function aptCommands(packages: readonly string[]): readonly Command[] {
  const env = { DEBIAN_FRONTEND: 'noninteractive' }
  return [
    { command: 'apt-get', args: ['update', '-qq'], env },
    { command: 'apt-get', args: ['install', '-y', '-qq', '--no-install-recommends', ...packages], env },
  ]
}

/** Lines of a failed command's stderr worth showing under the one-line failure. */
const DETAIL_LINES = 20

/** Carries out the plan; returns the exit code. */
export function ensureBrowser(host: SetupHost, io: SetupIo): number {
  const plan = planBrowser(host)
  if (plan.type === 'stop') {
    io.printError(plan.message)
    return 1
  }
  if (plan.type === 'ready') {
    plan.warnings.forEach((line) => io.printError(line))
    return 0
  }
  const names = plan.packages.join(' and ')
  io.print(`npm test: installing Debian's ${names} with apt-get for the browser tests (a minute or two)`)
  for (const command of aptCommands(plan.packages)) {
    const result = io.run(command)
    if (result.status === 0) continue
    const how = result.status === null ? 'did not finish' : `exited with code ${result.status}`
    io.printError(`npm test could not install ${names}: \`${formatCommand(command)}\` ${how}; install them yourself, or set CHROMIUM_PATH`)
    tailOf(result.detail).forEach((line) => io.printError(`  ${line}`))
    return 1
  }
  // B3: believe the machine, not apt: the tests will launch what findChromium finds, so find it now.
  const after = planBrowser(host)
  if (after.type !== 'ready') {
    const why = after.type === 'stop' ? after.message : `${after.packages.join(' and ')} still missing`
    io.printError(`npm test installed ${names} with apt-get, but the browser tests still cannot run: ${why}`)
    return 1
  }
  after.warnings.forEach((line) => io.printError(line))
  io.print(`npm test: installed ${names}; the browser tests use ${after.chromium}`)
  return 0
}

/** The command as one would type it, for messages. */
export function formatCommand(command: Command): string {
  const env = Object.entries(command.env).map(([name, value]) => `${name}=${value} `)
  return `${env.join('')}${[command.command, ...command.args].join(' ')}`
}

function tailOf(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trimEnd())
    .filter((line) => line !== '')
    .slice(-DETAIL_LINES)
}

/** `dpkg -s` answers 0 for a package it merely remembers (removed, config files kept): read the Status line. */
export function readDpkgStatus(exitCode: number | null, stdout: string): PackageStatus {
  return exitCode === 0 && /^Status: install ok installed$/m.test(stdout) ? 'installed' : 'not-installed'
}
