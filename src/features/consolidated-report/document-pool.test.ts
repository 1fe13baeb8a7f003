// The report's files built in the worker thread are the files built in place: the same cells, the
// same text (the worker loads the same code through its own loader).
import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import { afterAll, describe, expect, it } from 'vitest';
import type { Appendix } from '../../domain/official-document/types.js';
import { buildInWorker, closeDocumentPool } from './document-pool.js';
import { type AppendixRow, buildDocument } from './documents.js';

const rows: AppendixRow[] = Array.from({ length: 250 }, (_, i) => ({
  section: i < 100 ? 'I. Giao thông' : 'II. Đô thị',
  code: i % 3 === 0 ? String(i) : null,
  title: i === 7 ? '=HYPERLINK("x") nhiệm vụ' : `Nhiệm vụ số ${i} & <khác>`,
  lead: 'Sở Xây dựng',
  coordinators: ['Sở Tài chính', 'Sở Y tế'],
  deadline: '31/12/2026',
  state: 'in_progress',
  percent: i % 101,
  note: i % 2 ? 'Đang chờ vốn' : null,
}));

async function cells(bytes: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet('Nhiệm vụ');
  const out: unknown[][] = [];
  sheet?.eachRow((row) => {
    out.push((row.values as unknown[]).slice(1));
  });
  return out;
}

describe('the document worker', () => {
  afterAll(closeDocumentPool);

  it('builds the task list the same as in place, formulas guarded', async () => {
    const task = { kind: 'appendix-xlsx' as const, rows };
    const [there, here] = await Promise.all([buildInWorker(task), buildDocument(task)]);
    const built = await cells(there);
    expect(built).toEqual(await cells(here));
    expect(built).toHaveLength(251);
    expect(built[8]?.[1]).toBe('\'=HYPERLINK("x") nhiệm vụ');
    expect(built[250]?.[8]).toBe('II. Đô thị');
  });

  it('builds a long appendix .docx with every row', async () => {
    const appendix: Appendix = {
      label: 'Phụ lục',
      title: 'DANH MỤC NHIỆM VỤ',
      blocks: [
        {
          kind: 'table',
          columns: [
            { title: 'STT', widthPct: 10 },
            { title: 'Nhiệm vụ', widthPct: 90 },
          ],
          rows: rows.map((r, i) => ({ kind: 'row' as const, cells: [String(i + 1), r.title] })),
        },
      ],
    };
    const bytes = await buildInWorker({
      kind: 'appendix-docx',
      appendix,
      meta: { title: 'Phụ lục', creator: 'UBND' },
    });
    const text = (await mammoth.extractRawText({ buffer: bytes })).value;
    expect(text).toContain('Nhiệm vụ số 249 & <khác>');
    expect(text.match(/Nhiệm vụ số \d+/g)).toHaveLength(249);
  });
});
