// Paragraphs of a plan document with their offsets and their role in the document's outline.
// Vietnamese administrative documents number their outline "I." (Roman) → "1." → "2.1." → "a)",
// with "-" and "+" bullets; footnotes are "[1] …" at the end.

export type Span = { start: number; end: number };

export type ParagraphKind =
  | 'roman' // I. MỤC ĐÍCH, YÊU CẦU
  | 'number' // 1. Mục đích
  | 'subnumber' // 2.1. Hạ tầng giao thông
  | 'letter' // a) Hạ tầng khu kinh tế cửa khẩu
  | 'bullet' // - Xác định …
  | 'footnote' // [1] gồm: …
  | 'text';

export type Paragraph = Span & {
  kind: ParagraphKind;
  /** "II", "2", "2.1", "a", "1" (footnote number); null for bullets and text. */
  label: string | null;
  /** The paragraph without its label or bullet mark. */
  content: string;
  /** Offset of `content` in the source text. */
  contentStart: number;
};

const HEADINGS: [ParagraphKind, RegExp][] = [
  ['roman', /^([IVXL]{1,6})\s*[.:]\s+(?=\S)/],
  ['subnumber', /^(\d{1,2}(?:\.\d{1,2}){1,3})\.?\s+(?=\S)/],
  ['number', /^(\d{1,2})\s*[.)]\s+(?=\S)/],
  ['letter', /^([a-zđ])\s*\)\s+(?=\S)/],
  ['footnote', /^\[(\d{1,3})\]\s*/],
  ['bullet', /^[-–—+•*]\s+(?=\S)/],
];

const ENDS_CLAUSE = /[.;:!?…]\s*$/;

function classify(line: string): { kind: ParagraphKind; label: string | null; markLength: number } {
  for (const [kind, pattern] of HEADINGS) {
    const m = pattern.exec(line);
    if (m)
      return { kind, label: kind === 'bullet' ? null : (m[1] ?? null), markLength: m[0].length };
  }
  return { kind: 'text', label: null, markLength: 0 };
}

/**
 * Splits text into paragraphs (one per line). A line that a word processor or a PDF broke in the
 * middle of a sentence is joined to the one before: when the previous line is running text that
 * does not end a clause, and this line starts lower-case or is a "- " that continues a name
 * ("Đồng Đăng (Lạng Sơn)\n- Trà Lĩnh (Cao Bằng) …").
 */
export function splitParagraphs(text: string): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  let offset = 0;
  for (const rawLine of text.split('\n')) {
    const lineStart = offset;
    offset += rawLine.length + 1;
    const leading = rawLine.length - rawLine.trimStart().length;
    const line = rawLine.trim();
    if (line.length === 0) continue;
    const start = lineStart + leading;
    const end = start + line.length;
    const { kind, label, markLength } = classify(line);
    const previous = paragraphs[paragraphs.length - 1];
    const continues =
      previous !== undefined &&
      (previous.kind === 'text' || previous.kind === 'bullet') &&
      !ENDS_CLAUSE.test(previous.content) &&
      ((kind === 'text' && /^[\p{Ll}\d(]/u.test(line)) ||
        (kind === 'bullet' && previous.kind === 'text'));
    if (continues && previous) {
      previous.end = end;
      previous.content = text.slice(previous.contentStart, end);
      continue;
    }
    paragraphs.push({
      kind,
      label,
      start,
      end,
      content: line.slice(markLength),
      contentStart: start + markLength,
    });
  }
  return paragraphs;
}

/** Sentences of a paragraph with absolute offsets; a sentence ends with ". " or the paragraph. */
export function sentences(p: {
  content: string;
  contentStart: number;
}): (Span & { text: string })[] {
  const out: (Span & { text: string })[] = [];
  // A full stop inside a token ("1.250", "ĐT.245") does not end a sentence.
  const re = /(?:[^.!?…]|[.!?…](?!\s|$))+(?:[.!?…]+|$)/gu;
  for (const m of p.content.matchAll(re)) {
    const raw = m[0];
    const lead = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    if (!trimmed) continue;
    const start = p.contentStart + (m.index ?? 0) + lead;
    out.push({ text: trimmed, start, end: start + trimmed.length });
  }
  return out;
}

/**
 * Word documents lay the header ("ỦY BAN NHÂN DÂN … Số: … | CỘNG HÒA … ngày … năm …") and the
 * recipients and signature ("Nơi nhận: - …; - … | TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH … Tên") out in
 * borderless tables, which readers give as one line. This splits such a line back into the lines a
 * printed document shows, keeping offsets.
 */
const LAYOUT_SPLITS = [
  /\s\|\s/gu,
  // "ỦY BAN NHÂN DÂN - TỈNH CAO BẰNG - Số: …": capitals joined by dashes on one line.
  /(?<=\p{Lu}{2,})\s+-\s+(?=\p{Lu}{2,}|Số\s*:|Độc lập)/gu,
  /(?<=Hạnh phúc)\s+-\s+(?=\p{Lu})/gu,
  /(?<=\S)\s+(?=Số\s*:)/gu,
  /(?<=\S)\s+(?=CỘNG HÒA XÃ HỘI|CỘNG HOÀ XÃ HỘI|Độc lập\s*-)/gu,
  /(?<=Hạnh phúc)\s+(?=\p{Lu})/gu,
  /(?<=[^\s,])\s+(?=(?:TM|KT|TL|TUQ|Q)\.\s+\p{Lu}{2})/gu,
  /(?<=nhận\s*:)\s*(?=-\s)/giu,
  /(?<=[;.])\s+(?=-\s)/gu,
  /(?<=[;.])\s+(?=Lưu\s*:)/gu,
  /(?<=\p{Lu}{2,})(?<!PHÓ)\s+(?=(?:PHÓ\s+)?CHỦ\s+TỊCH(?:\s|$))(?<!(?:TM|KT|TL|TUQ|Q)\.\s*)/gu,
];

export function explodeLayout(p: Paragraph, text: string): Paragraph[] {
  const line = text.slice(p.start, p.end);
  const cuts = new Set<number>();
  for (const re of LAYOUT_SPLITS) {
    for (const m of line.matchAll(re)) {
      cuts.add(m.index ?? 0);
      cuts.add((m.index ?? 0) + m[0].length);
    }
  }
  if (cuts.size === 0) return [p];
  // The signer's name ends the block: the first Title-case word after the last capitals.
  const name = /(?<=\p{Lu}{2,}\s+)(?:\p{Lu}\p{Ll}+\s*){2,5}$/u.exec(line);
  if (name && /(?:CHỦ TỊCH|GIÁM ĐỐC|TRƯỞNG)/u.test(line)) {
    cuts.add(name.index);
  }
  const points = [0, ...[...cuts].sort((a, b) => a - b), line.length];
  const out: Paragraph[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i] as number;
    const b = points[i + 1] as number;
    const piece = line.slice(a, b);
    const trimmed = piece
      .trim()
      .replace(/^[|-]\s*/, '')
      .replace(/\s*[|-]$/, '');
    if (!trimmed || trimmed === '|') continue;
    const start = p.start + a + piece.indexOf(trimmed);
    const { kind, label, markLength } = classify(trimmed);
    out.push({
      kind,
      label,
      start,
      end: start + trimmed.length,
      content: trimmed.slice(markLength),
      contentStart: start + markLength,
    });
  }
  return out.length > 0 ? out : [p];
}
