// The agency registry a province fills in to start (reference/templates/agency-registry.csv, or
// the same as .xlsx from `tiendo tenant template`): one agency a row, columns name, short_name,
// kind, aliases (separated by ";") and an optional code. Every row is checked and every problem
// reported with its row number (the header is row 1, as a spreadsheet numbers it); a registry with
// any problem is refused whole.
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse } from 'csv-parse/sync';
import { nameKey, normalizeVietnamese } from '../../domain/vietnamese-text.js';
import { AppError, type ErrorIssue, InvalidInputError } from '../../server/errors.js';
import { loadExcelJS, textOf } from '../../server/spreadsheet.js';
import { AGENCY_KINDS } from '../agencies/schema.js';

export type AgencyKind = (typeof AGENCY_KINDS)[number];

export const REGISTRY_COLUMNS = ['code', 'name', 'short_name', 'kind', 'aliases'] as const;

/** The template's example rows (reference/templates/agency-registry.csv says the same). */
export const REGISTRY_EXAMPLE: readonly Record<(typeof REGISTRY_COLUMNS)[number], string>[] = [
  {
    code: 'STC',
    name: 'Sở Tài chính',
    short_name: 'Sở TC',
    kind: 'department',
    aliases: 'Sở Kế hoạch và Đầu tư;Sở KH&ĐT',
  },
  {
    code: 'VPUBND',
    name: 'Văn phòng Ủy ban nhân dân tỉnh',
    short_name: 'VP UBND tỉnh',
    kind: 'office',
    aliases: 'Văn phòng UBND tỉnh',
  },
];

/** Kinds as a province may write them in Vietnamese. */
const KIND_WORDS: Record<string, AgencyKind> = {
  so: 'department',
  ban: 'board',
  'van phong': 'office',
  xa: 'commune',
  phuong: 'commune',
  'dac khu': 'commune',
  huyen: 'district',
  'doanh nghiep': 'enterprise',
  khac: 'other',
};

export type RegistryRow = {
  /** The row in the file (the header is row 1). */
  row: number;
  code: string;
  name: string;
  shortName: string | null;
  kind: AgencyKind;
  aliases: string[];
};

const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .trim();

function kindOf(written: string): AgencyKind | null {
  const value = fold(written);
  if ((AGENCY_KINDS as readonly string[]).includes(value)) return value as AgencyKind;
  return KIND_WORDS[value] ?? null;
}

/** A code for an agency the registry gives none: its short name (else name) folded. */
function derivedCode(shortName: string | null, name: string, taken: Set<string>): string {
  const base =
    fold(shortName ?? name)
      .toUpperCase()
      .replace(/^SO /, 'S')
      .replace(/[^A-Z0-9]/g, '')
      .slice(0, 30) || 'CQ';
  let code = base;
  for (let n = 2; taken.has(code); n++) code = `${base}-${n}`;
  return code;
}

const CODE = /^[A-Z0-9][A-Z0-9_-]{0,39}$/;

const issue = (row: number, column: string, code: string, message: string): ErrorIssue => ({
  field: `row ${row}: ${column}`,
  code,
  message,
});

/**
 * Checks a registry given as rows of cells (the header first). Throws InvalidInputError
 * ('invalid_registry') listing every problem; returns the agencies otherwise.
 */
export function checkRegistry(cells: readonly (readonly string[])[]): RegistryRow[] {
  const [header, ...records] = cells;
  const columns = (header ?? []).map((c) => fold(c).replace(/\s+/g, '_'));
  const missing = ['name', 'kind'].filter((c) => !columns.includes(c));
  if (missing.length > 0) {
    throw new InvalidInputError(
      missing.map((c) => issue(1, c, 'missing_column', `column "${c}" is missing`)),
      'invalid_registry',
    );
  }
  const unknown = columns.filter(
    (c) => c !== '' && !(REGISTRY_COLUMNS as readonly string[]).includes(c),
  );
  const issues: ErrorIssue[] = unknown.map((c) =>
    issue(1, c, 'unknown_column', `column "${c}" is not one of ${REGISTRY_COLUMNS.join(', ')}`),
  );
  const at = (record: readonly string[], column: string) => {
    const i = columns.indexOf(column);
    return i < 0 ? '' : normalizeVietnamese(record[i] ?? '').trim();
  };
  const rows: RegistryRow[] = [];
  const givenCodes = new Set<string>();
  records.forEach((record, index) => {
    const row = index + 2;
    if (record.every((c) => c.trim() === '')) return;
    const name = at(record, 'name');
    const shortName = at(record, 'short_name') || null;
    const kindText = at(record, 'kind');
    const code = at(record, 'code').toUpperCase();
    const aliases = at(record, 'aliases')
      .split(';')
      .map((a) => a.trim())
      .filter(Boolean);
    const before = issues.length;
    if (!name) issues.push(issue(row, 'name', 'required', 'the name is empty'));
    else if (name.length > 200) issues.push(issue(row, 'name', 'too_long', 'over 200 characters'));
    if (shortName && shortName.length > 100)
      issues.push(issue(row, 'short_name', 'too_long', 'over 100 characters'));
    const kind = kindOf(kindText);
    if (!kind)
      issues.push(
        issue(
          row,
          'kind',
          'invalid_kind',
          `"${kindText}" is not one of ${AGENCY_KINDS.join(', ')}`,
        ),
      );
    if (code && !CODE.test(code))
      issues.push(
        issue(row, 'code', 'invalid_code', `"${code}": letters, digits, "-" and "_" (≤ 40)`),
      );
    else if (code && givenCodes.has(code))
      issues.push(issue(row, 'code', 'duplicate_code', `code ${code} is used by an earlier row`));
    if (code) givenCodes.add(code);
    if (aliases.some((a) => a.length > 200))
      issues.push(issue(row, 'aliases', 'too_long', 'an alias is over 200 characters'));
    if (issues.length === before && kind) rows.push({ row, code, name, shortName, kind, aliases });
  });
  // A written form (name, short name, alias) names one agency only: plans are matched by them.
  const owner = new Map<string, number>();
  for (const r of rows) {
    const forms = new Set([r.name, ...(r.shortName ? [r.shortName] : []), ...r.aliases]);
    for (const form of forms) {
      const key = nameKey(form);
      const first = owner.get(key);
      if (first !== undefined && first !== r.row)
        issues.push(
          issue(
            r.row,
            'name',
            'duplicate_name',
            `"${form}" already names the agency of row ${first}`,
          ),
        );
      else owner.set(key, r.row);
    }
  }
  if (rows.length === 0 && issues.length === 0)
    issues.push(issue(2, 'name', 'empty_registry', 'the registry has no agency'));
  if (issues.length > 0) throw new InvalidInputError(issues, 'invalid_registry');
  // Codes for the rows without one, distinct from every code given.
  const taken = new Set(givenCodes);
  for (const r of rows) {
    if (!r.code) r.code = derivedCode(r.shortName, r.name, taken);
    taken.add(r.code);
  }
  return rows;
}

/** The cells of a .csv (UTF-8, a BOM allowed) or the first sheet of a .xlsx. */
export async function readRegistryCells(path: string): Promise<string[][]> {
  const extension = extname(path).toLowerCase();
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new InvalidInputError(
      [{ field: '--registry', code: 'unreadable_file', message: (e as Error).message }],
      'unreadable_file',
    );
  }
  if (extension === '.csv') {
    try {
      return parse(bytes.toString('utf8').replace(/^\uFEFF/, ''), {
        skip_empty_lines: true,
        relax_column_count: true,
      }) as string[][];
    } catch (e) {
      throw new AppError(400, 'corrupt_file', `not a CSV file: ${(e as Error).message}`);
    }
  }
  if (extension === '.xlsx') {
    const { Workbook } = await loadExcelJS();
    const workbook = new Workbook();
    try {
      await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    } catch (e) {
      throw new AppError(400, 'corrupt_file', `not an .xlsx file: ${(e as Error).message}`);
    }
    const sheet = workbook.worksheets[0];
    if (!sheet) return [];
    const out: string[][] = [];
    for (let r = 1; r <= sheet.rowCount; r++) {
      const row = sheet.getRow(r);
      const cells: string[] = [];
      for (let c = 1; c <= Math.max(row.cellCount, 1); c++)
        cells.push(textOf(row.getCell(c).value));
      out.push(cells);
    }
    return out;
  }
  throw new AppError(400, 'unsupported_registry_format', `${extension || path}: use .csv or .xlsx`);
}

/** The template as a workbook: the header and the example rows, cells as text. */
export async function registryTemplateXlsx(): Promise<Buffer> {
  const { Workbook } = await loadExcelJS();
  const workbook = new Workbook();
  const sheet = workbook.addWorksheet('Danh mục cơ quan');
  sheet.columns = REGISTRY_COLUMNS.map((key) => ({
    header: key,
    key,
    width: key === 'name' || key === 'aliases' ? 48 : 16,
    style: { numFmt: '@' },
  }));
  for (const example of REGISTRY_EXAMPLE) sheet.addRow(example);
  sheet.getRow(1).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The template as CSV: the same header and example rows. */
export function registryTemplateCsv(): string {
  const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  return `${[
    REGISTRY_COLUMNS.join(','),
    ...REGISTRY_EXAMPLE.map((e) => REGISTRY_COLUMNS.map((c) => quote(e[c])).join(',')),
  ].join('\n')}\n`;
}
