// Plans as the API shows them: the tree assembled, deadlines in words, agencies with who is
// responsible for them today.
import type { Deadline } from '../../domain/deadline.js';
import { describeDeadline } from '../../domain/deadline-text.js';
import { responsibleOn, type SuccessionIndex } from '../../domain/succession.js';
import { groupBy } from '../../lib/collections.js';
import { can } from '../../server/policy.js';
import type { Principal } from '../../server/principal.js';
import { presentAgencySummary, presentResponsibility } from '../agencies/presenter.js';
import type { AgencyRow } from '../agencies/service.js';
import { planPolicy } from './policy.js';
import type {
  AgencyAssignment,
  DocumentReference,
  PlanDetail,
  PlanSummary,
  PlanTreeNode,
  WithdrawnPlan,
} from './schema.js';
import type { DocumentRow, listPlans, PlanData } from './service.js';
import type { WithdrawnPlan as WithdrawnPlanResult } from './withdraw.js';

const source = (r: { sourceStart: number | null; sourceEnd: number | null }) =>
  r.sourceStart !== null && r.sourceEnd !== null
    ? { start: r.sourceStart, end: r.sourceEnd }
    : null;

export function presentDocument(d: DocumentRow) {
  return {
    id: d.id,
    type: d.docType,
    number: d.numberCanonical,
    numberAsWritten: d.numberAsWritten,
    issuer: d.issuer,
    date: d.issuedOn,
    title: d.title,
  };
}

type Counts = { targets: number; tasks: number; projects: number };

export function presentPlanList(
  data: Awaited<ReturnType<typeof listPlans>>,
  abilities: { import: boolean },
): {
  items: PlanSummary[];
  total: number;
  abilities: { import: boolean };
} {
  return {
    total: data.total,
    abilities,
    items: data.rows.map(({ plan, document }) => ({
      id: plan.id,
      document: presentDocument(document),
      counts: data.counts.get(plan.id) ?? { targets: 0, tasks: 0, projects: 0 },
      createdAt: plan.createdAt.toISOString(),
    })),
  };
}

export type PresentContext = {
  principal: Principal;
  today: string;
  successions: SuccessionIndex;
  /** Every agency named by the plan or responsible for its work today. */
  agencies: ReadonlyMap<string, AgencyRow>;
  /** Nobody has worked on the plan (withdraw.ts#planHasWork); asked only of those who may withdraw. */
  unworked: boolean;
};

function assignment(
  agencyId: string,
  asWritten: string | null,
  ctx: PresentContext,
): AgencyAssignment | null {
  const agency = ctx.agencies.get(agencyId);
  if (!agency) return null;
  return {
    asWritten,
    agency: presentAgencySummary(agency, ctx.today),
    responsible: presentResponsibility(
      responsibleOn(agencyId, ctx.today, ctx.successions),
      ctx.today,
      ctx.agencies,
      ctx.today,
    ),
  };
}

function referenceTree(
  fromId: string,
  data: PlanData,
  seen: ReadonlySet<string>,
): DocumentReference[] {
  return data.graph.edges
    .filter((e) => e.fromId === fromId && !seen.has(e.toId))
    .flatMap((e) => {
      const doc = data.graph.documents.get(e.toId);
      if (!doc) return [];
      return [
        {
          ...presentDocument(doc),
          relation: e.relation as DocumentReference['relation'],
          references: referenceTree(doc.id, data, new Set(seen).add(doc.id)),
        },
      ];
    });
}

export function presentPlan(data: PlanData, counts: Counts, ctx: PresentContext): PlanDetail {
  const coordinatorsByTask = groupBy(data.coordinators, (c) => c.taskId);
  const locationsByProject = groupBy(data.locations, (l) => l.projectId);
  const byNode = <T extends { nodeId: string }>(rows: T[]) => groupBy(rows, (r) => r.nodeId);
  const targetsByNode = byNode(data.targets);
  const tasksByNode = byNode(data.tasks);
  const projectsByNode = byNode(data.projects);
  const childrenByParent = groupBy(data.nodes, (n) => n.parentId ?? '');

  const build = (parentId: string): PlanTreeNode[] =>
    (childrenByParent.get(parentId) ?? []).map((n) => ({
      id: n.id,
      kind: n.kind as PlanTreeNode['kind'],
      label: n.label,
      title: n.title,
      body: n.body,
      sector: n.sector,
      source: source(n),
      children: build(n.id),
      targets: (targetsByNode.get(n.id) ?? []).map((t) => ({
        id: t.id,
        indicator: t.indicator,
        unit: t.unit,
        baselineValue: t.baselineValue,
        targetValue: t.targetValue,
        targetYear: t.targetYear,
        sector: t.sector,
        body: t.body,
        source: source(t),
      })),
      tasks: (tasksByNode.get(n.id) ?? []).map((t) => {
        const deadline = t.deadline as Deadline;
        return {
          id: t.id,
          code: t.code,
          title: t.title,
          body: t.body,
          sector: t.sector,
          lead: t.leadAgencyId ? assignment(t.leadAgencyId, t.leadAsWritten, ctx) : null,
          leadUnresolved: t.leadAgencyId ? null : t.leadAsWritten,
          coordinators: (coordinatorsByTask.get(t.id) ?? []).flatMap((c) => {
            const a = assignment(c.agencyId, c.asWritten, ctx);
            return a ? [a] : [];
          }),
          coordinationNote: t.coordinationNote,
          deadline,
          deadlineText: describeDeadline(deadline),
          dueOn: t.dueOn,
          expectedOutput: t.expectedOutput,
          source: source(t),
        };
      }),
      projects: (projectsByNode.get(n.id) ?? []).map((p) => ({
        id: p.id,
        name: p.name,
        sector: p.sector,
        investmentForm: p.investmentForm,
        owner: p.owner,
        body: p.body,
        locations: (locationsByProject.get(p.id) ?? []).map((l) => ({
          code: l.code,
          name: l.name,
        })),
        source: source(p),
      })),
    }));

  return {
    id: data.plan.id,
    document: { ...presentDocument(data.document), place: data.plan.place },
    references: referenceTree(data.document.id, data, new Set([data.document.id])),
    signer: data.plan.signerName
      ? {
          name: data.plan.signerName,
          position: data.plan.signerPosition,
          authority: data.plan.signerAuthority,
        }
      : null,
    recipients: data.plan.recipients,
    counts,
    tree: build(''),
    createdAt: data.plan.createdAt.toISOString(),
    abilities: {
      read: can(planPolicy, ctx.principal, 'read', data.plan),
      withdraw: ctx.unworked && can(planPolicy, ctx.principal, 'withdraw', data.plan),
    },
  };
}

/** A withdrawn plan: what went. */
export function presentWithdrawnPlan(w: WithdrawnPlanResult): WithdrawnPlan {
  return {
    id: w.id,
    number: w.number,
    title: w.title,
    counts: w.counts,
    documentRemoved: w.documentRemoved,
  };
}
