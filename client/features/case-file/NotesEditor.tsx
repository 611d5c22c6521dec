import Collaboration from '@tiptap/extension-collaboration'
import CollaborationCaret from '@tiptap/extension-collaboration-caret'
import { EditorContent, useEditor } from '@tiptap/react'
import StarterKit from '@tiptap/starter-kit'
import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import type { WebsocketProvider } from 'y-websocket'
import type * as Y from 'yjs'
import { useUser } from '../../ui/use-user'

/**
 * The case notes: a Tiptap editor bound to the document's `notes` fragment. Edits go
 * straight into the Y.Doc (stored locally and synced); carets show where others type.
 */
export function NotesEditor({ fragment, provider }: { fragment: Y.XmlFragment; provider: WebsocketProvider }) {
  const { t } = useTranslation()
  const user = useUser()
  const editor = useEditor(
    {
      extensions: [
        // Undo/redo comes from Yjs through Collaboration, so the editor's own history is off.
        StarterKit.configure({ undoRedo: false }),
        Collaboration.configure({ fragment }),
        CollaborationCaret.configure({ provider, user }),
      ],
      editorProps: {
        attributes: { class: 'notes-editor', 'aria-label': t('child.notes'), 'data-testid': 'notes-editor' },
      },
    },
    [fragment, provider],
  )
  useEffect(() => {
    editor?.commands.updateUser(user)
  }, [editor, user])
  return <EditorContent editor={editor} />
}
