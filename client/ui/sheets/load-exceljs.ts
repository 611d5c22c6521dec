/**
 * exceljs, loaded when a spreadsheet is first read or written, so the app's first load does
 * not carry it. Bundlers hand a CommonJS module back wrapped in `default`; `unwrap` takes the
 * module itself out either way.
 */
import type * as ExcelJS from 'exceljs'

/** The module's namespace, or its default export where the bundler wraps a CommonJS module. */
export function unwrap<T extends object>(mod: T): T {
  return 'default' in mod && typeof mod.default === 'object' && mod.default !== null ? (mod.default as T) : mod
}

export async function loadExcelJs(): Promise<typeof ExcelJS> {
  return unwrap(await import('exceljs'))
}
