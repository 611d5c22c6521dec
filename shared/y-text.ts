import type * as Y from 'yjs'

/**
 * Makes a Y.Text read `next` by replacing only the span that changed (common prefix and
 * suffix kept), so a colleague's concurrent edit elsewhere in the text is kept too.
 */
export function setTextByDiff(text: Y.Text, next: string): void {
  const prev = text.toString()
  if (prev === next) return
  let start = 0
  const max = Math.min(prev.length, next.length)
  while (start < max && prev.charCodeAt(start) === next.charCodeAt(start)) start++
  let endPrev = prev.length
  let endNext = next.length
  while (endPrev > start && endNext > start && prev.charCodeAt(endPrev - 1) === next.charCodeAt(endNext - 1)) {
    endPrev--
    endNext--
  }
  // Never split a surrogate pair (a rare CJK character or an emoji) between kept and replaced.
  if (start > 0 && isHighSurrogate(prev.charCodeAt(start - 1))) start--
  if (endPrev < prev.length && isLowSurrogate(prev.charCodeAt(endPrev))) {
    endPrev++
    endNext++
  }
  const doc = text.doc
  const apply = () => {
    if (endPrev > start) text.delete(start, endPrev - start)
    if (endNext > start) text.insert(start, next.slice(start, endNext))
  }
  if (doc) doc.transact(apply)
  else apply()
}

const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff
const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff
