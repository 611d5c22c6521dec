/**
 * One gift round to 128 children through a real relay with accounts (issue 11, Must show):
 * a coordinator's device makes the round and saves it the way the aid page does
 * (client/features/aid/save-round.ts); the relay's own stored files hold 128 aid records whose
 * amounts, summed here in fen, equal the round's total; a second device of the coordinator that
 * recorded the same round offline brings no second record to any file (SPEC G2, G3).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { childDocumentId, planDocumentId, toWorkspaceId } from '../../shared/doc-id'
import { todayIsoDate } from '../../shared/dates'
import { createChildFile, type EditContext } from '../../shared/docs/child/child'
import { readRecords } from '../../shared/docs/child/records'
import { addDistribution, readRecipients, totalYuan, type Recipient } from '../../shared/docs/plan/distribution'
import { saveRound } from '../../client/features/aid/save-round'
import { openDb } from '../../client/runtime/store/db'
import { createRelayHttp } from '../../client/runtime/sync/relay-http'
import { Workspace } from '../../client/runtime/workspace'
import { WORKSPACE, setUpCoordinator } from '../helpers/accounts'
import { waitFor } from '../helpers/clients'
import { makeDataDir, startTestRelay, type TestRelay } from '../helpers/relay'
import { loadStoredDoc } from '../helpers/stored-doc'
import { fetchWithBearer, makeWorkspace } from '../helpers/workspace'

const ws = toWorkspaceId(WORKSPACE)
const TERM = '2027-spring'
const PLAN = planDocumentId(ws, TERM)
const CHILDREN = Array.from({ length: 128 }, (_, i) => `kid${String(i).padStart(3, '0')}`)
// Amounts with cents that floating point would not sum exactly: 0.1 + 0.2 style.
const AMOUNTS = [200.1, 199.9, 150.55, 88.88, 0.1, 0.2]
const recipients: Recipient[] = CHILDREN.map((childId, i) => ({ childId, amountYuan: AMOUNTS[i % AMOUNTS.length] as number, ...(i % 10 === 3 ? { source: '爱心企业' } : {}) }))

describe('one gift round to 128 children, through the relay (SPEC G2, G3)', () => {
  let data: ReturnType<typeof makeDataDir>
  let relay: TestRelay
  let token: string
  let author: { id: string; name: string }
  const devices: Workspace[] = []
  const context = (): EditContext => ({ author, today: todayIsoDate(), now: Date.now() })

  beforeAll(async () => {
    data = makeDataDir()
    relay = await startTestRelay(data.dir)
    const session = await setUpCoordinator(relay)
    token = session.token
    author = { id: session.user.id, name: session.user.displayName }
  })
  afterAll(async () => {
    for (const d of devices) d.close()
    await relay.stop()
    data.remove()
  })

  const storedAid = async () => {
    const files = await Promise.all(CHILDREN.map((id) => loadStoredDoc(relay.store, childDocumentId(ws, id))))
    return files.map((f) => readRecords(f).filter((r) => r.type === 'aid'))
  }

  it('G2, G3: 128 aid records on the relay, summed to the round’s total; a second device’s offline copy of the round doubles none', async () => {
    const phone = makeWorkspace(relay.url, 'coordinator-phone', token)
    devices.push(phone)
    for (const id of CHILDREN) await phone.createDocument(childDocumentId(ws, id), (doc) => void createChildFile(doc, { name: `孩子${id}`, classId: 'class-4-1' }, context()))
    const plan = await phone.open(PLAN)
    const round = addDistribution(plan.doc, { title: '六一慰问', date: '2027-06-01', kind: 'gift', source: '县妇联' }, context())
    if (!('id' in round)) throw new Error('round refused')
    await phone.flushed(PLAN)
    await phone.background.run()
    await waitFor(async () => (await storedAid()).every((a) => a.length === 0) && (await loadStoredDoc(relay.store, PLAN)).share.has(`dist:${round.id}`), 'files and the round on the relay')

    // The laptop catches up (files and the round) and then goes offline: its socket reaches nobody.
    const laptop = new Workspace({
      db: openDb(`aid-laptop-${Date.now()}-${Math.random()}`),
      workspaceId: ws,
      relayUrl: 'ws://127.0.0.1:9',
      http: createRelayHttp({ baseUrl: relay.url, fetchImpl: fetchWithBearer(token) }),
      user: { id: author.id, displayName: author.name },
      providerOptions: { WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket, disableBc: true, maxBackoffTime: 200 },
    })
    devices.push(laptop)
    await laptop.background.run()
    expect((await laptop.queries.storedIn(CHILDREN.map((id) => childDocumentId(ws, id)))).size).toBe(128)

    // The phone saves the round; a bad amount first refuses it all and names the child.
    const bad = await saveRound(phone, plan.doc, TERM, round.id, { set: [...recipients.slice(0, 5), { childId: CHILDREN[5] as string, amountYuan: -3 }], remove: [] }, context)
    expect(bad).toMatchObject({ refused: 'amounts', errors: { [CHILDREN[5] as string]: { code: 'outOfRange' } } })
    expect(readRecipients(plan.doc, round.id)).toEqual([])
    const progress: number[] = []
    const saved = await saveRound(phone, plan.doc, TERM, round.id, { set: recipients, remove: [] }, context, (done) => progress.push(done))
    expect(saved).toEqual({ written: CHILDREN, failed: [] })
    expect(progress.at(-1)).toBe(128)
    await phone.flushed(PLAN)
    await phone.background.run()

    // Offline, the laptop records the same round for the same children.
    const copy = await laptop.open(PLAN)
    expect(await saveRound(laptop, copy.doc, TERM, round.id, { set: recipients, remove: [] }, context)).toEqual({ written: CHILDREN, failed: [] })
    await laptop.flushed(PLAN)
    laptop.release(PLAN)
    await laptop.background.run()
    await phone.background.run()

    await waitFor(async () => readRecipients(await loadStoredDoc(relay.store, PLAN), round.id).length === 128, 'the round’s recipients on the relay')
    const aid = await storedAid()
    expect(aid.map((a) => a.length)).toEqual(CHILDREN.map(() => 1))
    // Summed here, independently, in fen: what the files hold against what the plan's round says.
    const fen = aid.flat().reduce((sum, r) => sum + Math.round(Number(r.fields.amountYuan) * 100), 0)
    const expected = recipients.reduce((sum, r) => sum + Math.round(r.amountYuan * 100), 0)
    expect(fen).toBe(expected)
    expect(totalYuan(readRecipients(await loadStoredDoc(relay.store, PLAN), round.id))).toBe(expected / 100)
    expect(aid[3]?.[0]?.fields).toMatchObject({ kind: 'gift', source: '爱心企业' })
    expect(aid[4]?.[0]?.fields).toMatchObject({ kind: 'gift', source: '县妇联', amountYuan: 0.1 })
    // The laptop, caught up, also sees one record per file.
    const back = await laptop.readStored(childDocumentId(ws, CHILDREN[0] as string))
    expect(back && readRecords(back).filter((r) => r.type === 'aid')).toHaveLength(1)
  }, 120_000)
})
