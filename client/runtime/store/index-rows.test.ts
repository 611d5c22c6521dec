import { describe, expect, it } from 'vitest'
import { recordRow } from '../../../shared/indexes/rows'
import { openDb } from './db'
import { recordRows } from './index-rows'

let n = 0

describe('the records index by type and day', () => {
  it('SPEC V1: gives the records of one type dated within the period, both days included, and no other', async () => {
    const db = openDb(`index-rows-${++n}-${Date.now()}`)
    const row = (id: string, type: string, date: string) => recordRow({ id, childId: 'c1', docId: 'ws/child/c1', type, date })
    await db.records.bulkPut([
      row('before', 'aid', '2027-02-19'),
      row('first', 'aid', '2027-02-20'),
      row('inside', 'aid', '2027-04-01'),
      row('last', 'aid', '2027-06-30'),
      row('after', 'aid', '2027-07-01'),
      row('undated', 'aid', ''),
      row('visit', 'homeVisit', '2027-04-01'),
    ])
    const ids = (await recordRows.ofTypeBetween(db, 'aid', '2027-02-20', '2027-06-30')).map((r) => r.id).sort()
    expect(ids).toEqual(['first', 'inside', 'last'])
    expect((await recordRows.ofTypeBetween(db, 'homeVisit', '2027-02-20', '2027-06-30')).map((r) => r.id)).toEqual(['visit'])
    db.close()
  })
})
