import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { DataDirBusy, LOCK_FILE, LOCK_STALE_MS, RESTORE_MARKER, holdDataDir, holderOf } from './data-dir'

// SPEC E3
describe('the data folder: who holds it', () => {
  let dir: string
  const lockOf = (pid: number, host = hostname()) => writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid, host, by: 'relay', since: 'earlier' }))
  /** The pid of a process that has exited. */
  const deadPid = () => spawnSync(process.execPath, ['-e', '']).pid as number

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'shouwang-datadir-'))
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('a relay holds its folder with a lock naming its process; a second is refused until the first lets go', () => {
    const folder = join(dir, 'data')
    const first = holdDataDir(folder, 'relay')
    expect(JSON.parse(readFileSync(join(folder, LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid, by: 'relay' })
    expect(holderOf(folder)?.pid).toBe(process.pid)
    expect(() => holdDataDir(folder, 'relay')).toThrow(DataDirBusy)
    expect(() => holdDataDir(folder, 'restore')).toThrow(/a relay \(process \d+/)
    first.release()
    expect(existsSync(join(folder, LOCK_FILE))).toBe(false)
    expect(holderOf(folder)).toBeUndefined()
    holdDataDir(folder, 'restore').release()
  })

  it('a lock left by a process that is gone is taken over', () => {
    lockOf(deadPid())
    expect(holderOf(dir)).toBeUndefined()
    const hold = holdDataDir(dir, 'relay')
    expect(holderOf(dir)?.pid).toBe(process.pid)
    hold.release()
  })

  it.skipIf(!existsSync('/proc/self/stat'))('a lock naming a killed process its parent has not reaped yet (a zombie) is stale', async () => {
    // `sleep 0` exits at once, and the `sleep` that its shell became never reaps it.
    const parent = spawn('sh', ['-c', 'sleep 0 & exec sleep 30'], { stdio: 'ignore' })
    try {
      const childrenOf = `/proc/${parent.pid}/task/${parent.pid}/children`
      let zombie: number | undefined
      for (let i = 0; i < 500 && zombie === undefined; i++) {
        const pid = Number(existsSync(childrenOf) ? readFileSync(childrenOf, 'utf8').trim().split(' ')[0] : NaN)
        if (pid > 0 && /\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'))) zombie = pid
        else await new Promise((r) => setTimeout(r, 10))
      }
      expect(zombie).toBeDefined()
      lockOf(zombie as number)
      expect(holderOf(dir)).toBeUndefined()
    } finally {
      parent.kill('SIGKILL')
    }
  })

  it('a lock naming this very pid that this process did not take is stale (a container restarted)', () => {
    lockOf(process.pid)
    expect(holderOf(dir)).toBeUndefined()
    holdDataDir(dir, 'relay').release()
  })

  it('a lock cut short while it was written is stale', () => {
    writeFileSync(join(dir, LOCK_FILE), '{"pid": 12')
    holdDataDir(dir, 'relay').release()
  })

  it('a live process, or one on another machine whose lock still beats, holds it', () => {
    lockOf(process.ppid)
    expect(() => holdDataDir(dir, 'relay')).toThrow(new RegExp(`process ${process.ppid}`))
    lockOf(deadPid(), 'another-machine')
    expect(() => holdDataDir(dir, 'relay')).toThrow(/on another-machine/)
    // Neither lock was touched.
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')).host).toBe('another-machine')
  })

  it("another machine's lock untouched for half a minute is stale (a container recreated under a new name)", () => {
    lockOf(12345, 'old-container')
    const then = new Date(Date.now() - LOCK_STALE_MS - 1000)
    utimesSync(join(dir, LOCK_FILE), then, then)
    expect(holderOf(dir)).toBeUndefined()
    holdDataDir(dir, 'relay').release()
  })

  it('a holder keeps its lock beating', () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] })
    try {
      const hold = holdDataDir(dir, 'relay')
      const lock = join(dir, LOCK_FILE)
      const then = new Date(Date.now() - 60_000)
      utimesSync(lock, then, then)
      vi.advanceTimersByTime(LOCK_STALE_MS)
      expect(Date.now() - statSync(lock).mtimeMs).toBeLessThan(LOCK_STALE_MS)
      hold.release()
    } finally {
      vi.useRealTimers()
    }
  })

  it('a relay does not start on a folder whose restore was cut short; a restore may take it', () => {
    writeFileSync(join(dir, RESTORE_MARKER), '')
    expect(() => holdDataDir(dir, 'relay')).toThrow(/restore .* was cut short/)
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false)
    holdDataDir(dir, 'restore').release()
  })

  it('letting go leaves a lock another process took meanwhile', () => {
    const hold = holdDataDir(dir, 'relay')
    lockOf(process.ppid)
    hold.release()
    expect(existsSync(join(dir, LOCK_FILE))).toBe(true)
  })
})
