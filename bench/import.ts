// `npm run bench:import`: how well and how fast the importer reads plans.
// 1. Precision and recall per field on the annotated corpus (test/fixtures/import/corpus/*.expected.json,
//    written by hand against each document; every document is read with the Lạng Sơn registry).
// 2. The same on the real plans of other provinces (../shared/real-plans/*.txt, not in the repository;
//    skipped when absent) against expectations written by reading them (bench/real-plans/*.expected.json):
//    tasks, lead agencies and coordinators by name as written (their registries are not ours), deadlines,
//    number and date; per document, then pooled apart from the synthetic corpus.
// 3. Parse time of the Lạng Sơn plan, and throughput on a generated 300-page plan.
// It prints figures; it asserts nothing. `--real` runs only part 2; `--show <stem>` lists one real
// plan's misses (what a parser change should look at).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { PGLITE_EXTENSIONS, wrapPglite } from '../src/db/client.js';
import type { Deadline } from '../src/domain/deadline.js';
import { parseDocumentNumber } from '../src/domain/document-number.js';
import type { AgencyDirectory, AgencyMention } from '../src/domain/plan-import/agencies.js';
import { type Extraction, parsePlanDocument } from '../src/domain/plan-import/parse.js';
import { canonicalTones } from '../src/domain/vietnamese-text.js';
import { loadAgencyDirectory } from '../src/features/imports/directory.js';
import { readSourceDocument } from '../src/features/imports/readers/index.js';
import { loadReferenceData } from '../src/features/reference-data/service.js';

const CORPUS = fileURLToPath(new URL('../test/fixtures/import/corpus', import.meta.url));
const REAL_PLANS = fileURLToPath(new URL('../../shared/real-plans', import.meta.url));
const REAL_EXPECTED = fileURLToPath(new URL('./real-plans', import.meta.url));
const TODAY = '2026-11-24';

type ExpectedTask = {
  contains: string;
  lead: string[];
  coordinators: string[];
  deadline: Deadline;
};
type Expected = {
  files: string[];
  document: { number: string | null; issuer: string | null; date: string | null };
  references: string[];
  targets: string[];
  tasks: ExpectedTask[];
  projects: string[];
};

type Score = { tp: number; fp: number; fn: number };
type Scores = Map<string, Score>;
let scores: Scores = new Map();
const score = (field: string) => {
  let s = scores.get(field);
  if (!s) {
    s = { tp: 0, fp: 0, fn: 0 };
    scores.set(field, s);
  }
  return s;
};

/** Compares two multisets of strings. */
function compare(field: string, expected: readonly string[], found: readonly string[]) {
  const s = score(field);
  const left = [...found];
  for (const e of expected) {
    const i = left.indexOf(e);
    if (i >= 0) {
      s.tp++;
      left.splice(i, 1);
    } else s.fn++;
  }
  s.fp += left.length;
}

function code(m: AgencyMention): string {
  switch (m.kind) {
    case 'agency':
      return m.agency_code;
    case 'choose':
      return `?${m.named_codes.join('/')}`;
    case 'group':
      return `#${m.group}`;
    case 'unknown':
      return `!${m.as_written}`;
    default:
      return `~${m.as_written}`;
  }
}

const numberKey = (n: string) => parseDocumentNumber(n)?.key ?? n;
const norm = (s: string) => s.replace(/\s+/g, ' ').trim().toLocaleLowerCase('vi');

/** Scores the header's fields (numbers by their key); returns the fields it got wrong. */
function compareDocument(
  fields: readonly ('number' | 'issuer' | 'date')[],
  want: Partial<Record<'number' | 'issuer' | 'date', string | null>>,
  got: Extraction['document'],
): string[] {
  const wrong: string[] = [];
  for (const field of fields) {
    const w = want[field] ?? null;
    const g = got[field];
    const s = score(`document.${field}`);
    if (w === null && g === null) continue;
    const same = field === 'number' && w && g ? numberKey(w) === numberKey(g) : w === g;
    if (same) s.tp++;
    else {
      if (w !== null) s.fn++;
      if (g !== null) s.fp++;
      wrong.push(`document.${field}: want ${w} got ${g}`);
    }
  }
  return wrong;
}

function evaluate(x: Extraction, e: Expected) {
  compareDocument(['number', 'issuer', 'date'], e.document, x.document);
  compare(
    'references',
    e.references.map(numberKey),
    x.references.map((r) => r.key),
  );
  compare(
    'targets',
    e.targets,
    x.targets.map((t) => `${t.value}|${t.unit ?? ''}|${t.year}`),
  );
  compare(
    'projects',
    e.projects.map(norm),
    x.projects.map((p) => norm(p.name)),
  );

  const unmatched = [...x.tasks];
  const detection = score('tasks');
  for (const t of e.tasks) {
    const i = unmatched.findIndex((u) => norm(u.text).includes(norm(t.contains)));
    if (i < 0) {
      detection.fn++;
      score('tasks.lead').fn += t.lead.length;
      score('tasks.coordinators').fn += t.coordinators.length;
      score('tasks.deadline').fn++;
      continue;
    }
    detection.tp++;
    const [found] = unmatched.splice(i, 1);
    if (!found) continue;
    compare('tasks.lead', t.lead, found.lead.map(code));
    compare('tasks.coordinators', t.coordinators, found.coordinators.map(code));
    compare(
      'tasks.deadline',
      [JSON.stringify(t.deadline)],
      [JSON.stringify(found.deadline.deadline)],
    );
  }
  detection.fp += unmatched.length;
}

const pct = (n: number, d: number) =>
  d === 0 ? '   —  ' : `${((100 * n) / d).toFixed(1).padStart(5)}%`;

async function directory(): Promise<AgencyDirectory> {
  const database = wrapPglite(new PGlite({ extensions: PGLITE_EXTENSIONS }));
  await database.migrate();
  const { tenantId } = await loadReferenceData(database.db, { actor: { id: 'bench' } });
  const d = await loadAgencyDirectory(database.db, tenantId);
  await database.close();
  return d;
}

/** A plan of about `pages` pages (3 KB of text each) built from varied sections and tasks. */
function generatedPlan(pages: number): string {
  const agencies = [
    'Sở Xây dựng',
    'Sở Tài chính',
    'Sở Kế hoạch và Đầu tư',
    'Sở Nông nghiệp và Môi trường',
    'Công an tỉnh',
    'UBND các huyện, thành phố',
    'Sở Thông tin và Truyền thông',
  ];
  const deadlines = [
    'thường xuyên',
    'trước ngày 30/6/2026',
    'Quý II/2026',
    'trong năm 2027',
    'giai đoạn 2026 - 2030',
    'trước ngày 31/12 hằng năm',
  ];
  const lines = [
    'UBND TỈNH LẠNG SƠN',
    'Số: 99/KH-UBND',
    'Lạng Sơn, ngày 10 tháng 2 năm 2026',
    'KẾ HOẠCH',
    'THỰC HIỆN QUYẾT ĐỊNH SỐ 693/QĐ-TTG NGÀY 17 THÁNG 7 NĂM 2024',
    'I. MỤC TIÊU',
  ];
  let size = 0;
  let n = 0;
  const target = pages * 3000;
  lines.push('II. NHIỆM VỤ, GIẢI PHÁP');
  while (size < target) {
    n++;
    const heading = `${n}. Nhóm nhiệm vụ số ${n} về phát triển hạ tầng theo Nghị quyết số ${n}-NQ/TU ngày 1/2/2024`;
    lines.push(heading);
    size += heading.length;
    for (let k = 0; k < 8; k++) {
      const a = agencies[(n + k) % agencies.length];
      const b = agencies[(n + k + 3) % agencies.length];
      const line = `- ${a} chủ trì, phối hợp với ${b} và các đơn vị liên quan triển khai hạng mục ${k + 1} của nhóm ${n}, bảo đảm chất lượng, hiệu quả, đúng quy định; hoàn thành ${deadlines[(n * k) % deadlines.length]}. Phấn đấu đến năm 2030 hoàn thành ${k + 2} công trình.`;
      lines.push(line);
      size += line.length;
    }
  }
  lines.push('Nơi nhận:', '- Như trên;', 'TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH', 'Nguyễn Văn An');
  return lines.join('\n');
}

type RealTask = { contains: string; lead: string[]; coordinators: string[]; deadline: Deadline };
type RealExpected = {
  file: string;
  document: { number: string | null; date: string | null; place?: string | null };
  tasks: RealTask[];
  optional_tasks?: string[];
  targets?: { contains: string; value: string; unit: string | null; year: number | null }[];
};

/** An agency's name compared as written: case, tone placement, "UBND" and punctuation aside. */
function agencyKey(name: string): string {
  return canonicalTones(norm(name.normalize('NFC')))
    .replace(/\bubnd\b/gu, 'ủy ban nhân dân')
    .replace(/\bmttq\b/gu, 'mặt trận tổ quốc')
    .replace(/^(?:giao|đề nghị|thủ trưởng|chủ tịch)\s+/u, '')
    .replace(/\s*\([^)]*\)\s*/gu, ' ')
    .replace(/[.,;:]+$/u, '')
    .replace(/\s+/g, ' ')
    .trim();
}

const haystack = (s: string) => canonicalTones(norm(s.normalize('NFC')));

function taskName(m: AgencyMention): string {
  return agencyKey(m.as_written);
}

/** Scores one real plan; returns its misses for `--show`. */
function evaluateReal(x: Extraction, e: RealExpected): string[] {
  const misses = compareDocument(['number', 'date'], e.document, x.document);
  const unmatched = [...x.tasks];
  const detection = score('tasks');
  for (const t of e.tasks) {
    const needle = haystack(t.contains);
    const i = unmatched.findIndex((u) => haystack(u.text).includes(needle));
    if (i < 0) {
      detection.fn++;
      score('tasks.lead').fn += t.lead.length;
      score('tasks.coordinators').fn += t.coordinators.length;
      score('tasks.deadline').fn++;
      misses.push(`MISSED task: ${t.contains}`);
      continue;
    }
    detection.tp++;
    const [found] = unmatched.splice(i, 1);
    if (!found) continue;
    const leads = found.lead.map(taskName);
    const before = score('tasks.lead').fn + score('tasks.lead').fp;
    compare('tasks.lead', t.lead.map(agencyKey), leads);
    if (score('tasks.lead').fn + score('tasks.lead').fp !== before)
      misses.push(
        `lead of "${t.contains}": want ${JSON.stringify(t.lead)} got ${JSON.stringify(found.lead.map((m) => m.as_written))}`,
      );
    compare('tasks.coordinators', t.coordinators.map(agencyKey), found.coordinators.map(taskName));
    const wantDeadline = JSON.stringify(t.deadline);
    const gotDeadline = JSON.stringify(found.deadline.deadline);
    compare('tasks.deadline', [wantDeadline], [gotDeadline]);
    if (wantDeadline !== gotDeadline)
      misses.push(`deadline of "${t.contains}": want ${wantDeadline} got ${gotDeadline}`);
  }
  // A task the annotation leaves open (named by no agency anywhere) is neither right nor wrong.
  for (const optional of e.optional_tasks ?? []) {
    const needle = haystack(optional);
    const i = unmatched.findIndex((u) => haystack(u.text).includes(needle));
    if (i >= 0) unmatched.splice(i, 1);
  }
  detection.fp += unmatched.length;
  for (const u of unmatched) misses.push(`EXTRA task: ${clip(u.text)}`);
  if (e.targets) {
    // Values as numbers ("12,5" and "05" as written; the parser's are numbers) and the milestone
    // year; units are written too freely in real plans to compare as text.
    const asNumber = (v: string) => Number(v.replace(/\./g, '').replace(',', '.'));
    compare(
      'targets',
      e.targets.map((t) => `${asNumber(t.value)}|${t.year}`),
      x.targets.map((t) => `${t.value}|${t.year}`),
    );
  }
  return misses;
}

const clip = (s: string) => {
  const one = s.replace(/\s+/g, ' ');
  return one.length > 140 ? `${one.slice(0, 140)}…` : one;
};

function printScores(title: string, of: Scores) {
  console.log(`\n${title}\nfield                  TP    FP    FN  precision  recall`);
  for (const [field, s] of of) {
    console.log(
      `${field.padEnd(20)} ${String(s.tp).padStart(4)}  ${String(s.fp).padStart(4)}  ${String(s.fn).padStart(4)}    ${pct(s.tp, s.tp + s.fp)}   ${pct(s.tp, s.tp + s.fn)}`,
    );
  }
}

async function realPlans(dir: AgencyDirectory, show: string | null) {
  if (!existsSync(REAL_PLANS)) {
    console.log(`\nReal plans: ${REAL_PLANS} is absent, skipped.`);
    return;
  }
  const pooled: Scores = new Map();
  console.log(`\nReal plans: ${REAL_PLANS}`);
  console.log(
    'document                               tasks  found  recall  lead recall  lead prec.  deadline',
  );
  const files = readdirSync(REAL_EXPECTED)
    .filter((f) => f.endsWith('.expected.json'))
    .sort();
  for (const f of files) {
    const e = JSON.parse(readFileSync(join(REAL_EXPECTED, f), 'utf8')) as RealExpected;
    const path = join(REAL_PLANS, e.file);
    if (!existsSync(path)) continue;
    scores = new Map();
    const source = await readSourceDocument(readFileSync(path), basename(path));
    const x = parsePlanDocument(source, dir, { today: TODAY });
    const misses = evaluateReal(x, e);
    const t = score('tasks');
    const l = score('tasks.lead');
    const d = score('tasks.deadline');
    console.log(
      `${e.file.padEnd(38)} ${String(e.tasks.length).padStart(5)}  ${String(x.tasks.length).padStart(5)}  ${pct(t.tp, t.tp + t.fn)}     ${pct(l.tp, l.tp + l.fn)}     ${pct(l.tp, l.tp + l.fp)}   ${pct(d.tp, d.tp + d.fn)}`,
    );
    if (show && e.file.startsWith(show)) for (const m of misses) console.log(`    ${m}`);
    for (const [field, s] of scores) {
      const p = pooled.get(field) ?? { tp: 0, fp: 0, fn: 0 };
      p.tp += s.tp;
      p.fp += s.fp;
      p.fn += s.fn;
      pooled.set(field, p);
    }
  }
  printScores('Real plans, pooled', pooled);
}

async function main() {
  const dir = await directory();
  const args = process.argv.slice(2);
  const showAt = args.indexOf('--show');
  const show = showAt >= 0 ? (args[showAt + 1] ?? null) : null;
  if (args.includes('--real') || show) {
    await realPlans(dir, show);
    return;
  }
  const files = readdirSync(CORPUS)
    .filter((f) => f.endsWith('.expected.json'))
    .sort();
  console.log('Importer benchmark');
  console.log(`Corpus: ${CORPUS}`);
  for (const f of files) {
    const e = JSON.parse(readFileSync(join(CORPUS, f), 'utf8')) as Expected;
    for (const doc of e.files) {
      const path = join(CORPUS, doc);
      const source = await readSourceDocument(readFileSync(path), basename(path));
      const started = performance.now();
      const x = parsePlanDocument(source, dir, { today: TODAY });
      const ms = performance.now() - started;
      evaluate(x, e);
      console.log(
        `  ${join(basename(dirname(path)), basename(path)).padEnd(58)} ${source.format.padEnd(5)} ${String(source.text.length).padStart(7)} chars  ${ms.toFixed(1).padStart(7)} ms`,
      );
    }
  }
  printScores('Synthetic corpus, pooled', scores);
  await realPlans(dir, null);

  const seed = readFileSync(join(CORPUS, '../ke-hoach-693-lang-son.txt'), 'utf8').normalize('NFC');
  const times: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t = performance.now();
    parsePlanDocument({ format: 'txt', text: seed, tables: [] }, dir, { today: TODAY });
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  console.log(
    `\nLạng Sơn plan (${seed.length} chars): first ${times.length} runs, median ${times[10]?.toFixed(1)} ms, min ${times[0]?.toFixed(1)} ms, max ${times[times.length - 1]?.toFixed(1)} ms`,
  );

  const big = generatedPlan(300);
  const bytes = Buffer.byteLength(big, 'utf8');
  const t = performance.now();
  const x = parsePlanDocument({ format: 'txt', text: big, tables: [] }, dir, { today: TODAY });
  const s = (performance.now() - t) / 1000;
  console.log(
    `Generated 300-page plan: ${(bytes / 1e6).toFixed(2)} MB, ${x.tasks.length} tasks, ${x.references.length} references, ${x.targets.length} targets in ${s.toFixed(2)} s = ${(bytes / 1e6 / s).toFixed(2)} MB/s`,
  );
}

await main();
