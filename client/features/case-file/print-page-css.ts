/**
 * The whole file's running header and footer on every printed page: CSS page margin boxes
 * (`@top-left`, `@bottom-right`…) of the `whole-file` page, with the child's name and school
 * and "page n of m" from the page counters. Chromium prints margin boxes and both counters
 * since version 131 (Debian's is newer); a browser without them prints the paper's own first
 * heading, which names the child too, and no numbers.
 *
 * The words come from the file and from translations, so each goes into CSS only as a string
 * literal with every character but letters, digits and spaces escaped: no name can end the
 * string or the rule.
 */

/** Any text as a CSS string literal. */
export function cssString(text: string): string {
  let out = '"'
  for (const char of text) {
    out += /^[\p{L}\p{N} ]$/u.test(char) ? char : `\\${(char.codePointAt(0) ?? 0xfffd).toString(16)} `
  }
  return `${out}"`
}

const PAGE = '\u0001'
const PAGES = '\u0002'

/**
 * `content` for a translation with the page number and the page count in it, e.g.
 * '第 {{page}} 页，共 {{pages}} 页' → `"第 " counter(page) " 页，共 " counter(pages) " 页"`.
 * `translate` is given markers for the two values, which become the counters.
 */
export function pageCounterContent(translate: (values: { page: string; pages: string }) => string): string {
  const text = translate({ page: PAGE, pages: PAGES })
  const parts: string[] = []
  let literal = ''
  for (const char of text) {
    if (char !== PAGE && char !== PAGES) {
      literal += char
      continue
    }
    if (literal !== '') parts.push(cssString(literal))
    literal = ''
    parts.push(char === PAGE ? 'counter(page)' : 'counter(pages)')
  }
  if (literal !== '') parts.push(cssString(literal))
  return parts.join(' ')
}

export interface RunningText {
  /** Top left: the child's name and school. */
  head: string
  /** Top right: what the paper is. */
  kind: string
  /** Bottom left: who printed it, and when. */
  printed: string
  /** Bottom right: the page counter's `content` (pageCounterContent). */
  pageContent: string
}

const BOX = 'font-size: 8.5pt; color: #444;'

export function wholeFilePageCss(text: RunningText): string {
  return [
    '@page whole-file {',
    `  @top-left { content: ${cssString(text.head)}; ${BOX} vertical-align: bottom; }`,
    `  @top-right { content: ${cssString(text.kind)}; ${BOX} vertical-align: bottom; }`,
    `  @bottom-left { content: ${cssString(text.printed)}; ${BOX} vertical-align: top; }`,
    `  @bottom-right { content: ${text.pageContent}; ${BOX} vertical-align: top; }`,
    '}',
  ].join('\n')
}
