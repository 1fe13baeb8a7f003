// Reporting periods as the API shows them: the record, its plan, its counts, what the caller may do.
import { abilities } from '../../server/policy.js';
import type { Principal } from '../../server/principal.js';
import { reminderPolicy } from '../reminders/policy.js';
import { periodPolicy } from './policy.js';
import type { Completeness, PeriodDetail, PeriodSummary } from './schema.js';
import type { PeriodRow } from './service.js';

export function presentPeriod(p: Principal, row: PeriodRow): PeriodSummary {
  const { period } = row;
  const can = abilities(periodPolicy, p, period);
  return {
    id: period.id,
    planId: period.planId,
    planNumber: row.planNumber,
    planTitle: row.planTitle,
    kind: period.kind as PeriodSummary['kind'],
    label: period.label,
    windowFrom: period.windowFrom,
    windowTo: period.windowTo,
    submissionDueOn: period.submissionDueOn,
    reminderDaysBefore: period.reminderDaysBefore,
    openedAt: period.openedAt ? period.openedAt.toISOString() : null,
    version: period.version,
    expected: row.expected,
    submitted: row.submitted,
    abilities: {
      update: can.update,
      open: can.open,
      manageAgencies: can.manageAgencies,
      readReminders: abilities(reminderPolicy, p, { tenantId: period.tenantId }).readReminders,
    },
  };
}

export function presentPeriodDetail(
  p: Principal,
  row: PeriodRow,
  asOf: string,
  completeness: Completeness,
): PeriodDetail {
  return { ...presentPeriod(p, row), asOf, completeness };
}
