import i18next from 'i18next'
import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { I18nextProvider, initReactI18next } from 'react-i18next'
import { beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addClass, addSchool, archiveClass, readOrganisation, type Organisation } from '../../shared/docs/settings/organisation'
import { TRANSLATIONS } from '../i18n/resources'
import { ClassSelect } from './ClassPicker'

const i18n = i18next.createInstance()

beforeAll(async () => {
  await i18n.use(initReactI18next).init({ lng: 'zh-Hant', resources: { 'zh-Hant': { translation: TRANSLATIONS['zh-Hant'] ?? {} } }, interpolation: { escapeValue: false } })
})

function build(): { org: Organisation; ids: Record<string, string> } {
  const doc = new Y.Doc()
  const ids: Record<string, string> = {}
  const school = (name: string) => {
    const r = addSchool(doc, { name })
    if (!('id' in r)) throw new Error(name)
    return r.id
  }
  const a = school('中心小學')
  const b = school('村小')
  for (const [key, schoolId, grade, section] of [['a3', a, 3, '二'], ['a1', a, 1, '一'], ['b1', b, 1, '一'], ['old', a, 6, '1']] as const) {
    const r = addClass(doc, { schoolId, grade, section })
    if (!('id' in r)) throw new Error(key)
    ids[key] = r.id
  }
  archiveClass(doc, ids.old as string)
  return { org: readOrganisation(doc), ids }
}

/** The select's options as [group, value, label], in document order. */
function optionsOf(html: string): [string, string, string][] {
  const out: [string, string, string][] = []
  let group = ''
  for (const m of html.matchAll(/<optgroup label="([^"]*)">|<option value="([^"]*)"[^>]*>([^<]*)<\/option>/g)) {
    if (m[1] !== undefined) group = m[1]
    else out.push([group, m[2] ?? '', m[3] ?? ''])
  }
  return out
}

const render = (org: Organisation, value: string, allowed?: string[]) =>
  renderToStaticMarkup(
    createElement(I18nextProvider, { i18n }, createElement(ClassSelect, { organisation: org, value, onChange: () => {}, ...(allowed ? { allowed } : {}) })),
  )

describe('ClassPicker', () => {
  it('O7: offers only active classes, grouped by school and in grade order, by id', () => {
    const { org, ids } = build()
    expect(optionsOf(render(org, ''))).toEqual([
      ['', '', '選擇班級'],
      ['中心小學', ids.a1, '一年級一班'],
      ['中心小學', ids.a3, '三年級二班'],
      ['村小', ids.b1, '一年級一班'],
    ])
  })

  it('O7: narrows to the allowed classes, and still names an archived class a file is in', () => {
    const { org, ids } = build()
    expect(optionsOf(render(org, '', [ids.b1 as string])).map((o) => o[1])).toEqual(['', ids.b1])
    const withOld = optionsOf(render(org, ids.old as string))
    expect(withOld[1]).toEqual(['', ids.old, '中心小學 · 六年級1班 (已歸檔)'])
  })
})
