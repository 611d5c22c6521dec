/**
 * The browser set-up rules of `tests/setup/browser-setup.ts` (B1–B6), on invented machines: which
 * files are executable, the user id, what dpkg says. Nothing here touches the real machine;
 * `ensureBrowser` runs apt-get through a fake that records the commands and "installs" the
 * packages into the invented machine.
 */
import { describe, expect, it } from 'vitest'
import { CHROMIUM_MISSING, DEBIAN_CHROMIUM, findChromium } from '../helpers/find-chromium'
import {
  aptCommands,
  ensureBrowser,
  FONTS_MISSING_WARNING,
  planBrowser,
  readDpkgStatus,
  type Command,
  type CommandResult,
  type PackageStatus,
  type SetupHost,
} from '../setup/browser-setup'

interface FakeMachine {
  env: Record<string, string | undefined>
  executables: Set<string>
  uid: number | undefined
  /** Packages dpkg knows as installed; undefined: there is no dpkg. */
  installed: Set<string> | undefined
}

function buildMachine(overrides: Partial<FakeMachine> = {}): FakeMachine {
  return {
    env: { PATH: '/usr/local/bin:/usr/bin:/bin' },
    executables: new Set(['/usr/bin/apt-get', '/usr/bin/dpkg']),
    uid: 1000,
    installed: new Set<string>(),
    ...overrides,
  }
}

/** A host that reads the machine each time it is asked, so an install shows on the next look. */
function hostOf(machine: FakeMachine): SetupHost {
  return {
    get env() {
      return machine.env
    },
    isExecutable: (path) => machine.executables.has(path),
    get uid() {
      return machine.uid
    },
    dpkgStatus: (pkg): PackageStatus | undefined =>
      machine.installed === undefined ? undefined : machine.installed.has(pkg) ? 'installed' : 'not-installed',
  }
}

/** Debian's chromium package as this machine would have it once installed. */
function installChromium(machine: FakeMachine): void {
  machine.executables.add(DEBIAN_CHROMIUM)
  machine.installed?.add('chromium')
}

interface Recorded {
  commands: Command[]
  out: string[]
  err: string[]
}

/** I/O whose apt-get "installs" into the machine (or fails at the step `failAt`). */
function fakeIo(machine: FakeMachine, options: { failAt?: number; installs?: boolean } = {}) {
  const recorded: Recorded = { commands: [], out: [], err: [] }
  const io = {
    run(command: Command): CommandResult {
      recorded.commands.push(command)
      if (recorded.commands.length - 1 === options.failAt) return { status: 100, detail: 'E: Unable to locate package chromium\n' }
      if (command.args[0] === 'install' && options.installs !== false) {
        for (const pkg of command.args.filter((arg) => !arg.startsWith('-')).slice(1)) {
          if (pkg === 'chromium') installChromium(machine)
          else machine.installed?.add(pkg)
        }
      }
      return { status: 0, detail: '' }
    },
    print: (line: string) => recorded.out.push(line),
    printError: (line: string) => recorded.err.push(line),
  }
  return { io, recorded }
}

const aptInstall = (packages: string[]): Command => aptCommands(packages)[1] as Command

describe('B1: CHROMIUM_PATH, when set, is the browser or an error', () => {
  it('uses CHROMIUM_PATH when it names an executable, even with a system Chromium present', () => {
    const machine = buildMachine({
      env: { PATH: '/usr/bin', CHROMIUM_PATH: '/opt/chromium/chrome' },
      executables: new Set(['/opt/chromium/chrome', DEBIAN_CHROMIUM]),
      installed: new Set(['fonts-noto-cjk']),
    })
    expect(findChromium(hostOf(machine))).toEqual({ type: 'found', path: '/opt/chromium/chrome', from: 'CHROMIUM_PATH' })
    expect(planBrowser(hostOf(machine))).toEqual({ type: 'ready', chromium: '/opt/chromium/chrome', warnings: [] })
  })

  it('stops with one line naming CHROMIUM_PATH when it names nothing executable, and installs nothing even as root', () => {
    const machine = buildMachine({ env: { PATH: '/usr/bin', CHROMIUM_PATH: '/opt/nowhere/chrome' }, uid: 0 })
    const { io, recorded } = fakeIo(machine)
    expect(ensureBrowser(hostOf(machine), io)).not.toBe(0)
    expect(recorded.commands).toEqual([])
    expect(recorded.err).toHaveLength(1)
    expect(recorded.err[0]).toContain('CHROMIUM_PATH')
    expect(recorded.err[0]).toContain('/opt/nowhere/chrome')
    expect(recorded.err[0]).not.toContain('\n')
  })

  it('takes an empty CHROMIUM_PATH as unset', () => {
    const machine = buildMachine({ env: { PATH: '/usr/bin', CHROMIUM_PATH: '' }, executables: new Set(['/usr/bin/chromium']) })
    expect(findChromium(hostOf(machine))).toEqual({ type: 'found', path: '/usr/bin/chromium', from: 'PATH' })
  })
})

describe('B2: otherwise the system Chromium', () => {
  it('finds chromium on PATH, first directory first', () => {
    const machine = buildMachine({
      env: { PATH: '/home/a/bin:/usr/bin' },
      executables: new Set(['/home/a/bin/chromium', '/usr/bin/chromium']),
    })
    expect(findChromium(hostOf(machine))).toEqual({ type: 'found', path: '/home/a/bin/chromium', from: 'PATH' })
  })

  it('finds chromium-browser on PATH when there is no chromium', () => {
    const machine = buildMachine({ env: { PATH: '/snap/bin:/usr/bin' }, executables: new Set(['/snap/bin/chromium-browser']) })
    expect(findChromium(hostOf(machine))).toEqual({ type: 'found', path: '/snap/bin/chromium-browser', from: 'PATH' })
  })

  it('falls back to /usr/bin/chromium when PATH does not lead to it', () => {
    const machine = buildMachine({ env: { PATH: '/opt/node/bin' }, executables: new Set([DEBIAN_CHROMIUM]) })
    expect(findChromium(hostOf(machine))).toEqual({ type: 'found', path: DEBIAN_CHROMIUM, from: 'default' })
  })

  it('does nothing and says nothing when Chromium and the fonts are there', () => {
    const machine = buildMachine({ uid: 0, executables: new Set(['/usr/bin/apt-get', DEBIAN_CHROMIUM]), installed: new Set(['chromium', 'fonts-noto-cjk']) })
    const { io, recorded } = fakeIo(machine)
    expect(ensureBrowser(hostOf(machine), io)).toBe(0)
    expect(recorded).toEqual({ commands: [], out: [], err: [] })
  })
})

describe('B3: no Chromium, as root with apt-get: install it', () => {
  it('runs apt-get update then installs chromium and fonts-noto-cjk, says so in one line first, then finds it', () => {
    const machine = buildMachine({ uid: 0 })
    expect(planBrowser(hostOf(machine))).toEqual({ type: 'install', packages: ['chromium', 'fonts-noto-cjk'] })
    const { io, recorded } = fakeIo(machine)
    expect(ensureBrowser(hostOf(machine), io)).toBe(0)
    expect(recorded.commands).toEqual([
      { command: 'apt-get', args: ['update', '-qq'], env: { DEBIAN_FRONTEND: 'noninteractive' } },
      {
        command: 'apt-get',
        args: ['install', '-y', '-qq', '--no-install-recommends', 'chromium', 'fonts-noto-cjk'],
        env: { DEBIAN_FRONTEND: 'noninteractive' },
      },
    ])
    expect(recorded.out[0]).toMatch(/installing .*chromium and fonts-noto-cjk .*a minute or two/)
    expect(recorded.out.at(-1)).toContain(DEBIAN_CHROMIUM)
    expect(recorded.err).toEqual([])
    expect(planBrowser(hostOf(machine))).toEqual({ type: 'ready', chromium: DEBIAN_CHROMIUM, warnings: [] })
  })

  it('installs only chromium when the fonts are already there', () => {
    const machine = buildMachine({ uid: 0, installed: new Set(['fonts-noto-cjk']) })
    const { io, recorded } = fakeIo(machine)
    expect(ensureBrowser(hostOf(machine), io)).toBe(0)
    expect(recorded.commands.at(-1)).toEqual(aptInstall(['chromium']))
  })

  it('fails in one line naming the command when apt-get fails, with apt’s own words under it', () => {
    const machine = buildMachine({ uid: 0 })
    const { io, recorded } = fakeIo(machine, { failAt: 1 })
    expect(ensureBrowser(hostOf(machine), io)).not.toBe(0)
    expect(recorded.err[0]).toContain('could not install chromium and fonts-noto-cjk')
    expect(recorded.err[0]).toContain('apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk` exited with code 100')
    expect(recorded.err.slice(1)).toEqual(['  E: Unable to locate package chromium'])
  })

  it('stops after a failed apt-get update without trying the install', () => {
    const machine = buildMachine({ uid: 0 })
    const { io, recorded } = fakeIo(machine, { failAt: 0 })
    expect(ensureBrowser(hostOf(machine), io)).not.toBe(0)
    expect(recorded.commands).toHaveLength(1)
    expect(recorded.err[0]).toContain('apt-get update -qq` exited with code 100')
  })

  it('fails when apt-get succeeded but still no Chromium can be found', () => {
    const machine = buildMachine({ uid: 0 })
    const { io, recorded } = fakeIo(machine, { installs: false })
    expect(ensureBrowser(hostOf(machine), io)).not.toBe(0)
    expect(recorded.err).toHaveLength(1)
    expect(recorded.err[0]).toContain('still cannot run')
  })
})

describe('B4: no Chromium, anywhere else: one line, non-zero, at once', () => {
  const machines: [string, Partial<FakeMachine>][] = [
    ['not root', { uid: 1000 }],
    ['root without apt-get', { uid: 0, executables: new Set(), installed: undefined }],
    ['no user ids (Windows)', { uid: undefined, executables: new Set() }],
  ]
  it.each(machines)('%s', (_name, overrides) => {
    const machine = buildMachine(overrides)
    const { io, recorded } = fakeIo(machine)
    expect(ensureBrowser(hostOf(machine), io)).not.toBe(0)
    expect(recorded.commands).toEqual([])
    expect(recorded.out).toEqual([])
    expect(recorded.err).toEqual([CHROMIUM_MISSING])
    expect(CHROMIUM_MISSING).not.toContain('\n')
    expect(CHROMIUM_MISSING).toMatch(/chromium.*fonts-noto-cjk.*CHROMIUM_PATH/)
  })
})

describe('B5: Chromium without fonts-noto-cjk', () => {
  it('installs only the fonts as root with apt-get', () => {
    const machine = buildMachine({ uid: 0, executables: new Set(['/usr/bin/apt-get', DEBIAN_CHROMIUM]) })
    expect(planBrowser(hostOf(machine))).toEqual({ type: 'install', packages: ['fonts-noto-cjk'] })
    const { io, recorded } = fakeIo(machine)
    expect(ensureBrowser(hostOf(machine), io)).toBe(0)
    expect(recorded.commands.at(-1)).toEqual(aptInstall(['fonts-noto-cjk']))
  })

  it('warns in one line and goes on when not root', () => {
    const machine = buildMachine({ uid: 1000, executables: new Set(['/usr/bin/apt-get', DEBIAN_CHROMIUM]) })
    const { io, recorded } = fakeIo(machine)
    expect(ensureBrowser(hostOf(machine), io)).toBe(0)
    expect(recorded.commands).toEqual([])
    expect(recorded.err).toEqual([FONTS_MISSING_WARNING])
    expect(FONTS_MISSING_WARNING).not.toContain('\n')
  })

  it('warns and goes on as root without apt-get', () => {
    const machine = buildMachine({ uid: 0, executables: new Set([DEBIAN_CHROMIUM]) })
    expect(planBrowser(hostOf(machine))).toEqual({ type: 'ready', chromium: DEBIAN_CHROMIUM, warnings: [FONTS_MISSING_WARNING] })
  })

  it('says nothing of fonts where there is no dpkg to ask', () => {
    const machine = buildMachine({ uid: 1000, executables: new Set([DEBIAN_CHROMIUM]), installed: undefined })
    expect(planBrowser(hostOf(machine))).toEqual({ type: 'ready', chromium: DEBIAN_CHROMIUM, warnings: [] })
  })

  it('reads dpkg -s by its Status line: a removed package whose config files remain is not installed', () => {
    expect(readDpkgStatus(0, 'Package: fonts-noto-cjk\nStatus: install ok installed\nPriority: optional\n')).toBe('installed')
    expect(readDpkgStatus(0, 'Package: fonts-noto-cjk\nStatus: deinstall ok config-files\n')).toBe('not-installed')
    expect(readDpkgStatus(1, '')).toBe('not-installed')
  })
})

describe('B6: nothing but the system package manager', () => {
  it('never runs anything but apt-get', () => {
    const machine = buildMachine({ uid: 0 })
    const { io, recorded } = fakeIo(machine)
    ensureBrowser(hostOf(machine), io)
    expect(new Set(recorded.commands.map((command) => command.command))).toEqual(new Set(['apt-get']))
  })
})
