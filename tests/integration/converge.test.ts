import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { readChildFile, setChildFields, type EditContext } from '../../shared/docs/child/child'
import { authorOf, setUpCoordinator } from '../helpers/accounts'
import { connectClient, waitFor, waitSynced, type TestClient } from '../helpers/clients'
import { makeDataDir, startTestRelay, type TestRelay } from '../helpers/relay'

// SPEC S6
describe('relay: two stock y-websocket clients converge', () => {
  let data: ReturnType<typeof makeDataDir>
  let relay: TestRelay
  let token: string
  let ctx: EditContext
  const clients: TestClient[] = []

  beforeEach(async () => {
    data = makeDataDir()
    relay = await startTestRelay(data.dir)
    const session = await setUpCoordinator(relay)
    token = session.token
    ctx = { author: authorOf(session), today: '2026-11-29' as never, now: Date.now() }
  })
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy()
    await relay.stop()
    data.remove()
  })

  it('edits by either client reach the other, and are stored', async () => {
    const docId = 'school-1/child/abc123'
    const a = connectClient(relay.url, docId, undefined, token)
    const b = connectClient(relay.url, docId, undefined, token)
    clients.push(a, b)
    await Promise.all([waitSynced(a), waitSynced(b)])

    a.doc.getText('text:profile.habits').insert(0, '期中家訪：奶奶身體好。')
    setChildFields(b.doc, { classId: 'class-3-2' }, ctx)
    await waitFor(
      () =>
        b.doc.getText('text:profile.habits').toString() === '期中家訪：奶奶身體好。' &&
        readChildFile(a.doc).fields.classId?.value === 'class-3-2',
      'both edits on both clients',
    )
    b.doc.getText('text:profile.habits').insert(0, '十一月：')
    await waitFor(() => a.doc.getText('text:profile.habits').toString() === b.doc.getText('text:profile.habits').toString(), 'convergence')
    expect(a.doc.getText('text:profile.habits').toString()).toBe('十一月：期中家訪：奶奶身體好。')

    // What the relay stored is the same document: a third client starting empty gets it all.
    const c = connectClient(relay.url, docId, undefined, token)
    clients.push(c)
    await waitFor(() => c.doc.getText('text:profile.habits').toString() === '十一月：期中家訪：奶奶身體好。', 'late joiner')
    expect(readChildFile(c.doc).fields.classId?.value).toBe('class-3-2')
  })
})
