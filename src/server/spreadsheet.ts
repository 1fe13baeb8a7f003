// Helpers shared by the .xlsx templates and their all-or-nothing imports (projects' capital
// spreadsheet, agencies' period reports): reading cells as exceljs gives them, exact amounts,
// sheet protection, and the 400 listing every problem by sheet, cell and reason in Vietnamese.
import Decimal from 'decimal.js';
import type ExcelJS from 'exceljs';
import { AppError, type ErrorIssue } from './errors.js';

/**
 * exceljs, loaded on first use (some 30 MB of memory): a server that never builds or reads a
 * spreadsheet does not carry it. Types come from `import type ExcelJS from 'exceljs'`.
 */
export async function loadExcelJS(): Promise<typeof ExcelJS> {
  return (await import('exceljs')).default;
}

/** 400 for a spreadsheet with problems: the issues are the list the user sees. */
export function spreadsheetInvalid(issues: readonly ErrorIssue[]) {
  return new AppError(
    400,
    'spreadsheet_invalid',
    `Bảng tính có ${issues.length} lỗi; chưa lưu số liệu nào. Sửa các ô được liệt kê rồi tải lên lại.`,
    issues,
  );
}

/** "Sheet!B4": where a problem is, as the user finds it in Excel. */
export const place = (sheet: string, cell: string) => `${sheet}!${cell}`;

/** What a cell holds, as exceljs reads it: formulas by their cached result, rich text as text. */
export function plainValue(value: ExcelJS.CellValue): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'object' && !(value instanceof Date)) {
    if ('result' in value) return plainValue(value.result as ExcelJS.CellValue);
    if ('richText' in value) return value.richText.map((t) => t.text).join('');
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('error' in value) return value;
  }
  return value;
}

/** Text quoted back to the user in a problem, shortened. */
export const shown = (text: string) => (text.length > 40 ? `${text.slice(0, 39)}…` : text);

export function textOf(raw: ExcelJS.CellValue): string {
  const value = plainValue(raw);
  return typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
}

export function integerOf(raw: ExcelJS.CellValue): number | null {
  const value = plainValue(raw);
  const n =
    typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim()) : NaN;
  return Number.isInteger(n) ? n : null;
}

export type CellReading =
  | { kind: 'empty' }
  | { kind: 'amount'; value: string }
  | { kind: 'invalid'; code: string; message: string };

/**
 * An amount cell: empty, or a non-negative amount of at most `decimals` decimals (as exact text).
 * `unit` names the unit in messages ("tỷ đồng").
 */
export function readAmount(
  raw: ExcelJS.CellValue,
  options: { unit?: string; decimals?: number } = {},
): CellReading {
  const unit = options.unit ?? 'tỷ đồng';
  const decimals = options.decimals ?? 3;
  const value = plainValue(raw);
  if (value === null) return { kind: 'empty' };
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value))
      return { kind: 'invalid', code: 'not_a_number', message: 'Ô phải là một số.' };
    // The shortest text that reads back as the same double: what the user typed into Excel.
    text = new Decimal(String(value)).toFixed();
  } else if (typeof value === 'string') {
    const trimmed = value.trim();
    if (trimmed === '') return { kind: 'empty' };
    // A number typed as text: a decimal point, or a Vietnamese decimal comma.
    if (!/^-?\d+([.,]\d+)?$/.test(trimmed))
      return {
        kind: 'invalid',
        code: 'not_a_number',
        message: `Không phải là số: “${shown(trimmed)}”. Nhập số ${unit}, ví dụ 12,5.`,
      };
    text = trimmed.replace(',', '.');
  } else {
    return { kind: 'invalid', code: 'not_a_number', message: `Ô phải là một số (${unit}).` };
  }
  const amount = new Decimal(text);
  if (amount.isNegative() && !amount.isZero())
    return { kind: 'invalid', code: 'negative', message: 'Số tiền không được âm.' };
  if (amount.decimalPlaces() > decimals)
    return {
      kind: 'invalid',
      code: 'too_many_decimals',
      message: `Quá ${decimals} chữ số thập phân (${shown(text)}): số tiền tính bằng ${unit}, làm tròn đến triệu đồng.`,
    };
  if (amount.abs().gte(new Decimal(10).pow(17)))
    return { kind: 'invalid', code: 'too_large', message: 'Số tiền quá lớn.' };
  return { kind: 'amount', value: amount.abs().toFixed() };
}

/** Locks a sheet's locked cells: a guard against editing reference columns by mistake, not a secret. */
export async function protectSheet(sheet: ExcelJS.Worksheet) {
  await sheet.protect('', {
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatColumns: true,
    formatRows: true,
  });
}

/** Loads an .xlsx or throws the 400 saying it is not one. */
export async function loadWorkbook(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const { Workbook } = await loadExcelJS();
  const workbook = new Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw spreadsheetInvalid([
      {
        field: 'file',
        code: 'not_xlsx',
        message:
          'Không đọc được tệp như một bảng tính Excel (.xlsx): hãy dùng mẫu tải về từ Tiến Độ.',
      },
    ]);
  }
  return workbook;
}
