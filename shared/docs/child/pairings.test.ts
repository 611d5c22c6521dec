import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { IsoDate } from '../../dates'
import { Origin } from '../../origin'
import type { EditContext } from './child'
import {
  addPairing,
  deletePairing,
  isActivePairing,
  readPairings,
  updatePairing,
  type PairingErrors,
  type PairingField,
  type PairingView,
} from './pairings'

const TODAY = '2025-09-01' as IsoDate
const ctx: EditContext = { author: { id: 'u-alice', name: '王老师' }, today: TODAY, now: 1_000 }

type PairingInput = Partial<Record<PairingField, unknown>>

function add(doc: Y.Doc, input: PairingInput): string {
  const result = addPairing(doc, input, ctx)
  if (!('id' in result)) throw new Error(`expected the pairing to be added: ${JSON.stringify(result.errors)}`)
  return result.id
}

function errorsOf(doc: Y.Doc, input: PairingInput): PairingErrors {
  const result = addPairing(doc, input, ctx)
  if (!('errors' in result)) throw new Error('expected errors')
  return result.errors
}

const byId = (doc: Y.Doc, id: string) => readPairings(doc).find((p) => p.id === id)
const pairingsMap = (doc: Y.Doc) => doc.getMap<unknown>('pairings')

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)))
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)))
}

describe('addPairing', () => {
  it('stores a pairing and reads it back, the phone normalised and the name trimmed', () => {
    const doc = new Y.Doc()
    const id = add(doc, { kind: 'caringMother', name: ' 张阿姨 ', phone: '+86 138-1234-5678', from: '2024-09-01', to: '2026-07-01' })
    const expected: PairingView = { id, kind: 'caringMother', name: '张阿姨', phone: '13812345678', from: '2024-09-01' as IsoDate, to: '2026-07-01' as IsoDate, authorId: 'u-alice' }
    expect(readPairings(doc)).toEqual([expected])
    const replica = new Y.Doc()
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc))
    expect(readPairings(replica)).toEqual([expected])
  })

  it('kind and name are enough; absent values are not stored', () => {
    const doc = new Y.Doc()
    const id = add(doc, { kind: 'peerBuddy', name: '李小红', phone: '', from: '' })
    expect(readPairings(doc)).toEqual([{ id, kind: 'peerBuddy', name: '李小红', phone: '', from: undefined, to: undefined, authorId: 'u-alice' }])
    expect([...(pairingsMap(doc).get(id) as Y.Map<unknown>).keys()].sort()).toEqual(['authorId', 'kind', 'name'])
  })

  it('writes in one transaction with the context’s origin', () => {
    const doc = new Y.Doc()
    const origins: unknown[] = []
    doc.on('afterTransaction', (tr: Y.Transaction) => origins.push(tr.origin))
    add(doc, { kind: 'cadre', name: '刘书记' })
    const importer = { name: 'import' }
    addPairing(doc, { kind: 'cadre', name: '赵主任' }, { ...ctx, origin: importer })
    expect(origins).toEqual([Origin.localEdit, importer])
  })

  it.each([
    [{ name: '张阿姨' }, { kind: { code: 'required' } }],
    [{ kind: 'classTeacher' }, { name: { code: 'required' } }],
    [{ kind: '', name: '  ' }, { kind: { code: 'required' }, name: { code: 'required' } }],
    [{}, { kind: { code: 'required' }, name: { code: 'required' } }],
    [{ kind: 'aunt', name: '张阿姨' }, { kind: { code: 'invalidChoice' } }],
    [{ kind: 'classTeacher', name: '张'.repeat(41) }, { name: { code: 'tooLong', params: { max: 40 } } }],
    [{ kind: 'classTeacher', name: '张老师', phone: '12345' }, { phone: { code: 'invalidPhone' } }],
    [{ kind: 'classTeacher', name: '张老师', from: '2024-02-30' }, { from: { code: 'invalidDate' } }],
  ])('refuses %j and writes nothing', (input, errors) => {
    const doc = new Y.Doc()
    expect(errorsOf(doc, input)).toEqual(errors)
    expect(pairingsMap(doc).size).toBe(0)
  })

  it('refuses an end before the start; the same day is fine', () => {
    const doc = new Y.Doc()
    const errors = errorsOf(doc, { kind: 'proxyParent', name: '王叔叔', from: '2025-03-01', to: '2025-02-28' })
    expect(Object.keys(errors)).toEqual(['to'])
    expect(errors.to?.code).toBe('outOfRange')
    expect(pairingsMap(doc).size).toBe(0)
    add(doc, { kind: 'proxyParent', name: '王叔叔', from: '2025-03-01', to: '2025-03-01' })
  })

  it('allows dates in the future (a pairing planned for next term)', () => {
    const doc = new Y.Doc()
    const id = add(doc, { kind: 'classTeacher', name: '张老师', from: '2026-02-20' })
    expect(byId(doc, id)?.from).toBe('2026-02-20')
  })
})

describe('updatePairing', () => {
  it('ends a pairing by setting its end date, leaving the rest', () => {
    const doc = new Y.Doc()
    const id = add(doc, { kind: 'classTeacher', name: '张老师', phone: '13812345678', from: '2024-09-01' })
    expect(updatePairing(doc, id, { to: '2025-07-01' }, ctx)).toEqual({})
    expect(byId(doc, id)).toEqual({ id, kind: 'classTeacher', name: '张老师', phone: '13812345678', from: '2024-09-01', to: '2025-07-01', authorId: 'u-alice' })
  })

  it('refuses an end before the stored start and writes nothing', () => {
    const doc = new Y.Doc()
    const id = add(doc, { kind: 'classTeacher', name: '张老师', from: '2024-09-01' })
    const before = Y.encodeStateVector(doc)
    expect(updatePairing(doc, id, { to: '2024-08-31' }, ctx).to?.code).toBe('outOfRange')
    expect(Y.encodeStateVector(doc)).toEqual(before)
  })

  it('normalises a new phone, clears one with an empty value, and cannot clear the name', () => {
    const doc = new Y.Doc()
    const id = add(doc, { kind: 'cadre', name: '刘书记', phone: '13812345678' })
    expect(updatePairing(doc, id, { phone: '(0571)8765-4321' }, ctx)).toEqual({})
    expect(byId(doc, id)?.phone).toBe('0571-87654321')
    expect(updatePairing(doc, id, { phone: '' }, ctx)).toEqual({})
    expect((pairingsMap(doc).get(id) as Y.Map<unknown>).has('phone')).toBe(false)
    const before = Y.encodeStateVector(doc)
    expect(updatePairing(doc, id, { name: '' }, ctx)).toEqual({ name: { code: 'required' } })
    expect(updatePairing(doc, id, { phone: 'abc', name: '刘主任' }, ctx)).toEqual({ phone: { code: 'invalidPhone' } })
    expect(Y.encodeStateVector(doc)).toEqual(before)
  })

  it('an unchanged value writes nothing', () => {
    const doc = new Y.Doc()
    const id = add(doc, { kind: 'cadre', name: '刘书记', phone: '13812345678' })
    const before = Y.encodeStateVector(doc)
    expect(updatePairing(doc, id, { name: '刘书记', phone: '138 1234 5678' }, ctx)).toEqual({})
    expect(Y.encodeStateVector(doc)).toEqual(before)
  })

  it('a pairing that does not exist returns an error', () => {
    expect(updatePairing(new Y.Doc(), 'nope', { to: '2025-01-01' }, ctx)).toEqual({ kind: { code: 'required' } })
  })

  it('two helpers changing different fields offline keep both changes', () => {
    const a = new Y.Doc()
    const id = add(a, { kind: 'classTeacher', name: '张老师', from: '2024-09-01' })
    const b = new Y.Doc()
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    updatePairing(a, id, { to: '2025-07-01' }, ctx)
    updatePairing(b, id, { phone: '13912345678' }, ctx)
    sync(a, b)
    expect(byId(a, id)).toMatchObject({ to: '2025-07-01', phone: '13912345678' })
    expect(readPairings(b)).toEqual(readPairings(a))
  })
})

describe('deletePairing', () => {
  it('SPEC D1: moves the pairing to the bin, with the origin given', () => {
    const doc = new Y.Doc()
    const keep = add(doc, { kind: 'classTeacher', name: '张老师' })
    const gone = add(doc, { kind: 'peerBuddy', name: '李小红' })
    const origins: unknown[] = []
    doc.on('afterTransaction', (tr: Y.Transaction) => origins.push(tr.origin))
    deletePairing(doc, gone, { ...ctx, origin: Origin.backgroundSync })
    expect(readPairings(doc).map((p) => p.id)).toEqual([keep])
    expect(origins).toEqual([Origin.backgroundSync])
  })

  it('stays deleted when another helper edited it offline meanwhile', () => {
    const a = new Y.Doc()
    const id = add(a, { kind: 'classTeacher', name: '张老师' })
    const b = new Y.Doc()
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    deletePairing(a, id, ctx)
    updatePairing(b, id, { to: '2025-07-01' }, ctx)
    sync(a, b)
    expect(readPairings(a)).toEqual([])
    expect(readPairings(b)).toEqual([])
  })
})

describe('readPairings', () => {
  it('lists open-ended pairings first, then ended ones, each newest start first', () => {
    const doc = new Y.Doc()
    const endedOld = add(doc, { kind: 'classTeacher', name: '一', from: '2022-09-01', to: '2023-07-01' })
    const openOld = add(doc, { kind: 'caringMother', name: '二', from: '2023-09-01' })
    const endedNew = add(doc, { kind: 'classTeacher', name: '三', from: '2023-09-01', to: '2025-07-01' })
    const openNoStart = add(doc, { kind: 'peerBuddy', name: '四' })
    const openNew = add(doc, { kind: 'classTeacher', name: '五', from: '2025-09-01' })
    expect(readPairings(doc).map((p) => p.id)).toEqual([openNew, openOld, openNoStart, endedNew, endedOld])
  })

  it('skips what a peer wrote that is not a pairing, and blanks values that do not fit', () => {
    const doc = new Y.Doc()
    const good = add(doc, { kind: 'classTeacher', name: '张老师' })
    const peer = new Y.Doc()
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(doc))
    peer.transact(() => {
      const pairings = peer.getMap<unknown>('pairings')
      pairings.set('plain', { kind: 'cadre', name: '刘书记' })
      pairings.set('string', 'cadre')
      const entries: [string, Record<string, unknown>][] = [
        ['no-kind', { name: '刘书记' }],
        ['bad-kind', { kind: 'aunt', name: '刘书记' }],
        ['no-name', { kind: 'cadre' }],
        ['number-name', { kind: 'cadre', name: 42 }],
        ['long-name', { kind: 'cadre', name: '名'.repeat(41) }],
        ['odd-values', { kind: 'cadre', name: '赵主任', phone: '12345', from: 20240901, to: '2024-02-30' }],
      ]
      for (const [id, values] of entries) {
        const map = new Y.Map<unknown>()
        pairings.set(id, map)
        for (const [k, v] of Object.entries(values)) map.set(k, v)
      }
      const nested = new Y.Map<unknown>()
      pairings.set('nested', nested)
      nested.set('kind', 'cadre')
      nested.set('name', new Y.Map())
    })
    sync(doc, peer)

    expect(() => readPairings(doc)).not.toThrow()
    const read = readPairings(doc)
    expect(read).toHaveLength(2)
    expect(read).toEqual(
      expect.arrayContaining([
        { id: good, kind: 'classTeacher', name: '张老师', phone: '', from: undefined, to: undefined, authorId: 'u-alice' },
        { id: 'odd-values', kind: 'cadre', name: '赵主任', phone: '', from: undefined, to: undefined, authorId: '' },
      ]),
    )
  })

  it('every copy lists pairings in the same order, even when their dates are the same', () => {
    const a = new Y.Doc()
    const b = new Y.Doc()
    for (let i = 0; i < 4; i++) {
      add(a, { kind: 'peerBuddy', name: `A${i}` })
      add(b, { kind: 'peerBuddy', name: `B${i}` })
    }
    sync(a, b)
    const order = readPairings(a).map((p) => p.id)
    expect(readPairings(b).map((p) => p.id)).toEqual(order)
    expect(order).toEqual([...order].sort())
  })
})

describe('isActivePairing', () => {
  const pairing = (from?: string, to?: string): PairingView => ({
    id: 'p',
    kind: 'classTeacher',
    name: '张老师',
    phone: '',
    from: from as IsoDate | undefined,
    to: to as IsoDate | undefined,
    authorId: '',
  })
  const day = (d: string) => d as IsoDate

  it('is active from its first day to its last day, both included', () => {
    const p = pairing('2024-09-01', '2025-07-01')
    expect(isActivePairing(p, day('2024-08-31'))).toBe(false)
    expect(isActivePairing(p, day('2024-09-01'))).toBe(true)
    expect(isActivePairing(p, day('2025-01-15'))).toBe(true)
    expect(isActivePairing(p, day('2025-07-01'))).toBe(true)
    expect(isActivePairing(p, day('2025-07-02'))).toBe(false)
  })

  it('no start means active since ever, no end means still active', () => {
    expect(isActivePairing(pairing(undefined, '2025-07-01'), day('2000-01-01'))).toBe(true)
    expect(isActivePairing(pairing(undefined, '2025-07-01'), day('2025-07-02'))).toBe(false)
    expect(isActivePairing(pairing('2024-09-01'), day('2099-12-31'))).toBe(true)
    expect(isActivePairing(pairing('2024-09-01'), day('2024-08-31'))).toBe(false)
    expect(isActivePairing(pairing(), day('2025-09-01'))).toBe(true)
  })
})
