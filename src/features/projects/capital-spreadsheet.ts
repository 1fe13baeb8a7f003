// The consolidator's capital spreadsheet (.xlsx): the year's capital plan of every project by
// source (sheet "Kế hoạch vốn") and the month's disbursement (sheet "Giải ngân"), with the year and
// month in sheet "Thông tin". The template is pre-filled with what is stored; its reference columns
// (hidden project id, name, plan) are locked and the amount cells accept decimals ≥ 0 only.
//
// Reading a filled one checks every cell and lists every problem with its sheet, cell and reason
// in Vietnamese (shown to the user as is); nothing is stored unless there is none. The rules:
// an empty amount cell changes nothing; 0 is zero; amounts are billion đồng, at most 3 decimals,
// never negative; a row must name a project of the tenant (checked by the service) once.
import type ExcelJS from 'exceljs';
import type { ErrorIssue } from '../../server/errors.js';
import {
  integerOf,
  loadExcelJS,
  loadWorkbook,
  place,
  protectSheet,
  readAmount,
  spreadsheetInvalid,
  textOf,
} from '../../server/spreadsheet.js';
import { safeCellText } from '../audit/export.js';
import { CAPITAL_SOURCE_LABELS, CAPITAL_SOURCES, type CapitalSource } from './schema.js';

export const INFO_SHEET = 'Thông tin';
export const CAPITAL_SHEET = 'Kế hoạch vốn';
export const DISBURSEMENT_SHEET = 'Giải ngân';
/** Written in the information sheet: which template (and version of it) a file comes from. */
const TEMPLATE_MARK = 'tiendo-ke-hoach-von-1';

const HEADER_ROW = 3;
const FIRST_ROW = 4;
/** More rows than any province has projects: a file longer than this is not our template. */
const MAX_ROWS = 5000;
const ID_COLUMN = 'A';
const CAPITAL_COLUMNS: Record<CapitalSource, string> = {
  central: 'D',
  local: 'E',
  oda: 'F',
  investor: 'G',
};
const DISBURSEMENT_COLUMN = 'D';

// Where they were first written; routes and tests import them from here.
export { readAmount, spreadsheetInvalid };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const UNKNOWN_PROJECT = {
  code: 'unknown_project',
  message: 'Mã dự án không đúng: không có dự án nào của tỉnh với mã này (không sửa cột Mã).',
} as const;

export type CapitalTemplateRow = {
  id: string;
  name: string;
  planNumber: string | null;
  capital: Record<CapitalSource, string | null>;
  disbursed: string | null;
};

const XLSX_NUMBER = '#,##0.###';
const INSTRUCTION =
  'Đơn vị: tỷ đồng, tối đa 3 chữ số thập phân, không âm. Ô để trống: giữ nguyên số đang có; nhập 0 để ghi bằng không. Không sửa các cột Dự án, Kế hoạch và cột Mã ẩn.';

/** A number cell for a stored amount (exact: a numeric of at most 3 decimals fits a double). */
const amountCell = (value: string | null) => (value === null ? null : Number(value));

function referenceColumns(sheet: ExcelJS.Worksheet) {
  sheet.getColumn(1).hidden = true;
  sheet.getColumn(1).width = 38;
  sheet.getColumn(2).width = 60;
  sheet.getColumn(3).width = 18;
}

function unlockAmounts(sheet: ExcelJS.Worksheet, columns: readonly string[], rows: number) {
  for (let r = FIRST_ROW; r < FIRST_ROW + rows; r++) {
    for (const c of columns) {
      const cell = sheet.getCell(`${c}${r}`);
      cell.protection = { locked: false };
      cell.numFmt = XLSX_NUMBER;
      cell.dataValidation = {
        type: 'decimal',
        operator: 'greaterThanOrEqual',
        allowBlank: true,
        formulae: [0],
        showErrorMessage: true,
        errorStyle: 'stop',
        errorTitle: 'Số tiền không hợp lệ',
        error: 'Nhập số tỷ đồng không âm, tối đa 3 chữ số thập phân; để trống nếu không thay đổi.',
      };
    }
  }
}

/** The template, pre-filled with what is stored for the year and the month. */
export async function buildCapitalTemplate(
  rows: readonly CapitalTemplateRow[],
  year: number,
  month: number,
): Promise<Buffer> {
  const { Workbook } = await loadExcelJS();
  const workbook = new Workbook();
  workbook.creator = 'Tiến Độ';

  const info = workbook.addWorksheet(INFO_SHEET);
  info.getColumn(1).width = 14;
  info.getColumn(2).width = 90;
  info.addRow(['Năm', year]);
  info.addRow(['Tháng', month]);
  info.addRow(['Mẫu', TEMPLATE_MARK]);
  info.addRow([]);
  info.addRow([
    'Hướng dẫn',
    `Điền kế hoạch vốn năm ${year} ở trang “${CAPITAL_SHEET}” và số giải ngân tháng ${month}/${year} ở trang “${DISBURSEMENT_SHEET}”, rồi tải tệp lên Tiến Độ.`,
  ]);
  info.addRow(['', INSTRUCTION]);
  info.addRow([
    '',
    'Không sửa năm, tháng và các ô của trang này: chúng cho biết tệp thuộc kỳ nào.',
  ]);
  info.getColumn(1).font = { bold: true };
  await protectSheet(info);

  const capital = workbook.addWorksheet(CAPITAL_SHEET, {
    views: [{ state: 'frozen', ySplit: HEADER_ROW, xSplit: 2 }],
  });
  referenceColumns(capital);
  for (const c of Object.values(CAPITAL_COLUMNS)) capital.getColumn(c).width = 16;
  capital.getCell('B1').value = `KẾ HOẠCH VỐN NĂM ${year} (tỷ đồng)`;
  capital.getCell('B1').font = { bold: true, size: 13 };
  capital.getCell('B2').value = INSTRUCTION;
  capital.getCell('B2').font = { italic: true };
  capital.getRow(HEADER_ROW).values = [
    'Mã (không sửa)',
    'Dự án',
    'Kế hoạch',
    ...CAPITAL_SOURCES.map((s) => CAPITAL_SOURCE_LABELS[s]),
  ];
  capital.getRow(HEADER_ROW).font = { bold: true };
  rows.forEach((r, i) => {
    capital.getRow(FIRST_ROW + i).values = [
      r.id,
      safeCellText(r.name),
      safeCellText(r.planNumber ?? ''),
      ...CAPITAL_SOURCES.map((s) => amountCell(r.capital[s])),
    ];
  });
  unlockAmounts(capital, Object.values(CAPITAL_COLUMNS), rows.length);
  await protectSheet(capital);

  const disbursement = workbook.addWorksheet(DISBURSEMENT_SHEET, {
    views: [{ state: 'frozen', ySplit: HEADER_ROW, xSplit: 2 }],
  });
  referenceColumns(disbursement);
  disbursement.getColumn(DISBURSEMENT_COLUMN).width = 22;
  disbursement.getCell('B1').value = `GIẢI NGÂN THÁNG ${month}/${year} (tỷ đồng)`;
  disbursement.getCell('B1').font = { bold: true, size: 13 };
  disbursement.getCell('B2').value =
    `Số giải ngân trong tháng ${month}/${year} (không phải lũy kế). ${INSTRUCTION}`;
  disbursement.getCell('B2').font = { italic: true };
  disbursement.getRow(HEADER_ROW).values = [
    'Mã (không sửa)',
    'Dự án',
    'Kế hoạch',
    `Giải ngân tháng ${month}/${year}`,
  ];
  disbursement.getRow(HEADER_ROW).font = { bold: true };
  rows.forEach((r, i) => {
    disbursement.getRow(FIRST_ROW + i).values = [
      r.id,
      safeCellText(r.name),
      safeCellText(r.planNumber ?? ''),
      amountCell(r.disbursed),
    ];
  });
  unlockAmounts(disbursement, [DISBURSEMENT_COLUMN], rows.length);
  await protectSheet(disbursement);

  return Buffer.from(await workbook.xlsx.writeBuffer());
}

// ---------------------------------------------------------------------------------------------
// Reading.

export type ParsedCapitalWorkbook = {
  year: number;
  month: number;
  /** Rows with at least one filled amount; `amounts` has the filled sources only. */
  capital: {
    projectId: string;
    idCell: string;
    amounts: Partial<Record<CapitalSource, string>>;
  }[];
  disbursements: { projectId: string; idCell: string; amount: string }[];
};

/** The data rows of a sheet: project id (checked for form and repetition) and its cells. */
function dataRows(
  sheet: ExcelJS.Worksheet,
  name: string,
  columns: readonly string[],
  issues: ErrorIssue[],
) {
  const out: { row: number; projectId: string; idCell: string }[] = [];
  const seen = new Map<string, number>();
  const last = Math.min(sheet.rowCount, FIRST_ROW + MAX_ROWS);
  if (sheet.rowCount > FIRST_ROW + MAX_ROWS)
    issues.push({
      field: name,
      code: 'too_many_rows',
      message: `Trang tính có quá nhiều dòng (tối đa ${MAX_ROWS} dự án).`,
    });
  for (let r = FIRST_ROW; r <= last; r++) {
    const idCell = `${ID_COLUMN}${r}`;
    const id = textOf(sheet.getCell(idCell).value);
    const filled = columns.some(
      (c) => readAmount(sheet.getCell(`${c}${r}`).value).kind !== 'empty',
    );
    if (id === '') {
      if (filled)
        issues.push({
          field: place(name, idCell),
          code: 'missing_project',
          message: 'Dòng có số liệu nhưng thiếu mã dự án: chỉ điền vào các dòng dự án của mẫu.',
        });
      continue;
    }
    if (!UUID.test(id)) {
      issues.push({ field: place(name, idCell), ...UNKNOWN_PROJECT });
      continue;
    }
    const earlier = seen.get(id.toLowerCase());
    if (earlier !== undefined) {
      issues.push({
        field: place(name, idCell),
        code: 'duplicate_project',
        message: `Dự án này đã có ở dòng ${earlier}: mỗi dự án một dòng.`,
      });
      continue;
    }
    seen.set(id.toLowerCase(), r);
    out.push({ row: r, projectId: id.toLowerCase(), idCell: place(name, idCell) });
  }
  return out;
}

function headerMatches(
  sheet: ExcelJS.Worksheet,
  name: string,
  expected: Record<string, string>,
  issues: ErrorIssue[],
) {
  let ok = true;
  for (const [column, title] of Object.entries(expected)) {
    const cell = `${column}${HEADER_ROW}`;
    if (textOf(sheet.getCell(cell).value) !== title) {
      ok = false;
      issues.push({
        field: place(name, cell),
        code: 'wrong_header',
        message: `Tiêu đề cột phải là “${title}”: không thêm, xóa hay đổi chỗ cột của mẫu.`,
      });
    }
  }
  return ok;
}

/**
 * Reads a filled capital workbook: the year and month, and every row's filled amounts. Throws
 * `spreadsheet_invalid` (400) listing every problem found; checks that need the database (the
 * project belongs to the tenant) are the service's.
 */
export async function readCapitalWorkbook(bytes: Buffer): Promise<ParsedCapitalWorkbook> {
  const workbook = await loadWorkbook(bytes);
  const issues: ErrorIssue[] = [];
  const sheets = [INFO_SHEET, CAPITAL_SHEET, DISBURSEMENT_SHEET].map((name) => {
    const sheet = workbook.getWorksheet(name);
    if (!sheet)
      issues.push({
        field: name,
        code: 'missing_sheet',
        message: `Thiếu trang tính “${name}”: hãy dùng mẫu tải về từ Tiến Độ và không đổi tên trang.`,
      });
    return sheet;
  });
  const [info, capital, disbursement] = sheets;
  let year = 0;
  let month = 0;
  if (info) {
    const y = integerOf(info.getCell('B1').value);
    const m = integerOf(info.getCell('B2').value);
    if (textOf(info.getCell('A1').value) !== 'Năm' || y === null || y < 2000 || y > 2100)
      issues.push({
        field: place(INFO_SHEET, 'B1'),
        code: 'wrong_marker',
        message:
          'Ô năm của mẫu không đúng (phải là năm, ví dụ 2026): hãy tải lại mẫu của năm cần nhập.',
      });
    else year = y;
    if (textOf(info.getCell('A2').value) !== 'Tháng' || m === null || m < 1 || m > 12)
      issues.push({
        field: place(INFO_SHEET, 'B2'),
        code: 'wrong_marker',
        message:
          'Ô tháng của mẫu không đúng (phải là tháng từ 1 đến 12): hãy tải lại mẫu của tháng cần nhập.',
      });
    else month = m;
  }

  const parsed: ParsedCapitalWorkbook = { year, month, capital: [], disbursements: [] };
  if (capital) {
    const columns = Object.values(CAPITAL_COLUMNS);
    const header = Object.fromEntries(
      CAPITAL_SOURCES.map((s) => [CAPITAL_COLUMNS[s], CAPITAL_SOURCE_LABELS[s]]),
    );
    if (headerMatches(capital, CAPITAL_SHEET, { A: 'Mã (không sửa)', ...header }, issues)) {
      for (const row of dataRows(capital, CAPITAL_SHEET, columns, issues)) {
        const amounts: Partial<Record<CapitalSource, string>> = {};
        for (const source of CAPITAL_SOURCES) {
          const cell = `${CAPITAL_COLUMNS[source]}${row.row}`;
          const reading = readAmount(capital.getCell(cell).value);
          if (reading.kind === 'invalid')
            issues.push({
              field: place(CAPITAL_SHEET, cell),
              code: reading.code,
              message: reading.message,
            });
          else if (reading.kind === 'amount') amounts[source] = reading.value;
        }
        if (Object.keys(amounts).length > 0)
          parsed.capital.push({ projectId: row.projectId, idCell: row.idCell, amounts });
      }
    }
  }
  if (disbursement) {
    if (
      headerMatches(disbursement, DISBURSEMENT_SHEET, { A: 'Mã (không sửa)' }, issues) &&
      // The month's column names the month: a template of another month is refused.
      (month === 0 ||
        headerMatches(
          disbursement,
          DISBURSEMENT_SHEET,
          { [DISBURSEMENT_COLUMN]: `Giải ngân tháng ${month}/${year}` },
          issues,
        ))
    ) {
      for (const row of dataRows(disbursement, DISBURSEMENT_SHEET, [DISBURSEMENT_COLUMN], issues)) {
        const cell = `${DISBURSEMENT_COLUMN}${row.row}`;
        const reading = readAmount(disbursement.getCell(cell).value);
        if (reading.kind === 'invalid')
          issues.push({
            field: place(DISBURSEMENT_SHEET, cell),
            code: reading.code,
            message: reading.message,
          });
        else if (reading.kind === 'amount')
          parsed.disbursements.push({
            projectId: row.projectId,
            idCell: row.idCell,
            amount: reading.value,
          });
      }
    }
  }
  if (issues.length > 0) throw spreadsheetInvalid(issues);
  return parsed;
}
