import { describe, expect, it } from 'vitest'
import type { IsoDate } from '../../../shared/dates'
import type { Organisation } from '../../../shared/docs/settings/organisation'
import { childRow, type ChildRow, type PairingRow } from '../../../shared/indexes/rows'
import { shareOut, whoHelpsWhom } from './who-helps-whom'

const child = (id: string, name: string, classId = 'c3', status = 'active'): ChildRow => childRow({ id, docId: `ws/child/${id}`, name, classId, gender: '', birthDate: '', priority: '', status, studentNumber: '' })
const pairing = (childId: string, userId: string, name: string, over: Partial<PairingRow> = {}): PairingRow => ({
  id: `${childId}/p-${userId}-${over.kind ?? 'caringMother'}`,
  childId,
  docId: `ws/child/${childId}`,
  pairingId: `p-${userId}`,
  userId,
  name,
  kind: 'caringMother',
  from: '2026-03-01',
  to: '',
  ...over,
})
const org: Organisation = {
  schools: [{ id: 's1', name: '東山小學', order: 0 }],
  // readOrganisation lists classes in order: grade 1 before grade 3, whatever their ids say.
  classes: [
    { id: 'zz1', schoolId: 's1', grade: 1, section: '1', archived: false },
    { id: 'c3', schoolId: 's1', grade: 3, section: '1', archived: false },
  ],
  terms: [],
}
const today = '2026-04-01' as IsoDate

describe('shareOut', () => {
  const names = ['趙', '錢', '孫', '李', '周', '吳', '鄭', '王', '馮', '陳', '褚', '衛', '蔣', '沈', '韓', '楊', '朱']
  const children = names.map((n, i) => child(`k${i}`, `${n}小${i}`))

  it('W2: shares 17 children over 3 helpers as 6/6/5, in name order, the same every time', () => {
    const helpers = ['a', 'b', 'c']
    const first = shareOut(children, helpers)
    expect(first.map((s) => s.children.length)).toEqual([6, 6, 5])
    expect(first.map((s) => s.helper)).toEqual(helpers)
    const inOrder = first.flatMap((s) => s.children.map((c) => c.name))
    const collator = new Intl.Collator('zh', { numeric: true })
    expect(inOrder).toEqual([...inOrder].sort(collator.compare))
    // Each child once; the input's order does not change the answer.
    expect(new Set(inOrder).size).toBe(17)
    expect(shareOut([...children].reverse(), helpers)).toEqual(first)
  })

  it('W2: gives nobody children when no helper is chosen, and an empty run to a helper too many', () => {
    expect(shareOut(children, [])).toEqual([])
    expect(shareOut(children.slice(0, 2), ['a', 'b', 'c']).map((s) => s.children.length)).toEqual([1, 1, 0])
  })
})

describe('whoHelpsWhom', () => {
  it('W1: counts each helper’s children in force today, lists the unpaired by class order, leaves ended pairings out', () => {
    const kids = [child('k1', '王小明'), child('k2', '李小紅'), child('k3', '張小華'), child('k4', '陳小玲', 'zz1'), child('k5', '趙小強', '')]
    const rows = [
      pairing('k1', 'u1', '劉阿姨'),
      // Two kinds for one child: one child of load.
      pairing('k1', 'u1', '劉阿姨', { kind: 'proxyParent' }),
      pairing('k2', 'u1', '劉阿姨'),
      pairing('k3', 'u2', '黃阿姨', { to: '2026-03-31' }),
      pairing('k3', 'u3', '周老師', { from: '2026-05-01' }),
      // A pairing of a file this device does not hold.
      pairing('gone', 'u2', '黃阿姨'),
    ]
    const table = whoHelpsWhom(rows, kids, org, today)
    expect(table.helpers.map((h) => [h.name, h.load, h.pairings.length])).toEqual([['劉阿姨', 2, 3]])
    expect(table.unpaired.map((g) => [g.classId, g.children.map((c) => c.name)])).toEqual([
      ['zz1', ['陳小玲']],
      ['c3', ['張小華']],
      ['', ['趙小強']],
    ])
  })

  it('W1: leaves out children no longer on the path: neither a load nor an unpaired child', () => {
    const kids = [child('k1', '王小明'), child('k2', '李小紅', 'c3', 'noLongerLeftBehind'), child('k3', '張小華', 'c3', 'movedSchool')]
    const table = whoHelpsWhom([pairing('k1', 'u1', '劉阿姨'), pairing('k2', 'u1', '劉阿姨')], kids, org, today)
    expect(table.helpers.map((h) => [h.name, h.load])).toEqual([['劉阿姨', 1]])
    expect(table.unpaired).toEqual([])
  })

  it('W1: groups pairings by name only under their name', () => {
    const table = whoHelpsWhom([pairing('k1', '', '小夥伴', { kind: 'peerBuddy' })], [child('k1', '王小明')], org, today)
    expect(table.helpers.map((h) => [h.key, h.load])).toEqual([['name:小夥伴', 1]])
    expect(table.unpaired).toEqual([])
  })
})
