// From the text of a Vietnamese plan document to its structure: header, legal basis, outline,
// objectives, targets, tasks with their agencies and deadlines, key projects, signer, recipients.
// Pure: no I/O; everything it knows of the province comes in the AgencyDirectory.
import type { SourceDocument } from '../../features/imports/readers/source-document.js';
import { parseDocumentNumber } from '../document-number.js';
import { canonicalTones } from '../vietnamese-text.js';
import { type AgencyDirectory, type AgencyMention, mentionFinder } from './agencies.js';
import { agencyHeading } from './agency-headings.js';
import { cellAgencies, mentionsOfPieces, opensAgency } from './agency-names.js';
import { type FoundDeadline, findDeadline } from './deadlines.js';
import { inlineFields, type LabelledLine, labelledLine } from './labelled-blocks.js';
import { explodeLayout, type Paragraph, type Span, splitParagraphs } from './paragraphs.js';
import { findProjects, isProjectItem, type Project } from './projects.js';
import {
  collectReferences,
  findReferenceMentions,
  linkChain,
  type Reference,
} from './references.js';
import { findTargets, outlineYear, type Target } from './targets.js';
import { type Task, taskFromParagraph } from './tasks.js';
import { textTables } from './text-tables.js';

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
/** The closing paragraphs of a plan: what remains to say once the tasks are given. */
const CLOSING = [
  /^trên\s+đây\s+là\s/iu,
  /^trong\s+quá\s+trình[^,.]{0,80},\s*nếu\s+có\s/iu,
  /(?:nghiêm\s+túc|khẩn\s+trương)\s+(?:triển\s+khai|tổ\s+chức)?\s*thực\s+hiện[^.]{0,40}\.\/\.$/iu,
];
/** A paragraph that introduces a list of parts or examples, not of tasks. */
const ENUMERATION = /(?:\bgồm|\bnhư)\s*:$/iu;
const PURPOSE_SECTION =
  /mục\s+đích|yêu\s+cầu|căn\s+cứ|sự\s+cần\s+thiết|đánh\s+giá\s+(?:tình\s+hình|kết\s+quả)/iu;
const KEY_PROJECTS = /dự\s+án\s+trọng\s+điểm|công\s+trình\s+trọng\s+điểm|dự\s+án\s+quan\s+trọng/iu;
const RECIPIENTS = /^nơi\s+nhận\s*:?/iu;
const AUTHORITY = /^(?:TM|KT|TL|TUQ|Q|TK)\.\s*\S/u;
const DATE_LINE =
  /^(?<place>[\p{Lu}][\p{L} ]{1,40}),\s*ngày\s+(?<d>\d{1,2})\s+tháng\s+(?<m>\d{1,2})\s+năm\s+(?<y>\d{4})/u;
const NUMBER_LINE = /^Số\s*:?\s*(\d\S*)/iu;
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
    // A PDF puts the number and the place and date, side by side in the letterhead, on one line:
    // "Số: 141/KH-UBND Bắc Ninh, ngày 20 tháng 11 năm 2025".
    const rest = n ? line.slice(n[0].length).trim() : line;
    if (n) {
      number = n[1] ?? null;
      if (!DATE_LINE.test(rest)) continue;
    }
    const d = DATE_LINE.exec(rest);
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

  // Tables: the reader's own, and those written as " | " rows in the text; their rows are read as
  // table rows, not as paragraphs.
  const tables = [...doc.tables, ...textTables(text, doc.tables)];
  const inTable = (p: Paragraph) => tables.some((t) => p.start >= t.start && p.start < t.end);
  const body = paragraphs
    .slice(Math.max(firstRoman, 0), bodyEnd)
    .filter((p) => p.kind !== 'footnote' && !inTable(p));

  // Under an agency heading ("1. Công an tỉnh"), every task is that agency's until the next heading
  // of the same or a higher level.
  let agency: { depth: number; lead: AgencyMention[]; request: boolean } | null = null;
  // Tasks a labelled block ("Đơn vị chủ trì: …") would complete: those since the last block or
  // heading; and running text that names no agency, a task only if such a block follows it.
  let open: Task[] = [];
  let provisional: Task[] = [];
  let blockDone = false;
  let listGoesOn: 'lead' | 'coordinators' | null = null;
  const resetBlock = () => {
    open = [];
    provisional = [];
    blockDone = false;
  };
  // A heading that only titles what follows ("1. Rà soát quy hoạch thủy lợi"): when a labelled
  // block naming who leads comes straight after it, the heading itself is the task.
  let titledBy: { p: Paragraph; section: string } | null = null;
  const addTask = (task: Task) => {
    titledBy = null;
    if (blockDone) resetBlock();
    if (agency) underAgency(task, agency);
    open.push(task);
    tasks.push(task);
  };
  const applyLabelled = (l: LabelledLine, p: Paragraph, section: string | null) => {
    if (l.field === 'header') return;
    if (l.field === 'task') {
      resetBlock();
      if (l.value)
        addTask(
          taskFromParagraph(
            { content: l.value, contentStart: l.valueStart, start: p.start, end: p.end },
            section,
            finder,
            mentions,
          ),
        );
      return;
    }
    for (const t of provisional) {
      if (agency) underAgency(t, agency);
      tasks.push(t);
      open.push(t);
    }
    provisional = [];
    if (open.length === 0 && titledBy && l.field === 'lead') {
      const { p: heading, section: headingSection } = titledBy;
      addTask(
        taskFromParagraph(
          {
            content: heading.content,
            contentStart: heading.contentStart,
            start: heading.start,
            end: heading.end,
          },
          headingSection,
          finder,
          mentions,
        ),
      );
    }
    if (open.length === 0) return;
    blockDone = true;
    // A list of agencies a line break cut ("Đơn vị phối hợp: Sở X,\nSở Y."): the next line goes on.
    listGoesOn =
      (l.field === 'lead' || l.field === 'coordinators') && !/[.;]$/u.test(l.value)
        ? l.field
        : null;
    const cell = { text: l.value, start: l.valueStart, end: l.valueStart + l.value.length };
    for (const t of open) {
      if (l.field === 'lead') {
        const lead = cellAgencies(cell, finder);
        if (lead.length > 0) {
          t.lead = lead;
          t.coordinators = t.coordinators.filter((c) => !sameWritten(lead, c));
        }
      } else if (l.field === 'coordinators') {
        const { coordinators, notes } = splitCoordinators(cellAgencies(cell, finder), t.lead);
        t.coordinators = coordinators;
        t.coordination_note = notes.length > 0 ? notes.join('; ') : null;
      } else if (l.field === 'deadline') {
        const found = cellDeadline(cell);
        if (found.deadline.kind !== 'none' || t.deadline.deadline.kind === 'none')
          t.deadline = found;
      } else if (l.field === 'output' && l.value) {
        t.output = clean(l.value);
      }
    }
  };

  let enumeration = false;
  for (let bi = 0; bi < body.length; bi++) {
    const p = body[bi] as Paragraph;
    if (p.kind !== 'bullet') enumeration = false;
    const goesOn: 'lead' | 'coordinators' | null = listGoesOn;
    listGoesOn = null;
    if (goesOn && p.kind === 'text' && p.content.length < 200 && opensAgency(p.content)) {
      const more = cellAgencies({ text: p.content, start: p.contentStart }, finder);
      for (const t of open) {
        if (goesOn === 'lead') t.lead.push(...more.map((m) => ({ ...m })));
        else {
          const split = splitCoordinators(more, [...t.lead, ...t.coordinators]);
          t.coordinators.push(...split.coordinators);
        }
      }
      if (!/[.;]$/u.test(p.content.trim())) listGoesOn = goesOn;
      continue;
    }
    const inTasks =
      agency !== null || Boolean(stack[0] && TASKS_SECTION.test((stack[0] as OutlineNode).title));
    const objectivesHere = Boolean(stack[0] && OBJECTIVES_SECTION.test(stack[0].title));
    if (!objectivesHere && (p.kind === 'bullet' || p.kind === 'text' || p.kind === 'letter')) {
      const l = labelledLine(p.content, p.contentStart);
      // Outside a section of tasks, a labelled block still is one when it names who carries it.
      const block =
        l !== null &&
        (inTasks ||
          body
            .slice(bi, bi + 4)
            .some((q) =>
              /^(?:lead|coordinators|header)$/u.test(labelledLine(q.content, 0)?.field ?? ''),
            ));
      if (l && block) {
        applyLabelled(l, p, stack[stack.length - 1]?.label ?? null);
        continue;
      }
    }
    let itemUnderAgency = false;
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
      if (agency && depth[kind] <= agency.depth) agency = null;
      resetBlock();
      // Agency headings make a section of tasks whatever its title ("II. NỘI DUNG THỰC HIỆN").
      if (roman && !OBJECTIVES_SECTION.test(roman.title) && kind !== 'roman') {
        const next = body[bi + 1];
        const followed =
          next !== undefined &&
          (next.kind === 'bullet' ||
            next.kind === 'text' ||
            (isHeading(next) && depth[next.kind as OutlineNode['kind']] > depth[kind]));
        const heading = agencyHeading(p.content, followed);
        if (heading) {
          agency = {
            depth: depth[kind],
            lead: mentionsOfPieces(p.content, p.contentStart, heading.pieces, finder),
            request: heading.request,
          };
          // "3. Sở Tư pháp: chủ trì …" is a task; "3. Sở Tư pháp: thực hiện các nhiệm vụ sau:" is not.
          if (heading.rest && !/:\s*$/u.test(heading.rest.text))
            addTask(
              taskFromParagraph(
                {
                  content: heading.rest.text,
                  contentStart: p.contentStart + heading.rest.start,
                  start: p.start,
                  end: p.end,
                },
                label,
                finder,
                mentions,
              ),
            );
          continue;
        }
      }
      // "1. Các sở, ban, ngành … báo cáo … trước ngày 31/12 hằng năm." is a numbered item, not a
      // heading: a full sentence. It labels a node and is read as that node's text too.
      // A lettered item ending its clause ("a) … đạt 100%;") is content whatever its length.
      // Under an agency heading, an item that is more than a short topic is that agency's task.
      const sentence = /[.;]\/?\.?$/u.test(p.content.trim());
      itemUnderAgency =
        agency !== null && depth[kind] > agency.depth && (sentence || p.content.length > 60);
      // A numbered item too long for a title is content even when a line break cut its full stop.
      const content =
        (sentence && (p.content.length > 60 || kind === 'letter')) || p.content.length > 150;
      if (!content && !itemUnderAgency) {
        titledBy = kind === 'roman' ? null : { p, section: label };
        continue;
      }
    }
    titledBy = null;
    const current = stack[stack.length - 1] ?? null;
    const roman = stack[0] ?? null;
    const section = current?.label ?? null;
    const keyProjects = stack.some((n) => KEY_PROJECTS.test(n.title));
    const found = findProjects(p, section, keyProjects);
    projects.push(...found);
    if (roman && OBJECTIVES_SECTION.test(roman.title)) {
      targets.push(...findTargets(p, section, outlineYear(stack.map((n) => n.title))));
      continue;
    }
    // Closing formulas ("Trên đây là Kế hoạch …", "Trong quá trình thực hiện, nếu có khó khăn …")
    // and the items of an enumeration ("… bao gồm:", "… như:") are not tasks.
    const enumerated = p.kind === 'bullet' && enumeration;
    if (p.kind !== 'bullet') enumeration = ENUMERATION.test(p.content.trim());
    if (enumerated || CLOSING.some((re) => re.test(p.content.trim()))) continue;
    // Other sections ("KINH PHÍ THỰC HIỆN", "NỘI DUNG, PHƯƠNG ÁN TRIỂN KHAI") assign work too: the
    // sentences whose subject is an agency. The purpose and requirements only describe.
    if (
      !agency &&
      roman &&
      !TASKS_SECTION.test(roman.title) &&
      !PURPOSE_SECTION.test(roman.title)
    ) {
      const task = taskFromParagraph(p, section, finder, mentions);
      if (task.lead.length > 0 && task.lead[0] && task.lead[0].start - p.contentStart <= 16)
        addTask(task);
      continue;
    }
    if (agency || (roman && TASKS_SECTION.test(roman.title))) {
      if (/^\(?\s*chi tiết tại phụ lục/iu.test(p.content)) {
        sawAppendixNote = true;
        continue;
      }
      // A paragraph that lists key projects is the list, not a task of its own.
      if (found.length > 0 && (keyProjects || isProjectItem(p))) continue;
      const inline = inlineFields(p.content, p.contentStart);
      if (inline) {
        resetBlock();
        addTask(
          taskFromParagraph(
            {
              content: inline.task.text,
              contentStart: inline.task.start,
              start: p.start,
              end: p.end,
            },
            section,
            finder,
            mentions,
          ),
        );
        for (const f of inline.fields) applyLabelled(f, p, section);
        continue;
      }
      const task = taskFromParagraph(p, section, finder, mentions);
      // Running text that names no agency is a provision, not a task, whatever period it cites;
      // unless an agency heading above or a labelled block below gives it one.
      if (p.kind === 'text' && task.lead.length === 0 && !agency) {
        provisional.push(task);
        continue;
      }
      addTask(task);
    }
  }

  // Appendix tables: STT | Nội dung nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian | Sản phẩm.
  // An appendix row often restates a task of the body that names no agency: the row, which says
  // who carries it, stands for both.
  const key = (t: string) =>
    clean(t)
      .toLocaleLowerCase('vi')
      .replace(/[.;:,]+$/u, '');
  // Keys computed once: a long plan has thousands of tasks and rows.
  const unassigned = new Map(tasks.filter((t) => t.lead.length === 0).map((t) => [t, key(t.text)]));
  const twins = new Set<Task>();
  for (const table of tables) {
    for (const row of tasksFromTable(table, finder, text)) {
      const k = key(row.text);
      if (k.length >= 25) {
        for (const [t, tk] of unassigned) {
          if (tk === k || tk.startsWith(k) || (tk.includes(k) && tk.length < k.length * 1.5)) {
            twins.add(t);
            unassigned.delete(t);
            break;
          }
        }
      }
      tasks.push(row);
    }
  }
  if (twins.size > 0) {
    const kept = tasks.filter((t) => !twins.has(t));
    tasks.length = 0;
    tasks.push(...kept);
  }
  if (sawAppendixNote && tables.length === 0) {
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
  ['lead', /chủ\s+trì|(?:cơ\s+quan|đơn\s+vị)\s+thực\s+hiện/iu],
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

/** A cell that reads as a column's title, whole: "Đơn vị phối hợp", "Thời gian thực hiện". */
const headerWord = (cell: string) =>
  /^(?:stt|tt|nội\s+dung(?:\s+nhiệm\s+vụ)?|(?:tên\s+)?nhiệm\s+vụ(?:,\s*giải\s+pháp)?|(?:cơ\s+quan|đơn\s+vị)\s+(?:chủ\s+trì|phối\s+hợp|thực\s+hiện)|chủ\s+trì|phối\s+hợp|thời\s+(?:gian|hạn)(?:\s+(?:thực\s+hiện|hoàn\s+thành))?|sản\s+phẩm(?:\s+đầu\s+ra)?)$/iu.test(
    cell.trim(),
  );

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

const sameWritten = (list: readonly AgencyMention[], m: AgencyMention) =>
  list.some((x) => x.as_written.toLocaleLowerCase('vi') === m.as_written.toLocaleLowerCase('vi'));

/** A cell's coordinators: related-agency groups go to the note, and no lead is its own coordinator. */
function splitCoordinators(found: readonly AgencyMention[], lead: readonly AgencyMention[]) {
  const coordinators: AgencyMention[] = [];
  const notes: string[] = [];
  for (const m of found) {
    if (m.kind === 'group' && m.group === 'related') notes.push(m.as_written);
    else if (!sameWritten(coordinators, m) && !sameWritten(lead, m)) coordinators.push(m);
  }
  return { coordinators, notes };
}

/**
 * A task under an agency heading is that agency's, unless it names its own subject first ("Giao
 * Sở X …" under "Các sở, ngành"); the heading's agencies are not its coordinators.
 */
function underAgency(
  task: Task,
  agency: { lead: readonly AgencyMention[]; request: boolean },
): void {
  const own = task.lead[0];
  // A group ("các doanh nghiệp …") is less precise than the heading above it.
  const subjectFirst =
    own !== undefined &&
    own.start - task.source.start <= 16 &&
    !/^(?:các|mỗi)\s/iu.test(own.as_written);
  if (!subjectFirst) task.lead = agency.lead.map((m) => ({ ...m }));
  task.coordinators = task.coordinators.filter((c) => !sameWritten(task.lead, c));
  if (agency.request) task.request = true;
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
    // A group row: a title alone ("I. …", "A | PHÁT TRIỂN …"), or one text repeated across merged cells.
    const others = filled.filter((c) => c !== code).map((c) => clean(c.text));
    const isGroup =
      (filled.length <= 2 && (!content || !row[columns.lead]?.text.trim()) && filled.length > 0) ||
      (others.length > 1 && others.every((t) => t === others[0]));
    if (isGroup) {
      group = clean(filled.map((c) => c.text).join(' '));
      continue;
    }
    if (!content?.text.trim()) continue;
    // The header repeated inside the table (a new page, a new part).
    if (row.filter((c) => c.text.length < 40 && headerWord(c.text)).length >= 2) continue;
    const lead = row[columns.lead];
    const coordinators = columns.coordinators !== undefined ? row[columns.coordinators] : undefined;
    const deadline = columns.deadline !== undefined ? row[columns.deadline] : undefined;
    const output = columns.output !== undefined ? row[columns.output] : undefined;
    const leadMentions = lead ? cellAgencies(lead, finder) : [];
    const split = coordinators
      ? splitCoordinators(cellAgencies(coordinators, finder), leadMentions)
      : { coordinators: [], notes: [] };
    const coordinatorMentions = split.coordinators;
    const notes = split.notes;
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
