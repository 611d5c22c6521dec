/**
 * Counts an XML part's elements, rows (`<row>`) and cells (`<c>`) as its bytes stream past, a
 * chunk at a time, holding nothing of it: a tag split between two chunks is still counted
 * once. A namespace prefix (`<x:row>`) counts too, and a `<row` inside a comment is counted:
 * counting too much only refuses sooner.
 */
const LT = 0x3c
const COLON = 0x3a
const MAX_NAME = 16

/** Bytes that end a tag's name. */
const endsName = (b: number) => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d || b === 0x3e || b === 0x2f

export class MarkupCount {
  elements = 0
  rows = 0
  cells = 0
  /** -1 outside a tag's name, else how many bytes of it have been seen (past MAX_NAME: not kept). */
  private seen = -1
  private readonly name = new Uint8Array(MAX_NAME)
  /** Where the local name starts (after a prefix's colon). */
  private local = 0

  push(chunk: Uint8Array): void {
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i] as number
      if (this.seen < 0) {
        if (b === LT) this.seen = 0
        continue
      }
      if (endsName(b)) {
        this.finish()
      } else if (this.seen === 0 && (b === 0x21 || b === 0x3f)) {
        // <!-- … -->, <![CDATA[, <?xml: no element.
        this.seen = -1
      } else {
        if (this.seen < MAX_NAME) this.name[this.seen] = b
        this.seen++
        if (b === COLON) this.local = this.seen
      }
    }
  }

  private finish(): void {
    // An empty name is a closing tag (`</row>`) or a stray `<`.
    const length = this.seen
    this.seen = -1
    const local = this.local
    this.local = 0
    if (length === 0) return
    this.elements++
    if (length > MAX_NAME) return
    const size = length - local
    const at = (k: number) => this.name[local + k]
    if (size === 1 && at(0) === 0x63) this.cells++
    else if (size === 3 && at(0) === 0x72 && at(1) === 0x6f && at(2) === 0x77) this.rows++
  }
}
