/**
 * The first step of `npm test`: makes sure the browser tests have a Chromium before the type-check,
 * lint and build spend a minute, so a fresh Debian machine needs nothing but `npm install` and
 * `npm test`. The rules are in `browser-setup.ts`; this is only the real machine and real I/O
 * around them: the filesystem, the user id, dpkg, apt-get, the console and the exit code.
 */
import { spawnSync } from 'node:child_process'
import { systemHost } from '../helpers/find-chromium'
import { ensureBrowser, readDpkgStatus, type Command, type CommandResult, type PackageStatus, type SetupHost } from './browser-setup'

function dpkgStatus(pkg: string): PackageStatus | undefined {
  const result = spawnSync('dpkg', ['-s', pkg], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
  // No dpkg (not Debian): nothing can tell whether the fonts are there, so nothing is said.
  if (result.error) return undefined
  return readDpkgStatus(result.status, result.stdout)
}

function run(command: Command): CommandResult {
  // apt's progress on stdout is dropped; its stderr is kept to show if it fails.
  const result = spawnSync(command.command, [...command.args], {
    env: { ...process.env, ...command.env },
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  })
  if (result.error) return { status: null, detail: result.error.message }
  return { status: result.status, detail: result.stderr }
}

const host: SetupHost = { ...systemHost(), uid: process.getuid?.(), dpkgStatus }

process.exitCode = ensureBrowser(host, {
  run,
  print: (line) => console.log(line),
  printError: (line) => console.error(line),
})
