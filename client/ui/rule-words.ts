/**
 * Care rules and their tasks in words (the rules are shared/docs/settings/care-rules.ts, the
 * tasks shared/care/due.ts; the words are the client's): "班主任 每月 与每名留守儿童谈心 1 次",
 * what a task asks for, whose it is, and a rule's error. Shared by the tasks page, the rules
 * page and the child's file, which may not import one another.
 */
import type { TFunction } from 'i18next'
import { IEP_REVIEW, type Task, type TaskHelper } from '../../shared/care/due'
import type { CareRule, RuleChildren, RuleError, RuleWhat } from '../../shared/docs/settings/care-rules'
import type { Organisation } from '../../shared/docs/settings/organisation'
import type { DirectoryEntry } from '../../shared/members-api'
import { classLabelIn } from './class-label'

/** The label of a record method: a parent contact's 亲情电话, an aid's 助学金 … */
export function methodLabel(t: TFunction, what: Extract<RuleWhat, { record: string }>, method: string): string {
  return t(`records.options.${what.record}.${what.record === 'aid' ? 'kind' : 'method'}.${method}`)
}

export function childrenWords(t: TFunction, children: RuleChildren): string {
  if ('all' in children) return t('care.children.all')
  if ('priority' in children) return t('care.children.priority')
  if ('flag' in children) return t('care.children.flag', { flag: t(`field.labels.flags.${children.flag}`) })
  return t('care.children.risk', { levels: children.risk.map((level) => t(`care.risk.${level}`)).join(t('care.listSeparator')) })
}

export function byWords(t: TFunction, by: CareRule['by']): string {
  return 'anyone' in by ? t('care.by.anyone') : t(`pairings.kinds.${by.pairing}`)
}

/** The whole rule as one sentence, in the reader's language. */
export function ruleSentence(t: TFunction, rule: Pick<CareRule, 'what' | 'every' | 'times' | 'by' | 'children'>): string {
  const words = { by: byWords(t, rule.by), every: t(`care.every.${rule.every}`), children: childrenWords(t, rule.children), count: rule.times }
  if ('filed' in rule.what) return t('care.sentence.filed', words)
  const sentence = t(`care.sentence.${rule.what.record}`, words)
  return rule.what.method ? t('care.withMethod', { sentence, method: methodLabel(t, rule.what, rule.what.method) }) : sentence
}

/** A rule's name: the coordinator's title, else its sentence. */
export function ruleName(t: TFunction, rule: CareRule): string {
  return rule.title ?? ruleSentence(t, rule)
}

/** What a task asks for, short: 谈心, 家访（1/2 次）, 建好档案, 复查个别教育方案. */
export function taskWhat(t: TFunction, task: Task, rule: CareRule | undefined): string {
  if (task.ruleId === IEP_REVIEW) return t('care.task.iepReview')
  if (!rule) return t('care.task.unknown')
  const what = rule.what
  const base = 'filed' in what ? t('care.task.filed') : what.method ? methodLabel(t, what, what.method) : t(`records.types.${what.record}`)
  return task.times > 1 ? t('care.task.progress', { what: base, count: task.count, times: task.times }) : base
}

/** Whose task it is, as a coordinator reads it. */
export function helperName(t: TFunction, helper: TaskHelper, names: { directory: ReadonlyMap<string, DirectoryEntry>; org: Organisation; paired: ReadonlyMap<string, string> }): string {
  switch (helper.type) {
    case 'account':
      return names.directory.get(helper.userId)?.displayName || names.paired.get(helper.userId) || t('care.helper.member')
    case 'name':
      return t('care.helper.byName', { name: helper.name })
    case 'class': {
      const label = classLabelIn(t, names.org, helper.classId)
      return label ? t('care.helper.classTeacher', { class: label }) : t('care.helper.noClass')
    }
    case 'anyone':
      return t('care.by.anyone')
  }
}

/** One sentence for a rule's error. */
export function ruleErrorMessage(t: TFunction, error: RuleError): string {
  const own = ['filedEveryTerm', 'noSuchRule', 'notADefault', 'isADefault']
  return own.includes(error.code) ? t(`care.errors.${error.code}`) : t(`field.errors.${error.code}`, error.params ?? {})
}
