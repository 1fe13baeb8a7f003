// Tasks: paragraphs and appendix rows that give work to agencies, in the shapes Vietnamese plans use:
// "X chủ trì, phối hợp với Y …", "Giao X …", "X: chủ trì tham mưu …", "X có trách nhiệm …",
// "Đề nghị X …", groups ("Các sở, ban, ngành", "UBND các huyện, thành phố") as subjects.
import { type AgencyMention, type MentionFinder, todaysAgency } from './agencies.js';
import { type FoundDeadline, findDeadline } from './deadlines.js';
import type { Span } from './paragraphs.js';

export type Task = {
  text: string;
  title: string;
  section: string | null;
  lead: AgencyMention[];
  coordinators: AgencyMention[];
  /** Coordination the plan leaves general: "các đơn vị liên quan". */
  coordination_note: string | null;
  deadline: FoundDeadline;
  output: string | null;
  source: Span;
};

const SUBJECT_PREFIX = /^\s*(?:giao(?:\s+cho)?|đề\s+nghị|yêu\s+cầu)\s+/iu;
const SEPARATOR = /^\s*(?:,|;|và|với|,\s*và)?\s*/u;
const COORDINATE = /phối\s+hợp(?:\s+chặt\s+chẽ)?(?:\s+với)?\s+/giu;
const LEADS = /^\s*(?:,\s*)?(?::|chủ\s+trì|có\s+trách\s+nhiệm)/iu;

const clean = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Words that open an agency's name, and the verbs that end it. */
const UNKNOWN_SUBJECT =
  /^((?:Sở|Ban|Văn phòng|Công an|Bộ Chỉ huy|Thanh tra|Trung tâm|Ủy ban|UBND|Đài|Báo|Kho bạc|Cục|Chi cục|Công ty|Tổng công ty|Tập đoàn|Ngân hàng|Hội|Liên minh|Trường)\s+\p{L}[\p{L}\s&-]{1,80}?)(?=\s*(?:[,:;]|chủ trì|phối hợp|có trách nhiệm|chủ động|tham mưu|đẩy nhanh|tổ chức|rà soát|theo dõi|hướng dẫn|triển khai|tăng cường|bố trí|căn cứ|thực hiện|khẩn trương|nghiên cứu)(?!\p{L}))/u;

/** Consecutive mentions from `from` on, separated by commas or "và". */
function runOfMentions(
  text: string,
  textStart: number,
  from: number,
  mentions: readonly AgencyMention[],
): AgencyMention[] {
  const run: AgencyMention[] = [];
  let cursor = from;
  for (;;) {
    const gap = SEPARATOR.exec(text.slice(cursor - textStart));
    const at = cursor + (gap?.[0].length ?? 0);
    const next = mentions.find((m) => m.start === at);
    if (!next) return run;
    run.push(next);
    cursor = next.end;
  }
}

function sameAgency(a: AgencyMention, b: AgencyMention): boolean {
  const ta = todaysAgency(a);
  return (
    (ta !== null && ta === todaysAgency(b)) ||
    a.as_written.toLocaleLowerCase('vi') === b.as_written.toLocaleLowerCase('vi')
  );
}

function title(text: string): string {
  const first = clean(text).split(/(?<=[.;])\s/u)[0] ?? '';
  if (first.length <= 180) return first.replace(/[.;]$/, '');
  const cut = first.slice(0, 180);
  return `${cut.slice(0, cut.lastIndexOf(' '))}…`;
}

/** Leads and coordinators of one piece of text (a paragraph, or an appendix row's cells). */
export function assignment(text: string, textStart: number, finder: MentionFinder) {
  const mentions = finder.find(text, textStart);
  const prefix = SUBJECT_PREFIX.exec(text);
  const subjectAt = prefix?.[0].length ?? 0;
  let lead = runOfMentions(text, textStart, textStart + subjectAt, mentions);
  if (lead.length === 0) {
    // An agency the registry does not know, in subject position: report it rather than lose it.
    const unknown = UNKNOWN_SUBJECT.exec(text.slice(subjectAt));
    if (unknown) {
      const written = unknown[1] as string;
      const start = textStart + subjectAt;
      const m: AgencyMention = {
        start,
        end: start + written.length,
        as_written: clean(written),
        kind: 'unknown',
      };
      mentions.push(m);
      lead = [m];
    }
  }
  if (lead.length === 0) {
    // "…, Sở X chủ trì, …" later in the sentence.
    const chairing = mentions.find(
      (m) =>
        LEADS.test(text.slice(m.end - textStart)) &&
        /chủ\s+trì/iu.test(text.slice(m.end - textStart, m.end - textStart + 12)),
    );
    if (chairing) lead = [chairing];
  }
  const coordinators: AgencyMention[] = [];
  const notes: string[] = [];
  for (const c of text.matchAll(COORDINATE)) {
    const from = textStart + (c.index ?? 0) + c[0].length;
    for (const m of runOfMentions(text, textStart, from, mentions)) {
      if (m.kind === 'group' && m.group === 'related') {
        notes.push(m.as_written);
        continue;
      }
      if (lead.some((l) => sameAgency(l, m)) || coordinators.some((x) => sameAgency(x, m)))
        continue;
      coordinators.push(m);
    }
  }
  // A related-agencies group as the subject is not a lead ("Các cơ quan liên quan …").
  lead = lead.filter((l) => !(l.kind === 'group' && l.group === 'related'));
  return { lead, coordinators, coordination_note: notes.length > 0 ? notes.join('; ') : null };
}

export function taskFromParagraph(
  p: { content: string; contentStart: number; start: number; end: number },
  section: string | null,
  finder: MentionFinder,
  referenceSpans: readonly Span[] = [],
): Task {
  const a = assignment(p.content, p.contentStart, finder);
  return {
    text: clean(p.content),
    title: title(p.content),
    section,
    ...a,
    deadline: findDeadline(p.content, p.contentStart, referenceSpans),
    output: null,
    source: { start: p.start, end: p.end },
  };
}
