// Reminders and escalation of agencies that have not submitted their report for a period (issue
// #10), and what was sent.
//
// sendPeriodReminders is the job (server/jobs runs it at start and on a schedule, with pg-boss on
// PostgreSQL and in the process on the embedded database). It is idempotent by itself: each
// agency and step is claimed by INSERT … ON CONFLICT DO NOTHING RETURNING on period_reminders'
// primary key, in the same transaction as its notifications, so whichever run inserts the row
// sends, a concurrent or repeated run finds the row and sends nothing, and a crash leaves either
// both or neither. Work goes in small transactions (a batch of agencies of one period and step),
// so on the embedded database, whose queries run on the main thread, requests get their turn
// between batches.
import { and, asc, eq, gte, inArray, isNotNull, like, lt, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import {
  agencies,
  agencyReports,
  legalDocuments,
  notifications,
  periodReminders,
  plans,
  reportingPeriodAgencies,
  reportingPeriods,
  users,
} from '../../db/schema.js';
import { formatCitedDate, formatDateVi } from '../../domain/official-document/format.js';
import {
  daysBetween,
  dueSteps,
  isEscalated,
  REMINDER_HORIZON_DAYS,
  type ReminderStep,
  workingDaysAfter,
} from '../../domain/period-reminders.js';
import { type Actor, recordAudit } from '../audit/service.js';
import { notify, usersOfAgencies, usersWithRole } from '../notifications/service.js';

/** Agencies per transaction: a batch is a few dozen short statements. */
export const REMINDER_BATCH = 20;
/** A report in these states counts as submitted; absent, draft or returned is missing. */
export const SUBMITTED_STATES = ['submitted', 'accepted'] as const;
/** Where a reminder leads in the app: the reports page. */
export const REPORTS_PATH = '/bao-cao';

const SYSTEM = (tenantId: string): Actor => ({ id: 'system', tenantId });

/** The event key of a reminder's notifications (and mails): the same step never notifies twice. */
export const reminderEventKey = (periodId: string, agencyId: string, step: string) =>
  `period:${periodId}:reminder:${agencyId}:${step}`;

type PlanDocument = { number: string | null; issuedOn: string | null; issuer: string | null };

/** How a plan is named in a sentence: by its number, else by its date and issuer. */
export function planName(plan: PlanDocument): string {
  const number = plan.number?.trim();
  if (number) return `Kế hoạch số ${number}`;
  const date = plan.issuedOn ? ` ngày ${formatCitedDate(plan.issuedOn)}` : '';
  return `Kế hoạch${date} của ${plan.issuer?.trim() || 'UBND tỉnh'}`;
}

export type OpenedPeriod = {
  id: string;
  tenantId: string;
  planId: string;
  label: string;
  submissionDueOn: string;
  reminderDaysBefore: number[];
  planName: string;
};

const periodColumns = {
  id: reportingPeriods.id,
  tenantId: reportingPeriods.tenantId,
  planId: reportingPeriods.planId,
  label: reportingPeriods.label,
  submissionDueOn: reportingPeriods.submissionDueOn,
  reminderDaysBefore: reportingPeriods.reminderDaysBefore,
  number: legalDocuments.numberCanonical,
  issuedOn: legalDocuments.issuedOn,
  issuer: legalDocuments.issuer,
};

/** Opened periods matching the conditions, with the name of their plan. */
async function openedPeriods(db: Db, ...conditions: SQL[]): Promise<OpenedPeriod[]> {
  const rows = await db
    .select(periodColumns)
    .from(reportingPeriods)
    .innerJoin(plans, eq(plans.id, reportingPeriods.planId))
    .innerJoin(legalDocuments, eq(legalDocuments.id, plans.documentId))
    .where(and(isNotNull(reportingPeriods.openedAt), ...conditions))
    .orderBy(asc(reportingPeriods.submissionDueOn), asc(reportingPeriods.id));
  return rows.map((r) => ({
    id: r.id,
    tenantId: r.tenantId,
    planId: r.planId,
    label: r.label,
    submissionDueOn: r.submissionDueOn,
    reminderDaysBefore: r.reminderDaysBefore,
    planName: planName(r),
  }));
}

/** The period's agency (reporting_period_agencies) has not submitted: no report, draft or returned. */
const notSubmitted = sql`not exists (select 1 from ${agencyReports}
  where ${agencyReports.periodId} = ${reportingPeriodAgencies.periodId}
    and ${agencyReports.agencyId} = ${reportingPeriodAgencies.agencyId}
    and ${agencyReports.state} in ('submitted', 'accepted'))`;

// ---------------------------------------------------------------------------------------------
// The job.

export type ReminderMessage = { title: string; body: string };

/** The Vietnamese text of a reminder to an agency, or of an escalation to leadership. */
export function reminderMessage(
  period: Pick<OpenedPeriod, 'label' | 'submissionDueOn' | 'planName'>,
  agencyName: string,
  step: ReminderStep,
  asOf: string,
): ReminderMessage {
  const due = formatDateVi(period.submissionDueOn);
  const which = `kỳ báo cáo “${period.label}” của ${period.planName}`;
  if (step === 'escalation') {
    const late = workingDaysAfter(period.submissionDueOn, asOf);
    return {
      title: `${agencyName} chưa nộp báo cáo ${period.label}, chậm ${late} ngày làm việc`,
      body: `Hạn nộp báo cáo ${which} là ngày ${due}. Đến ngày ${formatDateVi(asOf)}, ${agencyName} vẫn chưa nộp báo cáo (chậm ${late} ngày làm việc).`,
    };
  }
  if (step === 'after') {
    return {
      title: `Đã quá hạn nộp báo cáo ${period.label}`,
      body: `Hạn nộp báo cáo ${which} là ngày ${due}; đến nay ${agencyName} chưa nộp báo cáo. Đề nghị khẩn trương hoàn thành và gửi báo cáo.`,
    };
  }
  const left = daysBetween(asOf, period.submissionDueOn);
  return {
    title:
      left === 0
        ? `Hôm nay là hạn nộp báo cáo ${period.label}`
        : `Còn ${left} ngày đến hạn nộp báo cáo ${period.label}`,
    body: `Hạn nộp báo cáo ${which} là ngày ${due}. ${agencyName} chưa nộp báo cáo kỳ này; đề nghị hoàn thành và gửi báo cáo đúng hạn.`,
  };
}

export type ReminderRun = {
  /** Periods looked at. */
  periods: number;
  /** Reminders sent to agencies (one per agency and step). */
  reminded: number;
  /** Agencies escalated to leadership. */
  escalated: number;
};

export type ReminderRunOptions = {
  /** The day in Vietnam the run judges on (the scheduler passes today; tests pass any day). */
  asOf: string;
  /** Only this tenant's periods (default: every tenant's). */
  tenantId?: string | undefined;
  batchSize?: number | undefined;
  /** Stops between two batches (the server is stopping); what was sent stays sent. */
  signal?: AbortSignal | undefined;
};

/** Hands the event loop a turn: other requests run between two batches on the embedded database. */
const yieldTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Sends the reminders and escalations due on `asOf` to agencies still missing their report, each
 * agency and step once whatever runs, repeats or concurrent runs happen.
 */
export async function sendPeriodReminders(
  db: Db,
  options: ReminderRunOptions,
): Promise<ReminderRun> {
  const { asOf } = options;
  const batchSize = options.batchSize ?? REMINDER_BATCH;
  const oldest = new Date(Date.parse(`${asOf}T00:00:00Z`) - REMINDER_HORIZON_DAYS * 86_400_000)
    .toISOString()
    .slice(0, 10);
  const periods = await openedPeriods(
    db,
    gte(reportingPeriods.submissionDueOn, oldest),
    ...(options.tenantId ? [eq(reportingPeriods.tenantId, options.tenantId)] : []),
  );
  const run: ReminderRun = { periods: periods.length, reminded: 0, escalated: 0 };
  for (const period of periods) {
    for (const step of dueSteps(period, asOf)) {
      for (;;) {
        if (options.signal?.aborted) return run;
        const { candidates, sent } = await sendBatch(db, period, step, asOf, batchSize);
        if (step === 'escalation') run.escalated += sent;
        else run.reminded += sent;
        // A full batch may have more behind it; a short one was the last (rows another run
        // claimed meanwhile are committed by now and not selected again).
        if (candidates < batchSize) break;
        await yieldTurn();
      }
    }
  }
  return run;
}

/** One transaction: claims up to `batchSize` agencies for the step and notifies those it claimed. */
async function sendBatch(
  db: Db,
  period: OpenedPeriod,
  step: ReminderStep,
  asOf: string,
  batchSize: number,
): Promise<{ candidates: number; sent: number }> {
  return db.transaction(async (tx) => {
    const candidates = await tx
      .select({ agencyId: reportingPeriodAgencies.agencyId, name: agencies.name })
      .from(reportingPeriodAgencies)
      .innerJoin(agencies, eq(agencies.id, reportingPeriodAgencies.agencyId))
      .where(
        and(
          eq(reportingPeriodAgencies.periodId, period.id),
          eq(reportingPeriodAgencies.tenantId, period.tenantId),
          notSubmitted,
          sql`not exists (select 1 from ${periodReminders}
            where ${periodReminders.periodId} = ${reportingPeriodAgencies.periodId}
              and ${periodReminders.agencyId} = ${reportingPeriodAgencies.agencyId}
              and ${periodReminders.step} = ${step})`,
        ),
      )
      .orderBy(asc(reportingPeriodAgencies.agencyId))
      .limit(batchSize);
    if (candidates.length === 0) return { candidates: 0, sent: 0 };
    // The claim: a row another run inserted first (committed or not) is not returned here.
    const claimed = await tx
      .insert(periodReminders)
      .values(
        candidates.map((c) => ({
          periodId: period.id,
          agencyId: c.agencyId,
          step,
          tenantId: period.tenantId,
        })),
      )
      .onConflictDoNothing()
      .returning({ agencyId: periodReminders.agencyId, sentAt: periodReminders.sentAt });
    const names = new Map(candidates.map((c) => [c.agencyId, c.name]));
    const leaders =
      step === 'escalation' && claimed.length > 0
        ? await usersWithRole(tx, period.tenantId, ['leadership'])
        : [];
    const audit = [];
    for (const { agencyId, sentAt } of claimed) {
      const name = names.get(agencyId) ?? '';
      const recipients =
        step === 'escalation'
          ? leaders
          : await usersOfAgencies(
              tx,
              period.tenantId,
              [agencyId],
              ['agency_head', 'agency_officer'],
            );
      const message = reminderMessage(period, name, step, asOf);
      await notify(
        tx,
        {
          tenantId: period.tenantId,
          eventKey: reminderEventKey(period.id, agencyId, step),
          kind: step === 'escalation' ? 'period_escalation' : 'period_reminder',
          title: message.title,
          body: message.body,
          link: REPORTS_PATH,
        },
        recipients,
      );
      audit.push({
        entity: 'reporting_period',
        entityId: period.id,
        action: step === 'escalation' ? 'escalated' : 'reminded',
        after: { agencyId, step, asOf, sentAt: sentAt.toISOString(), recipients },
      });
    }
    await recordAudit(tx, SYSTEM(period.tenantId), audit);
    return { candidates: candidates.length, sent: claimed.length };
  });
}

// ---------------------------------------------------------------------------------------------
// Reading.

/** An opened or not period of the tenant (null when it is not the tenant's or does not exist). */
export async function findPeriod(db: Db, tenantId: string, periodId: string) {
  const [row] = await db
    .select({
      id: reportingPeriods.id,
      tenantId: reportingPeriods.tenantId,
      label: reportingPeriods.label,
      submissionDueOn: reportingPeriods.submissionDueOn,
    })
    .from(reportingPeriods)
    .where(and(eq(reportingPeriods.tenantId, tenantId), eq(reportingPeriods.id, periodId)));
  return row ?? null;
}

export type ReminderRow = {
  agencyId: string;
  agencyName: string;
  step: string;
  sentAt: Date;
  recipients: { id: string; displayName: string }[];
};

/** What the job sent for a period: each agency and step, when, and who got it. */
export async function periodReminderRows(
  db: Db,
  tenantId: string,
  periodId: string,
): Promise<ReminderRow[]> {
  const rows = await db
    .select({
      agencyId: periodReminders.agencyId,
      agencyName: agencies.name,
      step: periodReminders.step,
      sentAt: periodReminders.sentAt,
    })
    .from(periodReminders)
    .innerJoin(agencies, eq(agencies.id, periodReminders.agencyId))
    .where(and(eq(periodReminders.tenantId, tenantId), eq(periodReminders.periodId, periodId)))
    .orderBy(asc(periodReminders.sentAt), asc(agencies.name), asc(periodReminders.step));
  if (rows.length === 0) return [];
  // Recipients are read from the notifications themselves (their event key names the period,
  // agency and step), among the staff of the reminded agencies and leadership: each user's
  // notifications are found through the (user, event) index.
  const notified = await db
    .select({ eventKey: notifications.eventKey, id: users.id, displayName: users.displayName })
    .from(users)
    .innerJoin(notifications, eq(notifications.userId, users.id))
    .where(
      and(
        eq(users.tenantId, tenantId),
        or(
          inArray(
            users.agencyId,
            db
              .selectDistinct({ id: periodReminders.agencyId })
              .from(periodReminders)
              .where(eq(periodReminders.periodId, periodId)),
          ),
          eq(users.role, 'leadership'),
        ),
        like(notifications.eventKey, `period:${periodId}:reminder:%`),
      ),
    )
    .orderBy(asc(users.displayName));
  const byKey = new Map<string, { id: string; displayName: string }[]>();
  for (const n of notified) {
    const list = byKey.get(n.eventKey) ?? [];
    list.push({ id: n.id, displayName: n.displayName });
    byKey.set(n.eventKey, list);
  }
  return rows.map((r) => ({
    ...r,
    recipients: byKey.get(reminderEventKey(periodId, r.agencyId, r.step)) ?? [],
  }));
}

export type EscalatedAgency = {
  period: { id: string; label: string; submissionDueOn: string };
  plan: { id: string; name: string };
  agency: { id: string; name: string };
  reportState: 'none' | 'draft' | 'returned';
  /** Calendar days after the deadline. */
  daysLate: number;
  /** Working days after the deadline (≥ 5). */
  workingDaysLate: number;
  /** When leadership was notified (the job's escalation step); null before it ran. */
  notifiedAt: Date | null;
};

/**
 * The agencies of the tenant's opened periods still missing their report 5 working days or more
 * after the deadline, as of `asOf`: the leadership's list and the urging letter's. Computed from
 * the data, so an agency that submits leaves it at once. Oldest deadline first, then by agency.
 */
export async function escalatedAgencies(
  db: Db,
  tenantId: string,
  asOf: string,
  filter: { periodId?: string | undefined } = {},
): Promise<EscalatedAgency[]> {
  const periods = (
    await openedPeriods(
      db,
      eq(reportingPeriods.tenantId, tenantId),
      lt(reportingPeriods.submissionDueOn, asOf),
      ...(filter.periodId ? [eq(reportingPeriods.id, filter.periodId)] : []),
    )
  ).filter((p) => isEscalated(p.submissionDueOn, asOf));
  if (periods.length === 0) return [];
  const rows = await db
    .select({
      periodId: reportingPeriodAgencies.periodId,
      agencyId: reportingPeriodAgencies.agencyId,
      agencyName: agencies.name,
      reportState: agencyReports.state,
      notifiedAt: periodReminders.sentAt,
    })
    .from(reportingPeriodAgencies)
    .innerJoin(agencies, eq(agencies.id, reportingPeriodAgencies.agencyId))
    .leftJoin(
      agencyReports,
      and(
        eq(agencyReports.periodId, reportingPeriodAgencies.periodId),
        eq(agencyReports.agencyId, reportingPeriodAgencies.agencyId),
      ),
    )
    .leftJoin(
      periodReminders,
      and(
        eq(periodReminders.periodId, reportingPeriodAgencies.periodId),
        eq(periodReminders.agencyId, reportingPeriodAgencies.agencyId),
        eq(periodReminders.step, 'escalation'),
      ),
    )
    .where(
      and(
        eq(reportingPeriodAgencies.tenantId, tenantId),
        inArray(
          reportingPeriodAgencies.periodId,
          periods.map((p) => p.id),
        ),
        notSubmitted,
      ),
    );
  const byId = new Map(periods.map((p, i) => [p.id, { period: p, order: i }]));
  return rows
    .map((r) => {
      const { period, order } = byId.get(r.periodId) as { period: OpenedPeriod; order: number };
      const state =
        r.reportState === 'draft' || r.reportState === 'returned' ? r.reportState : 'none';
      return {
        order,
        item: {
          period: { id: period.id, label: period.label, submissionDueOn: period.submissionDueOn },
          plan: { id: period.planId, name: period.planName },
          agency: { id: r.agencyId, name: r.agencyName },
          reportState: state,
          daysLate: daysBetween(period.submissionDueOn, asOf),
          workingDaysLate: workingDaysAfter(period.submissionDueOn, asOf),
          notifiedAt: r.notifiedAt,
        } satisfies EscalatedAgency,
      };
    })
    .sort((a, b) => a.order - b.order || a.item.agency.name.localeCompare(b.item.agency.name, 'vi'))
    .map((x) => x.item);
}
