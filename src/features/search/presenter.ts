// Search rows → the API shape: one group per kind in a fixed order, each with its total.
import type { SearchGroup, SearchHit, SearchResult } from './schema.js';
import { SEARCH_KINDS } from './schema.js';
import type { SearchRow } from './service.js';

function presentHit(r: SearchRow): SearchHit {
  return {
    id: r.id,
    title: r.title,
    code: r.code,
    docType: r.docType,
    planId: r.planId,
    planNumber: r.planNumber,
    ended: r.ended,
    match: r.rank === 0 ? 'phrase' : 'words',
  };
}

/** Rows come one page per kind; a kind without any is an empty group with total 0. */
export function presentSearch(q: string, rows: readonly SearchRow[]): SearchResult {
  const groups: SearchGroup[] = SEARCH_KINDS.map((kind) => {
    const ofKind = rows
      .filter((r) => r.kind === kind)
      // The statement ranked each page; a UNION ALL does not promise to keep that order.
      .sort((a, b) => a.rank - b.rank || b.similarity - a.similarity);
    return { kind, total: ofKind[0]?.total ?? 0, items: ofKind.map(presentHit) };
  });
  return { q, groups };
}
