import * as Y from 'yjs'
import * as prng from 'lib0/prng'
import * as encoding from 'lib0/encoding'
import { parseClientMessage } from '../server/sync/client-message'

const base = new Y.Doc()
base.getText('notes').insert(0, 'hello world')
base.getMap('profile').set('name', 'A')
const frag = base.getXmlFragment('x'); const p = new Y.XmlElement('paragraph'); p.insert(0, [new Y.XmlText('abc')]); frag.insert(0, [p])
const baseUpdate = Y.encodeStateAsUpdate(base)
const other = new Y.Doc(); other.clientID = 7
Y.applyUpdate(other, baseUpdate)
other.getText('notes').insert(3, 'XYZ'); other.getText('notes').delete(0, 2); other.getMap('profile').set('c', 1)
const upd = Y.encodeStateAsUpdate(other, Y.encodeStateVector(base))
const gen = prng.create(42)
let parsed = 0; const fails: Record<string, number> = {}
const samples: Record<string, string> = {}
for (let i = 0; i < 5000; i++) {
  const src = prng.bool(gen) ? upd : baseUpdate
  const m = Uint8Array.from(src)
  const flips = prng.int32(gen, 1, 3)
  for (let f = 0; f < flips; f++) m[prng.int32(gen, 0, m.length - 1)] = prng.uint32(gen, 0, 255)
  const e = encoding.createEncoder(); encoding.writeVarUint(e, 0); encoding.writeVarUint(e, 2); encoding.writeVarUint8Array(e, m)
  let msg
  try { msg = parseClientMessage(encoding.toUint8Array(e)) } catch { continue }
  parsed++
  if (msg.type !== 'update') continue
  const tryit = (name: string, fn: () => void) => { try { fn() } catch (err) { fails[name] = (fails[name] ?? 0) + 1; samples[name] ??= String(err) } }
  tryit('merge', () => { const merged = Y.mergeUpdates([baseUpdate, msg.update]); Y.encodeStateVectorFromUpdate(merged); Y.diffUpdate(merged, new Uint8Array([0])) })
  if (!fails.apply) tryit('hex', () => { try { const d = new Y.Doc(); Y.applyUpdate(d, baseUpdate); Y.applyUpdate(d, msg.update) } catch (e) { console.log(Buffer.from(msg.update).toString('hex')); throw e } }); tryit('apply', () => { const d = new Y.Doc(); Y.applyUpdate(d, baseUpdate); Y.applyUpdate(d, msg.update); d.getText('notes').toString(); d.getMap('profile').toJSON(); })
  tryit('svOnly', () => { Y.encodeStateVectorFromUpdate(msg.update) })
}
console.log({ parsed, fails, samples })
