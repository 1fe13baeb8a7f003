// Key projects: "dự án <Tên riêng>" items ("dự án Tuyến cao tốc … theo hình thức BOT; dự án …"), and
// in a key-project section the infrastructure named as a work ("kết cấu hạ tầng Khu công nghiệp
// VSIP", "hạ tầng phục vụ cửa khẩu thông minh").
import type { Span } from './paragraphs.js';

export type Project = {
  name: string;
  investment_form: string | null;
  section: string | null;
  source: Span;
};

/** A named project: "dự án" (not "các dự án") followed by a capitalised name. */
const NAMED = /(?<!các\s)(?<![\p{L}])[dD]ự án\s+(?=\p{Lu})/gu;
/** Where a project name ends. */
const NAME_END =
  /;|…|\.\.\.|\.(?=\s|$)|\s+kết nối với\s+(?=dự án)|\s+theo hình thức\s+|,\s+(?=các\s)|\s+\((?:sau đây|gọi tắt)/iu;
const FORM = /^\s+theo hình thức\s+([A-Z]{2,4}(?:\s*[-–]\s*[A-Z]{1,3})?)/u;
const WORK =
  /^(?:hoàn thành\s+|đầu tư\s+|xây dựng\s+)?((?:kết cấu\s+)?hạ tầng\s+(?!(?:trong|các|kinh tế|kỹ thuật)(?!\p{L}))[^,;.…]+)/iu;

const clean = (s: string) => s.replace(/\s+/g, ' ').trim();
const capitalise = (s: string) => s.charAt(0).toLocaleUpperCase('vi') + s.slice(1);

export function findProjects(
  p: { content: string; contentStart: number },
  section: string | null,
  inKeyProjectSection: boolean,
): Project[] {
  const out: Project[] = [];
  const text = p.content;
  for (const m of text.matchAll(NAMED)) {
    const nameStart = (m.index ?? 0) + m[0].length;
    const rest = text.slice(nameStart);
    const end = NAME_END.exec(rest);
    const raw = end ? rest.slice(0, end.index) : rest;
    const name = clean(raw);
    if (name.length < 4) continue;
    const form = end ? FORM.exec(rest.slice(end.index)) : null;
    out.push({
      name,
      investment_form: form?.[1] ?? null,
      section,
      source: {
        start: p.contentStart + nameStart,
        end: p.contentStart + nameStart + raw.trimEnd().length,
      },
    });
  }
  if (inKeyProjectSection) {
    // Clauses that name an infrastructure work, not already inside a named project.
    const clauses = [...text.matchAll(/[^;,.…]+/gu)];
    for (const c of clauses) {
      const lead = c[0].length - c[0].trimStart().length;
      const clauseStart = (c.index ?? 0) + lead;
      const w = WORK.exec(c[0].trimStart());
      if (!w) continue;
      const phrase = w[1] as string;
      const start = p.contentStart + clauseStart + (w[0].length - phrase.length);
      if (out.some((o) => start >= o.source.start && start < o.source.end)) continue;
      out.push({
        name: capitalise(clean(phrase)),
        investment_form: null,
        section,
        source: { start, end: start + phrase.trimEnd().length },
      });
    }
  }
  return out.sort((a, b) => a.source.start - b.source.start);
}
