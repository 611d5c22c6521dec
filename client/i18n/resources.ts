/**
 * The translations: `locales/<lang>.json` for the app's common strings, and one folder per
 * feature, `locales/<feature>/<lang>.json`, whose strings are found under `<feature>.` (so
 * each feature keeps its own files). Every language must have the same keys (tested).
 */
const files = import.meta.glob<Record<string, unknown>>('./locales/**/*.json', { eager: true, import: 'default' })

export type Translation = Record<string, unknown>

export function buildResources(all: Record<string, Record<string, unknown>>): Record<string, Translation> {
  const out: Record<string, Translation> = {}
  for (const [path, json] of Object.entries(all)) {
    const m = /^\.\/locales\/(?:([a-z-]+)\/)?([A-Za-z-]+)\.json$/.exec(path)
    if (!m) continue
    const [, feature, lang] = m as unknown as [string, string | undefined, string]
    const translation = (out[lang] ??= {})
    if (feature) translation[feature] = json
    else Object.assign(translation, json)
  }
  return out
}

export const TRANSLATIONS = buildResources(files)
