import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { MAX_DEPTH, notesAreEmpty, readNotesBlocks } from './notes-blocks'

/** A fragment built the way Tiptap's binding stores ProseMirror nodes. */
function fragmentOf(build: (root: Y.XmlFragment) => void): Y.XmlFragment {
  const doc = new Y.Doc()
  const root = doc.getXmlFragment('notes')
  doc.transact(() => build(root))
  return root
}

const el = (name: string, children: (Y.XmlElement | Y.XmlText)[] = [], attrs: Record<string, unknown> = {}) => {
  const node = new Y.XmlElement(name)
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v as string)
  node.insert(0, children)
  return node
}
const text = (s: string) => new Y.XmlText(s)

describe('the case notes read as blocks (SPEC F5)', () => {
  it('reads headings, marks, hard breaks, both lists, quotes, code and rules', () => {
    const notes = fragmentOf((root) => {
      const marked = new Y.XmlText()
      marked.insert(0, 'plain ')
      marked.insert(6, 'both', { bold: {}, italic: {} })
      marked.insert(10, ' link', { link: { href: 'https://example.org' }, 'comment--abc': {} })
      root.insert(0, [
        el('heading', [text('H')], { level: 3 }),
        el('paragraph', [marked]),
        el('paragraph', [text('one'), el('hardBreak'), text('two')]),
        el('orderedList', [el('listItem', [el('paragraph', [text('first')])])], { start: 4 }),
        el('blockquote', [el('paragraph', [text('quoted')])]),
        el('codeBlock', [text('x = 1')], { language: 'js' }),
        el('horizontalRule'),
      ])
    })
    expect(readNotesBlocks(notes)).toEqual([
      { type: 'heading', level: 3, inline: [{ type: 'text', text: 'H', marks: [] }] },
      {
        type: 'paragraph',
        inline: [
          { type: 'text', text: 'plain ', marks: [] },
          { type: 'text', text: 'both', marks: ['bold', 'italic'] },
          { type: 'text', text: ' link', marks: ['link'] },
        ],
      },
      { type: 'paragraph', inline: [{ type: 'text', text: 'one', marks: [] }, { type: 'break' }, { type: 'text', text: 'two', marks: [] }] },
      { type: 'orderedList', start: 4, items: [[{ type: 'paragraph', inline: [{ type: 'text', text: 'first', marks: [] }] }]] },
      { type: 'blockquote', blocks: [{ type: 'paragraph', inline: [{ type: 'text', text: 'quoted', marks: [] }] }] },
      { type: 'codeBlock', text: 'x = 1' },
      { type: 'horizontalRule' },
    ])
  })

  it('reads what a peer wrote that Tiptap would not: unknown nodes as their text, levels clamped, bad starts as 1', () => {
    const notes = fragmentOf((root) =>
      root.insert(0, [
        el('mystery', [el('paragraph', [text('a')]), el('paragraph', [text('b')])]),
        el('heading', [text('deep')], { level: 99 }),
        el('heading', [text('nan')], { level: 'x' }),
        el('orderedList', [el('paragraph', [text('stray')])], { start: -3 }),
      ]),
    )
    expect(readNotesBlocks(notes)).toEqual([
      { type: 'paragraph', inline: [{ type: 'text', text: 'a\nb', marks: [] }] },
      { type: 'heading', level: 6, inline: [{ type: 'text', text: 'deep', marks: [] }] },
      { type: 'heading', level: 1, inline: [{ type: 'text', text: 'nan', marks: [] }] },
      { type: 'orderedList', start: 1, items: [[{ type: 'paragraph', inline: [{ type: 'text', text: 'stray', marks: [] }] }]] },
    ])
  })

  it('flattens nesting past its depth into one paragraph, keeping the text, without deep recursion', () => {
    // Built from the top down: Yjs itself recurses to integrate a nested tree made beforehand.
    const notes = fragmentOf((root) => {
      let parent: Y.XmlFragment | Y.XmlElement = root
      for (let i = 0; i < 5000; i++) {
        const quote: Y.XmlElement = new Y.XmlElement('blockquote')
        parent.insert(0, [quote])
        parent = quote
      }
      parent.insert(0, [el('paragraph', [text('bottom')])])
    })
    const blocks = readNotesBlocks(notes)
    let depth = 0
    let block = blocks[0]
    while (block?.type === 'blockquote') {
      depth++
      block = block.blocks[0]
    }
    expect(depth).toBe(MAX_DEPTH)
    expect(block).toEqual({ type: 'paragraph', inline: [{ type: 'text', text: 'bottom', marks: [] }] })
  })

  it('knows empty notes (an empty editor leaves an empty paragraph) from notes with text', () => {
    expect(notesAreEmpty(readNotesBlocks(fragmentOf(() => {})))).toBe(true)
    expect(notesAreEmpty(readNotesBlocks(fragmentOf((root) => root.insert(0, [el('paragraph')]))))).toBe(true)
    expect(notesAreEmpty(readNotesBlocks(fragmentOf((root) => root.insert(0, [el('paragraph', [text('x')])]))))).toBe(false)
  })
})
