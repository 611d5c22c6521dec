import i18next from 'i18next'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { childDocumentId, toWorkspaceId } from '../../../shared/doc-id'
import { exportChildFile } from '../../../shared/docs/child/export'
import { WHOLE_FILE, writeWholeFile } from '../../../tests/helpers/whole-file'
import { TRANSLATIONS } from '../../i18n/resources'
import { exportText } from './export-text'

const ref = { docId: childDocumentId(toWorkspaceId('school-1'), 'c1'), workspace: toWorkspaceId('school-1'), key: 'c1' }

async function translator(lng: string) {
  const instance = i18next.createInstance()
  await instance.init({ resources: { [lng]: { translation: TRANSLATIONS[lng] ?? {} } }, lng, interpolation: { escapeValue: false } })
  return instance.t
}

// SPEC E4
describe('the exported file as the guardian reads it', () => {
  const doc = new Y.Doc()
  writeWholeFile(doc)
  const file = exportChildFile(doc, ref, Date.UTC(2024, 10, 1, 8, 30))

  it('puts every part of the file in words, in English', async () => {
    const text = exportText(file, await translator('en'), 'en')
    expect(text.split('\n')[0]).toBe(`Shouwang: the file of ${WHOLE_FILE.name}`)
    for (const line of [
      '== The child ==',
      `Name: ${WHOLE_FILE.name}`,
      'Gender: Female',
      `Father's phone: ${WHOLE_FILE.fatherPhone}`,
      '== Records ==',
      `  Mood: ${WHOLE_FILE.recordText}`,
      '== Helpers ==',
      '== Case notes ==',
      WHOLE_FILE.notes,
      '== Every change to the fields ==',
    ]) {
      expect(text.split('\n')).toContain(line)
    }
    expect(text).toContain(`Interests: \n  ${WHOLE_FILE.interests}`)
    expect(text).toMatch(new RegExp(`Caring mother · ${WHOLE_FILE.helperName} · ${WHOLE_FILE.helperPhone} · .* – ongoing`))
    expect(text).toMatch(/ · Talk · 王校長/)
    // Nothing the file does not hold, and no key left untranslated.
    expect(text).not.toContain("Mother's phone")
    expect(text).not.toMatch(/field\.labels|records\.|export\./)
  })

  it('in Chinese, with Chinese labels and punctuation', async () => {
    const text = exportText(file, await translator('zh-Hans'), 'zh-Hans')
    expect(text.split('\n')).toContain(`姓名：${WHOLE_FILE.name}`)
    expect(text.split('\n')).toContain(`父亲电话：${WHOLE_FILE.fatherPhone}`)
    expect(text.split('\n')).toContain(`  情绪：${WHOLE_FILE.recordText}`)
    expect(text).toContain('爱心妈妈 · 张爱心'.replace('张爱心', WHOLE_FILE.helperName))
  })
})
