// The province's consolidated report for a reporting period (báo cáo tổng hợp, DOMAIN.md §1 IV):
// the committee reports what the plan achieved — tasks by status and the completion rate (§4),
// targets against their path, key projects' disbursement and milestones, results by sector and by
// lead agency, the agencies' difficulties and proposals (each under its agency), the adjustments
// proposed and decided, and the directions a leader writes. A pure description: figures, words and
// settings in, an OfficialDocument out (build.ts lays it out); it knows nothing of HTTP or tables.
import { sentenceCase } from '../sentence-case.js';
import type { TaskState } from '../task-status.js';
import { formatCitedDate, formatDateVi, formatNumberVi } from './format.js';
import type { Appendix, Block, OfficialDocument, Signature, TableRow } from './types.js';
import { archiveLine } from './urging-letter.js';

export type StateCounts = Record<TaskState, number>;

export type TaskFigures = {
  total: number;
  states: StateCounts;
  /** done ÷ (done + overdue), DOMAIN.md §4; null when both are zero. */
  completionRate: number | null;
  overdueByAge: { over_120: number; over_60: number; over_30: number; under_30: number };
};

export type GroupFigures = { name: string; total: number; states: StateCounts };

export type TargetFigures = {
  total: number;
  onTrack: number;
  atRisk: number;
  offTrack: number;
  noData: number;
};

export type ProjectFigures = {
  count: number;
  year: number;
  /** Billion đồng, exact decimals as text. */
  capitalPlan: string;
  disbursed: string;
  /** Disbursed as a percentage of the year's plan, text; null when nothing is planned. */
  disbursedPercent: string | null;
  milestonesPlanned: number;
  milestonesReached: number;
  /** Planned by the end of the window and not reached. */
  milestonesLate: number;
};

export type AgencyText = { agency: string; text: string };

export type AdjustmentLine = {
  agency: string;
  /** What is to change, in words ('Điều chỉnh thời hạn nhiệm vụ "…"'). */
  subject: string;
  reason: string;
  state: 'proposed' | 'submitted' | 'accepted' | 'rejected' | 'withdrawn';
  decisionNote: string | null;
};

/** The parts a leader writes; empty parts get a sentence built from the figures or are left out. */
export type ReportNarrative = {
  opening?: string | undefined;
  resultsComment?: string | undefined;
  assessment?: string | undefined;
  directions?: string | undefined;
  recommendations?: string | undefined;
};

export type ConsolidatedReportInput = {
  /** 'Ủy ban nhân dân tỉnh Lạng Sơn'. */
  authorityName: string;
  /** 'UBND tỉnh': how the report names its authority inside sentences. */
  authorityInText: string;
  /** The report's symbol: 'BC-UBND'. */
  symbol: string;
  number?: string | undefined;
  place: string;
  /** ISO date of the report. */
  date: string;
  period: { label: string; windowFrom: string; windowTo: string };
  plan: { number: string; issuedOn: string | null; title: string; issuer: string };
  /** Names written as given in a capitalised title: the province, agencies of the registry. */
  keepNames: readonly string[];
  /** The day the figures are counted on. */
  asOf: string;
  tasks: TaskFigures;
  bySector: GroupFigures[];
  byAgency: GroupFigures[];
  targets: TargetFigures;
  projects: ProjectFigures;
  agencyReports: { expected: number; received: number };
  difficulties: AgencyText[];
  proposals: AgencyText[];
  adjustments: AdjustmentLine[];
  narrative: ReportNarrative;
  recipients: string[];
  /** The drafting unit for the archive line 'Lưu: VT, STC.'. */
  draftingUnit: string;
  signature: Signature;
};

/** Six no-break spaces where the clerk writes the number. */
const BLANK_NUMBER = '\u00a0'.repeat(6);

const n = (value: number) => formatNumberVi(value);
const pct = (rate: number | null) => (rate === null ? '-' : formatNumberVi(rate * 100, 1));
const money = (value: string) => formatNumberVi(Number(value), 3);

/** Text cleaned for a paragraph: NFC, no control characters but line breaks, trimmed. */
export function cleanText(text: string | undefined | null): string {
  return (
    (text ?? '')
      .normalize('NFC')
      .replace(/\r\n?/g, '\n')
      // Input is refused with them (server/control-characters.ts); text from an uploaded file or an
      // older row still never reaches the XML, where Word refuses the whole file.
      // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point.
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]/g, '')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l.length > 0)
      .join('\n')
  );
}

/** Paragraphs from a leader's text: one per line. */
const paragraphsOf = (text: string | undefined): Block[] =>
  cleanText(text)
    .split('\n')
    .filter(Boolean)
    .map((t) => ({ kind: 'paragraph', text: t }));

const done = (s: StateCounts) => s.done_on_time + s.done_late;

/** A plan's title for a subject: sentence case, without its own leading "Kế hoạch". */
function planSubject(title: string, keep: readonly string[]): string {
  const t = sentenceCase(title, keep).replace(/[.;]+$/, '');
  return t.replace(/^Kế hoạch\s+(?!số\s)/u, '');
}

/** 'Năm 2026' → 'năm 2026': a period label inside a sentence. */
function labelInText(label: string): string {
  const t = label.normalize('NFC').trim();
  return /^\p{Lu}\p{Ll}/u.test(t) ? t.charAt(0).toLocaleLowerCase('vi') + t.slice(1) : t;
}

export function planReference(plan: ConsolidatedReportInput['plan']): string {
  const number = plan.number.normalize('NFC').trim();
  const date = plan.issuedOn ? ` ngày ${formatCitedDate(plan.issuedOn)}` : '';
  return `${number ? `Kế hoạch số ${number}` : 'Kế hoạch'}${date} của ${plan.issuer.normalize('NFC').trim()}`;
}

/** "Kết quả thực hiện Kế hoạch số … ngày … của UBND tỉnh về … năm 2026". */
export function reportSubject(
  input: Pick<ConsolidatedReportInput, 'plan' | 'period' | 'keepNames'>,
) {
  const about = planSubject(input.plan.title, input.keepNames);
  const lowered = about ? ` về ${about.charAt(0).toLocaleLowerCase('vi')}${about.slice(1)}` : '';
  // A title naming a document by number keeps its capital: "về Quyết định số …".
  const subjectAbout = /^(Quyết định|Nghị quyết|Kết luận|Chỉ thị|Nghị định|Chương trình) số /u.test(
    about,
  )
    ? ` về ${about}`
    : lowered;
  return `Kết quả thực hiện ${planReference(input.plan)}${subjectAbout}, ${labelInText(input.period.label)}`;
}

const STATE_COLUMNS = [
  { title: 'Tổng số', widthPct: 9, align: 'center' as const },
  { title: 'Đã hoàn thành đúng hạn', widthPct: 11, align: 'center' as const },
  { title: 'Đã hoàn thành quá hạn', widthPct: 11, align: 'center' as const },
  { title: 'Đang thực hiện trong hạn', widthPct: 11, align: 'center' as const },
  { title: 'Quá hạn chưa hoàn thành', widthPct: 11, align: 'center' as const },
  { title: 'Chưa thực hiện', widthPct: 10, align: 'center' as const },
  { title: 'Tỷ lệ hoàn thành (%)', widthPct: 10, align: 'center' as const },
];

function rateOf(s: StateCounts): number | null {
  const d = done(s);
  return d + s.overdue === 0 ? null : d / (d + s.overdue);
}

function groupTable(title: string, groups: GroupFigures[]): Block {
  const rows: TableRow[] = groups.map((g, i) => ({
    kind: 'row',
    cells: [
      n(i + 1),
      cleanText(g.name),
      n(g.total),
      n(g.states.done_on_time),
      n(g.states.done_late),
      n(g.states.in_progress),
      n(g.states.overdue),
      n(g.states.not_started),
      pct(rateOf(g.states)),
    ],
  }));
  return {
    kind: 'table',
    columns: [
      { title: 'STT', widthPct: 6, align: 'center' },
      { title, widthPct: 21 },
      ...STATE_COLUMNS,
    ],
    rows,
  };
}

/** Agencies' texts grouped under each agency, in the order given, each line its own paragraph. */
function byAgencyBlocks(items: AgencyText[], none: string): Block[] {
  const grouped = new Map<string, string[]>();
  for (const item of items) {
    const text = cleanText(item.text);
    if (!text) continue;
    const agency = cleanText(item.agency);
    grouped.set(agency, [...(grouped.get(agency) ?? []), ...text.split('\n')]);
  }
  if (grouped.size === 0) return [{ kind: 'paragraph', text: none, italic: true }];
  const out: Block[] = [];
  for (const [agency, lines] of grouped) {
    out.push({ kind: 'paragraph', text: `- ${agency}:`, bold: true });
    for (const line of lines) out.push({ kind: 'paragraph', text: line });
  }
  return out;
}

const ADJUSTMENT_STATE: Record<AdjustmentLine['state'], string> = {
  proposed: 'Đang tổng hợp',
  submitted: 'Đang trình',
  accepted: 'Đã chấp thuận',
  rejected: 'Không chấp thuận',
  withdrawn: 'Đã rút',
};

function adjustmentBlocks(lines: AdjustmentLine[]): Block[] {
  const shown = lines.filter((l) => l.state !== 'withdrawn');
  if (shown.length === 0) {
    return [{ kind: 'paragraph', text: 'Trong kỳ, không có đề xuất điều chỉnh Kế hoạch.' }];
  }
  const count = (s: AdjustmentLine['state']) => shown.filter((l) => l.state === s).length;
  const pending = count('proposed') + count('submitted');
  return [
    {
      kind: 'paragraph',
      text: `Trong kỳ, các cơ quan, đơn vị đề xuất ${n(shown.length)} nội dung điều chỉnh Kế hoạch; trong đó đã được chấp thuận ${n(count('accepted'))}, không chấp thuận ${n(count('rejected'))}, đang xem xét ${n(pending)} (chi tiết tại bảng dưới đây).`,
    },
    {
      kind: 'table',
      columns: [
        { title: 'STT', widthPct: 6, align: 'center' },
        { title: 'Cơ quan đề xuất', widthPct: 18 },
        { title: 'Nội dung đề xuất', widthPct: 30 },
        { title: 'Lý do', widthPct: 26 },
        { title: 'Kết quả', widthPct: 20 },
      ],
      rows: shown.map((l, i) => ({
        kind: 'row',
        cells: [
          n(i + 1),
          cleanText(l.agency),
          cleanText(l.subject),
          cleanText(l.reason),
          [ADJUSTMENT_STATE[l.state], cleanText(l.decisionNote)].filter(Boolean).join('\n'),
        ],
      })),
    },
  ];
}

export function consolidatedReport(input: ConsolidatedReportInput): OfficialDocument {
  const symbol = input.symbol.normalize('NFC').trim();
  const number = cleanText(input.number) || `${BLANK_NUMBER}/${symbol}`;
  const authority = input.authorityInText.normalize('NFC').trim();
  const period = labelInText(input.period.label);
  const t = input.tasks;
  const s = t.states;
  const tg = input.targets;
  const pj = input.projects;
  const narrative = input.narrative;

  const opening = cleanText(narrative.opening)
    ? paragraphsOf(narrative.opening)
    : [
        {
          kind: 'paragraph' as const,
          text: `Thực hiện ${planReference(input.plan)}; trên cơ sở báo cáo của các cơ quan, đơn vị (${n(input.agencyReports.received)}/${n(input.agencyReports.expected)} cơ quan, đơn vị đã gửi báo cáo), ${authority} báo cáo kết quả thực hiện Kế hoạch ${period} (số liệu từ ngày ${formatDateVi(input.period.windowFrom)} đến ngày ${formatDateVi(input.asOf < input.period.windowTo ? input.asOf : input.period.windowTo)}) như sau:`,
        },
      ];

  const overall: Block[] = [
    {
      kind: 'paragraph',
      text: `a) Về thực hiện nhiệm vụ: Kế hoạch có ${n(t.total)} nhiệm vụ; đã hoàn thành ${n(done(s))} nhiệm vụ (đúng hạn ${n(s.done_on_time)}, quá hạn ${n(s.done_late)}); đang thực hiện trong hạn ${n(s.in_progress)} nhiệm vụ; quá hạn chưa hoàn thành ${n(s.overdue)} nhiệm vụ; chưa thực hiện ${n(s.not_started)} nhiệm vụ.`,
    },
    {
      kind: 'paragraph',
      text:
        t.completionRate === null
          ? 'Chưa có nhiệm vụ đến hạn để tính tỷ lệ hoàn thành.'
          : `Tỷ lệ hoàn thành đạt ${pct(t.completionRate)}% (số nhiệm vụ đã hoàn thành trên tổng số nhiệm vụ đã hoàn thành và nhiệm vụ quá hạn chưa hoàn thành).`,
    },
  ];
  if (s.overdue > 0) {
    const a = t.overdueByAge;
    overall.push({
      kind: 'paragraph',
      text: `Trong số nhiệm vụ quá hạn: quá hạn trên 120 ngày ${n(a.over_120)}; từ trên 60 đến 120 ngày ${n(a.over_60)}; từ trên 30 đến 60 ngày ${n(a.over_30)}; đến 30 ngày ${n(a.under_30)}.`,
    });
  }
  overall.push({
    kind: 'paragraph',
    text: `b) Về chỉ tiêu: trong ${n(tg.total)} chỉ tiêu, ${n(tg.onTrack)} chỉ tiêu đạt hoặc đúng lộ trình; ${n(tg.atRisk)} chỉ tiêu có nguy cơ không đạt; ${n(tg.offTrack)} chỉ tiêu không đạt hoặc chậm so với lộ trình; ${n(tg.noData)} chỉ tiêu chưa có số liệu để đánh giá.`,
  });
  overall.push({
    kind: 'paragraph',
    text:
      pj.count === 0
        ? 'c) Về dự án trọng điểm: Kế hoạch không có dự án trọng điểm.'
        : `c) Về dự án trọng điểm: ${n(pj.count)} dự án; kế hoạch vốn năm ${pj.year} là ${money(pj.capitalPlan)} tỷ đồng, đã giải ngân ${money(pj.disbursed)} tỷ đồng${pj.disbursedPercent === null ? '' : `, đạt ${formatNumberVi(Number(pj.disbursedPercent), 1)}% kế hoạch vốn năm`}. Về mốc tiến độ: ${n(pj.milestonesReached)}/${n(pj.milestonesPlanned)} mốc đã đạt; ${n(pj.milestonesLate)} mốc đến hạn nhưng chưa đạt.`,
  });
  overall.push(...paragraphsOf(narrative.resultsComment));

  const body: Block[] = [
    ...opening,
    { kind: 'heading', level: 1, text: 'I. KẾT QUẢ THỰC HIỆN' },
    { kind: 'heading', level: 2, text: '1. Kết quả chung' },
    ...overall,
    { kind: 'heading', level: 2, text: '2. Kết quả theo lĩnh vực' },
    input.bySector.length > 0
      ? groupTable('Lĩnh vực', input.bySector)
      : { kind: 'paragraph', text: 'Các nhiệm vụ chưa được phân theo lĩnh vực.', italic: true },
    { kind: 'heading', level: 2, text: '3. Kết quả theo cơ quan chủ trì' },
    input.byAgency.length > 0
      ? groupTable('Cơ quan chủ trì', input.byAgency)
      : { kind: 'paragraph', text: 'Chưa có nhiệm vụ được giao cơ quan chủ trì.', italic: true },
    { kind: 'heading', level: 1, text: 'II. TỒN TẠI, HẠN CHẾ, KHÓ KHĂN, VƯỚNG MẮC' },
    ...paragraphsOf(narrative.assessment),
    {
      kind: 'paragraph',
      text: 'Khó khăn, vướng mắc do các cơ quan, đơn vị báo cáo:',
    },
    ...byAgencyBlocks(input.difficulties, 'Các cơ quan, đơn vị không báo cáo khó khăn, vướng mắc.'),
    { kind: 'heading', level: 1, text: 'III. ĐIỀU CHỈNH KẾ HOẠCH' },
    ...adjustmentBlocks(input.adjustments),
    { kind: 'heading', level: 1, text: 'IV. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI' },
    ...(cleanText(narrative.directions)
      ? paragraphsOf(narrative.directions)
      : [
          {
            kind: 'paragraph' as const,
            text: `Tập trung chỉ đạo hoàn thành ${n(s.overdue)} nhiệm vụ quá hạn và ${n(s.in_progress + s.not_started)} nhiệm vụ đang thực hiện, chưa thực hiện theo đúng thời hạn.`,
          },
        ]),
    { kind: 'heading', level: 1, text: 'V. ĐỀ XUẤT, KIẾN NGHỊ' },
    ...paragraphsOf(narrative.recommendations),
    {
      kind: 'paragraph',
      text: 'Đề xuất, kiến nghị của các cơ quan, đơn vị:',
    },
    ...byAgencyBlocks(input.proposals, 'Các cơ quan, đơn vị không có đề xuất, kiến nghị.'),
    {
      kind: 'paragraph',
      text: `Trên đây là báo cáo kết quả thực hiện Kế hoạch ${period} của ${authority}./.`,
    },
  ];

  const recipients = [
    ...input.recipients
      .map((r) => cleanText(r).replace(/[;.,]+$/, ''))
      .filter(Boolean)
      .map((r) => `${r};`),
    archiveLine(`-${input.draftingUnit}`),
  ];

  // "ỦY BAN NHÂN DÂN / TỈNH LẠNG SƠN": the collective name over the province, both bold.
  const name = input.authorityName.normalize('NFC').trim();
  const split = /^(Ủy ban nhân dân|Uỷ ban nhân dân)\s+(.+)$/iu.exec(name);
  const issuerName = split ? `${split[1]}\n${split[2]}` : name;

  return {
    issuer: { name: issuerName },
    number,
    place: input.place,
    date: input.date,
    title: { type: 'BÁO CÁO', subject: reportSubject(input) },
    body,
    recipients,
    signature: input.signature,
  };
}

export type AppendixTask = {
  code: string | null;
  title: string;
  lead: string | null;
  coordinators: string[];
  deadline: string;
  state: TaskState;
  percent: number | null;
  note: string | null;
};

export const STATE_LABELS: Record<TaskState, string> = {
  done_on_time: 'Đã hoàn thành đúng hạn',
  done_late: 'Đã hoàn thành quá hạn',
  in_progress: 'Đang thực hiện trong hạn',
  overdue: 'Quá hạn chưa hoàn thành',
  not_started: 'Chưa thực hiện',
};

/** The appendix's columns; the .xlsx has the same. */
export const APPENDIX_COLUMNS = [
  { title: 'STT', widthPct: 5, align: 'center' as const },
  { title: 'Nội dung nhiệm vụ', widthPct: 29 },
  { title: 'Cơ quan chủ trì', widthPct: 12 },
  { title: 'Cơ quan phối hợp', widthPct: 14 },
  { title: 'Thời hạn', widthPct: 9, align: 'center' as const },
  { title: 'Tình trạng', widthPct: 10, align: 'center' as const },
  { title: 'Tiến độ (%)', widthPct: 7, align: 'center' as const },
  { title: 'Ghi chú của cơ quan chủ trì', widthPct: 14 },
];

/** One task's cells in the appendix (numbered continuously by the caller). */
export function appendixCells(stt: number, t: AppendixTask): string[] {
  const code = t.code?.trim();
  const title = cleanText(t.title);
  return [
    n(stt),
    code ? `${title} (STT ${code} tại Phụ lục Kế hoạch)` : title,
    cleanText(t.lead) || 'Chưa giao',
    t.coordinators.map(cleanText).filter(Boolean).join(', '),
    cleanText(t.deadline),
    STATE_LABELS[t.state],
    t.percent === null ? '' : n(t.percent),
    cleanText(t.note),
  ];
}

/** The appendix: tasks grouped under their section of the plan, numbered 1, 2, 3 … throughout. */
export function consolidatedAppendix(
  input: Pick<ConsolidatedReportInput, 'symbol' | 'number' | 'date' | 'authorityInText'>,
  groups: Iterable<{ section: string; tasks: AppendixTask[] }>,
): Appendix {
  const rows: TableRow[] = [];
  let stt = 0;
  for (const g of groups) {
    if (g.tasks.length === 0) continue;
    rows.push({ kind: 'group', text: cleanText(g.section) || 'Nhiệm vụ khác' });
    for (const task of g.tasks) {
      stt += 1;
      rows.push({ kind: 'row', cells: appendixCells(stt, task) });
    }
  }
  const number = cleanText(input.number) || `${BLANK_NUMBER}/${input.symbol.trim()}`;
  return {
    label: 'Phụ lục',
    title: 'TÌNH HÌNH THỰC HIỆN CÁC NHIỆM VỤ CỦA KẾ HOẠCH',
    subtitle: `(Kèm theo Báo cáo số ${number} ngày ${formatCitedDate(input.date)} của ${input.authorityInText.trim()})`,
    blocks: [{ kind: 'table', columns: APPENDIX_COLUMNS, rows }],
    landscape: true,
  };
}
