// A reporting period as the reminder tests need it: opened, with its expected agencies and, for
// some, a report in a given state. Rows go in directly (the periods feature is tested on its own).
import type { Db } from '../../src/db/client.js';
import { agencyReports, reportingPeriodAgencies, reportingPeriods } from '../../src/db/schema.js';
import { agencyIdByCode } from './users.js';

export type PeriodAgency = {
  code: string;
  /** The agency's report: none, or a row in this state. */
  report?: 'draft' | 'submitted' | 'accepted' | 'returned';
};

export async function insertOpenedPeriod(
  db: Db,
  tenantId: string,
  planId: string,
  options: {
    label: string;
    windowFrom: string;
    windowTo: string;
    submissionDueOn: string;
    reminderDaysBefore?: number[];
    opened?: boolean;
    agencies: readonly PeriodAgency[];
  },
): Promise<{ periodId: string; agencyIds: Record<string, string> }> {
  const [period] = await db
    .insert(reportingPeriods)
    .values({
      tenantId,
      planId,
      kind: 'ad_hoc',
      label: options.label,
      windowFrom: options.windowFrom,
      windowTo: options.windowTo,
      submissionDueOn: options.submissionDueOn,
      ...(options.reminderDaysBefore ? { reminderDaysBefore: options.reminderDaysBefore } : {}),
      openedAt: options.opened === false ? null : new Date(),
    })
    .returning({ id: reportingPeriods.id });
  if (!period) throw new Error('period not inserted');
  const agencyIds: Record<string, string> = {};
  for (const a of options.agencies) {
    const agencyId = await agencyIdByCode(db, tenantId, a.code);
    agencyIds[a.code] = agencyId;
    await db
      .insert(reportingPeriodAgencies)
      .values({ periodId: period.id, agencyId, tenantId, source: 'derived' });
    if (a.report) {
      await db.insert(agencyReports).values({
        tenantId,
        periodId: period.id,
        agencyId,
        state: a.report,
        ...(a.report === 'draft' ? {} : { submittedAt: new Date() }),
      });
    }
  }
  return { periodId: period.id, agencyIds };
}
