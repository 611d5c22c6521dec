import { describe, expect, it } from 'vitest'
import { CATCHUP_PAGE_BYTES, CatchupReader, decodeCatchupPage, encodeCatchupPage, planCatchupPage, type CatchupPage } from './catchup-page'

const bytes = (n: number, fill = 1) => new Uint8Array(n).fill(fill)
const page = (entries: CatchupPage['entries']): CatchupPage => ({ cursor: 9, offset: 0, more: true, scope: 's', erasures: '0.0', lists: { filing: 'f', directory: 'd' }, until: 9, skipped: 0, partOffset: 0, files: 0, named: '', entries })

describe('catch-up pages', () => {
  it('SPEC S11: a page ends before the file that would pass the cap, and the cursor stops at the last row taken', () => {
    const rows = [1, 2, 3].map((seq) => ({ seq, docId: `w/child/${seq}`, data: bytes(400) }))
    const plan = planCatchupPage(rows, 0, 1000)
    expect([...plan.groups.keys()]).toEqual(['w/child/1', 'w/child/2'])
    expect(plan.cursor).toBe(2)
    expect(plan.complete).toBe(false)
  })

  it('SPEC S11: an update larger than a page is sent in parts, each alone, the cursor held until the last', () => {
    const rows = [{ seq: 5, docId: 'w/child/big', data: bytes(2500, 7) }, { seq: 6, docId: 'w/child/x', data: bytes(10) }]
    const first = planCatchupPage(rows, 0, 1000)
    expect(first.part).toMatchObject({ offset: 0, total: 2500 })
    expect(first.part?.bytes.length).toBe(1000)
    expect(first.cursor).toBe(4)
    const last = planCatchupPage(rows, 2000, 1000)
    expect(last.part?.bytes.length).toBe(500)
    expect(last.cursor).toBe(5)
    expect(last.offset).toBe(0)
  })

  it('SPEC S10: a merged row past the cursor is named for its state vector and costs no data', () => {
    const plan = planCatchupPage([{ seq: 3, docId: 'w/child/m', data: bytes(5000), marker: true }], 0, 1000)
    expect([...plan.markers]).toEqual(['w/child/m'])
    expect(plan.complete).toBe(true)
  })

  it('SPEC S12: entries are read as their bytes arrive, and a page that stops short is refused', () => {
    const encoded = encodeCatchupPage(page([{ docId: 'w/child/a', update: bytes(30) }, { docId: 'w/child/b', update: bytes(40), part: { offset: 0, total: 80 } }, { docId: 'w/child/c', update: new Uint8Array(0), needsState: true }]))
    expect(decodeCatchupPage(encoded).entries.map((e) => e.docId)).toEqual(['w/child/a', 'w/child/b', 'w/child/c'])
    const reader = new CatchupReader()
    const got = [...reader.push(encoded.subarray(0, 60)), ...reader.push(encoded.subarray(60, 100))]
    expect(got.map((e) => e.docId)).toEqual(['w/child/a'])
    expect(() => reader.end()).toThrow()
    expect(() => decodeCatchupPage(encoded.subarray(0, encoded.length - 1))).toThrow()
  })

  it('refuses a frame longer than a page and a part running past its update', () => {
    const huge = new Uint8Array(8)
    new DataView(huge.buffer).setUint32(0, CATCHUP_PAGE_BYTES + 1)
    expect(() => new CatchupReader().push(huge)).toThrow()
    const bad = encodeCatchupPage(page([{ docId: 'w/child/a', update: bytes(40), part: { offset: 50, total: 80 } }]))
    expect(() => decodeCatchupPage(bad)).toThrow()
  })
})
