// The tasks page keeps its filters in the address, so that a filtered list can be linked and the
// back button returns to it: /nhiem-vu?q=giao+thong&state=overdue&agency=…&open=1&sort=due&page=2;
// the dashboard's figures link here with a sector (sector=…) and an overdue age band (age=over_60).
import type { TaskSummary } from '@features/tasks/schema';
import { OVERDUE_AGES, type OverdueAge } from './labels';

export type TaskState = TaskSummary['status']['state'];

export const PAGE_SIZES = [20, 50, 100] as const;
const DEFAULT_PAGE_SIZE = 20;

const STATES: readonly TaskState[] = [
  'done_on_time',
  'done_late',
  'in_progress',
  'overdue',
  'not_started',
];

/** plan: the plan's own order; due: by the date judged against, the earliest first. */
export type TaskSort = 'plan' | 'due';

export type TasksPageState = {
  q: string;
  state: TaskState | undefined;
  agencyId: string | undefined;
  planId: string | undefined;
  unassigned: boolean;
  /** Only work not done yet. */
  open: boolean;
  /** Only tasks of this sector. */
  sector: string | undefined;
  /** Only overdue work of this age band. */
  overdueAge: OverdueAge | undefined;
  sort: TaskSort;
  page: number;
  pageSize: number;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isState = (v: string | null): v is TaskState =>
  v !== null && (STATES as readonly string[]).includes(v);
const uuidOrUndefined = (v: string | null) => (v && UUID.test(v) ? v : undefined);

function positiveInt(v: string | null, fallback: number): number {
  const n = Number(v);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

const isAge = (v: string | null): v is OverdueAge =>
  v !== null && (OVERDUE_AGES as readonly string[]).includes(v);

export function readTasksPageState(params: URLSearchParams): TasksPageState {
  const state = params.get('state');
  const age = params.get('age');
  const size = positiveInt(params.get('size'), DEFAULT_PAGE_SIZE);
  return {
    q: params.get('q') ?? '',
    state: isState(state) ? state : undefined,
    agencyId: uuidOrUndefined(params.get('agency')),
    planId: uuidOrUndefined(params.get('plan')),
    unassigned: params.get('unassigned') === '1',
    open: params.get('open') === '1',
    sector: params.get('sector')?.trim().slice(0, 200) || undefined,
    overdueAge: isAge(age) ? age : undefined,
    sort: params.get('sort') === 'due' ? 'due' : 'plan',
    page: positiveInt(params.get('page'), 1),
    pageSize: (PAGE_SIZES as readonly number[]).includes(size) ? size : DEFAULT_PAGE_SIZE,
  };
}

export function writeTasksPageState(state: TasksPageState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  if (state.state) params.set('state', state.state);
  if (state.agencyId) params.set('agency', state.agencyId);
  if (state.planId) params.set('plan', state.planId);
  if (state.unassigned) params.set('unassigned', '1');
  if (state.open) params.set('open', '1');
  if (state.sector) params.set('sector', state.sector);
  if (state.overdueAge) params.set('age', state.overdueAge);
  if (state.sort === 'due') params.set('sort', 'due');
  if (state.page > 1) params.set('page', String(state.page));
  if (state.pageSize !== DEFAULT_PAGE_SIZE) params.set('size', String(state.pageSize));
  return params;
}
