// What the search box shows for each kind of result, and the page each result opens.
import type { SearchHit, SearchKind } from '@features/search/schema';
import { AGENCIES_PATH } from '../agencies/components/agency-link';

export const SEARCH_PATH = '/tim-kiem';

export const SEARCH_KIND_LABELS: Record<SearchKind, string> = {
  plan: 'Kế hoạch',
  task: 'Nhiệm vụ',
  target: 'Chỉ tiêu',
  project: 'Dự án trọng điểm',
  agency: 'Cơ quan',
  document: 'Văn bản',
};

export const NO_RESULTS = 'Không tìm thấy kết quả';

/** The results page of a query. */
export function searchPageHref(q: string): string {
  return `${SEARCH_PATH}?${new URLSearchParams({ q: q.trim() }).toString()}`;
}

/**
 * The page a result opens: its own page; an agency, the agencies page with it open; a document,
 * the plan it is or the plan citing it (null when no plan shows it).
 */
export function hitHref(kind: SearchKind, hit: SearchHit): string | null {
  const id = encodeURIComponent(hit.id);
  switch (kind) {
    case 'plan':
      return `/ke-hoach/${id}`;
    case 'task':
      return `/nhiem-vu/${id}`;
    case 'target':
      return `/chi-tieu/${id}`;
    case 'project':
      return `/du-an/${id}`;
    case 'agency':
      return `${AGENCIES_PATH}?${new URLSearchParams({ id: hit.id }).toString()}`;
    case 'document':
      return hit.planId ? `/ke-hoach/${encodeURIComponent(hit.planId)}` : null;
  }
}

/** The line under a result's title: its number, its plan, whether it has ended. */
export function hitDetail(kind: SearchKind, hit: SearchHit): string | null {
  const parts: string[] = [];
  switch (kind) {
    case 'plan':
      parts.push(hit.code ? `Số ${hit.code}` : 'Chưa có số');
      break;
    case 'task':
      if (hit.code) parts.push(`STT ${hit.code}`);
      if (hit.planNumber) parts.push(`Kế hoạch số ${hit.planNumber}`);
      break;
    case 'target':
    case 'project':
      if (hit.planNumber) parts.push(`Kế hoạch số ${hit.planNumber}`);
      break;
    case 'agency':
      if (hit.code) parts.push(hit.code);
      if (hit.ended) parts.push('Đã kết thúc hoạt động');
      break;
    case 'document':
      if (hit.docType) parts.push(hit.docType);
      if (hit.code) parts.push(`Số ${hit.code}`);
      if (!hit.planId) parts.push('Không thuộc kế hoạch nào đang theo dõi');
      break;
  }
  return parts.length > 0 ? parts.join(' · ') : null;
}
