import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { todayIsoDate } from '../../../shared/dates'
import { childDocumentId, toWorkspaceId } from '../../../shared/doc-id'
import { createChildFile, type EditContext } from '../../../shared/docs/child/child'
import { changePath } from '../../../shared/docs/child/child-path'
import { projectChild } from '../../../shared/docs/child/projection'
import type { ChildRow } from '../../../shared/indexes/rows'
import { loadChildCard, loadClassCards, type CardSource } from './card-data'

const TODAY = todayIsoDate(new Date(2026, 2, 10))
const CTX: EditContext = { author: { id: 'u-t', name: '王老師' }, today: TODAY, now: 1 }
const WS = toWorkspaceId('school-1')

describe('class cards hold the active children only (SPEC H4)', () => {
  it('H4: a child who moved school, or whose parent came home, gets no card in the class sheet, but keeps their own', async () => {
    const docs = new Map<string, Y.Doc>()
    for (const [id, name, status] of [['a', '甲', undefined], ['b', '乙', 'movedSchool'], ['c', '丙', 'noLongerLeftBehind']] as const) {
      const doc = new Y.Doc()
      createChildFile(doc, { name, classId: 'class-3' }, CTX)
      if (status) changePath(doc, { status, since: '2026-03-01' }, CTX)
      docs.set(childDocumentId(WS, id), doc)
    }
    const rows = [...docs].map(([docId, doc]) => projectChild(doc, { docId: docId as never, workspace: WS, key: docId.split('/').at(-1) as string }).children?.[0] as ChildRow)
    const source: CardSource = {
      workspaceId: WS,
      // A fresh copy each time: the cards destroy what they read.
      readStored: (docId) => {
        const stored = docs.get(docId)
        if (!stored) return Promise.resolve(undefined)
        const copy = new Y.Doc()
        Y.applyUpdate(copy, Y.encodeStateAsUpdate(stored))
        return Promise.resolve(copy)
      },
      queries: { childrenInClass: (classId) => Promise.resolve(rows.filter((r) => r.classId === classId)) },
    }
    expect((await loadClassCards(source, 'class-3', TODAY)).cards.map((c) => c.name)).toEqual(['甲'])
    expect((await loadChildCard(source, 'b', TODAY)).cards.map((c) => c.name)).toEqual(['乙'])
  })
})
