// The map's answers as the API shows them: amounts as exact decimals without trailing zeros, and
// for every task and project the web page that opens it.
import Decimal from 'decimal.js';
import type {
  CommuneProject,
  CommuneTask,
  CommuneWork,
  MapMeasure,
  MapMeasures,
} from './schema.js';
import type { CommuneProjectRow, CommuneTaskRow, MeasureRow } from './service.js';

/** "12.500" → "12.5", "0.000" → "0": exact, never through a float. */
export const exact = (value: string) => new Decimal(value).toFixed();

export function presentMeasures(
  measure: MapMeasure,
  rows: readonly MeasureRow[],
  context: { planId: string | null; year: number; asOf: string },
): MapMeasures {
  return {
    measure,
    ...context,
    items: rows.map((r) => ({ code: r.code, name: r.name, value: exact(r.value) })),
  };
}

export function presentCommuneTask(r: CommuneTaskRow): CommuneTask {
  return {
    id: r.id,
    code: r.code,
    title: r.title,
    plan: { id: r.planId, number: r.planNumber },
    state: r.state,
    dueOn: r.dueOn,
    lead: { id: r.leadId, name: r.leadName },
    via: r.former ? 'former' : 'commune',
    path: `/nhiem-vu/${r.id}`,
  };
}

export function presentCommuneProject(r: CommuneProjectRow): CommuneProject {
  return {
    id: r.id,
    name: r.name,
    plan: { id: r.planId, number: r.planNumber },
    owner: r.ownerAgencyName ?? r.owner,
    disbursed: exact(r.disbursed),
    capitalPlanned: exact(r.capitalPlanned),
    via: r.via,
    path: `/du-an/${r.id}`,
  };
}

export function presentCommuneWork(input: {
  commune: { code: string; name: string };
  year: number;
  asOf: string;
  limit: number;
  tasks: { rows: readonly CommuneTaskRow[]; total: number; offset: number };
  projects: { rows: readonly CommuneProjectRow[]; total: number; offset: number };
}): CommuneWork {
  return {
    commune: input.commune,
    year: input.year,
    asOf: input.asOf,
    limit: input.limit,
    tasks: {
      items: input.tasks.rows.map(presentCommuneTask),
      total: input.tasks.total,
      offset: input.tasks.offset,
    },
    projects: {
      items: input.projects.rows.map(presentCommuneProject),
      total: input.projects.total,
      offset: input.projects.offset,
    },
  };
}
