/** The term summary's model of the figures fixture (tests/fixtures/figures-workspace.ts), in a language. */
import i18next, { type TFunction } from 'i18next'
import { TRANSLATIONS } from '../../client/i18n/resources'
import { summaryModel, type SummaryModel } from '../../client/features/summary/summary-model'
import type { IsoDate } from '../../shared/dates'
import { computeFigures, type FiguresInput } from '../../shared/figures/figures'
import { figureLists } from '../../shared/figures/lists'
import { fixtureInput, ORG, TERM } from '../fixtures/figures-workspace'

export async function translator(lng: string): Promise<TFunction> {
  const instance = i18next.createInstance()
  await instance.init({ resources: { [lng]: { translation: TRANSLATIONS[lng] ?? {} } }, lng, interpolation: { escapeValue: false } })
  return instance.t
}

export async function fixtureModel(lng = 'zh-Hans', input: FiguresInput = fixtureInput()): Promise<SummaryModel> {
  const schoolId = input.filter?.schoolId
  return summaryModel({ figures: computeFigures(input), lists: figureLists(input), org: ORG, term: TERM, ...(schoolId ? { schoolId } : {}), words: { t: await translator(lng), language: lng }, today: '2026-12-02' as IsoDate })
}
