// Names of Vietnamese document types by the code their number and symbol use (693/QĐ-TTg).
import type { DocumentReference } from '@features/plans/schema';
import { formatDate } from '../../app/format';

const TYPE_NAMES: Record<string, string> = {
  NQ: 'Nghị quyết',
  KL: 'Kết luận',
  QĐ: 'Quyết định',
  KH: 'Kế hoạch',
  CT: 'Chỉ thị',
  CTr: 'Chương trình hành động',
  BC: 'Báo cáo',
  TB: 'Thông báo',
  NĐ: 'Nghị định',
  TT: 'Thông tư',
  HD: 'Hướng dẫn',
  QC: 'Quy chế',
  QyĐ: 'Quy định',
  TTr: 'Tờ trình',
  ĐA: 'Đề án',
  CV: 'Công văn',
  L: 'Luật',
};

export function documentTypeName(code: string): string {
  return TYPE_NAMES[code] ?? TYPE_NAMES[code.toUpperCase()] ?? code;
}

type CitableDocument = Pick<
  DocumentReference,
  'type' | 'number' | 'numberAsWritten' | 'date' | 'issuer'
>;

/** "Quyết định 693/QĐ-TTg ngày 17/07/2024 của Thủ tướng Chính phủ". */
export function citation(doc: CitableDocument): { name: string; rest: string } {
  const number = doc.number ?? doc.numberAsWritten;
  const name = number
    ? `${documentTypeName(doc.type)} ${number}`
    : `${documentTypeName(doc.type)} (chưa có số)`;
  const date = doc.date ? ` ngày ${formatDate(doc.date)}` : '';
  const issuer = doc.issuer ? ` của ${doc.issuer}` : '';
  return { name, rest: `${date}${issuer}` };
}
