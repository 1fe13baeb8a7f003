// The consolidated report's files, built from plain data (no database): what a worker thread of
// document-pool.ts runs, so that the main thread (requests, and PGlite's queries) only reads the
// rows and receives the bytes. The appendix of a province's 6,000 tasks is a second or more of
// CPU for exceljs or docx.
import { buildAppendixDocx, buildOfficialDocx } from '../../domain/official-document/build.js';
import {
  APPENDIX_COLUMNS,
  type AppendixTask,
  appendixCells,
  type ConsolidatedReportInput,
  consolidatedReport,
} from '../../domain/official-document/consolidated-report.js';
import type { Appendix } from '../../domain/official-document/types.js';
import { loadExcelJS } from '../../server/spreadsheet.js';
import { safeCellText } from '../audit/export.js';

/** A task of the appendix with the heading of the plan's section it is in. */
export type AppendixRow = AppendixTask & { section: string };

export type DocumentTask =
  | { kind: 'report'; input: ConsolidatedReportInput }
  | { kind: 'appendix-docx'; appendix: Appendix; meta: { title: string; creator: string } }
  | { kind: 'appendix-xlsx'; rows: AppendixRow[] };

/** The task list as a spreadsheet: the appendix's columns, a section column, text cells guarded. */
export async function appendixWorkbook(rows: readonly AppendixRow[]): Promise<Buffer> {
  const { Workbook } = await loadExcelJS();
  const workbook = new Workbook();
  workbook.creator = 'Tiến Độ';
  const sheet = workbook.addWorksheet('Nhiệm vụ', { views: [{ state: 'frozen', ySplit: 1 }] });
  const widths = [6, 60, 28, 36, 18, 24, 10, 48, 40];
  sheet.columns = [...APPENDIX_COLUMNS.map((c) => c.title), 'Phần của Kế hoạch'].map(
    (header, i) => ({ header, width: widths[i] }),
  );
  sheet.getRow(1).font = { bold: true };
  rows.forEach(({ section, ...task }, i) => {
    const cells = appendixCells(i + 1, task);
    sheet.addRow([
      i + 1,
      ...cells.slice(1, 6).map((c) => safeCellText(c)),
      task.percent,
      safeCellText(cells[7] ?? ''),
      safeCellText(section),
    ]);
  });
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: 9 } };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Builds one file. */
export function buildDocument(task: DocumentTask): Promise<Buffer> {
  switch (task.kind) {
    case 'report':
      return buildOfficialDocx(consolidatedReport(task.input));
    case 'appendix-docx':
      return buildAppendixDocx(task.appendix, task.meta);
    case 'appendix-xlsx':
      return appendixWorkbook(task.rows);
  }
}

/** The worker's entry (document-worker.mjs exports it): the bytes, transferred without a copy. */
export async function runDocumentTask(task: DocumentTask): Promise<Uint8Array> {
  const bytes = await buildDocument(task);
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
