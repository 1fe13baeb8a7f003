// From the text of a Vietnamese plan document to its structure: header, legal basis, outline,
// objectives, targets, tasks with their agencies and deadlines, key projects, signer, recipients.
// Pure: no I/O; everything it knows of the province comes in the AgencyDirectory.
import type { SourceDocument } from '../../features/imports/readers/source-document.js';
import { parseDocumentNumber } from '../document-number.js';
import { canonicalTones } from '../vietnamese-text.js';
import { type AgencyDirectory, type AgencyMention, mentionFinder } from './agencies.js';
import { type FoundDeadline, findDeadline } from './deadlines.js';
import { explodeLayout, type Paragraph, type Span, splitParagraphs } from './paragraphs.js';
import { findProjects, type Project } from './projects.js';
import {
  collectReferences,
  findReferenceMentions,
  linkChain,
  type Reference,
} from './references.js';
import { findTargets, type Target } from './targets.js';
import { type Task, taskFromParagraph } from './tasks.js';

export const EXTRACTION_VERSION = 1 as const;

export type OutlineNode = {
  kind: 'roman' | 'number' | 'subnumber' | 'letter';
  /** Label as it reads in context: "II", "III.3", "2.1", "2.5.a". */
  label: string;
  title: string;
  source: Span;
  children: OutlineNode[];
};

export type Warning = { code: string; message: string; source?: Span };

export type Extraction = {
  version: number;
  document: {
    type: string | null;
    number: string | null;
    issuer: string | null;
    place: string | null;
    date: string | null;
    title: string | null;
    /** The numbers of the documents this plan implements directly (its chain starts there). */
    implements: string[];
    source: Span | null;
  };
  references: Reference[];
  outline: OutlineNode[];
  objectives: { label: string; title: string; section: string | null; source: Span }[];
  targets: Target[];
  tasks: Task[];
  projects: Project[];
  signer: { name: string | null; position: string | null; authority: string | null } | null;
  recipients: string[];
  warnings: Warning[];
};

const DOC_TYPES: [RegExp, string][] = [
  [/^kế hoạch$/iu, 'KH'],
  [/^quyết định$/iu, 'QĐ'],
  [/^nghị quyết$/iu, 'NQ'],
  [/^báo cáo$/iu, 'BC'],
  [/^chỉ thị$/iu, 'CT'],
  [/^chương trình(?: hành động)?$/iu, 'CTr'],
  [/^thông báo$/iu, 'TB'],
];

const OBJECTIVES_SECTION = /mục\s+tiêu/iu;
const TASKS_SECTION = /nhiệm\s+vụ|giải\s+pháp|tổ\s+chức\s+thực\s+hiện/iu;
const KEY_PROJECTS = /dự\s+án\s+trọng\s+điểm|công\s+trình\s+trọng\s+điểm|dự\s+án\s+quan\s+trọng/iu;
const RECIPIENTS = /^nơi\s+nhận\s*:?/iu;
const AUTHORITY = /^(?:TM|KT|TL|TUQ|Q|TK)\.\s*\S/u;
const DATE_LINE =
  /^(?<place>[\p{Lu}][\p{L} ]{1,40}),\s*ngày\s+(?<d>\d{1,2})\s+tháng\s+(?<m>\d{1,2})\s+năm\s+(?<y>\d{4})/u;
const NUMBER_LINE = /^Số\s*:\s*(\S+)/iu;
const UPPER = /^[^\p{Ll}]*\p{Lu}[^\p{Ll}]*$/u;
const NATIONAL_MOTTO =
  /^(?:CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM|ĐỘC LẬP\s*-\s*TỰ DO\s*-\s*HẠNH PHÚC)/iu;
const PREAMBLE = /^(?:căn cứ|thực hiện|theo|xét|triển khai|nhằm|để|trên cơ sở)(?!\p{L})/iu;

const clean = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * A numbered item that is a whole sentence ("1. Các sở, ban, ngành … báo cáo …") is both a node
 * and a task: the node gets the sentence's head as its title, the task the whole text.
 */
function headingTitle(content: string): string {
  const text = clean(content);
  // A heading (no full stop) is kept whole, however long.
  if (text.length <= 120 || !/[.;]\/?\.?$/u.test(text)) return text;
  const cut = text.slice(0, 100);
  return `${cut.slice(0, cut.lastIndexOf(' '))}…`;
}
const isHeading = (p: Paragraph) =>
  p.kind === 'roman' || p.kind === 'number' || p.kind === 'subnumber' || p.kind === 'letter';

function provinceOf(text: string, directory: AgencyDirectory): string | null {
  // The issuer's province: the one the text names most ("tỉnh Lạng Sơn").
  let best: { name: string; n: number } | null = null;
  for (const full of directory.provinceNames) {
    const name = full.replace(/^(Tỉnh|Thành phố)\s+/u, '');
    const n = text.split(name).length - 1;
    if (n > 0 && (!best || n > best.n)) best = { name, n };
  }
  return best?.name ?? null;
}

export type ParseOptions = { today: string };

export function parsePlanDocument(
  doc: SourceDocument,
  directory: AgencyDirectory,
  options: ParseOptions,
): Extraction {
  const text = canonicalTones(doc.text);
  const split = splitParagraphs(text);
  const romanAt = split.findIndex((p) => p.kind === 'roman');
  const tailAt = split.findIndex((p) => RECIPIENTS.test(p.content));
  // Header and signature laid out in tables come as single lines: split them back.
  const paragraphs = split.flatMap((p, i) =>
    i < romanAt || (tailAt >= 0 && i >= tailAt) ? explodeLayout(p, text) : [p],
  );
  const warnings: Warning[] = [];

  // Zones: header (before the first Roman heading), body, tail (from "Nơi nhận"), footnotes.
  const firstRoman = paragraphs.findIndex((p) => p.kind === 'roman');
  const recipientsAt = paragraphs.findIndex((p) => RECIPIENTS.test(p.content));
  const bodyEnd = recipientsAt >= 0 ? recipientsAt : paragraphs.length;
  const header = paragraphs.slice(0, Math.max(firstRoman, 0));

  // Header: type, subject, number, place and date, issuer.
  let type: string | null = null;
  let titleParts: Paragraph[] = [];
  let number: string | null = null;
  let place: string | null = null;
  let date: string | null = null;
  const issuerLines: string[] = [];
  let preamble: Paragraph | null = null;
  for (let i = 0; i < header.length; i++) {
    const p = header[i] as Paragraph;
    const line = clean(p.content);
    const n = NUMBER_LINE.exec(line);
    if (n) {
      number = n[1] ?? null;
      continue;
    }
    const d = DATE_LINE.exec(line);
    if (d?.groups) {
      place = clean(d.groups.place ?? '');
      const { d: day, m, y } = d.groups as { d: string; m: string; y: string };
      date = `${y}-${m.padStart(2, '0')}-${day.padStart(2, '0')}`;
      continue;
    }
    const t = DOC_TYPES.find(([re]) => re.test(line));
    if (t && !type) {
      type = t[1];
      // The subject follows: capitals in some documents, a sentence in others, up to the preamble.
      let j = i + 1;
      titleParts = [];
      while (j < header.length) {
        const next = header[j] as Paragraph;
        if (
          titleParts.length > 0 &&
          (PREAMBLE.test(next.content) ||
            (!UPPER.test(next.content) && UPPER.test((titleParts[0] as Paragraph).content)))
        )
          break;
        titleParts.push(next);
        j++;
        if (/[:.]$/u.test(next.content.trim())) break;
      }
      i = j - 1;
      continue;
    }
    if (!type && UPPER.test(line) && !NATIONAL_MOTTO.test(line)) issuerLines.push(line);
    else if (type && !preamble) preamble = p;
  }
  const title = titleParts.length > 0 ? clean(titleParts.map((p) => p.content).join(' ')) : null;
  const titleSpan =
    titleParts.length > 0
      ? {
          start: (titleParts[0] as Paragraph).start,
          end: (titleParts[titleParts.length - 1] as Paragraph).end,
        }
      : null;
  if (!type)
    warnings.push({
      code: 'not_a_plan',
      message: 'No document type line (KẾ HOẠCH, …) before the first section',
    });

  // Issuer: the header's agency lines, or the signature's authority with the province named most.
  const tail = paragraphs.slice(bodyEnd);
  const authorityLines = tail.filter((p) => AUTHORITY.test(p.content)).map((p) => clean(p.content));
  const province = provinceOf(text, directory);
  let issuer: string | null = null;
  if (issuerLines.length > 0) {
    // "ỦY BAN NHÂN DÂN / TỈNH CAO BẰNG" → "UBND tỉnh Cao Bằng".
    const joined = issuerLines.join(' ');
    const m = /^(?:ỦY|UỶ) BAN NHÂN DÂN\s+(TỈNH|THÀNH PHỐ|XÃ|PHƯỜNG)\s+(.+)$/u.exec(joined);
    const titleCase = (w: string) =>
      w
        .toLocaleLowerCase('vi')
        .replace(/(^|\s)(\p{Ll})/gu, (_c, sp: string, l: string) => sp + l.toLocaleUpperCase('vi'));
    issuer = m
      ? `UBND ${(m[1] as string).toLocaleLowerCase('vi')} ${titleCase(m[2] as string)}`
      : joined;
  } else if (authorityLines.some((l) => /ỦY BAN NHÂN DÂN/u.test(l)) && province) {
    issuer = `UBND tỉnh ${province}`;
    warnings.push({
      code: 'issuer_inferred',
      message: `Issuer inferred from the signature block and the text: ${issuer}`,
    });
  } else {
    warnings.push({ code: 'missing_issuer', message: 'The issuing authority could not be found' });
  }
  if (!number)
    warnings.push({
      code: 'missing_number',
      message: 'The document gives no number and symbol (Số: …/KH-…); fill it in before confirming',
    });
  if (!date)
    warnings.push({
      code: 'missing_date',
      message: 'The document gives no place and date line (…, ngày … tháng … năm …)',
    });

  // Legal basis: every numbered document, once; the chain from the title and the preamble.
  const mentions = findReferenceMentions(text);
  // The plan's own number ("Kèm theo Kế hoạch số 58/KH-UBND") is not a reference.
  const ownKey = number ? parseDocumentNumber(number)?.key : undefined;
  const references = collectReferences(mentions.filter((m) => m.key !== ownKey));
  const chainText = titleSpan ?? (preamble ? { start: preamble.start, end: preamble.end } : null);
  const implementsDirect = chainText
    ? linkChain(text.slice(chainText.start, chainText.end), chainText.start, mentions, references)
    : [];
  if (preamble) linkChain(preamble.content, preamble.contentStart, mentions, references);

  // Outline, objectives, targets, tasks, projects.
  const finder = mentionFinder(directory, options.today, date);
  const outline: OutlineNode[] = [];
  const stack: OutlineNode[] = [];
  const depth = { roman: 0, number: 1, subnumber: 2, letter: 3 } as const;
  const objectives: Extraction['objectives'] = [];
  const targets: Target[] = [];
  const tasks: Task[] = [];
  const projects: Project[] = [];
  let sawAppendixNote = false;

  const body = paragraphs
    .slice(Math.max(firstRoman, 0), bodyEnd)
    .filter((p) => p.kind !== 'footnote');
  for (const p of body) {
    if (isHeading(p)) {
      const kind = p.kind as OutlineNode['kind'];
      while (
        stack.length > 0 &&
        depth[(stack[stack.length - 1] as OutlineNode).kind] >= depth[kind]
      )
        stack.pop();
      const parent = stack[stack.length - 1];
      const raw = p.label ?? '';
      const label =
        kind === 'roman' || kind === 'subnumber' || !parent
          ? raw
          : kind === 'number'
            ? `${parent.label}.${raw}`
            : `${parent.label}.${raw}`;
      const node: OutlineNode = {
        kind,
        label,
        title: headingTitle(p.content),
        source: { start: p.start, end: p.end },
        children: [],
      };
      (parent ? parent.children : outline).push(node);
      stack.push(node);
      const roman = stack[0];
      if (roman && roman !== node && OBJECTIVES_SECTION.test(roman.title)) {
        objectives.push({
          label,
          title: node.title,
          section: parent?.label ?? null,
          source: node.source,
        });
      }
      // "1. Các sở, ban, ngành … báo cáo … trước ngày 31/12 hằng năm." is a numbered item, not a
      // heading: a full sentence. It labels a node and is read as that node's text too.
      // A lettered item ending its clause ("a) … đạt 100%;") is content whatever its length.
      const sentence = /[.;]\/?\.?$/u.test(p.content.trim());
      if (!(sentence && (p.content.length > 60 || kind === 'letter'))) continue;
    }
    const current = stack[stack.length - 1] ?? null;
    const roman = stack[0] ?? null;
    const section = current?.label ?? null;
    const keyProjects = stack.some((n) => KEY_PROJECTS.test(n.title));
    const found = findProjects(p, section, keyProjects);
    projects.push(...found);
    if (roman && OBJECTIVES_SECTION.test(roman.title)) {
      targets.push(...findTargets(p, section));
      continue;
    }
    if (roman && TASKS_SECTION.test(roman.title)) {
      if (/^\(?\s*chi tiết tại phụ lục/iu.test(p.content)) {
        sawAppendixNote = true;
        continue;
      }
      // A paragraph that lists key projects is the list, not a task of its own.
      if (keyProjects && found.length > 0) continue;
      const task = taskFromParagraph(p, section, finder, mentions);
      // Running text that gives no work to anyone and sets no deadline is a provision, not a task.
      if (p.kind === 'text' && task.lead.length === 0 && task.deadline.deadline.kind === 'none')
        continue;
      tasks.push(task);
    }
  }

  // Appendix tables: STT | Nội dung nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian | Sản phẩm.
  for (const table of doc.tables) tasks.push(...tasksFromTable(table, finder, text));
  if (sawAppendixNote && doc.tables.length === 0) {
    warnings.push({
      code: 'appendix_missing',
      message: 'The plan refers to an appendix that is not in this file; its tasks are missing',
    });
  }

  // Signer and recipients.
  const recipients: string[] = [];
  let signer: Extraction['signer'] = null;
  if (recipientsAt >= 0) {
    const after = paragraphs.slice(recipientsAt + 1).filter((p) => p.kind !== 'footnote');
    let i = 0;
    for (; i < after.length; i++) {
      const p = after[i] as Paragraph;
      if (AUTHORITY.test(p.content) || (UPPER.test(p.content) && !/^lưu/iu.test(p.content))) break;
      const item = clean(doc.text.slice(p.contentStart, p.end)).replace(/[;.,]$/u, '');
      if (item) recipients.push(item);
    }
    const signature = after.slice(i).map((p) => clean(doc.text.slice(p.contentStart, p.end)));
    const authority = signature.filter((l) => AUTHORITY.test(l));
    const position = signature.find((l) => !AUTHORITY.test(l) && UPPER.test(l)) ?? null;
    const name =
      signature.find(
        (l) => !UPPER.test(l) && /^(?:\p{Lu}\p{Ll}*\s+){1,5}\p{Lu}\p{Ll}*$/u.test(l),
      ) ?? null;
    if (authority.length > 0 || position || name) {
      signer = { name, position, authority: authority.length > 0 ? authority.join(' / ') : null };
    }
  }
  if (!signer?.name)
    warnings.push({ code: 'missing_signer', message: 'No signer found after the recipients' });

  // Matching ran on text with one tone placement; "as written" is what the document wrote.
  const written = (span: Span) => clean(doc.text.slice(span.start, span.end));
  for (const r of references) r.as_written = written(r.source);
  for (const t of tasks) for (const m of [...t.lead, ...t.coordinators]) m.as_written = written(m);

  for (const t of tasks) {
    if (t.lead.length === 0)
      warnings.push({
        code: 'task_without_lead',
        message: `No lead agency found: "${t.title.slice(0, 80)}"`,
        source: t.source,
      });
    for (const m of [...t.lead, ...t.coordinators]) {
      if (m.kind === 'choose') {
        warnings.push({
          code: 'agency_needs_choice',
          message: `"${m.as_written}" has ended (${m.reason}); choose who carries the task today`,
          source: { start: m.start, end: m.end },
        });
      }
    }
  }

  return {
    version: EXTRACTION_VERSION,
    document: {
      type,
      number,
      issuer,
      place,
      date,
      title,
      implements: implementsDirect,
      source: titleSpan,
    },
    references,
    outline,
    objectives,
    targets,
    tasks,
    projects,
    signer,
    recipients,
    warnings,
  };
}

const COLUMN_PATTERNS: [keyof Columns, RegExp][] = [
  ['code', /^(stt|tt|số\s+tt)$/iu],
  ['lead', /chủ\s+trì/iu],
  ['coordinators', /phối\s+hợp/iu],
  ['deadline', /thời\s+(gian|hạn)|tiến\s+độ|hoàn\s+thành/iu],
  ['output', /sản\s+phẩm|kết\s+quả/iu],
  ['content', /nội\s+dung|nhiệm\s+vụ|công\s+việc/iu],
];
type Columns = {
  code?: number;
  content?: number;
  lead?: number;
  coordinators?: number;
  deadline?: number;
  output?: number;
};

function cellDeadline(cell: { text: string; start: number; end: number }): FoundDeadline {
  const found = findDeadline(cell.text, cell.start);
  if (found.deadline.kind !== 'none') return found;
  const t = cell.text.trim();
  const source = { start: cell.start, end: cell.end };
  const dmY = /^(\d{1,2})\/(\d{1,2})\/((?:19|20)\d\d)$/u.exec(t);
  if (dmY) {
    const iso = `${dmY[3]}-${(dmY[2] as string).padStart(2, '0')}-${(dmY[1] as string).padStart(2, '0')}`;
    if (!Number.isNaN(Date.parse(iso)))
      return { deadline: { kind: 'date', date: iso }, as_written: t, source };
  }
  const y = /^(?:năm\s+)?((?:19|20)\d\d)$/iu.exec(t);
  if (y) return { deadline: { kind: 'year', year: Number(y[1]) }, as_written: t, source };
  if (/^(?:hằng|hàng)\s+năm$/iu.test(t))
    return { deadline: { kind: 'continuous' }, as_written: t, source };
  return found;
}

/**
 * The agencies a table cell lists ("Sở Xây dựng; UBND các phường"): each part separated by ";", ","
 * or a line break is a registry agency, a group, or, when nothing known matches, an unknown agency.
 */
function cellAgencies(
  cell: { text: string; start: number },
  finder: ReturnType<typeof mentionFinder>,
): AgencyMention[] {
  const out: AgencyMention[] = [];
  for (const part of cell.text.matchAll(/[^;\n]+/gu)) {
    const raw = part[0];
    const text = raw.trim();
    if (!text) continue;
    const start = cell.start + (part.index ?? 0) + (raw.length - raw.trimStart().length);
    const found = finder.find(text, start);
    if (found.length > 0) out.push(...found);
    else
      out.push({
        start,
        end: start + text.length,
        as_written: text.replace(/\s+/g, ' '),
        kind: 'unknown',
      });
  }
  return out;
}

function tasksFromTable(
  table: SourceDocument['tables'][number],
  finder: ReturnType<typeof mentionFinder>,
  text: string,
): Task[] {
  const [head, ...rows] = table.rows;
  if (!head) return [];
  const columns: Columns = {};
  head.forEach((cell, i) => {
    const hit = COLUMN_PATTERNS.find(
      ([key, re]) => columns[key] === undefined && re.test(cell.text),
    );
    if (hit) columns[hit[0]] = i;
  });
  if (columns.content === undefined || columns.lead === undefined) return [];
  const out: Task[] = [];
  let group: string | null = null;
  for (const row of rows) {
    const filled = row.filter((c) => c.text.trim().length > 0);
    const content = row[columns.content];
    const code = columns.code !== undefined ? row[columns.code] : undefined;
    const isGroup =
      filled.length <= 2 && (!content || !row[columns.lead]?.text.trim()) && filled.length > 0;
    if (isGroup) {
      group = clean(filled.map((c) => c.text).join(' '));
      continue;
    }
    if (!content?.text.trim()) continue;
    const lead = row[columns.lead];
    const coordinators = columns.coordinators !== undefined ? row[columns.coordinators] : undefined;
    const deadline = columns.deadline !== undefined ? row[columns.deadline] : undefined;
    const output = columns.output !== undefined ? row[columns.output] : undefined;
    const leadMentions = lead ? cellAgencies(lead, finder) : [];
    const coordinatorMentions: AgencyMention[] = [];
    const notes: string[] = [];
    if (coordinators) {
      for (const m of cellAgencies(coordinators, finder)) {
        if (m.kind === 'group' && m.group === 'related') notes.push(m.as_written);
        else if (
          !coordinatorMentions.some((c) => c.as_written === m.as_written) &&
          !leadMentions.some((l) => l.as_written === m.as_written)
        ) {
          coordinatorMentions.push(m);
        }
      }
    }
    const first = row[0] ?? content;
    const last = row[row.length - 1] ?? content;
    out.push({
      text: clean(content.text),
      title: clean(content.text).slice(0, 180),
      section: group
        ? `${group}${code?.text.trim() ? ` / ${code.text.trim()}` : ''}`
        : (code?.text.trim() ?? null),
      lead: leadMentions,
      coordinators: coordinatorMentions,
      coordination_note: notes.length > 0 ? notes.join('; ') : null,
      deadline: deadline
        ? cellDeadline({ text: deadline.text, start: deadline.start, end: deadline.end })
        : { deadline: { kind: 'none' }, as_written: '', source: null },
      output: output?.text.trim() ? clean(output.text) : null,
      source: { start: first.start, end: Math.min(last.end, text.length) },
    });
  }
  return out;
}
