// Agency reports as the API shows them: camelCase, ISO instants, actors by name, abilities.
import type { Principal } from '../../server/principal.js';
import { reportAbilities } from './policy.js';
import type {
  AgencyReportView,
  MyReportList,
  PeriodReportRow,
  ReportContent,
  ReportState,
  ReportVersionView,
} from './schema.js';
import {
  type agencyPeriods,
  type FoundReport,
  type listVersions,
  type PeriodRef,
  type PeriodReportListRow,
  storedContent,
} from './service.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function presentPeriod(p: PeriodRef) {
  return {
    id: p.id,
    label: p.label,
    kind: p.kind,
    windowFrom: p.windowFrom,
    windowTo: p.windowTo,
    submissionDueOn: p.submissionDueOn,
    planId: p.planId,
    planName: p.planName,
  };
}

const actor = (id: string | null, names: Map<string, string>) =>
  id ? { id, displayName: names.get(id) ?? '' } : null;

export function presentReport(
  found: FoundReport,
  content: ReportContent,
  names: Map<string, string>,
  principal: Principal,
): AgencyReportView {
  const r = found.report;
  const state: ReportState | null = (r?.state as ReportState | undefined) ?? null;
  return {
    id: r?.id ?? null,
    period: presentPeriod(found.period),
    agency: found.agency,
    stored: r !== null,
    state: state ?? 'draft',
    version: r?.version ?? 0,
    content,
    results: r?.results ?? '',
    difficulties: r?.difficulties ?? '',
    proposals: r?.proposals ?? '',
    submittedAt: iso(r?.submittedAt ?? null),
    submittedBy: actor(r?.submittedBy ?? null, names),
    decidedAt: iso(r?.decidedAt ?? null),
    decidedBy: actor(r?.decidedBy ?? null, names),
    returnReason: r?.returnReason ?? null,
    updatedAt: iso(r?.updatedAt ?? null),
    abilities: reportAbilities(principal, {
      tenantId: found.period.tenantId,
      agencyId: found.agency.id,
      state,
    }),
  };
}

export function presentVersion(
  v: Awaited<ReturnType<typeof listVersions>>[number],
  names: Map<string, string>,
): ReportVersionView {
  return {
    version: v.version,
    action: v.action as ReportVersionView['action'],
    state: v.state as ReportState,
    content: storedContent(v.content),
    results: v.results,
    difficulties: v.difficulties,
    proposals: v.proposals,
    reason: v.reason,
    actor: actor(v.actorId, names),
    createdAt: v.createdAt.toISOString(),
  };
}

export function presentPeriodRow(r: PeriodReportListRow): PeriodReportRow {
  return {
    agency: { id: r.agencyId, name: r.agencyName },
    reportId: r.reportId,
    state: r.state,
    version: r.version,
    submittedAt: iso(r.submittedAt),
    firstSubmittedAt: iso(r.firstSubmittedAt),
    onTime: r.onTime,
    returned: r.state === 'returned',
    returnReason: r.returnReason,
  };
}

export function presentMine(
  rows: Awaited<ReturnType<typeof agencyPeriods>>,
): MyReportList['items'] {
  return rows.map((r) => ({
    period: presentPeriod({ ...r.period }),
    agency: r.agency,
    state: (r.state as ReportState | null) ?? null,
    submittedAt: iso(r.submittedAt),
    returnReason: r.returnReason,
  }));
}
