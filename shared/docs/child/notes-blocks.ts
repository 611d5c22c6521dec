/**
 * The case notes (Tiptap's ProseMirror nodes in the `notes` Y.XmlFragment) read into plain,
 * typed blocks, for a view that shows them formatted but never edits them: the whole file on
 * paper (SPEC F5). Reading, not binding an editor, because an editor bound to the fragment
 * writes to it (it deletes a node it cannot place), and a print view must change nothing.
 *
 * The fragment is a peer's writing: any node name, any attribute, any depth. Unknown block
 * nodes are read as paragraphs of their text, unknown marks dropped, heading levels clamped,
 * and nesting deeper than MAX_DEPTH is flattened into one paragraph, so no fragment can make
 * the reader recurse without bound. Nothing is lost from the text.
 */
import * as Y from 'yjs'

export const NOTE_MARKS = ['bold', 'italic', 'underline', 'strike', 'code', 'link'] as const
export type NoteMark = (typeof NOTE_MARKS)[number]

export type NoteInline = { type: 'text'; text: string; marks: NoteMark[] } | { type: 'break' }

export type NoteBlock =
  | { type: 'paragraph'; inline: NoteInline[] }
  | { type: 'heading'; level: 1 | 2 | 3 | 4 | 5 | 6; inline: NoteInline[] }
  | { type: 'codeBlock'; text: string }
  | { type: 'bulletList'; items: NoteBlock[][] }
  | { type: 'orderedList'; start: number; items: NoteBlock[][] }
  | { type: 'blockquote'; blocks: NoteBlock[] }
  | { type: 'horizontalRule' }

/** Lists in quotes in lists: deeper than this, a subtree is read as one paragraph of its text. */
export const MAX_DEPTH = 12

const isMark = (name: string): name is NoteMark => (NOTE_MARKS as readonly string[]).includes(name)

export function readNotesBlocks(fragment: Y.XmlFragment): NoteBlock[] {
  return blocksOf(fragment, 0)
}

/** Whether the notes hold any text at all (an empty editor leaves one empty paragraph). */
export function notesAreEmpty(blocks: readonly NoteBlock[]): boolean {
  return blocks.every((b) => b.type !== 'horizontalRule' && textOfBlock(b).trim() === '')
}

function blocksOf(node: Y.XmlFragment | Y.XmlElement, depth: number): NoteBlock[] {
  const out: NoteBlock[] = []
  for (const child of node.toArray()) {
    if (child instanceof Y.XmlText) {
      out.push({ type: 'paragraph', inline: inlineOfText(child) })
      continue
    }
    if (!(child instanceof Y.XmlElement)) continue
    if (depth >= MAX_DEPTH) {
      out.push({ type: 'paragraph', inline: [{ type: 'text', text: flatText(child), marks: [] }] })
      continue
    }
    out.push(blockOf(child, depth))
  }
  return out
}

function blockOf(el: Y.XmlElement, depth: number): NoteBlock {
  switch (el.nodeName) {
    case 'heading':
      return { type: 'heading', level: headingLevel(el.getAttribute('level')), inline: inlineOf(el) }
    case 'codeBlock':
      return { type: 'codeBlock', text: flatText(el) }
    case 'bulletList':
      return { type: 'bulletList', items: itemsOf(el, depth) }
    case 'orderedList': {
      const start = Number(el.getAttribute('start'))
      return { type: 'orderedList', start: Number.isInteger(start) && start >= 0 && start < 1e6 ? start : 1, items: itemsOf(el, depth) }
    }
    case 'blockquote':
      return { type: 'blockquote', blocks: blocksOf(el, depth + 1) }
    case 'horizontalRule':
      return { type: 'horizontalRule' }
    default:
      // A paragraph, or a node this reader does not know: its text, as a paragraph.
      return { type: 'paragraph', inline: el.nodeName === 'paragraph' ? inlineOf(el) : [{ type: 'text', text: flatText(el), marks: [] }] }
  }
}

/** A list's items; anything in a list that is not an item is read as an item of its own. */
function itemsOf(list: Y.XmlElement, depth: number): NoteBlock[][] {
  const items: NoteBlock[][] = []
  for (const child of list.toArray()) {
    if (child instanceof Y.XmlElement) items.push(child.nodeName === 'listItem' ? blocksOf(child, depth + 1) : [blockOf(child, depth + 1)])
    else if (child instanceof Y.XmlText) items.push([{ type: 'paragraph', inline: inlineOfText(child) }])
  }
  return items
}

function headingLevel(raw: unknown): 1 | 2 | 3 | 4 | 5 | 6 {
  const n = Number(raw)
  return (Number.isInteger(n) ? Math.min(6, Math.max(1, n)) : 1) as 1 | 2 | 3 | 4 | 5 | 6
}

function inlineOf(el: Y.XmlElement): NoteInline[] {
  const out: NoteInline[] = []
  for (const child of el.toArray()) {
    if (child instanceof Y.XmlText) out.push(...inlineOfText(child))
    else if (child instanceof Y.XmlElement) out.push(child.nodeName === 'hardBreak' ? { type: 'break' } : { type: 'text', text: flatText(child), marks: [] })
  }
  return out
}

function inlineOfText(text: Y.XmlText): NoteInline[] {
  const out: NoteInline[] = []
  for (const op of text.toDelta() as { insert?: unknown; attributes?: Record<string, unknown> }[]) {
    if (typeof op.insert !== 'string' || op.insert === '') continue
    const marks = Object.entries(op.attributes ?? {})
      .filter(([, v]) => v !== null && v !== undefined && v !== false)
      // An overlapping mark is stored as `<name>--<hash>`.
      .map(([name]) => name.split('--')[0] ?? '')
      .filter(isMark)
    out.push({ type: 'text', text: op.insert, marks: [...new Set(marks)].sort() })
  }
  return out
}

/** All the text under a node, a line for each block in it, without recursion (a peer's tree may be of any depth). */
function flatText(root: Y.XmlElement): string {
  let out = ''
  const stack: (Y.XmlElement | Y.XmlText)[] = [root]
  while (stack.length > 0) {
    const node = stack.pop() as Y.XmlElement | Y.XmlText
    if (node instanceof Y.XmlText) {
      out += textOf(node)
      continue
    }
    if (node.nodeName === 'hardBreak' || (node !== root && out !== '' && !out.endsWith('\n'))) out += '\n'
    const children = node.toArray().filter((c): c is Y.XmlElement | Y.XmlText => c instanceof Y.XmlElement || c instanceof Y.XmlText)
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as Y.XmlElement | Y.XmlText)
  }
  return out
}

const textOf = (text: Y.XmlText): string =>
  (text.toDelta() as { insert?: unknown }[]).map((op) => (typeof op.insert === 'string' ? op.insert : '')).join('')

function textOfBlock(block: NoteBlock): string {
  switch (block.type) {
    case 'paragraph':
    case 'heading':
      return block.inline.map((i) => (i.type === 'text' ? i.text : '')).join('')
    case 'codeBlock':
      return block.text
    case 'bulletList':
    case 'orderedList':
      return block.items.flat().map(textOfBlock).join('')
    case 'blockquote':
      return block.blocks.map(textOfBlock).join('')
    case 'horizontalRule':
      return ''
  }
}
