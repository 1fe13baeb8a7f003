// The dashboard as the API shows it: the aggregated rows of service.ts and tasks/queries.ts turned
// into figures, each with the list behind it (the list endpoint's query selecting exactly what it
// counts). Rates follow DOMAIN.md §4 (domain/task-status.ts); money stays exact decimal text
// (domain/project-progress.ts, decimal.js).
import { percentOf, sumAmounts } from '../../domain/project-progress.js';
import { completionRateOf, type TaskState } from '../../domain/task-status.js';
import type { TaskBreakdownRow, TaskCounts } from '../tasks/queries.js';
import type { Dashboard, FigureList } from './schema.js';
import type { DashboardFilter, PeriodRef, ProjectSumRow, TargetCountRow } from './service.js';

const STATES: readonly TaskState[] = [
  'done_on_time',
  'done_late',
  'in_progress',
  'overdue',
  'not_started',
];
const AGES = ['under_30', 'over_30', 'over_60', 'over_120'] as const;
const PROJECTIONS = [
  'on_track',
  'at_risk',
  'off_track',
  'no_data',
  'no_baseline',
  'no_milestone',
  'done',
  'due',
  'overdue',
] as const;

type Query = Record<string, string | undefined>;

function list(kind: FigureList['kind'], query: Query): FigureList {
  const defined: Record<string, string> = {};
  for (const [k, v] of Object.entries(query)) if (v !== undefined) defined[k] = v;
  return { kind, query: defined };
}

/** Done on time ÷ (done + overdue): of the work whose day has come, the share done by it. */
export function onTimeRateOf(
  c: Readonly<Pick<Record<TaskState, number>, 'done_on_time' | 'done_late' | 'overdue'>>,
): number | null {
  const judged = c.done_on_time + c.done_late + c.overdue;
  return judged === 0 ? null : c.done_on_time / judged;
}

const zeroStates = () => Object.fromEntries(STATES.map((s) => [s, 0])) as Record<TaskState, number>;

export type DashboardInput = {
  asOf: string;
  year: number;
  filter: DashboardFilter;
  counts: TaskCounts;
  breakdown: TaskBreakdownRow[];
  period: (PeriodRef & { expected: number; submitted: number }) | null;
  targets: TargetCountRow[];
  projects: ProjectSumRow[];
  sectors: string[];
};

export function presentDashboard(input: DashboardInput): Dashboard {
  const { filter, counts, asOf, year } = input;
  // The lists' queries: the dashboard's filter in each list's own terms.
  const taskBase = { planId: filter.planId, sector: filter.sector, agencyId: filter.agencyId };
  const targetBase = { planId: filter.planId, sector: filter.sector, agencyId: filter.agencyId };
  const projectBase = {
    planId: filter.planId,
    sector: filter.sector,
    ownerAgencyId: filter.agencyId,
    year: String(year),
  };
  const tasks = (q: Query = {}) => list('tasks', { ...taskBase, ...q });
  const targetsList = (q: Query = {}) => list('targets', { ...targetBase, ...q });
  const projectsList = (q: Query = {}) => list('projects', { ...projectBase, ...q });

  // Targets and projects in total from their sector rows.
  const byProjection = Object.fromEntries(PROJECTIONS.map((p) => [p, 0])) as Record<
    (typeof PROJECTIONS)[number],
    number
  >;
  for (const r of input.targets)
    if (r.state in byProjection) byProjection[r.state as (typeof PROJECTIONS)[number]] += r.n;
  const targetTotal = input.targets.reduce((sum, r) => sum + r.n, 0);
  const planned = sumAmounts(input.projects.map((r) => r.capitalPlanned));
  const disbursed = sumAmounts(input.projects.map((r) => r.disbursed));

  // By sector: tasks, targets and projects side by side.
  type SectorAcc = {
    tasks: Record<TaskState, number>;
    targets: Record<string, number>;
    projects: ProjectSumRow | null;
  };
  const sectors = new Map<string | null, SectorAcc>();
  const sectorOf = (s: string | null) => {
    let acc = sectors.get(s);
    if (!acc) {
      acc = { tasks: zeroStates(), targets: {}, projects: null };
      sectors.set(s, acc);
    }
    return acc;
  };
  const agencies = new Map<string, { name: string; states: Record<TaskState, number> }>();
  for (const r of input.breakdown) {
    if (r.by === 'sector') sectorOf(r.sector).tasks[r.state] += r.n;
    else if (r.agencyId) {
      let acc = agencies.get(r.agencyId);
      if (!acc) {
        acc = { name: r.agencyName ?? '', states: zeroStates() };
        agencies.set(r.agencyId, acc);
      }
      acc.states[r.state] += r.n;
    }
  }
  for (const r of input.targets) {
    const acc = sectorOf(r.sector).targets;
    acc[r.state] = (acc[r.state] ?? 0) + r.n;
  }
  for (const r of input.projects) sectorOf(r.sector).projects = r;

  const bySector = [...sectors.entries()]
    .sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b, 'vi')))
    .map(([sector, acc]) => {
      // Items without a sector: no list selects exactly them.
      const sectorTasks = (q: Query = {}) => (sector === null ? null : tasks({ sector, ...q }));
      const sectorTargets = (q: Query = {}) =>
        sector === null ? null : targetsList({ sector, ...q });
      const total = STATES.reduce((sum, s) => sum + acc.tasks[s], 0);
      const p = acc.projects;
      const targetTotalOf = Object.values(acc.targets).reduce((sum, n) => sum + n, 0);
      return {
        sector,
        tasks: {
          total: { value: total, list: sectorTasks() },
          done: acc.tasks.done_on_time + acc.tasks.done_late,
          overdue: { value: acc.tasks.overdue, list: sectorTasks({ state: 'overdue' }) },
          completionRate: completionRateOf(acc.tasks),
        },
        targets: {
          total: { value: targetTotalOf, list: sectorTargets() },
          onTrack: {
            value: acc.targets.on_track ?? 0,
            list: sectorTargets({ projection: 'on_track' }),
          },
          atRisk: {
            value: acc.targets.at_risk ?? 0,
            list: sectorTargets({ projection: 'at_risk' }),
          },
          offTrack: {
            value: acc.targets.off_track ?? 0,
            list: sectorTargets({ projection: 'off_track' }),
          },
        },
        projects: {
          total: {
            value: p?.projects ?? 0,
            list: sector === null ? null : projectsList({ sector }),
          },
          capitalPlanned: sumAmounts([p?.capitalPlanned ?? '0']),
          disbursed: sumAmounts([p?.disbursed ?? '0']),
          disbursedPercent: percentOf(p?.disbursed ?? '0', p?.capitalPlanned ?? '0'),
        },
      };
    });

  const byAgency = [...agencies.entries()]
    .map(([id, acc]) => {
      const of = (q: Query) => tasks({ agencyId: id, ...q });
      const s = acc.states;
      return {
        agency: { id, name: acc.name },
        doneOnTime: { value: s.done_on_time, list: of({ state: 'done_on_time' }) },
        doneLate: { value: s.done_late, list: of({ state: 'done_late' }) },
        overdue: { value: s.overdue, list: of({ state: 'overdue' }) },
        open: { value: s.in_progress + s.not_started + s.overdue, list: of({ open: 'true' }) },
        onTimeRate: onTimeRateOf(s),
        judged: s.done_on_time + s.done_late + s.overdue,
      };
    })
    .sort(
      (a, b) =>
        (b.onTimeRate ?? -1) - (a.onTimeRate ?? -1) ||
        b.judged - a.judged ||
        a.agency.name.localeCompare(b.agency.name, 'vi'),
    )
    .map(({ judged: _judged, ...row }) => row);

  const period = input.period;
  const pastDue = period ? period.submissionDueOn < asOf : false;
  const notIn = period ? period.expected - period.submitted : 0;

  const knownSectors = new Set(input.sectors);
  for (const s of sectors.keys()) if (s !== null) knownSectors.add(s);

  return {
    asOf,
    year,
    tasks: {
      total: { value: counts.total, list: tasks() },
      states: Object.fromEntries(
        STATES.map((s) => [s, { value: counts.states[s], list: tasks({ state: s }) }]),
      ) as Dashboard['tasks']['states'],
      completionRate: counts.completionRate,
      onTimeRate: onTimeRateOf(counts.states),
      overdueByAge: Object.fromEntries(
        AGES.map((a) => [a, { value: counts.overdueByAge[a], list: tasks({ overdueAge: a }) }]),
      ) as Dashboard['tasks']['overdueByAge'],
    },
    reports: period
      ? {
          period: {
            id: period.id,
            label: period.label,
            planId: period.planId,
            submissionDueOn: period.submissionDueOn,
          },
          expected: period.expected,
          submitted: period.submitted,
          missing: {
            value: pastDue ? notIn : 0,
            list: list('period', { periodId: period.id }),
          },
          pending: pastDue ? 0 : notIn,
        }
      : null,
    targets: {
      total: { value: targetTotal, list: targetsList() },
      byProjection: Object.fromEntries(
        PROJECTIONS.map((p) => [
          p,
          { value: byProjection[p], list: targetsList({ projection: p }) },
        ]),
      ) as Dashboard['targets']['byProjection'],
    },
    projects: {
      total: {
        value: input.projects.reduce((sum, r) => sum + r.projects, 0),
        list: projectsList(),
      },
      capitalPlanned: planned,
      disbursed,
      disbursedPercent: percentOf(disbursed, planned),
      slipping: {
        value: input.projects.reduce((sum, r) => sum + r.slipping, 0),
        list: projectsList({ slipping: 'true' }),
      },
      milestonesSlipping: input.projects.reduce((sum, r) => sum + r.milestonesSlipping, 0),
    },
    bySector,
    byAgency,
    sectors: [...knownSectors].sort((a, b) => a.localeCompare(b, 'vi')),
  };
}
