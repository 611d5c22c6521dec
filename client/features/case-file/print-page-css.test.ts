import { describe, expect, it } from 'vitest'
import { cssString, pageCounterContent, wholeFilePageCss } from './print-page-css'

describe('the whole file’s running header and footer (SPEC F4)', () => {
  it('puts any text into CSS as one string: quotes, backslashes, braces and line breaks escaped', () => {
    expect(cssString('陈小雨 东山镇中心小学')).toBe('"陈小雨 东山镇中心小学"')
    expect(cssString('a"b')).toBe('"a\\22 b"')
    expect(cssString('x\\y')).toBe('"x\\5c y"')
    expect(cssString('}\n@import')).toBe('"\\7d \\a \\40 import"')
    expect(cssString('😀')).toBe('"\\1f600 "')
  })

  it('turns a translation with the page number and count into page counters', () => {
    expect(pageCounterContent(({ page, pages }) => `第 ${page} 页，共 ${pages} 页`)).toBe('"第 " counter(page) " 页\\ff0c 共 " counter(pages) " 页"')
    expect(pageCounterContent(({ page, pages }) => `Page ${page} of ${pages}`)).toBe('"Page " counter(page) " of " counter(pages)')
    expect(pageCounterContent(({ page }) => `${page}`)).toBe('counter(page)')
  })

  it('a name that tries to end the rule stays inside its string', () => {
    const css = wholeFilePageCss({ head: '"; } body { display: none } @page x { content: "', kind: '档案', printed: '王老师', pageContent: 'counter(page)' })
    // One @page rule, its braces balanced, no rule of the name's making.
    expect(css.match(/\{/g)?.length).toBe(5)
    expect(css.match(/\}/g)?.length).toBe(5)
    expect(css).not.toContain('body {')
    expect(css).toContain('@bottom-right { content: counter(page);')
  })
})
