/**
 * The term summary as a Word file (工作總結.docx), written on the device from the summary
 * model alone (SPEC Z6): the title, the seed's sections in order, the figures as sentences and
 * as a table with their definitions, two of the page's charts as Word's own charts (docx's
 * ChartRun: the numbers stay editable in Word and LibreOffice draws them too), the dated list
 * of activities held, and a marked placeholder where staff write the narrative.
 */
import { AlignmentType, BorderStyle, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType, type ParagraphChild } from 'docx'
import { ChartRun } from 'docx/charts'
import { docxChart } from './docx-chart'
import type { SummaryModel, SummarySection } from './summary-model'

const FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '宋体' }
const HEADING_FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '黑体' }
const thin = { style: BorderStyle.SINGLE, size: 4, color: '999999' }
const borders = { top: thin, bottom: thin, left: thin, right: thin }

const para = (children: ParagraphChild[] | string, options: { indent?: boolean } = {}) =>
  new Paragraph({
    children: typeof children === 'string' ? [new TextRun(children)] : children,
    spacing: { after: 120, line: 360 },
    ...(options.indent ? { indent: { firstLine: 480 } } : {}),
  })

const heading = (text: string) => new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun({ text, font: HEADING_FONT, bold: true, size: 28, color: '000000' })], spacing: { before: 240, after: 120 } })

/** The placeholder a Word user replaces: bracketed, grey and highlighted, so it cannot be missed. */
const placeholder = (text: string) => new Paragraph({ children: [new TextRun({ text, color: '7F7F7F', highlight: 'yellow' })], spacing: { after: 120, line: 360 }, indent: { firstLine: 480 } })

const cell = (text: string | string[], options: { bold?: boolean; width?: number; align?: 'left' | 'right' } = {}) =>
  new TableCell({
    borders,
    ...(options.width !== undefined ? { width: { size: options.width, type: WidthType.PERCENTAGE } } : {}),
    children: (typeof text === 'string' ? [text] : text).map((line) => new Paragraph({ alignment: options.align === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT, children: [new TextRun({ text: line, size: 20, ...(options.bold ? { bold: true } : {}) })] })),
  })

function figureTable(model: SummaryModel, header: [string, string, string]): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: header.map((h, i) => cell(h, { bold: true, width: [32, 20, 48][i] ?? 30 })) }),
      ...model.rows.map(
        (row) =>
          new TableRow({
            children: [
              cell(row.level === 1 ? `\u3000${row.label}` : row.label, { bold: row.level === 0 }),
              cell(row.value ? [row.value.text, ...(row.value.detail ? [row.value.detail] : [])] : '', { align: 'right' }),
              cell(row.definition ?? ''),
            ],
          }),
      ),
    ],
  })
}

function activityTable(model: SummaryModel, header: [string, string, string]): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: header.map((h, i) => cell(h, { bold: true, width: [28, 52, 20][i] ?? 30 })) }),
      ...model.activities.map((a) => new TableRow({ children: [cell(a.day), cell(a.title), cell(String(a.attended), { align: 'right' })] })),
    ],
  })
}

function sectionBody(model: SummaryModel, section: SummarySection): (Paragraph | Table)[] {
  const body: (Paragraph | Table)[] = section.facts.map((fact) => para(fact, { indent: true }))
  if (section.key === 'results') {
    body.push(figureTable(model, model.labels.figureHeader))
    for (const chart of model.charts) body.push(new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 200, after: 200 }, children: [new ChartRun(docxChart(chart))] }))
  }
  if (section.key === 'activities' && model.activities.length > 0) body.push(activityTable(model, model.labels.activityHeader))
  if (section.placeholder) body.push(placeholder(section.placeholder))
  return body
}

export function summaryDocument(model: SummaryModel): Document {
  return new Document({
    creator: '守望',
    title: model.title,
    styles: { default: { document: { run: { font: FONT, size: 24 } } } },
    sections: [
      {
        children: [
          new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 120 }, children: [new TextRun({ text: model.title, font: HEADING_FONT, bold: true, size: 36 })] }),
          new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [new TextRun({ text: model.subtitle, size: 21, color: '555555' })] }),
          ...model.sections.flatMap((section) => [heading(section.heading), ...sectionBody(model, section)]),
        ],
      },
    ],
  })
}

/** The .docx's bytes. */
export async function writeSummaryDocx(model: SummaryModel): Promise<Uint8Array> {
  return new Uint8Array(await Packer.toArrayBuffer(summaryDocument(model)))
}
