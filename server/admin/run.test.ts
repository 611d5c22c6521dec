/**
 * The admin commands' refusals, and what they leave behind, on real SQLite files (the relay
 * running and writing meanwhile is tests/integration/backup.test.ts).
 */
import Database from 'better-sqlite3'
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { openAccessStore } from '../auth/access-store'
import { LOCK_FILE, RESTORE_MARKER, accessFileIn, docsFileIn, holdDataDir } from '../store/data-dir'
import { openSqliteDocStore } from '../store/sqlite-doc-store'
import { runAdmin } from './run'

const DOC = 'school-1/child/c1'
const OTHER = 'school-1/child/c2'

function noteUpdate(text: string): Uint8Array {
  const doc = new Y.Doc()
  doc.getText('notes').insert(0, text)
  return Y.encodeStateAsUpdate(doc)
}

/** A data folder as a relay leaves it: two children's files, one coordinator. */
async function makeData(dir: string): Promise<void> {
  const store = openSqliteDocStore({ file: docsFileIn(dir) })
  await store.append([
    { docId: DOC, update: noteUpdate('李小紅') },
    { docId: OTHER, update: noteUpdate('王小明') },
  ])
  await store.close()
  const access = openAccessStore({ file: accessFileIn(dir) })
  access.setRole('school-1', access.createUser('wang', '王校長', 'hash').id, 'coordinator')
  access.setChildClass('school-1', 'c1', 'class-3')
  access.close()
}

async function notesOf(dir: string, docId: string): Promise<string> {
  const store = openSqliteDocStore({ file: docsFileIn(dir) })
  try {
    const doc = new Y.Doc()
    for (const update of (await store.load(docId)).updates) Y.applyUpdate(doc, update)
    return doc.getText('notes').toString()
  } finally {
    await store.close()
  }
}

const listing = (dir: string) => (existsSync(dir) ? readdirSync(dir).sort() : [])
const isRoot = process.getuid?.() === 0

describe('npm run admin', () => {
  let root: string
  let data: string
  let out: string[]
  let err: string[]
  const admin = (...argv: string[]) => runAdmin(argv, { dataDir: data, out: (l) => out.push(l), err: (l) => err.push(l) })
  /** The command failed with exit code 1 and one line on stderr matching `message`. */
  const refused = async (argv: string[], message: RegExp) => {
    expect(await admin(...argv)).toBe(1)
    expect(err).toHaveLength(1)
    expect(err[0]).toMatch(message)
    expect(err[0]).not.toContain('\n')
    expect(out).toEqual([])
    err = []
  }

  beforeEach(async () => {
    root = mkdtempSync(join(tmpdir(), 'shouwang-admin-'))
    data = join(root, 'data')
    out = []
    err = []
    await makeData(data)
  })
  afterEach(() => rmSync(root, { recursive: true, force: true }))

  it('a command line it cannot read exits 2, with one line', async () => {
    expect(await admin('backup')).toBe(2)
    expect(err).toEqual(['shouwang admin: backup needs a folder: npm run admin -- backup PATH'])
    expect(await admin('--help')).toBe(0)
    expect(out.join('\n')).toContain('npm run admin -- restore PATH')
  })

  // SPEC E1
  describe('backup', () => {
    it('copies both databases into a new folder, each one self-contained file that opens and checks', async () => {
      const folder = join(root, 'usb', 'monday')
      expect(await admin('backup', folder)).toBe(0)
      expect(out[0]).toMatch(/^Backed up shouwang\.db \(\d+ KB, schema \d+\) and access\.db/)
      expect(listing(folder)).toEqual(['access.db', 'shouwang.db'])
      for (const name of ['shouwang.db', 'access.db']) {
        const db = new Database(join(folder, name), { readonly: true })
        expect(db.pragma('journal_mode', { simple: true })).toBe('delete')
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
        db.close()
      }
      expect(await notesOf(folder, DOC)).toBe('李小紅')
      // It never wrote to the data folder: no lock, nothing new but SQLite's own WAL files.
      expect(listing(data).filter((f) => !/-(wal|shm)$/.test(f))).toEqual(['access.db', 'shouwang.db'])
    })

    it('writes into an existing empty folder', async () => {
      const folder = join(root, 'empty')
      mkdirSync(folder)
      expect(await admin('backup', folder)).toBe(0)
      expect(listing(folder)).toEqual(['access.db', 'shouwang.db'])
    })

    it('refuses an existing folder that is not empty, and leaves it as it was', async () => {
      const folder = join(root, 'used')
      mkdirSync(folder)
      writeFileSync(join(folder, 'notes.txt'), 'mine')
      await refused(['backup', folder], /used is not empty: choose a new or empty folder/)
      expect(listing(folder)).toEqual(['notes.txt'])
    })

    it('refuses a path that is a file, or under a file', async () => {
      const file = join(root, 'a-file')
      writeFileSync(file, 'x')
      await refused(['backup', file], /is a file, not a folder/)
      await refused(['backup', join(file, 'inside')], /cannot (use|write to) .*a part of the path is a file/)
    })

    it.skipIf(isRoot)('refuses a folder it may not write to', async () => {
      const folder = join(root, 'locked')
      mkdirSync(folder, { mode: 0o500 })
      await refused(['backup', folder], /cannot write to .*locked: permission denied/)
      await refused(['backup', join(folder, 'inside')], /cannot write to .*permission denied/)
      chmodSync(folder, 0o700)
    })

    it('refuses a data folder with no Shouwang data in it', async () => {
      data = join(root, 'nowhere')
      await refused(['backup', join(root, 'b')], /no Shouwang data in .*nowhere: shouwang\.db is missing/)
    })

    it('a copy that fails leaves nothing that looks like a backup', async () => {
      writeFileSync(accessFileIn(data), 'not a database at all, but long enough to look like a file header....................')
      const folder = join(root, 'b')
      await refused(['backup', folder], /could not copy access\.db into .*b: file is not a database; nothing was kept/)
      expect(listing(folder)).toEqual([])
    })
  })

  // SPEC E2
  describe('restore', () => {
    let backup: string
    beforeEach(async () => {
      backup = join(root, 'backup')
      expect(await admin('backup', backup)).toBe(0)
      out = []
    })

    it('puts a backup into an empty data folder, and leaves no temporary file, marker or lock', async () => {
      data = join(root, 'new-data')
      expect(await admin('restore', backup)).toBe(0)
      expect(out[0]).toMatch(/^Restored .*backup into .*new-data\. Start the relay with npm start\.$/)
      expect(listing(data)).toEqual(['access.db', 'shouwang.db'])
      expect(await notesOf(data, DOC)).toBe('李小紅')
      const access = openAccessStore({ file: accessFileIn(data) })
      expect(access.userByName('wang')?.display_name).toBe('王校長')
      expect(access.childClass('school-1', 'c1')).toBe('class-3')
      access.close()
    })

    it('refuses while a relay holds the data folder, and changes nothing', async () => {
      const relay = holdDataDir(data, 'relay')
      const before = readFileSync(docsFileIn(data))
      await refused(['restore', '--replace', backup], new RegExp(`cannot restore now: a relay \\(process ${process.pid}.*stop it first`))
      expect(readFileSync(docsFileIn(data)).equals(before)).toBe(true)
      expect(listing(data).filter((f) => f.endsWith('.restoring'))).toEqual([])
      relay.release()
    })

    it('refuses a data folder that already holds data, unless --replace', async () => {
      const store = openSqliteDocStore({ file: docsFileIn(data) })
      await store.append([{ docId: DOC, update: noteUpdate('（寫在備份之後）') }])
      await store.close()
      await refused(['restore', backup], /data already holds data: add --replace to replace it/)
      expect(await notesOf(data, DOC)).toContain('寫在備份之後')
      expect(await admin('restore', '--replace', backup)).toBe(0)
      expect(await notesOf(data, DOC)).toBe('李小紅')
      expect(listing(data).filter((f) => f !== 'access.db' && f !== 'shouwang.db')).toEqual([])
    })

    it.each([
      ['a folder with no access.db', (dir: string) => rmSync(join(dir, 'access.db')), /not a Shouwang backup .*access\.db is missing/],
      ['a text file as shouwang.db', (dir: string) => writeFileSync(join(dir, 'shouwang.db'), 'hello'.repeat(200)), /not a Shouwang backup .*shouwang\.db is not an SQLite database|cannot be opened/],
      [
        'another program’s SQLite database',
        (dir: string) => {
          rmSync(join(dir, 'shouwang.db'))
          const db = new Database(join(dir, 'shouwang.db'))
          db.exec('CREATE TABLE photos (id INTEGER PRIMARY KEY)')
          db.close()
        },
        /shouwang\.db is not Shouwang's documents database/,
      ],
      [
        'the two files swapped',
        (dir: string) => {
          const docs = readFileSync(join(dir, 'shouwang.db'))
          writeFileSync(join(dir, 'shouwang.db'), readFileSync(join(dir, 'access.db')))
          writeFileSync(join(dir, 'access.db'), docs)
        },
        /not Shouwang's (documents|accounts) database/,
      ],
      [
        'a newer Shouwang’s backup',
        (dir: string) => {
          const db = new Database(join(dir, 'access.db'))
          db.pragma('user_version = 99')
          db.close()
        },
        /access\.db was written by a newer Shouwang \(schema 99\); update this one/,
      ],
    ])('refuses %s, before touching the data folder', async (_name, spoil, message) => {
      spoil(backup)
      data = join(root, 'new-data')
      await refused(['restore', backup], message)
      expect(listing(data)).toEqual([])
    })

    it('refuses a path that is not a folder, or is the data folder itself', async () => {
      await refused(['restore', join(root, 'missing')], /not a Shouwang backup: .*missing is not a folder/)
      await refused(['restore', data], /is the data folder itself/)
    })

    it('a restore cut short between its renames keeps every relay off the folder until it is run again', async () => {
      // As a crash after the marker and before the last rename would leave it.
      writeFileSync(join(data, RESTORE_MARKER), 'cut short\n')
      expect(() => holdDataDir(data, 'relay')).toThrow(/cut short: run `npm run admin -- restore` again/)
      expect(await admin('restore', backup)).toBe(0)
      expect(listing(data)).toEqual(['access.db', 'shouwang.db'])
      holdDataDir(data, 'relay').release()
      expect(existsSync(join(data, LOCK_FILE))).toBe(false)
    })

    it('a file erased after the backup was taken stays erased, and the restored trail says so', async () => {
      const store = openSqliteDocStore({ file: docsFileIn(data) })
      await store.erase(DOC)
      await store.close()
      const access = openAccessStore({ file: accessFileIn(data) })
      const coordinator = access.userByName('wang')?.id ?? null
      access.forgetChild('school-1', 'c1')
      access.audit('school-1', coordinator, DOC, 'erased')
      access.close()

      expect(await admin('restore', '--replace', backup)).toBe(0)
      expect(out[0]).toContain('1 file(s) erased since the backup stay erased')
      expect(await notesOf(data, DOC)).toBe('')
      expect(await notesOf(data, OTHER)).toBe('王小明')
      for (const file of [docsFileIn(data), accessFileIn(data)]) expect(readFileSync(file).includes(Buffer.from('李小紅'))).toBe(false)
      const restored = openSqliteDocStore({ file: docsFileIn(data) })
      expect(await restored.erasedAmong([DOC, OTHER])).toEqual(new Set([DOC]))
      await restored.close()
      const trail = openAccessStore({ file: accessFileIn(data) })
      expect(trail.childClass('school-1', 'c1')).toBeUndefined()
      expect(trail.auditForDoc('school-1', DOC).map((e) => [e.action, e.userId])).toEqual([['erased', coordinator]])
      trail.close()
    })
  })
})
