// The consolidated report as the API shows it: the period, the subject as printed, the narrative
// with its version, the figures, and what the caller may do.
import { abilities } from '../../server/policy.js';
import type { Principal } from '../../server/principal.js';
import { consolidatedReportPolicy } from './policy.js';
import type { ConsolidatedReportView, Figures } from './schema.js';
import type { Period, StoredNarrative } from './service.js';

export function presentReport(
  period: Period,
  subject: string,
  stored: StoredNarrative,
  figures: Figures,
  p: Principal,
): ConsolidatedReportView {
  const { read: _read, ...can } = abilities(consolidatedReportPolicy, p, {
    tenantId: period.tenantId,
  });
  return {
    period: {
      id: period.id,
      planId: period.planId,
      label: period.label,
      kind: period.kind,
      windowFrom: period.windowFrom,
      windowTo: period.windowTo,
    },
    plan: { number: period.plan.number, title: period.plan.title },
    subject,
    narrative: stored.narrative,
    version: stored.version,
    updatedAt: stored.updatedAt?.toISOString() ?? null,
    figures,
    abilities: can,
  };
}
