import * as Y from 'yjs'
import * as prng from 'lib0/prng'
import * as encoding from 'lib0/encoding'
import { parseClientMessage } from '../server/sync/client-message'
const base = new Y.Doc()
base.getText('notes').insert(0, 'hello world')
const baseUpdate = Y.encodeStateAsUpdate(base)
const gen = prng.create(1)
for (let i = 0; i < 100000; i++) {
  const m = Uint8Array.from(baseUpdate)
  m[prng.int32(gen, 0, m.length - 1)] = prng.uint32(gen, 0, 255)
  const e = encoding.createEncoder(); encoding.writeVarUint(e, 0); encoding.writeVarUint(e, 2); encoding.writeVarUint8Array(e, m)
  try { parseClientMessage(encoding.toUint8Array(e)) } catch { continue }
  try { const d = new Y.Doc(); Y.applyUpdate(d, m); d.getText('notes').toString() } catch (err) { console.log(Buffer.from(baseUpdate).toString('hex')); console.log(Buffer.from(m).toString('hex'), String(err)); break }
}
