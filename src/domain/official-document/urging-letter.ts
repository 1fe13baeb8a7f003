// The urging letter (công văn đôn đốc) the consolidating department sends to agencies whose tasks
// under a plan are overdue (DOMAIN.md §2: it "urges"): a letter citing the plan, the count of
// overdue tasks, what each agency must do and by when, and an appendix listing the tasks by agency.
import { sentenceCase } from '../sentence-case.js';
import { addDays, formatCitedDate, formatDateVi, formatNumberVi } from './format.js';
import type { Block, OfficialDocument, TableRow } from './types.js';

export type OverdueTask = {
  /** STT of the task in the plan's appendix, when it has one. */
  code: string | null;
  title: string;
  dueOn: string | null;
  overdueDays: number | null;
  /** The deadline as the plan states it ("Quý II/2025", "30/6/2025"); the table prints it. */
  dueLabel: string;
  percent: number | null;
};

export type LateReport = {
  agency: string;
  /** The period's label: "Năm 2026". */
  period: string;
  /** ISO date of the period's submission deadline. */
  dueOn: string;
  workingDaysLate: number;
};

export type UrgingLetterInput = {
  issuer: {
    parent?: string;
    name: string;
    /** The letter's symbol, agency-unit: 'STC-KH'. */
    symbol: string;
    /**
     * The issuer as written inside sentences ('Sở Tài chính'). Without it, it is derived from
     * `name`, which is right for the common "Sở X" names but not for every name.
     */
    nameInText?: string;
  };
  /** The whole number and symbol; by default left blank for the clerk who registers the letter. */
  number?: string;
  place: string;
  /** ISO date of the letter. */
  date: string;
  plan: { number: string; issuedOn: string | null; title: string; issuer: string };
  agencies: { name: string; tasks: OverdueTask[] }[];
  /**
   * Agencies still missing a period's report 5 working days after its deadline (escalated,
   * features/reminders): the letter asks them for it, with or without overdue tasks.
   */
  lateReports?: LateReport[];
  signature: OfficialDocument['signature'];
  /** More recipients, between "UBND tỉnh (b/c);" and "Lưu: ...". */
  recipientsExtra?: string[];
  /** Days the agencies have to report back; 10 by default. */
  replyWithinDays?: number;
  /**
   * Names a plan title written in capitals keeps as written when it is put into the sentence
   * (the province, agencies of the registry); national institutions are known already.
   */
  keepNames?: readonly string[];
};

/** Six no-break spaces where the clerk writes the number by hand or the register fills it in. */
const BLANK_NUMBER = '\u00a0'.repeat(6);

const DEFAULT_REPLY_DAYS = 10;

// Words kept in capitals when an issuer's name given in capitals is put into a sentence.
const ACRONYMS = new Set(['UBND', 'HĐND', 'MTTQ', 'BCĐ', 'KT-XH', 'VN']);
// Agency types after which the field's first word is capitalised too: "Sở Tài chính".
const TYPED_AGENCY = new Set(['sở', 'bộ', 'ban', 'cục', 'tổng cục', 'chi cục']);

/**
 * "SỞ TÀI CHÍNH" → "Sở Tài chính": sentence case; after an agency type (Sở, Bộ, Ban, Cục) the
 * first word of each field capitalised, as Vietnamese writes agency names; acronyms and the place
 * name restored.
 */
export function issuerNameInText(name: string, place = ''): string {
  const clean = name.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (clean !== clean.toLocaleUpperCase('vi')) return clean;
  const words = clean.split(' ').map((w) => (ACRONYMS.has(w) ? w : w.toLocaleLowerCase('vi')));
  const cap = (w: string) => (w ? w.charAt(0).toLocaleUpperCase('vi') + w.slice(1) : w);
  if (words.length > 0) words[0] = cap(words[0] as string);
  const two = words.slice(0, 2).join(' ').toLocaleLowerCase('vi');
  const typeLength = TYPED_AGENCY.has(two)
    ? 2
    : TYPED_AGENCY.has(words[0]?.toLocaleLowerCase('vi') ?? '')
      ? 1
      : 0;
  if (typeLength > 0) {
    // Each field of the agency starts with a capital: "Sở Văn hóa, Thể thao và Du lịch".
    for (let i = typeLength; i < words.length; i++) {
      const before = i === typeLength ? '' : (words[i - 1] as string);
      if (i === typeLength || before === 'và' || before === '-' || before.endsWith(',')) {
        words[i] = cap(words[i] as string);
      }
    }
  }
  let text = words.join(' ');
  const p = place.normalize('NFC').trim();
  if (p) {
    const at = text.toLocaleLowerCase('vi').lastIndexOf(p.toLocaleLowerCase('vi'));
    if (at >= 0) text = text.slice(0, at) + p + text.slice(at + p.length);
  }
  return text;
}

/** 'STC-KH' → 'Lưu: VT, KH.': the archive (VT) and the drafting unit, the symbol's second part. */
export function archiveLine(symbol: string): string {
  const dash = symbol.indexOf('-');
  const unit = dash >= 0 ? symbol.slice(dash + 1).trim() : '';
  return unit ? `Lưu: VT, ${unit}.` : 'Lưu: VT.';
}

// Document names that open a plan's title keep their capital after "về": "về Quyết định số ...".
const DOCUMENT_NAME =
  /^(Luật|Nghị quyết|Nghị định|Quyết định|Chỉ thị|Kết luận|Thông tư|Kế hoạch|Chương trình|Đề án|Công văn|Thông báo)\s+(số\s|\d)/u;

/**
 * A plan title made to follow "về": in sentence case when the document printed it in capitals,
 * without its own leading "Kế hoạch" (the sentence has just named the plan), first letter in lower
 * case unless it starts a proper name.
 */
export function titleAfterVe(title: string, keepNames: readonly string[] = []): string {
  const t = sentenceCase(title, keepNames)
    .replace(/[.;]+$/, '')
    .replace(/^Kế hoạch\s+(?!số\s)/u, '');
  if (DOCUMENT_NAME.test(t)) return t;
  // "Thực hiện ..." → "thực hiện ...", but "UBND ..." or "Lạng Sơn ..." stay.
  if (/^\p{Lu}\p{Ll}/u.test(t) && !/^\p{Lu}\p{Ll}+ \p{Lu}/u.test(t)) {
    return t.charAt(0).toLocaleLowerCase('vi') + t.slice(1);
  }
  return t;
}

function withEnd(line: string, end: ';' | '.'): string {
  return `${line
    .normalize('NFC')
    .trim()
    .replace(/[;.,]+$/, '')}${end}`;
}

export function urgingLetter(input: UrgingLetterInput): OfficialDocument {
  const agencies = input.agencies
    .map((a) => ({ name: a.name.normalize('NFC').trim(), tasks: a.tasks }))
    .filter((a) => a.tasks.length > 0);
  const taskCount = agencies.reduce((n, a) => n + a.tasks.length, 0);
  const lateReports = (input.lateReports ?? []).map((r) => ({
    ...r,
    agency: r.agency.normalize('NFC').trim(),
    period: r.period.normalize('NFC').trim(),
  }));
  if (taskCount === 0 && lateReports.length === 0) throw new Error('nothing to urge');
  // Every agency urged, those with overdue tasks first (their order), then those only late with
  // a report.
  const addressees = [
    ...new Set([...agencies.map((a) => a.name), ...lateReports.map((r) => r.agency)]),
  ];

  const symbol = input.issuer.symbol.normalize('NFC').trim();
  const number = input.number?.normalize('NFC').trim() || `${BLANK_NUMBER}/${symbol}`;
  const issuerText =
    input.issuer.nameInText?.normalize('NFC').trim() ||
    issuerNameInText(input.issuer.name, input.place);
  const planNumber = input.plan.number.normalize('NFC').trim();
  const planIssuer = input.plan.issuer.normalize('NFC').trim();
  const planDate = input.plan.issuedOn ? ` ngày ${formatCitedDate(input.plan.issuedOn)}` : '';
  // A plan with no number is identified by its date and issuer (and its subject, which follows).
  const planName = planNumber ? `Kế hoạch số ${planNumber}` : 'Kế hoạch';
  const planRef = `${planName}${planDate} của ${planIssuer}`;
  const replyBy = formatDateVi(addDays(input.date, input.replyWithinDays ?? DEFAULT_REPLY_DAYS));
  const asOf = formatDateVi(input.date);
  const single = addressees.length === 1;
  const addressed = single ? (addressees[0] ?? '') : 'các cơ quan, đơn vị';

  const body: Block[] = [
    {
      kind: 'paragraph',
      text: `Thực hiện ${planRef} về ${titleAfterVe(input.plan.title, [input.place, ...(input.keepNames ?? [])])}; ${issuerText} đã theo dõi, tổng hợp tình hình thực hiện các nhiệm vụ được giao tại Kế hoạch.`,
    },
    ...(taskCount > 0
      ? [
          {
            kind: 'paragraph' as const,
            text:
              `Tính đến ngày ${asOf}, còn ${formatNumberVi(taskCount)} nhiệm vụ đã quá thời hạn nhưng chưa hoàn thành` +
              (agencies.length === 1
                ? ''
                : ` của ${formatNumberVi(agencies.length)} cơ quan, đơn vị`) +
              ' (chi tiết tại Phụ lục kèm theo).',
          },
        ]
      : []),
    ...lateReportParagraphs(lateReports, asOf),
    {
      kind: 'paragraph',
      text: `Để bảo đảm tiến độ thực hiện Kế hoạch, ${issuerText} đề nghị ${addressed}:`,
    },
    ...(taskCount > 0
      ? [
          {
            kind: 'paragraph' as const,
            text: `- Tập trung chỉ đạo, khẩn trương hoàn thành các nhiệm vụ quá hạn được giao.`,
          },
        ]
      : []),
    ...(lateReports.length > 0
      ? [
          {
            kind: 'paragraph' as const,
            text: `- Khẩn trương gửi báo cáo kết quả thực hiện Kế hoạch của kỳ còn thiếu về ${issuerText}.`,
          },
        ]
      : []),
    {
      kind: 'paragraph',
      text: `- Báo cáo kết quả thực hiện, nêu rõ khó khăn, vướng mắc (nếu có); đối với nhiệm vụ không thể hoàn thành, đề xuất điều chỉnh, gia hạn thời hạn thực hiện, nêu rõ lý do, gửi về ${issuerText} trước ngày ${replyBy} để tổng hợp, báo cáo ${planIssuer}.`,
    },
    {
      kind: 'paragraph',
      text: `${issuerText} đề nghị ${addressed} quan tâm, phối hợp thực hiện./.`,
    },
  ];

  const rows: TableRow[] = [];
  let stt = 0;
  for (const agency of agencies) {
    rows.push({ kind: 'group', text: agency.name });
    for (const task of agency.tasks) {
      stt += 1;
      const title = task.title.normalize('NFC').trim();
      const code = task.code?.trim();
      rows.push({
        kind: 'row',
        cells: [
          formatNumberVi(stt),
          code ? `${title} (STT ${code} tại Phụ lục Kế hoạch)` : title,
          task.dueLabel.trim() || (task.dueOn ? formatDateVi(task.dueOn) : ''),
          task.overdueDays === null ? '' : formatNumberVi(task.overdueDays),
          task.percent === null ? '' : formatNumberVi(task.percent, 1),
        ],
      });
    }
  }

  const recipients = [
    'Như trên;',
    'UBND tỉnh (b/c);',
    ...(input.recipientsExtra ?? []).filter((r) => r.trim()).map((r) => withEnd(r, ';')),
    archiveLine(symbol),
  ];

  return {
    issuer: { parent: input.issuer.parent, name: input.issuer.name },
    number,
    excerpt: `V/v đôn đốc ${taskCount > 0 ? 'thực hiện các nhiệm vụ chậm tiến độ theo' : 'báo cáo kết quả thực hiện'} ${planNumber ? planName : `${planName}${planDate} của ${planIssuer}`}`,
    place: input.place,
    date: input.date,
    addressees,
    body,
    recipients,
    signature: input.signature,
    // No overdue task (only late reports): no appendix.
    appendices:
      taskCount === 0
        ? []
        : [
            {
              label: 'Phụ lục',
              title: 'DANH MỤC NHIỆM VỤ QUÁ HẠN',
              subtitle: `(Kèm theo Công văn số ${number} ngày ${formatCitedDate(input.date)} của ${issuerText})`,
              blocks: [
                {
                  kind: 'table',
                  columns: [
                    { title: 'STT', widthPct: 7, align: 'center' },
                    { title: 'Nội dung nhiệm vụ', widthPct: 48 },
                    { title: 'Thời hạn', widthPct: 17, align: 'center' },
                    { title: 'Số ngày quá hạn', widthPct: 14, align: 'center' },
                    { title: 'Tiến độ (%)', widthPct: 14, align: 'center' },
                  ],
                  rows,
                },
              ],
            },
          ],
  };
}

/**
 * The agencies escalated for a missing period report, by period: "Đến ngày …, các cơ quan sau
 * chưa gửi báo cáo kết quả thực hiện Kế hoạch (kỳ báo cáo: Năm
 * 2026, hạn nộp 31/12/2026), đã chậm từ 5 ngày làm việc trở lên: A (chậm 7 ngày làm việc); B (…)."
 */
function lateReportParagraphs(late: readonly LateReport[], asOf: string): Block[] {
  const byPeriod = new Map<string, LateReport[]>();
  for (const r of late) {
    const key = `${r.period}\u0000${r.dueOn}`;
    byPeriod.set(key, [...(byPeriod.get(key) ?? []), r]);
  }
  return [...byPeriod.values()].map((group) => {
    const first = group[0] as LateReport;
    const who = group
      .map((r) => `${r.agency} (chậm ${formatNumberVi(r.workingDaysLate)} ngày làm việc)`)
      .join('; ');
    const subject =
      group.length === 1 ? 'cơ quan sau' : `${formatNumberVi(group.length)} cơ quan, đơn vị sau`;
    return {
      kind: 'paragraph' as const,
      text: `Đến ngày ${asOf}, ${subject} chưa gửi báo cáo kết quả thực hiện Kế hoạch (kỳ báo cáo: ${first.period}, hạn nộp ${formatDateVi(first.dueOn)}), đã chậm từ 5 ngày làm việc trở lên: ${who}.`,
    };
  });
}
