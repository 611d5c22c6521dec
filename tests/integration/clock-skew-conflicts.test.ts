/**
 * SPEC C1, C2 through a real relay: devices whose clocks are off by up to a year, each
 * correcting its clock by the offset it measured against the relay, write the same fields of
 * one child's file while offline, round after round. On every copy, the write made last (in
 * real time) wins each field, and exactly the people whose latest write lost (to a later one
 * made in the same round by someone who had not seen it) are told, on every copy. Without the correction, the phone a year ahead would win every field.
 *
 * SKEW_SEEDS=50 runs more seeds.
 */
import * as prng from 'lib0/prng'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { todayIsoDate } from '../../shared/dates'
import { childConflicts, createChildFile, readChildFile, setChildFields } from '../../shared/docs/child/child'
import type { ChildFieldKey } from '../../shared/docs/child/child-fields'
import { RelayClock } from '../../client/runtime/sync/relay-clock'
import { createRelayHttp } from '../../client/runtime/sync/relay-http'
import { WORKSPACE, invite, postOk, setUpCoordinator } from '../helpers/accounts'
import { connectClient, waitFor, type TestClient } from '../helpers/clients'
import { makeDataDir, startTestRelay, type TestRelay } from '../helpers/relay'

const SEEDS = Number(process.env.SKEW_SEEDS ?? 8)
const ROUNDS = 5
const YEAR = 365 * 24 * 3600 * 1000
/** The skews of the three devices' clocks: a year ahead, three hours behind, right. */
const SKEWS = [YEAR, -3 * 3600 * 1000, 0]
const FIELDS: { field: ChildFieldKey; values: string[] }[] = [
  { field: 'guardian.age', values: ['61', '66', '70', '72', '75'] },
  { field: 'guardian.name', values: ['王奶奶', '李爺爺', '張阿姨', '劉外婆'] },
  { field: 'guardian.phone', values: ['13800138000', '13912345678', '13700001111'] },
]

interface Device {
  author: { id: string; name: string }
  client: TestClient
  clock: RelayClock
}

/** Real time moves on between two writes, so "later" is a fact the test can check. */
const tick = () => new Promise((r) => setTimeout(r, 8))

describe('the later write wins on every copy, with clocks a year apart (SPEC C1, C2)', () => {
  let data: ReturnType<typeof makeDataDir>
  let relay: TestRelay
  const members: { token: string; id: string; name: string }[] = []

  beforeAll(async () => {
    data = makeDataDir()
    relay = await startTestRelay(data.dir)
    const coordinator = await setUpCoordinator(relay)
    const teacher = await invite(relay, coordinator.token, 'teacher', 'teacher1', '李老師')
    const helper = await invite(relay, coordinator.token, 'helper', 'helper1', '張媽媽')
    await postOk(relay, '/api/admin/classes', { userId: teacher.user.id, classId: 'class-1', assigned: true }, coordinator.token)
    for (const s of [coordinator, teacher, helper]) members.push({ token: s.token, id: s.user.id, name: s.user.displayName })
    // Every seed's child is in the teacher's class and paired with the helper.
    for (let seed = 1; seed <= SEEDS; seed++) {
      await postOk(relay, '/api/admin/child-class', { childId: `skew${seed}`, classId: 'class-1' }, coordinator.token)
      await postOk(relay, '/api/admin/pairings', { userId: helper.user.id, childId: `skew${seed}`, paired: true }, coordinator.token)
    }
  })
  afterAll(async () => {
    await relay.stop()
    data.remove()
  })

  async function devicesFor(docId: string): Promise<Device[]> {
    const devices: Device[] = []
    for (const [i, member] of members.entries()) {
      const skew = SKEWS[i] as number
      const clock = new RelayClock(undefined, () => Date.now() + skew)
      // One request to the relay measures the device's offset, as the app's first request does.
      await createRelayHttp({ baseUrl: relay.url, clock }).send('/api/health')
      expect(Math.abs(clock.offsetMs + skew)).toBeLessThan(2000)
      devices.push({ author: { id: member.id, name: member.name }, client: connectClient(relay.url, docId, new Y.Doc(), member.token), clock })
    }
    await waitFor(() => devices.every((d) => d.client.provider.synced), 'every device synced')
    return devices
  }

  const converged = (devices: Device[]) => {
    const vectors = devices.map((d) => Y.encodeStateVector(d.client.doc).toString())
    return vectors.every((v) => v === vectors[0])
  }

  it(`${SEEDS} seeds of ${ROUNDS} offline rounds`, async () => {
    for (let seed = 1; seed <= SEEDS; seed++) {
      const gen = prng.create(seed)
      const docId = `${WORKSPACE}/child/skew${seed}`
      const devices = await devicesFor(docId)
      const first = devices[0] as Device
      createChildFile(first.client.doc, { name: `鐘${seed}` }, { author: first.author, today: todayIsoDate(), now: first.clock.now() })
      await waitFor(() => devices.every((d) => readChildFile(d.client.doc).fields.name !== undefined), 'the file reached every device')

      /** Per field, per round: that round's writes, in real-time order. */
      const written = new Map<ChildFieldKey, Map<number, { author: string; value: string }[]>>()
      for (let round = 0; round < ROUNDS; round++) {
        for (const d of devices) d.client.provider.disconnect()
        const writers = devices.filter(() => prng.bool(gen))
        // The first round always has the phone a year ahead write a field before a right clock
        // does: uncorrected, its earlier write would win.
        const scripted = round === 0 ? [devices[0], devices[2]] : []
        for (let k = 0; k < 2 + prng.uint32(gen, 0, 3); k++) {
          const d = scripted[k] ?? prng.oneOf(gen, writers.length > 0 ? writers : devices)
          const { field, values } = k < scripted.length ? (FIELDS[0] as (typeof FIELDS)[number]) : prng.oneOf(gen, FIELDS)
          const value = k < scripted.length ? (values[k] as string) : prng.oneOf(gen, values)
          await tick()
          const before = readChildFile(d.client.doc).fields[field]?.value
          setChildFields(d.client.doc, { [field]: value }, { author: d.author, today: todayIsoDate(), now: d.clock.now() })
          if (String(before ?? '') === value) continue
          const rounds = written.get(field) ?? new Map<number, { author: string; value: string }[]>()
          written.set(field, rounds)
          rounds.set(round, [...(rounds.get(round) ?? []), { author: d.author.id, value }])
        }
        for (const d of devices) d.client.provider.connect()
        await waitFor(() => devices.every((d) => d.client.provider.synced) && converged(devices), `seed ${seed} round ${round}: copies converge`, 20_000)
      }

      for (const { field } of FIELDS) {
        const rounds = written.get(field)
        const values = devices.map((d) => readChildFile(d.client.doc).fields[field]?.value)
        // The same winner on every copy (C1)...
        expect(new Set(values.map(String)).size, `seed ${seed} ${field}`).toBe(1)
        if (!rounds) continue
        // ...the write made last in real time, whatever the devices' clocks said...
        const lastRound = rounds.get(Math.max(...rounds.keys())) ?? []
        const winner = lastRound.at(-1) as { author: string; value: string }
        expect(String(values[0]), `seed ${seed} ${field}`).toBe(winner.value)
        // ...and only those told whose latest write lost, in its round, to a later one by someone
        // else (who could not have seen it), and differs from what the file holds now (C2).
        const losers = members
          .map((m) => m.id)
          .filter((author) => {
            const mine = [...rounds].filter(([, writes]) => writes.some((w) => w.author === author)).at(-1)
            if (!mine) return false
            const [, writes] = mine
            const latest = writes.filter((w) => w.author === author).at(-1) as { value: string }
            return writes.at(-1)?.author !== author && latest.value !== winner.value
          })
        for (const d of devices) {
          for (const member of members) {
            const told = childConflicts(d.client.doc, member.id).some((c) => c.field === field)
            expect(told, `seed ${seed} ${field}: ${member.name} told on ${d.author.name}'s copy`).toBe(losers.includes(member.id))
          }
        }
      }
      for (const d of devices) d.client.destroy()
    }
  }, 120_000)
})
