// Agency names the registry may not know, read from the way Vietnamese plans write them: a word
// that opens a name ("Sở", "Ban Quản lý", "Công an", "Báo", "Đài", "Các doanh nghiệp" …), then the
// name's words up to the verb that follows a subject ("chủ trì", "phối hợp", "triển khai" …).
// Every province's plans name agencies its own registry may lack (another province's newspaper,
// a project board): we keep them whole, as written, rather than lose them.
import type { AgencyMention, MentionFinder } from './agencies.js';
import type { Span } from './paragraphs.js';

const W = String.raw`(?![\p{L}\d])`;

/** Openers that are a name only when a capitalised word (or an abbreviation) follows: "Ban Quản lý", not "Ban hành". */
const SHORT_OPENERS = `(?:Sở|Ban|Hội|Báo|Đài|Cục|Quỹ|Đoàn|Viện|Bộ|Trường|Phòng|Khu|Học viện|Đại học)`;
/** Openers that are a name whatever follows: "Công an tỉnh", "Ủy ban nhân dân xã". */
const LONG_OPENERS = `(?:Báo và Phát thanh|Công an|Ủy ban|UBND|HĐND|Hội đồng nhân dân|Văn phòng|Thanh tra(?!s*,)|Trung tâm|Kho bạc|Chi cục|Công ty|Tổng công ty|Tập đoàn|Ngân hàng|Hiệp hội|Liên minh|Liên đoàn|Bệnh viện|Tòa án|Viện kiểm sát|Bảo hiểm xã hội|Bộ Chỉ huy|Bộ chỉ huy|Ban Chỉ huy|Bộ đội|Tỉnh đoàn|Thành đoàn|Tỉnh ủy|Thành ủy|Đảng ủy|Mặt trận|Điện lực|Hải quan|Cảng vụ|Chi nhánh|Nhà xuất bản|Doanh nghiệp|Viettel|VNPT|MobiFone|Vietnam Post|Bưu điện)`;
/** Nouns that make "các …" a group of agencies: "các sở, ban, ngành", "các doanh nghiệp viễn thông". */
const GROUP_NOUNS = `(?:sở|ban|ngành|cơ quan|đơn vị|địa phương|doanh nghiệp|tổ chức|hội|đoàn thể|chủ đầu tư|cơ sở|nhà mạng|nhà đầu tư|xã|phường|huyện|trường|bệnh viện|ngân hàng|lực lượng|cấp|hợp tác xã|nhà cung cấp|Sở|Ban|Hội|Hiệp hội)`;
const GROUP_START = String.raw`(?:(?:thủ\s+trưởng|chủ\s+tịch|giám\s+đốc|lãnh\s+đạo|người\s+đứng\s+đầu)\s+)?(?:(?:các|mỗi)\s+${GROUP_NOUNS}|sở,\s*(?:ban|ngành)|(?:UBND|Ủy\s+ban\s+nhân\s+dân)\s+(?:các\s+|cấp\s+)?(?:xã|phường|huyện|tỉnh|thành\s+phố))`;
const OPENER = new RegExp(
  String.raw`^(?:(?:Thủ trưởng|Chủ tịch|Giám đốc|Lãnh đạo)\s+)?(?:${SHORT_OPENERS}\s+(?=[\p{Lu}\d]|[\p{L}&]*[\p{Lu}&]{2})|${LONG_OPENERS}${W}|${GROUP_START}${W})`,
  'iu',
);
// Case matters for the short openers ("Ban Quản lý" but not "ban hành"): checked separately.
const SHORT_CASED = new RegExp(
  String.raw`^(?:(?:Thủ trưởng|Chủ tịch|Giám đốc|Lãnh đạo)\s+)?${SHORT_OPENERS}\s+(?=[\p{Lu}\d]|[\p{L}&]*[\p{Lu}&]{2})`,
  'u',
);
const LONG_CASED = new RegExp(
  String.raw`^(?:(?:Thủ trưởng|Chủ tịch|Giám đốc|Lãnh đạo)\s+)?${LONG_OPENERS}${W}`,
  'u',
);
const GROUP_OPEN = new RegExp(`^${GROUP_START}${W}`, 'iu');

/** Does an agency's name (or a group's) begin here? */
export function opensAgency(text: string): boolean {
  if (!OPENER.test(text)) return false;
  return SHORT_CASED.test(text) || LONG_CASED.test(text) || GROUP_OPEN.test(text);
}

/** Verbs that end a subject: what the agency is asked to do. Lower case only: names capitalise. */
const VERBS = new RegExp(
  `^(?:chủ trì|phối hợp|tham mưu|triển khai|thực hiện|có trách nhiệm|chịu trách nhiệm|chủ động|hướng dẫn|rà soát|theo dõi|đôn đốc|khẩn trương|tiếp tục|căn cứ|tăng cường|đẩy mạnh|đẩy nhanh|bố trí|nghiên cứu|kiểm tra|tổng hợp|báo cáo|đề xuất|cung cấp|hỗ trợ|chỉ đạo|ban hành|thường xuyên|định kỳ|lập|giám sát|quan tâm|tích cực|sớm|kịp thời|cân đối|tuyên truyền|phổ biến|vận động|huy động|tập trung|nâng cao|xác định|ưu tiên|kiện toàn|hoàn thành|hoàn thiện|trình|thẩm định|phê duyệt|bảo đảm|đảm bảo|tổ chức|chuẩn bị|cập nhật|đánh giá|thống nhất|là|được|đã|sẽ|cần|phải|trong|để|theo|nhằm|đối với|tại|khi|thì|với|cho|về|trên|từ|đến|có|làm|gồm|bao gồm|thuộc|do|nếu|nhưng|hoặc|mà|đang|vẫn|cùng|chưa|không|năm|tháng|ngày)${W}`,
  'u',
);
/** Does a verb (or a word that ends a subject) begin `text`? */
export const startsWithVerb = (text: string) => VERBS.test(text);

/** Verbs that are also nouns inside names ("Ban Quản lý dự án đầu tư xây dựng"). */
const NOUN_VERBS = new RegExp(
  `^(?:xây dựng|đầu tư|quản lý|phát triển|bảo vệ|kinh doanh|sản xuất|khai thác|vận hành)${W}`,
  'u',
);
/** After these, a noun-verb still belongs to the name: "dự án đầu tư", "đầu tư xây dựng". */
const NOUN_VERB_AFTER = /(?:án|tư|lý|triển|tiến|dựng|doanh|Quỹ|quỹ)$/u;
/** A locality closes a name: "… tỉnh", "… thành phố Cần Thơ". */
const LOCALITY = new RegExp(String.raw`^(?:tỉnh|Tỉnh|thành phố|Thành phố|TP\.?)${W}`, 'u');
/** Words that continue a group after a comma: "các sở, ban, ngành", "UBND các xã, phường". */
const GROUP_CONTINUES = new RegExp(
  `^(?:ban|ngành|đơn vị|địa phương|đoàn thể|cơ quan|xã|phường|thị trấn|đặc khu|thị xã|thành phố|huyện|tổ chức|hội|doanh nghiệp|cá nhân|hợp tác xã|các cấp|các ngành|nhà đầu tư|lĩnh vực)${W}`,
  'u',
);
/** What may follow a group's nouns and still belong to it. */
const GROUP_QUALIFIER = new RegExp(
  String.raw`^(?:có\s+liên\s+quan|liên\s+quan|thuộc\s+(?:tỉnh|thành\s+phố|UBND\s+tỉnh|Ủy\s+ban\s+nhân\s+dân\s+(?:tỉnh|thành\s+phố))|cấp\s+(?:tỉnh|xã|huyện))${W}`,
  'iu',
);
const COMMITTEE =
  /^(?:chủ\s+tịch\s+)?(?:UBND|Ủy\s+ban\s+nhân\s+dân)\s+(?:các\s+|cấp\s+)?(?:xã|phường|huyện)/iu;
/** A verb's word inside a noun: "công trình", "chương trình". */
const COMPOUNDS = /^(?:công|chương|quy|tiến|lộ) trình$/u;
const WORD = /^[\p{L}\d][\p{L}\d&.'/-]*/u;

export type NamePiece = Span;

/**
 * One name from `at` (where `opensAgency` holds): its end, before the verb, the bracket or the
 * separator that follows it.
 */
function nameEnd(text: string, at: number): number {
  const isGroup = GROUP_OPEN.test(text.slice(at));
  const committee = COMMITTEE.test(text.slice(at));
  const titled = /^(?:Sở|Báo|Đài|Cục|Bộ)\s+\p{Lu}/u.test(text.slice(at));
  let pos = at;
  let end = at;
  let words = 0;
  let afterLocality = false;
  let previous = '';
  for (;;) {
    const space = /^\s*/u.exec(text.slice(pos))?.[0].length ?? 0;
    const here = pos + space;
    const rest = text.slice(here);
    if (rest.length === 0) break;
    if (rest[0] === ',') {
      const after = rest.slice(1).trimStart();
      const next = here + rest.length - after.length;
      if (words === 0 || opensAgency(after)) break;
      if (isGroup && GROUP_CONTINUES.test(after)) {
        pos = next;
        previous = ',';
        continue;
      }
      // "Sở Văn hóa, Thể thao và Du lịch", "Báo và Phát thanh, Truyền hình tỉnh".
      if (!afterLocality && /^\p{Lu}/u.test(after) && !VERBS.test(after)) {
        pos = next;
        continue;
      }
      break;
    }
    // "tổ chức chính trị - xã hội", "Bộ Lao động - Thương binh và Xã hội".
    if (/^[-–]\s/u.test(rest) && words > 0) {
      const after = rest.slice(1).trimStart();
      const w = WORD.exec(after)?.[0] ?? '';
      if (w && !VERBS.test(after) && !afterLocality) {
        pos = here + rest.length - after.length;
        continue;
      }
      break;
    }
    const word = WORD.exec(rest)?.[0];
    if (!word) break;
    const lower = /^\p{Ll}/u.test(word);
    if (words > 0) {
      if (afterLocality) {
        // The locality's proper name ("tỉnh Đồng Tháp"), then the name is complete.
        if (lower || opensAgency(rest)) break;
      } else if (lower) {
        const qualifier = isGroup ? GROUP_QUALIFIER.exec(rest)?.[0] : undefined;
        if (qualifier) {
          // "các sở, ngành có liên quan", "các cơ quan thuộc tỉnh": still the group.
          pos = here + qualifier.length;
          end = pos;
          previous = qualifier;
          continue;
        }
        // "UBND các xã, phường" ends with its localities: what follows is the sentence.
        if (
          committee &&
          /^(?:xã|phường|trấn|khu|huyện)$/u.test(previous) &&
          !GROUP_CONTINUES.test(rest)
        )
          break;
        // "Sở Tư pháp", "Đài Phát thanh": after such an opener, a lower-case word only completes
        // the capitalised one before it; a second one is the sentence ("Sở Xây dựng đăng tải …").
        if (
          titled &&
          !/^\p{Lu}/u.test(previous) &&
          !/^(?:và|,)$/u.test(previous) &&
          !/^và$/u.test(word) &&
          !LOCALITY.test(rest)
        )
          break;
        if (/^và$/u.test(word)) {
          const after = rest.slice(word.length).trimStart();
          if (opensAgency(after)) break;
        } else if (NOUN_VERBS.test(rest)) {
          if (!NOUN_VERB_AFTER.test(previous)) break;
        } else if (VERBS.test(rest) && !COMPOUNDS.test(`${previous} ${word}`)) {
          // "các tổ chức …" inside a group, "chính trị - xã hội": a noun, not the verb.
          if (!(isGroup && /^tổ chức/u.test(rest) && /^(?:các|,)$/u.test(previous))) break;
        } else if (
          word === 'các' &&
          opensAgency(rest) &&
          !/^(?:UBND|dân|trưởng|tịch)$/u.test(previous)
        )
          break;
      }
    }
    pos = here + word.length;
    // A trailing full stop belongs to the sentence, not to the name.
    end = /\.$/u.test(word) && !/^TP\.$/u.test(word) ? pos - 1 : pos;
    words++;
    if (words > 1 && LOCALITY.test(rest)) {
      const loc = LOCALITY.exec(rest)?.[0] ?? word;
      pos = here + loc.length;
      end = pos;
      afterLocality = true;
    }
    previous = word;
    if (words >= 24) break;
  }
  return end;
}

/**
 * The agencies named from `at` on in running text: "Sở X, Báo Y, Đài Z phối hợp …" gives three,
 * stopping at the verb; a bracketed note after a name ("(chủ đầu tư)") is skipped.
 */
export function agencyNamesAt(text: string, at: number): NamePiece[] {
  const out: NamePiece[] = [];
  let i = at;
  for (;;) {
    const lead = /^\s*/u.exec(text.slice(i))?.[0].length ?? 0;
    i += lead;
    if (!opensAgency(text.slice(i))) break;
    const end = nameEnd(text, i);
    if (end <= i) break;
    out.push({ start: i, end });
    let j = end;
    const note = /^\s*\([^()]{0,120}\)/u.exec(text.slice(j));
    if (note) j += note[0].length;
    const sep = /^\s*(?:,\s*và|,|;|và|cùng)\s+/u.exec(text.slice(j));
    if (!sep) break;
    i = j + sep[0].length;
  }
  return out;
}

/**
 * A cell or a labelled line that holds only agencies: split at ";", line breaks, and at "," or " và "
 * where a new name begins; a group ("các sở, ban, ngành", "UBND các xã, phường") stays whole.
 */
export function splitAgencyCell(text: string): NamePiece[] {
  const out: NamePiece[] = [];
  let depth = 0;
  let from = 0;
  const push = (a: number, b: number) => {
    let s = a;
    let e = b;
    while (s < e && /[\s\-–+•,;:]/u.test(text[s] as string)) s++;
    while (e > s && /[\s.,;:]/u.test(text[e - 1] as string)) e--;
    if (e > s) out.push({ start: s, end: e });
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (ch === '(') depth++;
    else if (ch === ')') depth = Math.max(0, depth - 1);
    if (depth > 0) continue;
    // U+2028: a line break inside a table cell (readers' CELL_LINE_BREAK).
    if (ch === ';' || ch === '\n' || ch === '\u2028') {
      push(from, i);
      from = i + 1;
      continue;
    }
    const sep = /^(?:,\s*và\s+|,\s*|\s+và\s+|\s*\/\s*(?=\p{Lu}))/u.exec(text.slice(i));
    if (sep && (ch === ',' || ch === ' ' || ch === '/')) {
      const next = text.slice(i + sep[0].length);
      if (opensAgency(next)) {
        push(from, i);
        from = i + sep[0].length;
        i = from - 1;
      }
    }
  }
  push(from, text.length);
  return out;
}

/** A request to a body the plan cannot order ("Đề nghị Ủy ban MTTQ …"), or an order ("Giao …"). */
export const SUBJECT_PREFIX = /^\s*(?:(?:giao(?:\s+cho)?|đề\s+nghị|yêu\s+cầu|khuyến\s+khích)\s+)/iu;

/**
 * Mentions for the pieces of a list: what the registry knows at a piece's start, widened to the
 * whole piece as written ("Các sở, ban, ngành thành phố" is the departments group); anything else
 * is an agency the registry does not know, kept whole.
 */
export function mentionsOfPieces(
  text: string,
  offset: number,
  pieces: readonly NamePiece[],
  finder: MentionFinder,
): AgencyMention[] {
  const out: AgencyMention[] = [];
  for (const piece of pieces) {
    let start = piece.start;
    const prefix = SUBJECT_PREFIX.exec(text.slice(start, piece.end));
    if (prefix) start += prefix[0].length;
    const written = text.slice(start, piece.end);
    if (!written.trim()) continue;
    const span = {
      start: offset + start,
      end: offset + piece.end,
      as_written: written.replace(/\s+/g, ' ').trim(),
    };
    const found = finder.find(written, offset + start);
    const first = found[0];
    if (first && first.start === offset + start) {
      out.push({ ...first, ...span });
      continue;
    }
    out.push({ ...span, kind: 'unknown' });
  }
  return out;
}

/**
 * The agencies a cell lists, each as a mention. A part that reads as a sentence ("Sở Nội vụ chủ trì
 * tham mưu …; Sở Tư pháp và các sở, ban, ngành phối hợp") gives the names before its verb.
 */
export function cellAgencies(
  cell: { text: string; start: number },
  finder: MentionFinder,
): AgencyMention[] {
  const pieces: NamePiece[] = [];
  for (const part of cell.text.matchAll(/[^;\n]+/gu)) {
    const at = part.index ?? 0;
    const text = part[0];
    const names = agencyNamesAt(text, 0);
    const last = names[names.length - 1];
    const after = last ? text.slice(last.end).replace(/^[\s,]+/u, '') : '';
    const sentence = last !== undefined && VERBS.test(after) && !/^[\s.]*$/u.test(after);
    const found = sentence ? names : splitAgencyCell(text);
    for (const p of found) pieces.push({ start: p.start + at, end: p.end + at });
  }
  return mentionsOfPieces(cell.text, cell.start, pieces, finder);
}
