// Reminders and escalations as the API shows them (schema.ts): dates as ISO text, the step named
// in Vietnamese.
import type { Escalation, EscalationList, PeriodReminders } from './schema.js';
import { reminderStepLabel } from './schema.js';
import type { EscalatedAgency, ReminderRow } from './service.js';

export function presentPeriodReminders(
  period: { id: string; label: string; submissionDueOn: string },
  rows: readonly ReminderRow[],
): PeriodReminders {
  return {
    period: { id: period.id, label: period.label, submissionDueOn: period.submissionDueOn },
    items: rows.map((r) => ({
      agency: { id: r.agencyId, name: r.agencyName },
      step: r.step,
      stepLabel: reminderStepLabel(r.step),
      sentAt: r.sentAt.toISOString(),
      recipients: r.recipients,
    })),
  };
}

export function presentEscalation(e: EscalatedAgency): Escalation {
  return {
    period: e.period,
    plan: e.plan,
    agency: e.agency,
    reportState: e.reportState,
    daysLate: e.daysLate,
    workingDaysLate: e.workingDaysLate,
    notifiedAt: e.notifiedAt ? e.notifiedAt.toISOString() : null,
  };
}

export function presentEscalations(asOf: string, rows: readonly EscalatedAgency[]): EscalationList {
  return { asOf, items: rows.map(presentEscalation) };
}
