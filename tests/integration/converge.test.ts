import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { connectClient, waitFor, waitSynced, type TestClient } from '../helpers/clients'
import { makeDataDir, startTestRelay, type TestRelay } from '../helpers/relay'

// SPEC S6
describe('relay: two stock y-websocket clients converge', () => {
  let data: ReturnType<typeof makeDataDir>
  let relay: TestRelay
  let token: string
  const clients: TestClient[] = []

  beforeEach(async () => {
    data = makeDataDir()
    relay = await startTestRelay(data.dir)
    token = await relay.setUpCoordinator()
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
    b.doc.getMap('profile').set('classId', 'class-3-2')
    await waitFor(
      () =>
        b.doc.getText('text:profile.habits').toString() === '期中家訪：奶奶身體好。' &&
        a.doc.getMap('profile').get('classId') === 'class-3-2',
      'both edits on both clients',
    )
    b.doc.getText('text:profile.habits').insert(0, '十一月：')
    await waitFor(() => a.doc.getText('text:profile.habits').toString() === b.doc.getText('text:profile.habits').toString(), 'convergence')
    expect(a.doc.getText('text:profile.habits').toString()).toBe('十一月：期中家訪：奶奶身體好。')

    // What the relay stored is the same document: a third client starting empty gets it all.
    const c = connectClient(relay.url, docId, undefined, token)
    clients.push(c)
    await waitFor(() => c.doc.getText('text:profile.habits').toString() === '十一月：期中家訪：奶奶身體好。', 'late joiner')
    expect(c.doc.getMap('profile').get('classId')).toBe('class-3-2')
  })
})
