/**
 * The import recognises what the app itself writes: every field label and every choice
 * label, in each of the app's languages, maps back to its field or choice. A label added
 * or renamed in a locale file without a word in shared/roster fails here.
 */
import i18next, { type TFunction } from 'i18next'
import { beforeAll, describe, expect, it } from 'vitest'
import { guessField } from '../../../shared/roster/headers'
import type { RosterIssue, RosterIssueCode } from '../../../shared/roster/validate'
import { matchChoice } from '../../../shared/roster/values'
import { CHILD_FIELD_KEYS, CHILD_FIELDS } from '../../../shared/docs/child/child-fields'
import { LANGUAGES } from '../../i18n'
import { TRANSLATIONS } from '../../i18n/resources'
import { describeIssue, OPTION_SET } from './field-display'

const translators = new Map<string, TFunction>()

beforeAll(async () => {
  for (const lng of LANGUAGES) {
    const instance = i18next.createInstance()
    await instance.init({
      resources: { [lng]: { translation: TRANSLATIONS[lng] ?? {} } },
      lng,
      interpolation: { escapeValue: false },
    })
    translators.set(lng, instance.t)
  }
})

const t = (lng: string) => translators.get(lng) as TFunction

describe.each(LANGUAGES)('in %s', (lng) => {
  it('every field label as a header names its field', () => {
    for (const field of CHILD_FIELD_KEYS) {
      expect(guessField(t(lng)(`field.labels.${field}`)), field).toBe(field)
    }
  })

  it('every choice label names its choice', () => {
    for (const field of CHILD_FIELD_KEYS) {
      const kind = CHILD_FIELDS[field].kind
      if (kind.type !== 'choice') continue
      expect(OPTION_SET[field], field).toBeDefined()
      for (const option of kind.options) {
        const label = t(lng)(`field.options.${OPTION_SET[field]}.${option}`)
        expect(matchChoice(field, label), `${field}: ${label}`).toBe(option)
      }
    }
  })

  it('has a message for every issue the check can report', () => {
    // A Record over the union makes the type-checker fail here when a code is added.
    const codes: Record<RosterIssueCode, RosterIssue['field']> = {
      required: 'name',
      tooLong: 'classId',
      invalidChoice: 'gender',
      invalidDate: 'birthDate',
      futureDate: 'birthDate',
      beforeBirth: 'awaySince',
      invalidPhone: 'father.phone',
      notNumber: 'guardian.age',
      tooManyDecimals: 'guardian.age',
      outOfRange: 'guardian.age',
      invalidBool: 'boarding',
      dateWithoutDay: 'birthDate',
      duplicateInFile: 'name',
      alreadyInList: 'name',
      notYourClass: 'classId',
      unknownClass: 'classId',
      ambiguousClass: 'classId',
    }
    for (const [code, field] of Object.entries(codes) as [RosterIssueCode, RosterIssue['field']][]) {
      const issue: RosterIssue = { row: 3, column: 'x', columnLetter: 'B', field, code, params: { max: 40, min: 10, row: 2, decimals: 0, classes: '一班' }, value: 'v', severity: 'error' }
      const text = describeIssue(t(lng), lng, issue)
      expect(text, code).not.toMatch(/import\.|field\.|\{\{/)
      expect(text.length, code).toBeGreaterThan(3)
    }
  })

  it('names the choices a cell may hold', () => {
    const issue: RosterIssue = { row: 3, column: '性别', columnLetter: 'B', field: 'gender', code: 'invalidChoice', value: '未知', severity: 'error' }
    const text = describeIssue(t(lng), lng, issue)
    expect(text).toContain(t(lng)('field.options.gender.female'))
    expect(text).toContain(t(lng)('field.options.gender.male'))
  })
})
