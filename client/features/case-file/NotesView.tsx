import type { ReactNode } from 'react'
import type { NoteBlock, NoteInline } from '../../../shared/docs/child/notes-blocks'

/**
 * The case notes as formatted text that cannot be edited (SPEC F5): the blocks read from the
 * notes fragment (shared/docs/child/notes-blocks.ts), put into plain elements. Nothing of a
 * peer's writing becomes markup or a link target: text is text.
 */
export function NotesView({ blocks }: { blocks: readonly NoteBlock[] }) {
  return <div className="wf-notes">{blocks.map((block, i) => renderBlock(block, i))}</div>
}

function renderBlock(block: NoteBlock, key: number): ReactNode {
  switch (block.type) {
    case 'paragraph':
      return <p key={key}>{renderInline(block.inline)}</p>
    case 'heading': {
      // Headings in the notes sit under the paper's own section headings.
      const Tag = block.level <= 2 ? 'h4' : 'h5'
      return <Tag key={key}>{renderInline(block.inline)}</Tag>
    }
    case 'codeBlock':
      return <pre key={key}>{block.text}</pre>
    case 'bulletList':
      return <ul key={key}>{block.items.map((item, i) => <li key={i}>{item.map(renderBlock)}</li>)}</ul>
    case 'orderedList':
      return (
        <ol key={key} start={block.start}>
          {block.items.map((item, i) => (
            <li key={i}>{item.map(renderBlock)}</li>
          ))}
        </ol>
      )
    case 'blockquote':
      return <blockquote key={key}>{block.blocks.map(renderBlock)}</blockquote>
    case 'horizontalRule':
      return <hr key={key} />
  }
}

function renderInline(inline: readonly NoteInline[]): ReactNode[] {
  return inline.map((part, i) => {
    if (part.type === 'break') return <br key={i} />
    let node: ReactNode = part.text
    for (const mark of part.marks) {
      if (mark === 'bold') node = <strong>{node}</strong>
      else if (mark === 'italic') node = <em>{node}</em>
      else if (mark === 'underline' || mark === 'link') node = <u>{node}</u>
      else if (mark === 'strike') node = <s>{node}</s>
      else if (mark === 'code') node = <code>{node}</code>
    }
    return <span key={i}>{node}</span>
  })
}
