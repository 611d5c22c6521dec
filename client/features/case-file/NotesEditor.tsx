import Collaboration from '@tiptap/extension-collaboration'
import CollaborationCaret from '@tiptap/extension-collaboration-caret'
import { EditorContent, useEditor } from '@tiptap/react'
import StarterKit from '@tiptap/starter-kit'
import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import type { Awareness } from 'y-protocols/awareness'
import type * as Y from 'yjs'
import { useUser } from '../../ui/use-author'

/**
 * The case notes: a Tiptap editor bound to the document's `notes` fragment. Edits go
 * straight into the Y.Doc (stored locally and synced); carets show where others type.
 */
export function NotesEditor({ fragment, awareness }: { fragment: Y.XmlFragment; awareness: Awareness }) {
  const { t } = useTranslation()
  const user = useUser()
  const editor = useEditor(
    {
      extensions: [
        // Undo/redo comes from Yjs through Collaboration, so the editor's own history is off.
        StarterKit.configure({ undoRedo: false }),
        Collaboration.configure({ fragment }),
        // The caret extension reads only the provider's awareness: presence, not the socket.
        CollaborationCaret.configure({ provider: { awareness }, user }),
      ],
      editorProps: {
        attributes: { class: 'notes-editor', 'aria-label': t('child.notes'), 'data-testid': 'notes-editor' },
      },
    },
    [fragment, awareness],
  )
  useEffect(() => {
    editor?.commands.updateUser(user)
  }, [editor, user])
  return <EditorContent editor={editor} />
}
