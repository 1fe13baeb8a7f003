// The audit trail as an Excel workbook for the administrator: one sheet "Nhật ký", Vietnamese
// headers, times in Vietnam, before/after as compact JSON. Written with exceljs' streaming writer
// (rows are flushed as they come), so 50 000 records do not sit in memory as cell objects.
import { PassThrough } from 'node:stream';
import { PROVINCE_TIME_ZONE } from '../../domain/calendar.js';
import { loadExcelJS } from '../../server/spreadsheet.js';
import type { AuditRecord } from './schema.js';

export const EXPORT_MAX_ROWS = 50_000;
/** Excel keeps at most 32 767 characters in a cell. */
export const CELL_MAX_CHARS = 32_000;

const FORMULA_START = /^[=+\-@\t\r]/;
// Characters XML 1.0 cannot carry (a workbook with them does not open).
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters removed.
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/**
 * Text for a spreadsheet cell: a value that a spreadsheet would read as a formula (= + - @, or a
 * leading tab or carriage return) gets a leading apostrophe, so recorded input can never run as
 * a formula when the file is opened or re-imported; over-long text is cut.
 */
export function safeCellText(value: string, maxChars = CELL_MAX_CHARS): string {
  let text = value.replace(XML_INVALID, '');
  if (text.length > maxChars) {
    let cut = text.slice(0, maxChars - 1);
    // Never leave half of a surrogate pair.
    if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
    text = `${cut}…`;
  }
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** JSON as stored, compact; empty for nothing. */
export function jsonCellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  return safeCellText(JSON.stringify(value));
}

/**
 * The wall-clock time in Vietnam of an instant, as a Date whose UTC fields carry it: Excel dates
 * have no time zone, and exceljs writes a Date's UTC fields.
 */
export function vietnamWallClock(at: Date): Date {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: PROVINCE_TIME_ZONE,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((p) => [p.type, Number(p.value)]),
  ) as Record<string, number>;
  return new Date(
    Date.UTC(
      parts.year ?? 1970,
      (parts.month ?? 1) - 1,
      parts.day ?? 1,
      parts.hour ?? 0,
      parts.minute ?? 0,
      parts.second ?? 0,
    ),
  );
}

export const exportFileName = (isoDate: string) => `nhat-ky-${isoDate}.xlsx`;

export const SHEET_NAME = 'Nhật ký';
export const TIME_FORMAT = 'dd/mm/yyyy hh:mm:ss';

const COLUMNS = [
  { header: 'Thời gian', key: 'at', width: 20, style: { numFmt: TIME_FORMAT } },
  { header: 'Người thực hiện', key: 'actor', width: 28 },
  { header: 'Cơ quan', key: 'agency', width: 32 },
  { header: 'Đối tượng', key: 'entity', width: 18 },
  { header: 'Mã đối tượng', key: 'entityId', width: 38 },
  { header: 'Thao tác', key: 'action', width: 18 },
  { header: 'Trước', key: 'before', width: 50 },
  { header: 'Sau', key: 'after', width: 50 },
  { header: 'Mã yêu cầu', key: 'requestId', width: 38 },
];

export const EXPORT_HEADERS = COLUMNS.map((c) => c.header);

/** Writes the workbook from batches of presented records; resolves to the .xlsx bytes. */
export async function buildAuditWorkbook(
  batches: AsyncIterable<readonly AuditRecord[]>,
): Promise<Buffer> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  const { stream: excelStream } = await loadExcelJS();
  const workbook = new excelStream.xlsx.WorkbookWriter({
    stream,
    useStyles: true,
    useSharedStrings: false,
  });
  workbook.creator = 'Tiến Độ';
  const sheet = workbook.addWorksheet(SHEET_NAME, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = COLUMNS;
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.commit();
  for await (const batch of batches) {
    for (const r of batch) {
      sheet
        .addRow({
          at: vietnamWallClock(new Date(r.at)),
          actor: safeCellText(r.actor.displayName),
          agency: safeCellText(r.actorAgency?.name ?? ''),
          entity: safeCellText(r.entity),
          entityId: safeCellText(r.entityId),
          action: safeCellText(r.action),
          before: jsonCellText(r.before),
          after: jsonCellText(r.after),
          requestId: safeCellText(r.requestId ?? ''),
        })
        .commit();
    }
  }
  sheet.commit();
  await workbook.commit();
  await ended;
  return Buffer.concat(chunks);
}
