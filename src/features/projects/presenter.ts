// Key projects as the API shows them: money as exact decimals in text (billion đồng), the year's
// plan, disbursement and their share computed by domain/project-progress.ts, milestones with their
// slippage against today, updates with their abilities. Never a database row as it is.
import {
  clearancePercent,
  milestoneSlippage,
  monthlyCumulative,
  nextMilestone,
  percentOf,
  plainDecimal,
  yearPlanTotal,
} from '../../domain/project-progress.js';
import { can } from '../../server/policy.js';
import type { Principal } from '../../server/principal.js';
import { type ProjectAccess, projectPolicy, projectUpdatePolicy } from './policy.js';
import {
  CAPITAL_SOURCES,
  type CapitalSource,
  CLEARANCE_UNITS,
  type ClearanceUnit,
  INVESTMENT_FORMS,
  type InvestmentForm,
  MILESTONE_KINDS,
  type MilestoneKind,
  type ProjectDetail,
  type ProjectSummary,
  type ProjectUpdateView,
} from './schema.js';
import type { LoadedProject, MilestoneRow, ProjectRow, UpdateRow } from './service.js';

const oneOf = <T extends string>(all: readonly T[], value: string | null): T | null =>
  all.includes(value as T) ? (value as T) : null;

/**
 * The investment form: the API's value, or as a plan file writes it ("BOT", "Đầu tư công");
 * null when the plan does not say or says something else.
 */
export function investmentFormOf(text: string | null): InvestmentForm | null {
  if (text === null) return null;
  const key = text.trim().toLowerCase();
  const known = oneOf(INVESTMENT_FORMS, key);
  if (known) return known;
  const written: Record<string, InvestmentForm> = {
    'đầu tư công': 'public',
    ppp: 'ppp_other',
    'ngoài ngân sách': 'non_budget',
  };
  return written[key.normalize('NFC')] ?? null;
}

const plain = (value: string | null) => (value === null ? null : plainDecimal(value));
const isMilestoneKind = (kind: string): kind is MilestoneKind =>
  (MILESTONE_KINDS as readonly string[]).includes(kind);

export function presentProjectSummary(
  r: ProjectRow,
  milestones: readonly MilestoneRow[],
  year: number,
  today: string,
): ProjectSummary {
  const p = r.project;
  const own = milestones
    .filter((m) => m.projectId === p.id && isMilestoneKind(m.kind))
    .sort(
      (a, b) =>
        MILESTONE_KINDS.indexOf(a.kind as MilestoneKind) -
        MILESTONE_KINDS.indexOf(b.kind as MilestoneKind),
    )
    .map((m) => ({ kind: m.kind as MilestoneKind, plannedOn: m.plannedOn, actualOn: m.actualOn }));
  const capitalPlanned = plainDecimal(r.capitalPlanned);
  const disbursed = plainDecimal(r.disbursed);
  return {
    id: p.id,
    plan: { id: p.planId, number: r.planNumber, title: r.planTitle },
    name: p.name,
    sector: p.sector,
    investmentForm: investmentFormOf(p.investmentForm),
    owner: {
      agency:
        p.ownerAgencyId && r.ownerAgencyName
          ? { id: p.ownerAgencyId, name: r.ownerAgencyName }
          : null,
      name: p.owner,
    },
    totalInvestment: plain(p.totalInvestment),
    year,
    capitalPlanned,
    disbursed,
    disbursedPercent: percentOf(disbursed, capitalPlanned),
    clearance: {
      unit: oneOf<ClearanceUnit>(CLEARANCE_UNITS, p.clearanceUnit),
      total: plain(p.clearanceTotal),
      done: plain(p.clearanceDone),
      percent: clearancePercent(p.clearanceDone, p.clearanceTotal),
    },
    constructionPercent: p.constructionPercent,
    nextMilestone: nextMilestone(own, today),
    lastUpdatedOn: p.lastUpdatedOn,
  };
}

export function presentProjectUpdate(u: UpdateRow, viewer: Principal): ProjectUpdateView {
  const x = u.update;
  return {
    id: x.id,
    year: x.year,
    month: x.month,
    agency: { id: x.agencyId, name: u.agencyName },
    disbursed: plain(x.disbursed),
    clearanceDone: plain(x.clearanceDone),
    constructionPercent: x.constructionPercent,
    milestones: x.milestones.flatMap((m) =>
      isMilestoneKind(m.kind) ? [{ kind: m.kind, actualOn: m.actualOn }] : [],
    ),
    narrative: x.narrative,
    status:
      x.status === 'approved' || x.status === 'returned' || x.status === 'withdrawn'
        ? x.status
        : 'pending',
    createdBy: { id: x.createdBy, name: u.creatorName },
    createdAt: x.createdAt.toISOString(),
    reviewedBy: x.reviewedBy ? { id: x.reviewedBy, name: u.reviewerName ?? '' } : null,
    reviewedAt: x.reviewedAt?.toISOString() ?? null,
    reviewNote: x.reviewNote,
    evidence: u.files.map((f) => ({
      id: f.id,
      fileName: f.fileName,
      size: f.size,
      url: `/api/evidence/${f.id}`,
    })),
    abilities: {
      review: can(projectUpdatePolicy, viewer, 'review', {
        tenantId: x.tenantId,
        agencyId: x.agencyId,
        status: x.status,
        responsible: u.responsible,
      }),
    },
  };
}

export function presentProjectDetail(
  loaded: LoadedProject,
  year: number,
  today: string,
  viewer: Principal,
): ProjectDetail {
  const p = loaded.row.project;
  const access: ProjectAccess = { tenantId: p.tenantId, ownerAgencyId: p.ownerAgencyId };
  const capitalPlans = loaded.capitalPlans.flatMap((c) => {
    const source = oneOf<CapitalSource>(CAPITAL_SOURCES, c.source);
    return source ? [{ year: c.year, source, amount: plainDecimal(c.amount) }] : [];
  });
  const years = [...new Set(loaded.disbursements.map((d) => d.year))].sort((a, b) => a - b);
  const disbursements = years.flatMap((y) =>
    monthlyCumulative(
      loaded.disbursements.filter((d) => d.year === y),
      yearPlanTotal(capitalPlans, y),
    ).map((m) => ({ year: y, ...m })),
  );
  const milestones = loaded.milestones
    .filter((m) => isMilestoneKind(m.kind))
    .sort(
      (a, b) =>
        MILESTONE_KINDS.indexOf(a.kind as MilestoneKind) -
        MILESTONE_KINDS.indexOf(b.kind as MilestoneKind),
    )
    .map((m) => ({
      kind: m.kind as MilestoneKind,
      plannedOn: m.plannedOn,
      actualOn: m.actualOn,
      slippageDays: milestoneSlippage(m, today),
    }));
  return {
    ...presentProjectSummary(loaded.row, loaded.milestones, year, today),
    version: p.version,
    body: p.body,
    approvalDocuments: p.approvalDocuments.map((d) => ({
      number: d.number,
      issuedOn: d.issuedOn ?? null,
      title: d.title ?? null,
    })),
    startYear: p.startYear,
    endYear: p.endYear,
    communes: loaded.communes,
    capitalPlans,
    disbursements,
    milestones,
    updates: loaded.updates.map((u) => presentProjectUpdate(u, viewer)),
    tasks: loaded.tasks,
    targets: loaded.targets,
    abilities: {
      update: can(projectPolicy, viewer, 'update', access),
      report: can(projectPolicy, viewer, 'report', access),
      loadSpreadsheet: can(projectPolicy, viewer, 'loadSpreadsheet', access),
      addDocuments: can(projectPolicy, viewer, 'addDocuments', access),
    },
    documents: loaded.documents.map((f) => ({
      id: f.id,
      fileName: f.fileName,
      size: f.size,
      url: `/api/evidence/${f.id}`,
      createdAt: f.createdAt.toISOString(),
    })),
  };
}
