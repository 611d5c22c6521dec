/**
 * Kinds of field values and how each is checked: the same checks for a form, an imported
 * spreadsheet cell and a value read from another peer's document.
 */
import { parseIsoDate, type IsoDate } from '../dates'
import { DOCUMENT_KEY_PATTERN } from '../ids'
import { parsePhone } from './phone'

export type FieldKind =
  | { type: 'text'; max: number; pattern?: RegExp }
  | { type: 'longText'; max: number }
  | { type: 'choice'; options: readonly string[] }
  | { type: 'date'; notFuture: boolean }
  | { type: 'phone' }
  | { type: 'number'; min: number; max: number; decimals: number }
  | { type: 'bool' }

export type FieldValue = string | number | boolean

export type FieldErrorCode =
  | 'required'
  | 'tooLong'
  | 'invalidChoice'
  | 'invalidDate'
  | 'futureDate'
  | 'beforeBirth'
  | 'invalidPhone'
  | 'notNumber'
  | 'tooManyDecimals'
  | 'outOfRange'
  | 'invalidBool'

export interface FieldError {
  code: FieldErrorCode
  /** Values for the message, e.g. the range. */
  params?: Record<string, string | number>
}

export type Checked = { ok: true; value: FieldValue | null } | { ok: false; error: FieldError }

export interface CheckContext {
  today: IsoDate
  /** A date before this is refused (a record before the child's birth). */
  notBefore?: IsoDate | undefined
}

export const text = (max: number): FieldKind => ({ type: 'text', max })
/**
 * The id of another thing of the workspace (a class of the settings document): a document-key
 * shape (shared/ids.ts), so a typed class name can never pass for one. A value of another shape
 * is refused as not one of the choices.
 */
export const key: FieldKind = { type: 'text', max: 64, pattern: DOCUMENT_KEY_PATTERN }
export const longText = (max = 20_000): FieldKind => ({ type: 'longText', max })
export const choice = (options: readonly string[]): FieldKind => ({ type: 'choice', options })
export const date = (notFuture = true): FieldKind => ({ type: 'date', notFuture })
export const phone: FieldKind = { type: 'phone' }
export const number = (min: number, max: number, decimals = 0): FieldKind => ({ type: 'number', min, max, decimals })
export const bool: FieldKind = { type: 'bool' }

const length = (s: string) => [...s].length

/**
 * Checks a value typed, imported or read from a peer. Empty input means "no value" (null).
 * Strings are accepted for every kind, as forms and spreadsheets give them.
 */
export function checkValue(kind: FieldKind, raw: unknown, ctx: CheckContext): Checked {
  if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) return { ok: true, value: null }
  switch (kind.type) {
    case 'text':
    case 'longText': {
      if (typeof raw !== 'string') return fail('tooLong', { max: kind.max })
      const value = kind.type === 'text' ? raw.trim() : raw
      if (length(value) > kind.max) return fail('tooLong', { max: kind.max })
      return kind.type === 'text' && kind.pattern && !kind.pattern.test(value) ? fail('invalidChoice') : { ok: true, value }
    }
    case 'choice':
      return typeof raw === 'string' && kind.options.includes(raw) ? { ok: true, value: raw } : fail('invalidChoice')
    case 'date': {
      const value = typeof raw === 'string' ? parseIsoDate(raw.trim()) : undefined
      if (!value) return fail('invalidDate')
      if (kind.notFuture && value > ctx.today) return fail('futureDate')
      if (ctx.notBefore && value < ctx.notBefore) return fail('beforeBirth')
      return { ok: true, value }
    }
    case 'phone': {
      const parsed = typeof raw === 'string' ? parsePhone(raw) : undefined
      return parsed ? { ok: true, value: parsed.normalised } : fail('invalidPhone')
    }
    case 'number': {
      const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^-?\d+(\.\d+)?$/.test(raw.trim()) ? Number(raw.trim()) : NaN
      if (!Number.isFinite(n)) return fail('notNumber')
      if (Math.round(n * 10 ** kind.decimals) / 10 ** kind.decimals !== n) return fail('tooManyDecimals', { decimals: kind.decimals })
      if (n < kind.min || n > kind.max) return fail('outOfRange', { min: kind.min, max: kind.max })
      return { ok: true, value: n }
    }
    case 'bool':
      if (typeof raw === 'boolean') return { ok: true, value: raw }
      if (typeof raw === 'string' && BOOL_WORDS.has(raw.trim().toLowerCase())) {
        return { ok: true, value: BOOL_WORDS.get(raw.trim().toLowerCase()) as boolean }
      }
      return fail('invalidBool')
  }
}

/** How "yes" and "no" are written in forms and school spreadsheets. */
const BOOL_WORDS = new Map<string, boolean>([
  ['true', true], ['false', false], ['yes', true], ['no', false], ['y', true], ['n', false],
  ['1', true], ['0', false], ['是', true], ['否', false], ['有', true], ['無', false], ['无', false],
])

function fail(code: FieldErrorCode, params?: Record<string, string | number>): Checked {
  return params ? { ok: false, error: { code, params } } : { ok: false, error: { code } }
}
