// What is accepted as evidence, shared by the server (evidence-store.ts checks it, by content too)
// and the web client (which checks before sending, so a person learns at once).
export const MAX_EVIDENCE_BYTES = 20 * 1024 * 1024;
export const MAX_EVIDENCE_FILES = 10;
export const EVIDENCE_EXTENSIONS = [
  '.pdf',
  '.doc',
  '.docx',
  '.xls',
  '.xlsx',
  '.odt',
  '.ods',
  '.jpg',
  '.jpeg',
  '.png',
  '.zip',
] as const;
export type EvidenceExtension = (typeof EVIDENCE_EXTENSIONS)[number];
