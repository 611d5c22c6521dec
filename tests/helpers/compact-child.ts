/**
 * A relay's store opened in a process of its own, compacting its log on open (docs/SPEC.md S15),
 * saying each document it compacted, so a test can SIGKILL it half way.
 * Usage: tsx tests/helpers/compact-child.ts <sqlite file> <above>
 */
import { openSqliteDocStore } from '../../server/store/sqlite-doc-store'

const [file, above] = process.argv.slice(2)
if (!file || !above) throw new Error('usage: compact-child <file> <above>')
openSqliteDocStore({ file, compactAbove: Number(above), onCompacted: (docId) => void process.stdout.write(`compacted ${docId}\n`) })
process.stdout.write('done\n')
setInterval(() => {}, 60_000)
