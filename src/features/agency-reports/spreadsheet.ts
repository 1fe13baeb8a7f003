// The agency's report as an .xlsx template and back. Sheets: "Thông tin" (the period, the agency,
// how to fill it), "Nhiệm vụ", "Chỉ tiêu", "Dự án" (reference columns locked, the columns to fill
// unlocked and validated: status from a list, % a whole number 0–100, amounts decimals ≥ 0),
// "Thuyết minh" (the three narrative parts), and a very hidden "_meta" sheet naming the period, the
// agency and the report's version the file was made from: a file of another agency, another period
// or an older version of the report is refused with the reason (the agency would otherwise
// overwrite what was saved since, or report someone else's figures).
//
// Reading checks every cell and lists every problem by sheet, cell and reason in Vietnamese;
// nothing is stored unless there is none. Text written from users is guarded against formula
// injection (a leading apostrophe before = + - @), and that apostrophe is taken off when read back.
import type ExcelJS from 'exceljs';
import type { TaskState } from '../../domain/task-status.js';
import { AppError, type ErrorIssue } from '../../server/errors.js';
import {
  integerOf,
  loadExcelJS,
  loadWorkbook,
  place,
  plainValue,
  protectSheet,
  readAmount,
  shown,
  spreadsheetInvalid,
  textOf,
} from '../../server/spreadsheet.js';
import { safeCellText } from '../audit/export.js';
import { MILESTONE_KIND_LABELS } from '../projects/schema.js';
import { TASK_STATES } from '../tasks/schema.js';
import {
  NARRATIVE_MAX,
  type Narratives,
  NOTE_MAX,
  type ProjectEntry,
  type ReportContent,
  TASK_STATE_LABELS,
  type TargetEntry,
  type TaskEntry,
} from './schema.js';

export const INFO_SHEET = 'Thông tin';
export const TASKS_SHEET = 'Nhiệm vụ';
export const TARGETS_SHEET = 'Chỉ tiêu';
export const PROJECTS_SHEET = 'Dự án';
export const NARRATIVE_SHEET = 'Thuyết minh';
export const META_SHEET = '_meta';
const TEMPLATE_MARK = 'tiendo-bao-cao-co-quan-1';

const HEADER_ROW = 3;
const FIRST_ROW = 4;
const MAX_ROWS = 5000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Columns: A is the hidden id everywhere; the fill columns are named. */
const TASK_HEADERS = [
  'Mã (không sửa)',
  'STT',
  'Nhiệm vụ',
  'Thời hạn',
  'Trạng thái (hệ thống)',
  'Tiến độ (hệ thống, %)',
  'Cập nhật trong kỳ',
  'Trạng thái báo cáo',
  'Tỷ lệ hoàn thành (%)',
  'Ghi chú',
];
const TASK_FILL = { status: 'H', percent: 'I', note: 'J' } as const;
const TARGET_HEADERS = [
  'Mã (không sửa)',
  'Chỉ tiêu',
  'Đơn vị tính',
  'Số liệu gần nhất (đã duyệt)',
  'Số liệu kỳ này',
  'Ghi chú',
];
const TARGET_FILL = { value: 'E', note: 'F' } as const;
const PROJECT_HEADERS = [
  'Mã (không sửa)',
  'Dự án',
  'Giải ngân trong kỳ (hệ thống, tỷ đồng)',
  'Mốc tiến độ',
  'Giải ngân trong kỳ (tỷ đồng)',
  'Ghi chú',
];
const PROJECT_FILL = { disbursed: 'E', note: 'F' } as const;
const NARRATIVES: { key: keyof Narratives; label: string }[] = [
  { key: 'results', label: 'Kết quả thực hiện' },
  { key: 'difficulties', label: 'Khó khăn, vướng mắc' },
  { key: 'proposals', label: 'Đề xuất, kiến nghị' },
];
const NARRATIVE_FIRST_ROW = 3;

const STATE_BY_LABEL = new Map<string, TaskState>(
  TASK_STATES.map((s) => [TASK_STATE_LABELS[s].toLocaleLowerCase('vi'), s]),
);

export type TemplateMeta = { periodId: string; agencyId: string; version: number };

export type TemplateInput = TemplateMeta & {
  periodLabel: string;
  windowFrom: string;
  windowTo: string;
  submissionDueOn: string;
  planName: string;
  agencyName: string;
  content: ReportContent;
  narratives: Narratives;
};

const viDate = (iso: string | null) => (iso ? iso.split('-').reverse().join('/') : '');
const FILL_COLOR = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF7D6' } } as const;

function header(sheet: ExcelJS.Worksheet, title: string, hint: string, headers: string[]) {
  sheet.getCell('B1').value = title;
  sheet.getCell('B1').font = { bold: true, size: 13 };
  sheet.getCell('B2').value = hint;
  sheet.getCell('B2').font = { italic: true };
  sheet.getRow(HEADER_ROW).values = headers;
  sheet.getRow(HEADER_ROW).font = { bold: true };
  sheet.getRow(HEADER_ROW).alignment = { wrapText: true, vertical: 'middle' };
  sheet.getColumn(1).hidden = true;
  sheet.getColumn(1).width = 38;
}

function fillCell(
  sheet: ExcelJS.Worksheet,
  address: string,
  validation?: ExcelJS.DataValidation,
  numFmt?: string,
) {
  const cell = sheet.getCell(address);
  cell.protection = { locked: false };
  cell.fill = FILL_COLOR;
  cell.alignment = { wrapText: true, vertical: 'top' };
  if (numFmt) cell.numFmt = numFmt;
  if (validation) cell.dataValidation = validation;
}

const noteValidation: ExcelJS.DataValidation = {
  type: 'textLength',
  operator: 'lessThanOrEqual',
  allowBlank: true,
  formulae: [NOTE_MAX],
  showErrorMessage: true,
  errorStyle: 'stop',
  errorTitle: 'Ghi chú quá dài',
  error: `Ghi chú tối đa ${NOTE_MAX} ký tự.`,
};

/** The template of one agency's report, pre-filled with what the report holds now. */
export async function buildReportTemplate(input: TemplateInput): Promise<Buffer> {
  const { Workbook } = await loadExcelJS();
  const workbook = new Workbook();
  workbook.creator = 'Tiến Độ';
  const text = (s: string | null) => safeCellText(s ?? '');

  const info = workbook.addWorksheet(INFO_SHEET);
  info.getColumn(1).width = 24;
  info.getColumn(2).width = 90;
  for (const [label, value] of [
    ['Cơ quan', input.agencyName],
    ['Kỳ báo cáo', input.periodLabel],
    ['Kế hoạch', input.planName],
    ['Số liệu từ ngày', `${viDate(input.windowFrom)} đến ngày ${viDate(input.windowTo)}`],
    ['Hạn gửi báo cáo', viDate(input.submissionDueOn)],
    ['Phiên bản báo cáo', String(input.version)],
  ] as const)
    info.addRow([label, text(value)]);
  info.addRow([]);
  info.addRow([
    'Hướng dẫn',
    'Chỉ điền vào các ô nền vàng: trạng thái (chọn trong danh sách), tỷ lệ hoàn thành (số nguyên 0–100), số liệu chỉ tiêu, số giải ngân (tỷ đồng, không âm, tối đa 3 chữ số thập phân), ghi chú và ba phần thuyết minh. Không sửa các cột khác, không thêm, xóa hay đổi tên trang.',
  ]);
  info.addRow([
    '',
    'Tệp chỉ dùng cho cơ quan, kỳ báo cáo và phiên bản ghi ở trên: nếu báo cáo được lưu lại sau khi tải mẫu, hãy tải mẫu mới.',
  ]);
  info.getColumn(1).font = { bold: true };
  info.getColumn(2).alignment = { wrapText: true };
  await protectSheet(info);

  const tasksSheet = workbook.addWorksheet(TASKS_SHEET, {
    views: [{ state: 'frozen', ySplit: HEADER_ROW, xSplit: 3 }],
  });
  header(
    tasksSheet,
    `NHIỆM VỤ DO ${input.agencyName.toLocaleUpperCase('vi')} CHỦ TRÌ`,
    'Điền các cột Trạng thái báo cáo, Tỷ lệ hoàn thành (%) và Ghi chú.',
    TASK_HEADERS,
  );
  for (const [c, w] of [
    ['B', 8],
    ['C', 60],
    ['D', 12],
    ['E', 22],
    ['F', 12],
    ['G', 50],
    ['H', 24],
    ['I', 14],
    ['J', 50],
  ] as const)
    tasksSheet.getColumn(c).width = w;
  const statusList = `"${TASK_STATES.map((s) => TASK_STATE_LABELS[s]).join(',')}"`;
  input.content.tasks.forEach((t, i) => {
    const r = FIRST_ROW + i;
    tasksSheet.getRow(r).values = [
      t.taskId,
      text(t.code),
      text(t.title),
      viDate(t.dueOn),
      TASK_STATE_LABELS[t.systemStatus],
      t.systemPercent,
      text(
        t.updates
          .map(
            (u) =>
              `${viDate(u.reportedOn)}${u.percent === null ? '' : ` (${u.percent}%)`}: ${u.narrative}`,
          )
          .join('\n'),
      ),
      TASK_STATE_LABELS[t.status],
      t.percent,
      text(t.note),
    ];
    tasksSheet.getRow(r).alignment = { wrapText: true, vertical: 'top' };
    fillCell(tasksSheet, `${TASK_FILL.status}${r}`, {
      type: 'list',
      allowBlank: false,
      formulae: [statusList],
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: 'Trạng thái không hợp lệ',
      error: 'Chọn một trạng thái trong danh sách.',
    });
    fillCell(
      tasksSheet,
      `${TASK_FILL.percent}${r}`,
      {
        type: 'whole',
        operator: 'between',
        allowBlank: true,
        formulae: [0, 100],
        showErrorMessage: true,
        errorStyle: 'stop',
        errorTitle: 'Tỷ lệ không hợp lệ',
        error: 'Nhập số nguyên từ 0 đến 100.',
      },
      '0',
    );
    fillCell(tasksSheet, `${TASK_FILL.note}${r}`, noteValidation);
  });
  await protectSheet(tasksSheet);

  const targetsSheet = workbook.addWorksheet(TARGETS_SHEET, {
    views: [{ state: 'frozen', ySplit: HEADER_ROW, xSplit: 2 }],
  });
  header(
    targetsSheet,
    'CHỈ TIÊU DO CƠ QUAN PHỤ TRÁCH',
    'Điền số liệu đạt được trong kỳ (số, dấu phẩy thập phân) và ghi chú; để trống nếu chưa có số liệu.',
    TARGET_HEADERS,
  );
  for (const [c, w] of [
    ['B', 60],
    ['C', 14],
    ['D', 26],
    ['E', 18],
    ['F', 50],
  ] as const)
    targetsSheet.getColumn(c).width = w;
  input.content.targets.forEach((t, i) => {
    const r = FIRST_ROW + i;
    const latest = t.latestActual
      ? `${t.latestActual.value ?? '—'} (${t.latestActual.period})`
      : 'Chưa có';
    targetsSheet.getRow(r).values = [
      t.targetId,
      text(t.indicator),
      text(t.unit),
      text(latest),
      t.value === null ? null : Number(t.value),
      text(t.note),
    ];
    targetsSheet.getRow(r).alignment = { wrapText: true, vertical: 'top' };
    fillCell(
      targetsSheet,
      `${TARGET_FILL.value}${r}`,
      {
        type: 'decimal',
        operator: 'between',
        allowBlank: true,
        formulae: [-1e14, 1e14],
        showErrorMessage: true,
        errorStyle: 'stop',
        errorTitle: 'Số liệu không hợp lệ',
        error: 'Nhập một số.',
      },
      '#,##0.######',
    );
    fillCell(targetsSheet, `${TARGET_FILL.note}${r}`, noteValidation);
  });
  await protectSheet(targetsSheet);

  const projectsSheet = workbook.addWorksheet(PROJECTS_SHEET, {
    views: [{ state: 'frozen', ySplit: HEADER_ROW, xSplit: 2 }],
  });
  header(
    projectsSheet,
    'DỰ ÁN TRỌNG ĐIỂM DO CƠ QUAN LÀM CHỦ ĐẦU TƯ',
    'Điền số giải ngân trong kỳ (tỷ đồng, không âm, tối đa 3 chữ số thập phân) và ghi chú.',
    PROJECT_HEADERS,
  );
  for (const [c, w] of [
    ['B', 60],
    ['C', 20],
    ['D', 50],
    ['E', 20],
    ['F', 50],
  ] as const)
    projectsSheet.getColumn(c).width = w;
  input.content.projects.forEach((p, i) => {
    const r = FIRST_ROW + i;
    projectsSheet.getRow(r).values = [
      p.projectId,
      text(p.name),
      Number(p.disbursedInWindow),
      text(
        p.milestones
          .map(
            (m) =>
              `${MILESTONE_KIND_LABELS[m.kind]}: kế hoạch ${viDate(m.plannedOn) || '—'}${m.actualOn ? `, đạt ${viDate(m.actualOn)}` : ''}`,
          )
          .join('\n'),
      ),
      p.disbursed === null ? null : Number(p.disbursed),
      text(p.note),
    ];
    projectsSheet.getRow(r).alignment = { wrapText: true, vertical: 'top' };
    projectsSheet.getCell(`C${r}`).numFmt = '#,##0.###';
    fillCell(
      projectsSheet,
      `${PROJECT_FILL.disbursed}${r}`,
      {
        type: 'decimal',
        operator: 'greaterThanOrEqual',
        allowBlank: true,
        formulae: [0],
        showErrorMessage: true,
        errorStyle: 'stop',
        errorTitle: 'Số tiền không hợp lệ',
        error: 'Nhập số tỷ đồng không âm, tối đa 3 chữ số thập phân.',
      },
      '#,##0.###',
    );
    fillCell(projectsSheet, `${PROJECT_FILL.note}${r}`, noteValidation);
  });
  await protectSheet(projectsSheet);

  const narrative = workbook.addWorksheet(NARRATIVE_SHEET);
  narrative.getColumn(1).width = 26;
  narrative.getColumn(2).width = 110;
  narrative.getCell('A1').value = 'THUYẾT MINH BÁO CÁO';
  narrative.getCell('A1').font = { bold: true, size: 13 };
  narrative.getCell('B2').value = 'Viết vào các ô nền vàng ở cột B (Alt+Enter để xuống dòng).';
  narrative.getCell('B2').font = { italic: true };
  NARRATIVES.forEach((n, i) => {
    const r = NARRATIVE_FIRST_ROW + i;
    narrative.getCell(`A${r}`).value = n.label;
    narrative.getCell(`A${r}`).font = { bold: true };
    narrative.getCell(`A${r}`).alignment = { vertical: 'top' };
    narrative.getCell(`B${r}`).value = text(input.narratives[n.key]);
    narrative.getRow(r).height = 120;
    fillCell(narrative, `B${r}`, {
      type: 'textLength',
      operator: 'lessThanOrEqual',
      allowBlank: true,
      formulae: [NARRATIVE_MAX],
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: 'Quá dài',
      error: `Tối đa ${NARRATIVE_MAX} ký tự.`,
    });
  });
  await protectSheet(narrative);

  const meta = workbook.addWorksheet(META_SHEET, { state: 'veryHidden' });
  meta.addRow(['mark', TEMPLATE_MARK]);
  meta.addRow(['period', input.periodId]);
  meta.addRow(['agency', input.agencyId]);
  meta.addRow(['version', input.version]);
  await protectSheet(meta);

  return Buffer.from(await workbook.xlsx.writeBuffer());
}

// ---------------------------------------------------------------------------------------------
// Reading.

export type ParsedReport = {
  meta: TemplateMeta;
  /** Entries of the rows present in the file (rows left out keep what the report has). */
  tasks: TaskEntry[];
  targets: TargetEntry[];
  projects: ProjectEntry[];
  narratives: Narratives;
};

/** Text of a cell as the user wrote it: the apostrophe the export put before = + - @ removed. */
function userText(raw: ExcelJS.CellValue): string {
  const value = plainValue(raw);
  if (value === null || value === undefined) return '';
  const s = typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
  const text = s.replace(/\r\n?/g, '\n').trim();
  return /^'[=+\-@]/.test(text) ? text.slice(1) : text;
}

function headerMatches(
  sheet: ExcelJS.Worksheet,
  name: string,
  headers: readonly string[],
  issues: ErrorIssue[],
) {
  let ok = true;
  headers.forEach((title, i) => {
    const cell = `${String.fromCharCode(65 + i)}${HEADER_ROW}`;
    if (textOf(sheet.getCell(cell).value) !== title) {
      ok = false;
      issues.push({
        field: place(name, cell),
        code: 'wrong_header',
        message: `Tiêu đề cột phải là “${title}”: không thêm, xóa hay đổi chỗ cột của mẫu.`,
      });
    }
  });
  return ok;
}

/** The data rows of a sheet with a row id each (checked: its form, known to the report, once). */
function dataRows(
  sheet: ExcelJS.Worksheet,
  name: string,
  fillColumns: readonly string[],
  known: ReadonlySet<string>,
  what: string,
  issues: ErrorIssue[],
) {
  const out: { row: number; id: string }[] = [];
  const seen = new Map<string, number>();
  if (sheet.rowCount > FIRST_ROW + MAX_ROWS) {
    issues.push({
      field: name,
      code: 'too_many_rows',
      message: `Trang tính có quá nhiều dòng (tối đa ${MAX_ROWS}).`,
    });
    return out;
  }
  for (let r = FIRST_ROW; r <= sheet.rowCount; r++) {
    const idCell = `A${r}`;
    const id = textOf(sheet.getCell(idCell).value).toLowerCase();
    if (id === '') {
      if (fillColumns.some((c) => userText(sheet.getCell(`${c}${r}`).value) !== ''))
        issues.push({
          field: place(name, idCell),
          code: 'missing_row_id',
          message: `Dòng có số liệu nhưng thiếu mã ${what}: chỉ điền vào các dòng có sẵn của mẫu.`,
        });
      continue;
    }
    if (!UUID.test(id) || !known.has(id)) {
      issues.push({
        field: place(name, idCell),
        code: 'unknown_row',
        message: `Mã ${what} không thuộc báo cáo này (có thể đã giao cho cơ quan khác): không sửa cột Mã; tải mẫu mới.`,
      });
      continue;
    }
    const earlier = seen.get(id);
    if (earlier !== undefined) {
      issues.push({
        field: place(name, idCell),
        code: 'duplicate_row',
        message: `${what[0]?.toLocaleUpperCase('vi')}${what.slice(1)} này đã có ở dòng ${earlier}: mỗi ${what} một dòng.`,
      });
      continue;
    }
    seen.set(id, r);
    out.push({ row: r, id });
  }
  return out;
}

function readNote(sheet: ExcelJS.Worksheet, name: string, cell: string, issues: ErrorIssue[]) {
  const note = userText(sheet.getCell(cell).value);
  if (note.length > NOTE_MAX) {
    issues.push({
      field: place(name, cell),
      code: 'note_too_long',
      message: `Ghi chú dài ${note.length} ký tự, tối đa ${NOTE_MAX}.`,
    });
    return '';
  }
  return note;
}

/** A target's figure: empty, or a number (negative allowed: a growth rate) of at most 6 decimals. */
function readFigure(
  raw: ExcelJS.CellValue,
): { kind: 'empty' } | { kind: 'value'; value: string } | { kind: 'invalid'; message: string } {
  const value = plainValue(raw);
  if (value === null) return { kind: 'empty' };
  let text: string;
  if (typeof value === 'number' && Number.isFinite(value)) text = String(value);
  else if (typeof value === 'string') {
    text = value.trim().replace(',', '.');
    if (text === '') return { kind: 'empty' };
  } else return { kind: 'invalid', message: 'Ô phải là một số.' };
  if (/e/i.test(text))
    text = Number(text)
      .toFixed(6)
      .replace(/\.?0+$/, '');
  if (!/^-?\d{1,14}(\.\d{1,6})?$/.test(text))
    return {
      kind: 'invalid',
      message: `Không phải là số hợp lệ: “${shown(String(value))}” (tối đa 6 chữ số thập phân, ví dụ 12,5).`,
    };
  return { kind: 'value', value: text.replace(/^(-?)0+(\d)/, '$1$2') };
}

function sheetsOf(workbook: ExcelJS.Workbook, names: readonly string[], issues: ErrorIssue[]) {
  return names.map((name) => {
    const sheet = workbook.getWorksheet(name);
    if (!sheet)
      issues.push({
        field: name,
        code: 'missing_sheet',
        message: `Thiếu trang tính “${name}”: hãy dùng mẫu tải về từ Tiến Độ và không đổi tên trang.`,
      });
    return sheet;
  });
}

export type ExpectedTemplate = TemplateMeta & {
  periodLabel: string;
  agencyName: string;
  /** Ids of the report's current rows. */
  content: ReportContent;
};

/**
 * Reads a filled template against the report it must belong to. A file of another agency, another
 * period or an older version is refused first (400 template_mismatch, 409 template_outdated) with
 * the reason; then every cell is checked and every problem listed (400 spreadsheet_invalid).
 */
export async function readReportWorkbook(
  bytes: Buffer,
  expected: ExpectedTemplate,
): Promise<ParsedReport> {
  const workbook = await loadWorkbook(bytes);
  const meta = workbook.getWorksheet(META_SHEET);
  const metaText = (r: number) => (meta ? textOf(meta.getCell(`B${r}`).value) : '');
  if (!meta || metaText(1) !== TEMPLATE_MARK)
    throw new AppError(400, 'template_mismatch', 'not a report template', [
      {
        field: 'file',
        code: 'not_report_template',
        message:
          'Tệp không phải là mẫu báo cáo của cơ quan tải về từ Tiến Độ (thiếu thông tin nhận dạng mẫu). Hãy tải mẫu trên trang báo cáo rồi điền vào đó.',
      },
    ]);
  const periodId = metaText(2).toLowerCase();
  const agencyId = metaText(3).toLowerCase();
  const version = integerOf(meta.getCell('B4').value);
  if (agencyId !== expected.agencyId)
    throw new AppError(400, 'template_mismatch', 'template of another agency', [
      {
        field: 'file',
        code: 'other_agency',
        message: `Tệp là mẫu báo cáo của một cơ quan khác, không phải của ${expected.agencyName}. Hãy tải mẫu của ${expected.agencyName} trên trang báo cáo này.`,
      },
    ]);
  if (periodId !== expected.periodId)
    throw new AppError(400, 'template_mismatch', 'template of another period', [
      {
        field: 'file',
        code: 'other_period',
        message: `Tệp là mẫu của một kỳ báo cáo khác, không phải kỳ “${expected.periodLabel}”. Hãy tải mẫu của kỳ này.`,
      },
    ]);
  if (version !== expected.version)
    throw new AppError(409, 'template_outdated', 'template of an older version', [
      {
        field: 'file',
        code: 'older_version',
        message: `Tệp được tải về từ phiên bản ${version ?? '?'} của báo cáo, nhưng báo cáo đã được lưu đến phiên bản ${expected.version} sau đó. Nạp tệp này sẽ ghi đè các thay đổi mới hơn: hãy tải mẫu mới, điền lại rồi tải lên.`,
      },
    ]);

  const issues: ErrorIssue[] = [];
  const [tasksSheet, targetsSheet, projectsSheet, narrativeSheet] = sheetsOf(
    workbook,
    [TASKS_SHEET, TARGETS_SHEET, PROJECTS_SHEET, NARRATIVE_SHEET],
    issues,
  );
  const parsed: ParsedReport = {
    meta: { periodId, agencyId, version: expected.version },
    tasks: [],
    targets: [],
    projects: [],
    narratives: { results: '', difficulties: '', proposals: '' },
  };

  if (tasksSheet && headerMatches(tasksSheet, TASKS_SHEET, TASK_HEADERS, issues)) {
    const known = new Set(expected.content.tasks.map((t) => t.taskId));
    for (const { row, id } of dataRows(
      tasksSheet,
      TASKS_SHEET,
      Object.values(TASK_FILL),
      known,
      'nhiệm vụ',
      issues,
    )) {
      const statusCell = `${TASK_FILL.status}${row}`;
      const label = userText(tasksSheet.getCell(statusCell).value);
      const status = STATE_BY_LABEL.get(label.toLocaleLowerCase('vi'));
      if (!status)
        issues.push({
          field: place(TASKS_SHEET, statusCell),
          code: 'invalid_status',
          message:
            label === ''
              ? 'Chưa chọn trạng thái: chọn một trạng thái trong danh sách.'
              : `Trạng thái “${shown(label)}” không có trong danh sách: chọn một trong ${TASK_STATES.map((s) => `“${TASK_STATE_LABELS[s]}”`).join(', ')}.`,
        });
      const percentCell = `${TASK_FILL.percent}${row}`;
      const rawPercent = plainValue(tasksSheet.getCell(percentCell).value);
      let percent: number | null = null;
      if (rawPercent !== null && !(typeof rawPercent === 'string' && rawPercent.trim() === '')) {
        const n = integerOf(tasksSheet.getCell(percentCell).value);
        if (n === null || n < 0 || n > 100)
          issues.push({
            field: place(TASKS_SHEET, percentCell),
            code: 'invalid_percent',
            message: `Tỷ lệ hoàn thành phải là số nguyên từ 0 đến 100 (ô có “${shown(String(rawPercent))}”).`,
          });
        else percent = n;
      }
      const note = readNote(tasksSheet, TASKS_SHEET, `${TASK_FILL.note}${row}`, issues);
      if (status) parsed.tasks.push({ taskId: id, status, percent, note });
    }
  }

  if (targetsSheet && headerMatches(targetsSheet, TARGETS_SHEET, TARGET_HEADERS, issues)) {
    const known = new Set(expected.content.targets.map((t) => t.targetId));
    for (const { row, id } of dataRows(
      targetsSheet,
      TARGETS_SHEET,
      Object.values(TARGET_FILL),
      known,
      'chỉ tiêu',
      issues,
    )) {
      const valueCell = `${TARGET_FILL.value}${row}`;
      const reading = readFigure(targetsSheet.getCell(valueCell).value);
      if (reading.kind === 'invalid')
        issues.push({
          field: place(TARGETS_SHEET, valueCell),
          code: 'invalid_value',
          message: reading.message,
        });
      const note = readNote(targetsSheet, TARGETS_SHEET, `${TARGET_FILL.note}${row}`, issues);
      parsed.targets.push({
        targetId: id,
        value: reading.kind === 'value' ? reading.value : null,
        note,
      });
    }
  }

  if (projectsSheet && headerMatches(projectsSheet, PROJECTS_SHEET, PROJECT_HEADERS, issues)) {
    const known = new Set(expected.content.projects.map((p) => p.projectId));
    for (const { row, id } of dataRows(
      projectsSheet,
      PROJECTS_SHEET,
      Object.values(PROJECT_FILL),
      known,
      'dự án',
      issues,
    )) {
      const amountCell = `${PROJECT_FILL.disbursed}${row}`;
      const reading = readAmount(projectsSheet.getCell(amountCell).value);
      if (reading.kind === 'invalid')
        issues.push({
          field: place(PROJECTS_SHEET, amountCell),
          code: reading.code,
          message: reading.message,
        });
      const note = readNote(projectsSheet, PROJECTS_SHEET, `${PROJECT_FILL.note}${row}`, issues);
      parsed.projects.push({
        projectId: id,
        disbursed: reading.kind === 'amount' ? reading.value : null,
        note,
      });
    }
  }

  if (narrativeSheet) {
    NARRATIVES.forEach((n, i) => {
      const r = NARRATIVE_FIRST_ROW + i;
      if (textOf(narrativeSheet.getCell(`A${r}`).value) !== n.label) {
        issues.push({
          field: place(NARRATIVE_SHEET, `A${r}`),
          code: 'wrong_header',
          message: `Ô này phải là “${n.label}”: không thêm, xóa hay đổi chỗ dòng của mẫu.`,
        });
        return;
      }
      const value = userText(narrativeSheet.getCell(`B${r}`).value);
      if (value.length > NARRATIVE_MAX)
        issues.push({
          field: place(NARRATIVE_SHEET, `B${r}`),
          code: 'narrative_too_long',
          message: `${n.label}: dài ${value.length} ký tự, tối đa ${NARRATIVE_MAX}.`,
        });
      else parsed.narratives[n.key] = value;
    });
  }

  if (issues.length > 0) throw spreadsheetInvalid(issues);
  return parsed;
}
