/**
 * The device's estimate of the relay's clock (shared/clock.ts): the offset measured from the
 * relay's answers, kept across restarts so a device that starts offline still writes with the
 * offset it measured the last time it was online.
 */
import { offsetFrom, type Clock } from '../../../shared/clock'

const OFFSET_KEY = 'shouwang.clockOffset'

export type OffsetStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>

export class RelayClock implements Clock {
  private offset: number
  /** Kept only while someone is signed in: a signed-out device keeps nothing of its use. */
  private persistent = true

  constructor(
    private readonly storage: OffsetStorage | undefined,
    private readonly deviceNow: () => number = () => Date.now(),
  ) {
    const stored = Number(storage?.getItem(OFFSET_KEY))
    this.offset = Number.isFinite(stored) ? stored : 0
  }

  /** One answer of the relay: when it was asked, when it answered, and the time it stamped. */
  observe(sentAt: number, receivedAt: number, relayTime: number): void {
    const offset = offsetFrom(sentAt, receivedAt, relayTime)
    if (offset === undefined) return
    this.offset = offset
    if (!this.persistent) return
    try {
      this.storage?.setItem(OFFSET_KEY, String(offset))
    } catch {
      // Storage full: the offset still holds for this session.
    }
  }

  /** Whether the offset is kept across restarts (while signed in); turning it off forgets the kept one. */
  setPersistent(persistent: boolean): void {
    this.persistent = persistent
    if (persistent) {
      try {
        this.storage?.setItem(OFFSET_KEY, String(this.offset))
      } catch {
        // Storage full: the offset still holds for this session.
      }
    } else this.storage?.removeItem(OFFSET_KEY)
  }

  /** The device's own clock, as requests measure it. */
  device(): number {
    return this.deviceNow()
  }

  now(): number {
    return this.deviceNow() + this.offset
  }

  /** How far the device's clock is off, in milliseconds (relay minus device). */
  get offsetMs(): number {
    return this.offset
  }
}
