/** docs/SPEC.md I12: a child's packed record set gives back its record rows exactly, whatever a peer wrote in them. */
import * as prng from 'lib0/prng'
import { describe, expect, it } from 'vitest'
import { packRecordSet, unpackRecordSet, unpackRecordSets } from './record-set'
import { recordRow, type RecordRow } from './rows'

/** Strings a peer may have written: empty, quotes and backslashes, control and separator characters, astral letters. */
const ODD = ['', '"', '\\', '\u001f', '\u001e', '\n', ']', '[1,2]', '𠀀字', 'null', 'a/b']

function randomRecords(gen: prng.PRNG, childId: string): RecordRow[] {
  const pick = () => (prng.bool(gen) ? prng.oneOf(gen, ODD) : prng.word(gen, 0, 12))
  return Array.from({ length: prng.uint32(gen, 0, 8) }, (_, i) => {
    const recordId = `${prng.word(gen, 1, 6)}${i}`
    return recordRow({
      id: `${childId}/${recordId}`,
      childId,
      recordId,
      docId: `w/child/${childId}`,
      type: pick(),
      date: pick(),
      authorId: pick(),
      authorName: pick(),
      method: pick(),
      amountYuan: prng.bool(gen) ? null : prng.oneOf(gen, [0, 0.1, 12.34, 1_000_000]),
      source: pick(),
      planItem: pick(),
    })
  })
}

const byId = (a: RecordRow, b: RecordRow) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

describe('record sets (SPEC I12)', () => {
  it('I12: unpacking a set gives the rows it was packed from, in the records table order', () => {
    for (let seed = 0; seed < 300; seed++) {
      const gen = prng.create(seed)
      const rows = randomRecords(gen, `c${seed}`)
      expect(unpackRecordSet(packRecordSet(`c${seed}`, `w/child/c${seed}`, rows))).toEqual(rows.slice().sort(byId))
    }
  })

  it('I12: the sets of many children unpack in the order of their record ids, as the records table reads', () => {
    const gen = prng.create(7)
    // Child ids one of which begins another: ordered by `<childId>/`, not by the bare id.
    const ids = ['c1', 'c1-x', 'c1_2', 'c10', 'C', 'c', 'b-', 'b']
    const rows = ids.map((id) => randomRecords(gen, id))
    const sets = ids.map((id, i) => packRecordSet(id, `w/child/${id}`, rows[i] ?? []))
    expect(unpackRecordSets(sets.reverse()).map((r) => r.id)).toEqual(rows.flat().sort(byId).map((r) => r.id))
    expect(unpackRecordSets(sets)).toEqual(rows.flat().sort(byId))
  })

  it('I12: a set that does not parse counts no record rather than throwing', () => {
    expect(unpackRecordSet({ childId: 'c', docId: 'w/child/c', packed: '{' })).toEqual([])
    expect(unpackRecordSet({ childId: 'c', docId: 'w/child/c', packed: '{"a":1}' })).toEqual([])
  })
})
