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
 * An item's rich-text notes, set up as the case file's notes are (features/case-file/NotesEditor.tsx;
 * a feature never imports another): Tiptap bound to the item's own fragment, Yjs' undo, others' carets.
 */
export function ItemNotes({ fragment, awareness, editable }: { fragment: Y.XmlFragment; awareness: Awareness; editable: boolean }) {
  const { t } = useTranslation()
  const user = useUser()
  const editor = useEditor(
    {
      editable,
      extensions: [
        StarterKit.configure({ undoRedo: false }),
        Collaboration.configure({ fragment }),
        CollaborationCaret.configure({ provider: { awareness }, user }),
      ],
      editorProps: {
        attributes: { class: 'notes-editor', 'aria-label': t('plan.notes'), 'data-testid': 'plan-notes' },
      },
    },
    [fragment, awareness, editable],
  )
  useEffect(() => {
    editor?.commands.updateUser(user)
  }, [editor, user])
  return <EditorContent editor={editor} />
}
