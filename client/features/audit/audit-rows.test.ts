import i18next from 'i18next'
import { describe, expect, it } from 'vitest'
import type { AuditEntry } from '../../../shared/auth-api'
import { TRANSLATIONS } from '../../i18n/resources'
import { auditCsv, localTime, toViews, type Names } from './audit-rows'

async function translator(lng: string) {
  const instance = i18next.createInstance()
  await instance.init({ resources: { [lng]: { translation: TRANSLATIONS[lng] ?? {} } }, lng, interpolation: { escapeValue: false } })
  return instance.t
}

const entry = (seq: number, action: string, at: number, extra: Partial<AuditEntry> = {}): AuditEntry => ({
  seq,
  at,
  workspace: 'school-1',
  userId: 'u-li',
  docId: 'school-1/child/c1',
  action,
  ...extra,
})
const names: Names = { person: (id) => (id === 'u-li' ? '李老師' : '?'), document: (id) => (id === 'school-1/child/c1' ? '小明' : '?') }

// SPEC M8
describe('the audit trail as a reader reads it', () => {
  it('M8: names people and children, newest first by when it happened', async () => {
    const t = await translator('zh-Hant')
    const views = toViews(
      [entry(3, 'opened', Date.UTC(2024, 2, 1, 9)), entry(4, 'viewed', Date.UTC(2024, 2, 2, 9), { reportedAt: Date.UTC(2024, 1, 28, 9) }), entry(2, 'exported', Date.UTC(2024, 2, 1, 10))],
      names,
      t,
    )
    expect(views.map((v) => [v.seq, v.person, v.child, v.action])).toEqual([
      [2, '李老師', '小明', '匯出/列印'],
      [3, '李老師', '小明', '開啟'],
      [4, '李老師', '小明', '查看'],
    ])
  })

  it('M8: says in names which classes a move went between and whom a pairing named', async () => {
    const t = await translator('zh-Hans')
    const named: Names = { ...names, className: (id) => ({ 'class-3-1': '三年级1班', 'class-3-2': '三年级2班' })[id] ?? id }
    const views = toViews([entry(2, 'moved', 2000, { detail: 'class-3-1 → class-3-2' }), entry(1, 'paired', 1000, { detail: 'u-li' })], named, t)
    expect(views.map((v) => v.action)).toEqual(['调到另一个班：三年级1班 → 三年级2班', '安排结对：李老師'])
  })

  it('N4: says that a device\'s reports were refused, and how many', async () => {
    const refused = entry(1, 'reportsRefused', 1000, { detail: '100' })
    expect(toViews([refused], names, await translator('zh-Hans'))[0]?.action).toBe('设备报告过多，已拒绝：已拒绝 100 条')
    expect(toViews([refused], names, await translator('en'))[0]?.action).toBe('Too many reports from a device, refused: 100 refused')
  })

  it('M8: writes CSV headers in the reader\'s language and times in the reader\'s zone', async () => {
    const at = Date.UTC(2024, 2, 1, 16, 30, 5)
    const rows = toViews([entry(1, 'viewed', at + 60_000, { reportedAt: at })], names, await translator('zh-Hans'))
    const lines = auditCsv(rows, await translator('zh-Hans'), 'Asia/Shanghai').replace(/^\ufeff/, '').split('\r\n')
    expect(lines).toEqual(['"时间","服务器收到时间","人员","儿童","操作"', '"2024-03-02 00:30:05","2024-03-02 00:31:05","李老師","小明","查看"'])
    const english = auditCsv(rows, await translator('en'), 'America/New_York').split('\r\n')
    expect(english[0]).toBe('\ufeff"Time","Received by the relay","Person","Child","Action"')
    expect(english[1]).toContain('"2024-03-01 11:30:05"')
    expect(localTime(at, 'UTC')).toBe('2024-03-01 16:30:05')
  })

  it('quotes what a name could break a row with', async () => {
    const rows = toViews([entry(1, 'opened', 0)], { person: () => 'A "quoted", name', document: () => '' }, await translator('en'))
    expect(auditCsv(rows, await translator('en'), 'UTC').split('\r\n')[1]).toBe('"1970-01-01 00:00:00","1970-01-01 00:00:00","A ""quoted"", name","","Opened"')
  })
})
