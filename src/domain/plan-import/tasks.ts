// Tasks: paragraphs and appendix rows that give work to agencies, in the shapes Vietnamese plans use:
// "X chủ trì, phối hợp với Y …", "Giao X …", "X: chủ trì tham mưu …", "X có trách nhiệm …",
// "Đề nghị X …", groups ("Các sở, ban, ngành", "UBND các huyện, thành phố") as subjects.
import { type AgencyMention, type MentionFinder, todaysAgency } from './agencies.js';
import { agencyNamesAt, mentionsOfPieces, opensAgency, startsWithVerb } from './agency-names.js';
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
  /** Asked of a body the plan cannot order ("Đề nghị Ủy ban MTTQ …"): the lead is a request. */
  request?: true;
};

const SUBJECT_PREFIX = /^\s*(?:giao(?:\s+cho)?|đề\s+nghị|yêu\s+cầu|khuyến\s+khích)\s+/iu;
/** An opening clause before the subject: "Căn cứ …, ", "Trên cơ sở …, ". */
const INTRO =
  /^(?:căn\s+cứ|trên\s+cơ\s+sở|theo|để|nhằm|thực\s+hiện|sau\s+khi|trong|đối\s+với|về|định\s+kỳ|hằng\s+năm|hàng\s+năm)(?![\p{L}])/iu;
const SEPARATOR = /^\s*(?:,|;|và|với|,\s*và)?\s*/u;
const COORDINATE = /phối\s+hợp(?:\s+chặt\s+chẽ)?(?:\s+với)?\s+/giu;
const LEADS = /^\s*(?:,\s*)?(?::|chủ\s+trì|có\s+trách\s+nhiệm)/iu;

const clean = (s: string) => s.replace(/\s+/g, ' ').trim();

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

/** Does `a` name more (more agencies, or reaching further) than `b`? */
function widerThan(a: readonly AgencyMention[], b: readonly AgencyMention[]): boolean {
  if (b.length === 0) return true;
  if (a.length !== b.length) return a.length > b.length;
  return (a[a.length - 1] as AgencyMention).end > (b[b.length - 1] as AgencyMention).end;
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
  // The names in subject position as written, known or not ("Sở X, Báo Y, Đài Z phối hợp"):
  // kept when they say more than the registry's matches (more names, or longer ones).
  const named = mentionsOfPieces(text, textStart, agencyNamesAt(text, subjectAt), finder);
  if (named.length > 0 && widerThan(named, lead)) {
    lead = named;
    for (const m of named) {
      for (let i = mentions.length - 1; i >= 0; i--) {
        const x = mentions[i] as AgencyMention;
        if (x.start < m.end && x.end > m.start) mentions.splice(i, 1);
      }
      mentions.push(m);
    }
    mentions.sort((a, b) => a.start - b.start);
  }
  if (lead.length === 0 && INTRO.test(text.slice(subjectAt))) {
    // "Căn cứ Kế hoạch này, các sở, ban, ngành … xây dựng …": the subject after the opening clause.
    for (const comma of text.slice(0, 240).matchAll(/,\s+/gu)) {
      let at = (comma.index ?? 0) + comma[0].length;
      at += SUBJECT_PREFIX.exec(text.slice(at))?.[0].length ?? 0;
      if (!opensAgency(text.slice(at))) continue;
      const pieces = agencyNamesAt(text, at);
      const last = pieces[pieces.length - 1];
      if (!last || !startsWithVerb(text.slice(last.end).replace(/^[\s,]+/u, ''))) continue;
      lead = mentionsOfPieces(text, textStart, pieces, finder);
      for (const m of lead) {
        for (let i = mentions.length - 1; i >= 0; i--) {
          const x = mentions[i] as AgencyMention;
          if (x.start < m.end && x.end > m.start) mentions.splice(i, 1);
        }
        mentions.push(m);
      }
      mentions.sort((a, b) => a.start - b.start);
      break;
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
    const run = runOfMentions(text, textStart, from, mentions);
    const named = mentionsOfPieces(text, textStart, agencyNamesAt(text, from - textStart), finder);
    for (const m of named.length > 0 && widerThan(named, run) ? named : run) {
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
