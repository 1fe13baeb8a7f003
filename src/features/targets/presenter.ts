// Targets as the API shows them: values as exact decimals in text, the projection computed for the
// year asked (domain/target-projection.ts) with its rule in words.
import { parseTargetPeriod } from '../../domain/target-period.js';
import { type Assessment, projectTarget } from '../../domain/target-projection.js';
import { oneOf, plain, targetFacts } from './facts.js';
import type { ActualAccess } from './policy.js';
import type { ActualReport as ActualReportView, TargetDetail, TargetSummary } from './schema.js';
import type { ActualReport, TargetAttachments, TargetRow } from './service.js';

const ASSESSMENTS: readonly Assessment[] = ['on_track', 'at_risk', 'off_track'];
const STATUSES = ['pending', 'approved', 'returned', 'withdrawn'] as const;

export function presentTarget(
  r: TargetRow,
  { milestones, actuals }: TargetAttachments,
  asOfYear: number,
): TargetSummary & { actuals: TargetDetail['actuals'] } {
  const t = r.target;
  const { facts, approved, baselineValue } = targetFacts(t, milestones, actuals);
  const { kind, comparator, baseline } = facts;
  const own = facts.milestones.map((m) => ({ year: m.year, value: m.value }));
  const projection = projectTarget(facts, asOfYear, {
    atRiskShare: Number(r.atRiskShare),
    aboutMargin: Number(r.aboutMargin),
  });
  const shown = approved.map((a) => ({
    year: a.year,
    period: a.period,
    periodLabel: a.periodLabel,
    periodEnd: a.periodEnd,
    value: a.value,
    achieved: a.achieved,
    assessment: a.assessment,
    note: a.note,
  }));
  return {
    id: t.id,
    plan: { id: t.planId, number: r.planNumber, title: r.planTitle },
    indicator: t.indicator,
    unit: t.unit,
    kind,
    comparator,
    sector: t.sector,
    baseline,
    baselineValueWithoutYear: baseline ? null : baselineValue,
    milestones: own,
    responsibleAgency:
      t.responsibleAgencyId && r.agencyName
        ? { id: t.responsibleAgencyId, name: r.agencyName }
        : null,
    latestActual: shown[0] ?? null,
    projection,
    actuals: shown,
  };
}

/** A report of an actual, as the target's history shows it. */
export function presentReport(
  r: ActualReport,
  canReview: (access: ActualAccess) => boolean,
  tenantId: string,
): ActualReportView {
  const a = r.actual;
  const period = parseTargetPeriod(a.period);
  return {
    id: a.id,
    year: a.year,
    period: a.period,
    periodLabel: period?.label ?? String(a.year),
    periodEnd: a.periodEnd,
    value: plain(a.value),
    achieved: a.achieved,
    assessment: a.assessment ? oneOf(ASSESSMENTS, a.assessment, 'on_track') : null,
    note: a.note,
    status: oneOf(STATUSES, a.status, 'pending'),
    agency: a.agencyId && r.agencyName ? { id: a.agencyId, name: r.agencyName } : null,
    reportedBy: r.reporter,
    reportedAt: a.reportedAt.toISOString(),
    reviewedBy: a.reviewedBy ? r.reviewer : null,
    reviewedAt: a.reviewedAt?.toISOString() ?? null,
    reviewNote: a.reviewNote,
    evidence: r.files.map((f) => ({
      id: f.id,
      fileName: f.fileName,
      size: f.size,
      url: `/api/evidence/${f.id}`,
    })),
    abilities: {
      review: canReview({
        tenantId,
        agencyId: a.agencyId ?? '',
        status: a.status,
        responsible: r.responsible,
      }),
    },
  };
}
