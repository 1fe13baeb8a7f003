// What the server accepts as evidence (src/features/tasks/evidence-rules.ts), checked before a file
// is sent so that a person learns at once, in Vietnamese, why a file is refused.

import {
  EVIDENCE_EXTENSIONS,
  MAX_EVIDENCE_BYTES,
  MAX_EVIDENCE_FILES,
} from '@features/tasks/evidence-rules';
import { formatNumber } from '../../app/format';

export { EVIDENCE_EXTENSIONS, MAX_EVIDENCE_BYTES, MAX_EVIDENCE_FILES };
export const EVIDENCE_ACCEPT = EVIDENCE_EXTENSIONS.join(',');

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot).toLowerCase();
}

/** Why a file cannot be evidence, or null when it can. */
export function evidenceProblem(file: { name: string; size: number }): string | null {
  if (!(EVIDENCE_EXTENSIONS as readonly string[]).includes(extensionOf(file.name))) {
    return `Tệp "${file.name}" không được nhận: chỉ nhận PDF, Word, Excel, ảnh JPG/PNG, ZIP.`;
  }
  if (file.size > MAX_EVIDENCE_BYTES) {
    return `Tệp "${file.name}" quá lớn (${formatFileSize(file.size)}): tối đa 20 MB mỗi tệp.`;
  }
  if (file.size === 0) return `Tệp "${file.name}" rỗng.`;
  return null;
}

/** 1,5 MB · 320 KB · 900 B. */
export function formatFileSize(bytes: number): string {
  if (bytes >= 1024 * 1024)
    return `${formatNumber(Math.round((bytes / 1024 / 1024) * 10) / 10)} MB`;
  if (bytes >= 1024) return `${formatNumber(Math.round(bytes / 1024))} KB`;
  return `${formatNumber(bytes)} B`;
}
