import { describe, expect, it } from 'vitest'
import { memoryStorage } from '../../../tests/helpers/memory-storage'
import { DRAFT_PREFIX, DraftStore } from './drafts'
import { removeJournal } from './local-data'

describe('drafts: what was typed and is not in a document yet (SPEC L6)', () => {
  it('keeps each form’s draft apart, per document, and counts them for the header', () => {
    const storage = memoryStorage()
    const drafts = new DraftStore(storage)
    let heard = 0
    drafts.subscribe(() => heard++)
    drafts.put('w/child/a', 'record:new:1', { notes: '想妈妈了' })
    drafts.put('w/child/a', 'record:new:2', { notes: '第二份' })
    drafts.put('w/child/b', 'field:guardian.name', '王奶奶')
    expect(drafts.getSnapshot()).toBe(3)
    expect(heard).toBe(3)
    expect(drafts.list('w/child/a', 'record:new:').map((d) => d.value)).toEqual([{ notes: '想妈妈了' }, { notes: '第二份' }])
    // A second store on the same storage (the page after a reload) finds them all.
    expect(new DraftStore(storage).get('w/child/b', 'field:guardian.name')?.value).toBe('王奶奶')
    drafts.remove('w/child/a', 'record:new:1')
    drafts.removeAll('w/child/b')
    expect(drafts.list().map((d) => d.key)).toEqual(['record:new:2'])
    expect(drafts.getSnapshot()).toBe(1)
  })

  it('says when it cannot keep a draft, so the form writes at once instead', () => {
    const full = { ...memoryStorage(), setItem: () => { throw new Error('QuotaExceededError') } }
    expect(new DraftStore(full).put('w/child/a', 'field:x', 'y')).toBe(false)
    expect(new DraftStore(undefined).put('w/child/a', 'field:x', 'y')).toBe(false)
  })

  it('ignores what is not a draft, and signing out removes every draft', () => {
    const storage = memoryStorage()
    storage.setItem(`${DRAFT_PREFIX}w/child/a|bad`, 'not json')
    storage.setItem('shouwang.language', 'en')
    const drafts = new DraftStore(storage)
    drafts.put('w/child/a', 'field:x', 'y')
    expect(drafts.list().map((d) => d.key)).toEqual(['field:x'])
    removeJournal(storage)
    expect([...storage.entries().keys()]).toEqual(['shouwang.language'])
  })
})
