import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { setTextByDiff } from './y-text'

/** Brings two docs to the same state, the way the relay would. */
function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)))
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)))
}

function docWithText(initial: string): { doc: Y.Doc; text: Y.Text } {
  const doc = new Y.Doc()
  const text = doc.getText('t')
  text.insert(0, initial)
  return { doc, text }
}

function replicaOf(doc: Y.Doc): { doc: Y.Doc; text: Y.Text } {
  const copy = new Y.Doc()
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc))
  return { doc: copy, text: copy.getText('t') }
}

/** The changes one call makes, as Yjs reports them. */
function deltaOf(text: Y.Text, change: () => void): unknown[] {
  let delta: unknown[] = []
  const observer = (event: Y.YTextEvent) => {
    delta = event.delta
  }
  text.observe(observer)
  change()
  text.unobserve(observer)
  return delta
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

describe('setTextByDiff', () => {
  it('replaces only the span that differs, keeping the common prefix and suffix', () => {
    const { text } = docWithText('奶奶身体不好，常去医院。')
    const delta = deltaOf(text, () => setTextByDiff(text, '奶奶身体好转，常去医院。'))
    expect(text.toString()).toBe('奶奶身体好转，常去医院。')
    expect(delta).toEqual([{ retain: 4 }, { delete: 2 }, { insert: '好转' }])
  })

  it('an insertion or a deletion alone touches nothing else', () => {
    const { text } = docWithText('abcdef')
    expect(deltaOf(text, () => setTextByDiff(text, 'abcXYdef'))).toEqual([{ retain: 3 }, { insert: 'XY' }])
    expect(deltaOf(text, () => setTextByDiff(text, 'aef'))).toEqual([{ retain: 1 }, { delete: 5 }])
    expect(text.toString()).toBe('aef')
  })

  it('sets a text from empty and clears it', () => {
    const { text } = docWithText('')
    setTextByDiff(text, '第一次谈心')
    expect(text.toString()).toBe('第一次谈心')
    setTextByDiff(text, '')
    expect(text.toString()).toBe('')
  })

  it('keeps a colleague’s concurrent edits elsewhere in the text (edits interleave)', () => {
    const a = docWithText('学习：数学进步。生活：按时吃饭。心情：想念妈妈。')
    const b = replicaOf(a.doc)
    // A edits the middle from a new version of the whole text (as a form submits it)...
    setTextByDiff(a.text, '学习：数学进步。生活：按时吃饭，自己洗衣服。心情：想念妈妈。')
    // ...while B, offline, adds to the start and rewrites the end.
    b.text.insert(3, '语文和')
    b.text.delete(b.text.length - 5, 4)
    b.text.insert(b.text.length - 1, '开心多了')
    sync(a.doc, b.doc)

    const expected = '学习：语文和数学进步。生活：按时吃饭，自己洗衣服。心情：开心多了。'
    expect(a.text.toString()).toBe(expected)
    expect(b.text.toString()).toBe(expected)
  })

  it('two people both using setTextByDiff on different parts keep both', () => {
    const a = docWithText('第一段。\n第二段。\n第三段。')
    const b = replicaOf(a.doc)
    setTextByDiff(a.text, '第一段，改过。\n第二段。\n第三段。')
    setTextByDiff(b.text, '第一段。\n第二段。\n第三段，也改过。')
    sync(a.doc, b.doc)
    expect(a.text.toString()).toBe('第一段，改过。\n第二段。\n第三段，也改过。')
    expect(b.text.toString()).toBe(a.text.toString())
  })

  it.each([
    // Same high surrogate, different low: the prefix would end inside the pair.
    ['a😀b', 'a😃b'],
    ['𠮷野家', '𠮸野家'],
    // Same low surrogate, different high: the suffix would start inside the pair.
    ['a😀', 'a\u{10600}'],
    ['x\u{1F600}y', 'x\u{10600}y'],
    // Inserted and removed next to a pair.
    ['😀😀', '😀'],
    ['𠮷', '𠮷𠮷'],
    ['a👍🏽b', 'a👍🏿b'],
  ])('never splits a surrogate pair: %s → %s', (prev, next) => {
    const a = docWithText(prev)
    const b = replicaOf(a.doc)
    const delta = deltaOf(a.text, () => setTextByDiff(a.text, next))
    for (const op of delta) {
      const insert = (op as { insert?: unknown }).insert
      if (typeof insert === 'string') expect(insert).not.toMatch(LONE_SURROGATE)
    }
    expect(a.text.toString()).toBe(next)
    // A split pair would be sent as replacement characters: the replica would differ.
    sync(a.doc, b.doc)
    expect(b.text.toString()).toBe(next)
  })

  it('does nothing at all when the text is unchanged: no transaction, no update', () => {
    const { doc, text } = docWithText('不变的文字 😀')
    let updates = 0
    let transactions = 0
    doc.on('update', () => updates++)
    doc.on('afterTransaction', () => transactions++)
    setTextByDiff(text, '不变的文字 😀')
    expect(updates).toBe(0)
    expect(transactions).toBe(0)
  })

  it('makes its change in one transaction', () => {
    const { doc, text } = docWithText('abc')
    let updates = 0
    doc.on('update', () => updates++)
    setTextByDiff(text, 'aXc')
    expect(updates).toBe(1)
  })

  it('works on a Y.Text not yet in a document', () => {
    const text = new Y.Text()
    // Yjs keeps the edits of a detached text and applies them when it is added.
    setTextByDiff(text, 'draft')
    const doc = new Y.Doc()
    doc.getMap('m').set('t', text)
    expect(text.toString()).toBe('draft')
  })
})
