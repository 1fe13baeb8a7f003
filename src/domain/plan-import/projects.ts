// Key projects: "dự án <Tên riêng>" items ("dự án Tuyến cao tốc … theo hình thức BOT; dự án …"),
// items that are a project ("- Dự án nâng cấp, mở rộng QL4A: hình thức đầu tư: PPP; tổng mức đầu
// tư khoảng 1.500 tỷ đồng."), whose name may start in lower case, and in a key-project section
// the infrastructure named as a work ("kết cấu hạ tầng Khu công nghiệp VSIP", "hạ tầng phục vụ
// cửa khẩu thông minh"). The investment form and total investment come from the usual wordings.
import type { Span } from './paragraphs.js';

export type Project = {
  name: string;
  investment_form: string | null;
  /** "tổng mức đầu tư khoảng 1.500 tỷ đồng" → { value: 1500, unit: "tỷ đồng" }. */
  total_investment: { value: number; unit: string } | null;
  section: string | null;
  source: Span;
};

/** A named project: "dự án" (not "các dự án") followed by a capitalised name. */
const NAMED = /(?<!các\s)(?<![\p{L}])[dD]ự án\s+(?=\p{Lu})/gu;
/**
 * An item that is a project: "Dự án"/"dự án" (or "Công trình") at its start, then its name, in
 * lower case too ("Dự án nâng cấp, mở rộng …"); not "Dự án này", "dự án được …".
 */
const ITEM =
  /^(?:[dD]ự án|[cC]ông trình)\s+(?!(?:này|đó|trên|được|đã|đang|sẽ|và|của|thuộc|nêu|theo|có|là|khi|nhóm|trọng điểm)(?!\p{L}))(?=\p{L})/u;
/** Where a project name ends. */
const NAME_END =
  /;|:|…|\.\.\.|\.(?=\s|$)|\s+kết nối với\s+(?=dự án)|\s+theo hình thức\s+|,\s+(?=(?:các|hình thức|tổng mức|tổng vốn|quy mô|thời gian|địa điểm|chủ đầu tư)\s)|\s+\((?:sau đây|gọi tắt)/iu;
const FORM = /^\s+theo hình thức\s+([A-Z]{2,4}(?:\s*[-–]\s*[A-Z]{1,3})?)/u;
/** "hình thức đầu tư: PPP", "theo hình thức BOT", "đầu tư theo phương thức PPP", "hình thức đầu tư công". */
const FORM_ANYWHERE =
  /(?:hình thức|phương thức)(?:\s+đầu tư)?\s*:?\s*(?:theo\s+)?(?:(?:hình thức|phương thức)\s+)?(?:(?:đối tác công tư\s*)?\(?([A-Z]{2,4}(?:\s*[-–]\s*[A-Z]{1,3})?)\)?(?![\p{L}\d])|(đầu tư công|đối tác công tư|xã hội hóa))/iu;
/** "tổng mức đầu tư khoảng 1.500 tỷ đồng", "tổng vốn đầu tư dự kiến: 2.300 tỷ đồng", "TMĐT 500 tỷ đồng". */
const TOTAL =
  /(?:tổng mức đầu tư|tổng vốn đầu tư|tổng vốn|TMĐT)(?:\s+(?:dự kiến|khoảng|ước tính|ước|là|trên|gần|sơ bộ))*\s*:?\s*(?:khoảng\s+|trên\s+|gần\s+)?(\d{1,3}(?:\.\d{3})*(?:,\d+)?)\s*((?:nghìn\s+)?tỷ\s+đồng|triệu\s+đồng|tỷ|triệu\s+USD|USD)/iu;

/** What a project item's lower-case name starts with when the item does not say it is a project otherwise. */
const PROJECT_WORK =
  /^(?:đầu tư|xây dựng|nâng cấp|mở rộng|cải tạo|sửa chữa|khôi phục|hiện đại hóa|di dời|đường|cầu|tuyến|kè|hồ chứa|khu|cụm|trụ sở|nhà máy|bệnh viện|trường)(?!\p{L})/iu;
const DETAILS = /hình thức|tổng mức đầu tư|tổng vốn|TMĐT|quy mô|chủ đầu tư/iu;

/** The start of a project item ("Dự án nâng cấp …"), or null. */
function projectItem(text: string, inKeyProjectSection: boolean): RegExpExecArray | null {
  const m = ITEM.exec(text);
  if (!m) return null;
  const name = text.slice(m[0].length);
  if (/^\p{Lu}/u.test(name) || inKeyProjectSection || PROJECT_WORK.test(name) || DETAILS.test(text))
    return m;
  return null;
}

function formIn(text: string): string | null {
  const m = FORM_ANYWHERE.exec(text);
  if (!m) return null;
  if (m[1]) return m[1].replace(/\s+/g, '');
  const words = (m[2] as string).toLocaleLowerCase('vi');
  return words === 'đối tác công tư' ? 'PPP' : words;
}

function totalIn(text: string): Project['total_investment'] {
  const m = TOTAL.exec(text);
  if (!m) return null;
  const value = Number((m[1] as string).replace(/\./g, '').replace(',', '.'));
  const unit = (m[2] as string).replace(/\s+/g, ' ').toLocaleLowerCase('vi');
  return { value, unit: unit === 'tỷ' ? 'tỷ đồng' : unit.replace('usd', 'USD') };
}

/**
 * Whether a paragraph is a project item ("- Dự án nâng cấp …: hình thức đầu tư: PPP …") rather
 * than a task: it starts with the project and assigns no work ("chủ trì", "giao", "phối hợp").
 * The task code skips such paragraphs, which findProjects reads.
 */
export function isProjectItem(p: { content: string }): boolean {
  return (
    projectItem(p.content.trimStart(), false) !== null &&
    !/chủ\s+trì|(?:^|\s)giao\s|phối\s+hợp|đề\s+nghị|có\s+trách\s+nhiệm/iu.test(p.content)
  );
}
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
  const leading = text.length - text.trimStart().length;
  const item = projectItem(text.slice(leading), inKeyProjectSection);
  const matches = [...text.matchAll(NAMED)];
  // A project item whose name starts in lower case: the item itself is the first match.
  if (item && !matches.some((m) => (m.index ?? 0) === leading)) {
    const m = Object.assign([item[0]], { index: leading }) as unknown as RegExpExecArray;
    matches.unshift(m);
  }
  for (const m of matches) {
    const nameStart = (m.index ?? 0) + m[0].length;
    const rest = text.slice(nameStart);
    const end = NAME_END.exec(rest);
    const raw = end ? rest.slice(0, end.index) : rest;
    const name = capitalise(clean(raw));
    if (name.length < 4) continue;
    const form = end ? FORM.exec(rest.slice(end.index)) : null;
    // Its details run to the next project named in the paragraph.
    const next = matches.find((n) => (n.index ?? 0) > (m.index ?? 0));
    const details = end
      ? rest.slice(end.index, next ? (next.index ?? 0) - nameStart : undefined)
      : '';
    out.push({
      name,
      investment_form: form?.[1] ?? formIn(details),
      total_investment: totalIn(details),
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
        total_investment: null,
        section,
        source: { start, end: start + phrase.trimEnd().length },
      });
    }
  }
  return out.sort((a, b) => a.source.start - b.source.start);
}
