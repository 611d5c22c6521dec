/**
 * The index worker: decodes stored documents and projects their rows off the main thread
 * (SPEC I9), so a first sync of thousands of files never freezes the page. It reads nothing
 * itself; the indexer sends each batch's stored updates and gets the rows back.
 */
import { initialsOf, projectStored } from './project'
import type { ProjectReply, ProjectRequest } from './projector'

const scope = self as unknown as { onmessage: ((event: MessageEvent<ProjectRequest>) => void) | null; postMessage: (reply: ProjectReply) => void }

// pinyin-pro reads its dictionary on first use: once here, as the worker starts (SPEC I13),
// rather than in the first batch, which would keep a new file out of the lists for seconds.
initialsOf('王小明')

scope.onmessage = (event) => {
  const { id, docs } = event.data
  const results = docs.map(({ docId, update }) => {
    try {
      return { rows: projectStored(docId, update) }
    } catch (error) {
      return { error: error instanceof Error ? error.message : String(error) }
    }
  })
  scope.postMessage({ id, results })
}
