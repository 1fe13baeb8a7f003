// Where a dashboard figure leads: the page of the list behind it, with the list's filters in that
// page's own address terms (each page's search-params.ts writes them), so that the list shows
// exactly what the figure counts.
import type { FigureList } from '@features/dashboard/schema';
import { readProjectsPageState, writeProjectsPageState } from '../projects/search-params';
import { readTargetsPageState, writeTargetsPageState } from '../targets/search-params';
import { readTasksPageState, writeTasksPageState } from '../tasks/search-params';

const empty = () => new URLSearchParams();
const withQuery = (path: string, params: URLSearchParams) => {
  const text = params.toString();
  return text ? `${path}?${text}` : path;
};

/** The web address of a figure's list; null when it has none. */
export function hrefOf(list: FigureList | null): string | null {
  if (!list) return null;
  const q = list.query;
  switch (list.kind) {
    case 'tasks': {
      // The address of a figure's tasks, read back through the page's own reader.
      const raw = new URLSearchParams();
      if (q.planId) raw.set('plan', q.planId);
      if (q.agencyId) raw.set('agency', q.agencyId);
      if (q.state) raw.set('state', q.state);
      if (q.sector) raw.set('sector', q.sector);
      if (q.overdueAge) raw.set('age', q.overdueAge);
      if (q.open === 'true') raw.set('open', '1');
      const state = readTasksPageState(raw);
      // Overdue work reads best oldest first.
      if (q.state === 'overdue' || q.overdueAge) state.sort = 'due';
      return withQuery('/nhiem-vu', writeTasksPageState(state));
    }
    case 'targets':
      return withQuery(
        '/chi-tieu',
        writeTargetsPageState({
          ...readTargetsPageState(empty()),
          planId: q.planId,
          sector: q.sector,
          agencyId: q.agencyId,
          projection: readTargetsPageState(new URLSearchParams({ projection: q.projection ?? '' }))
            .projection,
        }),
      );
    case 'projects':
      return withQuery(
        '/du-an',
        writeProjectsPageState({
          ...readProjectsPageState(empty()),
          planId: q.planId,
          sector: q.sector,
          ownerAgencyId: q.ownerAgencyId,
          year: q.year ? Number(q.year) : undefined,
          slipping: q.slipping === 'true',
        }),
      );
    case 'period':
      return q.periodId ? `/bao-cao/ky/${encodeURIComponent(q.periodId)}` : null;
  }
}
