// Tasks grouped under the agency that carries them: "1. Công an tỉnh", "3. Sở Tư pháp:", "5. Đề nghị
// Ủy ban MTTQ Việt Nam tỉnh", each followed by its tasks as bullets or lettered items. The heading
// is only the agency's name (a list of them, at most, and maybe a colon and text after it).
import {
  agencyNamesAt,
  type NamePiece,
  opensAgency,
  splitAgencyCell,
  startsWithVerb,
} from './agency-names.js';

export type AgencyHeading = {
  /** The agencies, as spans of the heading's content. */
  pieces: NamePiece[];
  /** "Đề nghị …": the plan asks a body it cannot order. */
  request: boolean;
  /** Text after the colon ("Sở Tư pháp: chủ trì …"), a task of its own unless it introduces a list. */
  rest: { text: string; start: number } | null;
};

const PREFIX = /^(?:(?<request>đề\s+nghị)|giao(?:\s+cho)?)\s*:?\s+/iu;

/** The colon that ends the heading's name, outside brackets. */
function colonAt(text: string): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '(') depth++;
    else if (ch === ')') depth = Math.max(0, depth - 1);
    else if (ch === ':' && depth === 0) return i;
  }
  return -1;
}

/**
 * Reads a heading's content as an agency heading, or null when it is a topic ("1. Công tác tuyên
 * truyền") or a sentence ("1. Sở Y tế chủ trì … kế hoạch."). `followedByItems`: bullets or deeper
 * items follow it, which lets a long group name stand ("2. Các sở, ngành chủ trì, quản lý các dự án
 * thuộc Chương trình").
 */
export function agencyHeading(content: string, followedByItems: boolean): AgencyHeading | null {
  const prefix = PREFIX.exec(content);
  const from = prefix ? prefix[0].length : 0;
  if (!opensAgency(content.slice(from))) return null;
  const afterColon = colonAt(content.slice(from));
  const colon = afterColon < 0 ? -1 : afterColon + from;
  const headEnd = colon >= 0 ? colon : content.length;
  const head = content.slice(0, headEnd).replace(/[\s.;]+$/u, '');
  if (head.length - from > 220) return null;
  const sentence = colon < 0 && /[.;]\s*$/u.test(content);
  const names = agencyNamesAt(head, from);
  const last = names[names.length - 1];
  let pieces: NamePiece[] | null = null;
  if (
    last &&
    head
      .slice(last.end)
      .replace(/\([^()]*\)/gu, '')
      .trim() === ''
  )
    pieces = names;
  else if (
    followedByItems &&
    !sentence &&
    (colon < 0 || content.slice(colon + 1).trim() === '') &&
    /^(?:các|ủy|ubnd)/iu.test(head.slice(from))
  )
    pieces = splitAgencyCell(head.slice(from)).map((p) => ({
      start: p.start + from,
      end: p.end + from,
    }));
  else if (
    followedByItems &&
    last &&
    /:\s*$/u.test(content) &&
    colon === content.trimEnd().length - 1
  ) {
    // "1. Sở Y tế thực hiện các nhiệm vụ sau:", "1. Sở X chỉ đạo Chi cục Y thực hiện các nội dung
    // sau:": the items below are the subject's, or those of the body it directs.
    const after = head.slice(last.end).replace(/^[\s,]+/u, '');
    const directs = /^(?:chỉ\s+đạo|giao(?:\s+cho)?)\s+/u.exec(after);
    if (directs) {
      const at = head.length - after.length + directs[0].length;
      const directed = agencyNamesAt(head, at);
      pieces = directed.length > 0 ? directed : names;
    } else if (startsWithVerb(after)) pieces = names;
    if (pieces) return { pieces, request: Boolean(prefix?.groups?.request), rest: null };
  }
  if (!pieces || pieces.length === 0) return null;
  // A one-line sentence that only names an agency and ends with a full stop is still a heading.
  if (sentence && !followedByItems && pieces !== names) return null;
  let rest: AgencyHeading['rest'] = null;
  if (colon >= 0) {
    const raw = content.slice(colon + 1);
    const text = raw.trim();
    if (text) rest = { text, start: colon + 1 + (raw.length - raw.trimStart().length) };
  }
  return { pieces, request: Boolean(prefix?.groups?.request), rest };
}
