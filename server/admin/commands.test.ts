import { describe, expect, it } from 'vitest'
import { ADMIN_HELP, AdminError, parseAdminArgs } from './commands'

describe('npm run admin: the command line', () => {
  it('reads backup and restore with their folder, and --replace for a restore', () => {
    expect(parseAdminArgs(['backup', '/mnt/usb/2024-11-01'])).toEqual({ name: 'backup', path: '/mnt/usb/2024-11-01' })
    expect(parseAdminArgs(['restore', 'backups/monday'])).toEqual({ name: 'restore', path: 'backups/monday', replace: false })
    expect(parseAdminArgs(['restore', '--replace', 'backups/monday'])).toEqual({ name: 'restore', path: 'backups/monday', replace: true })
    expect(parseAdminArgs(['restore', 'backups/monday', '--replace'])).toMatchObject({ replace: true })
  })

  it('--help, -h and help show the help, whatever else is there', () => {
    for (const argv of [['--help'], ['-h'], ['help'], ['backup', '--help'], ['restore', 'x', '-h']]) {
      expect(parseAdminArgs(argv)).toEqual({ name: 'help' })
    }
    for (const command of ['npm run admin -- backup PATH', 'npm run admin -- restore PATH [--replace]', 'DATA_DIR']) {
      expect(ADMIN_HELP).toContain(command)
    }
  })

  it.each([
    [[], /no command given/],
    [['bakup', 'x'], /unknown command "bakup"/],
    [['backup'], /backup needs a folder: npm run admin -- backup PATH/],
    [['restore', '  '], /restore needs a folder/],
    [['backup', 'a', 'b'], /one folder, not 2/],
    [['backup', '--replace', 'x'], /unknown option "--replace" for backup/],
    [['restore', '--force', 'x'], /unknown option "--force"/],
  ])('refuses %j with one line that says what to do', (argv, message) => {
    let error: unknown
    try {
      parseAdminArgs(argv)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(AdminError)
    expect((error as Error).message).toMatch(message)
    expect((error as Error).message).not.toContain('\n')
  })
})
