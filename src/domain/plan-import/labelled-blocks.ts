// Tasks written as labelled blocks: the task, then lines that say who leads, who coordinates, when
// and what comes out ("Cơ quan chủ trì: …", "Đơn vị phối hợp: …", "Thời gian thực hiện: …",
// "Sản phẩm: …"), sometimes lettered ("a) Nhiệm vụ: … b) Cơ quan thực hiện: - Đơn vị chủ trì: …
// c) Thời gian thực hiện: …"). The labelled lines are not tasks: they complete the task above.

export type LabelledField = 'task' | 'lead' | 'coordinators' | 'deadline' | 'output' | 'header';

export type LabelledLine = {
  field: LabelledField;
  /** The text after the label, trimmed; empty when the values follow on the next lines. */
  value: string;
  /** Offset of `value` in the text the content came from. */
  valueStart: number;
};

const AGENCY_LABEL = String.raw`(?:cơ\s+quan|đơn\s+vị)(?:\s+(?:chủ\s+trì|thực\s+hiện|phối\s+hợp|được\s+giao))+(?:\s*,?\s*(?:tham\s+mưu|thực\s+hiện|triển\s+khai|chính))*`;
const LABEL = new RegExp(
  String.raw`^(?<label>${AGENCY_LABEL}|chủ\s+trì(?:\s+thực\s+hiện)?|phối\s+hợp(?:\s+thực\s+hiện)?|thời\s+(?:gian|hạn)(?:\s+(?:thực\s+hiện|hoàn\s+thành|triển\s+khai))?|tiến\s+độ(?:\s+(?:thực\s+hiện|hoàn\s+thành))?|sản\s+phẩm(?:\s+(?:đầu\s+ra|chính))?|kết\s+quả\s+đầu\s+ra|nhiệm\s+vụ|nội\s+dung(?:\s+(?:nhiệm\s+vụ|thực\s+hiện|công\s+việc))?)\s*:\s*`,
  'iu',
);

function fieldOf(label: string): LabelledField {
  const l = label.toLocaleLowerCase('vi');
  if (/phối\s+hợp/u.test(l)) return 'coordinators';
  if (/chủ\s+trì|cơ\s+quan|đơn\s+vị/u.test(l)) return 'lead';
  if (/thời|tiến\s+độ/u.test(l)) return 'deadline';
  if (/sản\s+phẩm|kết\s+quả/u.test(l)) return 'output';
  return 'task';
}

/** A labelled line of a task block, read from a paragraph's content (bullet or letter removed). */
export function labelledLine(content: string, contentStart: number): LabelledLine | null {
  const m = LABEL.exec(content);
  if (!m?.groups) return null;
  const label = m.groups.label as string;
  let field = fieldOf(label);
  const raw = content.slice(m[0].length);
  const value = raw.trim();
  // "b) Cơ quan thực hiện:" with the lead and coordinators on the lines below.
  if (field === 'lead' && value === '' && !/chủ\s+trì/iu.test(label)) field = 'header';
  return {
    field,
    value,
    valueStart: contentStart + m[0].length + (raw.length - raw.trimStart().length),
  };
}

const INLINE_LABEL = new RegExp(String.raw`\s+[–—-]\s+(?=${LABEL.source.slice(1)})`, 'giu');

/**
 * Labelled fields written in one paragraph after the task, separated by dashes: "Rà soát … – Chủ
 * trì: Sở X – Phối hợp: Sở Y – Thời hạn: Quý II/2026". The task's own text comes first.
 */
export function inlineFields(
  content: string,
  contentStart: number,
): { task: { text: string; start: number }; fields: LabelledLine[] } | null {
  const cuts = [...content.matchAll(INLINE_LABEL)].map((m) => ({
    at: m.index ?? 0,
    length: m[0].length,
  }));
  if (cuts.length === 0) return null;
  const fields: LabelledLine[] = [];
  cuts.forEach((cut, i) => {
    const from = cut.at + cut.length;
    const to = cuts[i + 1]?.at ?? content.length;
    const line = labelledLine(
      content.slice(from, to).replace(/[\s.;]+$/u, ''),
      contentStart + from,
    );
    if (line && line.field !== 'task' && line.field !== 'header') fields.push(line);
  });
  const first = cuts[0] as { at: number };
  if (fields.length === 0) return null;
  return { task: { text: content.slice(0, first.at), start: contentStart }, fields };
}
