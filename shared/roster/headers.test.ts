import { describe, expect, it } from 'vitest'
import { foldWord } from './fold'
import { checkMapping, guessField, guessMapping } from './headers'

describe('foldWord', () => {
  it('ignores traditional characters, full-width forms, case, spaces and punctuation', () => {
    expect(foldWord('監護人 電話')).toBe('监护人电话')
    expect(foldWord('與孩子關係')).toBe('与孩子关系')
    expect(foldWord('*姓名（必填）')).toBe('姓名必填')
    expect(foldWord("Ｆａｔｈｅｒ's Phone")).toBe('fathersphone')
  })
})

describe('guessField', () => {
  it.each([
    ['姓名', 'name'],
    ['学生姓名', 'name'],
    ['*姓名（必填）', 'name'],
    ['性別', 'gender'],
    ['性别', 'gender'],
    ['出生日期', 'birthDate'],
    ['出生年月', 'birthDate'],
    ['班級', 'classId'],
    ['班级', 'classId'],
    ['是否寄宿', 'boarding'],
    ['父親姓名', 'father.name'],
    ['父亲电话', 'father.phone'],
    ['父亲联系电话', 'father.phone'],
    ['母親電話', 'mother.phone'],
    ['母亲务工地点', 'mother.workplace'],
    ['監護人', 'guardian.name'],
    ['监护人姓名', 'guardian.name'],
    ['監護人電話', 'guardian.phone'],
    ['监护人年龄', 'guardian.age'],
    ['與孩子關係', 'guardian.relation'],
    ['与孩子联系频率（父亲）', 'father.contactFrequency'],
    ['看護方式', 'careArrangement'],
    ['Name', 'name'],
    ['Date of birth', 'birthDate'],
    ['DOB', 'birthDate'],
    ['Sex', 'gender'],
    ['Class', 'classId'],
    ["Father's phone", 'father.phone'],
    ["Mother's name", 'mother.name'],
    ['Guardian phone', 'guardian.phone'],
    ['Guardian can read', 'guardian.literate'],
  ])('%s → %s', (header, field) => {
    expect(guessField(header)).toBe(field)
  })

  it.each(['序号', '身份证号', '备注', '', '   ', 'Notes', '父母'])('leaves "%s" unmapped', (header) => {
    expect(guessField(header)).toBeNull()
  })
})

describe('guessMapping', () => {
  it('maps each column, and a field guessed twice only for its first column', () => {
    expect(guessMapping(['序号', '姓名', '性别', '学生姓名', '班级'])).toEqual([null, 'name', 'gender', null, 'classId'])
  })
})

describe('checkMapping', () => {
  it('accepts a mapping with the name once', () => {
    expect(checkMapping(['name', null, 'gender'])).toEqual([])
  })

  it('requires a column for the name', () => {
    expect(checkMapping([null, 'gender'])).toEqual([{ code: 'nameNotMapped' }])
  })

  it('refuses one field from two columns', () => {
    expect(checkMapping(['name', 'father.phone', null, 'father.phone'])).toEqual([
      { code: 'fieldTwice', field: 'father.phone', columns: [1, 3] },
    ])
  })
})
