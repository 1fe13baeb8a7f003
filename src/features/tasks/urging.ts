// Đôn đốc: the urging letter to lead agencies about their overdue tasks, in the official format
// (domain/official-document). The counts by agency and the task lists are queries.ts.
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { agencies, legalDocuments, plans } from '../../db/schema.js';
import { describeDeadline } from '../../domain/deadline-text.js';
import { urgingLetter } from '../../domain/official-document/urging-letter.js';
import { AppError } from '../../server/errors.js';
import type { UserPrincipal } from '../../server/principal.js';
import { escalatedAgencies } from '../reminders/service.js';
import { loadSettings } from '../tenant-settings/service.js';
import { overdueOfAgencies } from './queries.js';

/**
 * The letter for the chosen agencies' overdue tasks and missing period reports (every agency with
 * overdue tasks or escalated when none is chosen), signed for the consolidator's agency: agencies with the most overdue work first.
 */
export async function buildUrgingLetter(
  db: Db,
  p: UserPrincipal,
  filter: { planId: string | undefined; agencyIds: readonly string[] | null },
  asOf: string,
): Promise<Buffer> {
  const { planId } = filter;
  const overdue = await overdueOfAgencies(db, p.tenantId, filter, asOf);
  const byAgency = new Map<string, { name: string; tasks: typeof overdue }>();
  for (const t of overdue) {
    const entry = byAgency.get(t.agencyId) ?? { name: t.agencyName, tasks: [] };
    entry.tasks.push(t);
    byAgency.set(t.agencyId, entry);
  }
  const withOverdue = [...byAgency.values()].sort(
    (a, b) => b.tasks.length - a.tasks.length || a.name.localeCompare(b.name, 'vi'),
  );
  // Agencies escalated for a period report still missing 5 working days after its deadline
  // (features/reminders) are urged in the same letter.
  const late = (await escalatedAgencies(db, p.tenantId, asOf)).filter(
    (e) =>
      (!planId || e.plan.id === planId) &&
      (filter.agencyIds === null || filter.agencyIds.includes(e.agency.id)),
  );
  if (withOverdue.length === 0 && late.length === 0)
    throw new AppError(400, 'no_overdue_tasks', 'no overdue tasks or late reports to urge');
  // The consolidating department of the settings, else the consolidator's own agency (its role
  // identifies it); the province's name, place and symbols come from the settings too.
  const { resolved } = await loadSettings(db, p.tenantId, p.agencyId);
  const issuer = resolved.consolidatingAgency;
  // The plan cited: the one asked for, else the plan of the first overdue task.
  const citedPlanId = planId ?? withOverdue[0]?.tasks[0]?.planId ?? late[0]?.plan.id;
  const [plan] = citedPlanId
    ? await db
        .select({
          number: legalDocuments.numberCanonical,
          issuedOn: legalDocuments.issuedOn,
          title: legalDocuments.title,
          issuer: legalDocuments.issuer,
        })
        .from(plans)
        .innerJoin(legalDocuments, eq(legalDocuments.id, plans.documentId))
        .where(and(eq(plans.tenantId, p.tenantId), eq(plans.id, citedPlanId)))
    : [];
  const issuerName = issuer?.name ?? resolved.authorityShortName;
  // Names a capitalised plan title keeps: the registry's agencies (bounded by the registry).
  const names = await db
    .select({ name: agencies.name })
    .from(agencies)
    .where(eq(agencies.tenantId, p.tenantId));
  const document = urgingLetter({
    issuer: {
      parent: issuer ? resolved.authorityShortName.toLocaleUpperCase('vi') : undefined,
      name: issuerName.toLocaleUpperCase('vi'),
      nameInText: issuerName,
      symbol: resolved.urgingSymbol || 'KH',
    },
    place: resolved.place,
    date: asOf,
    plan: {
      number: plan?.number ?? '',
      issuedOn: plan?.issuedOn ?? null,
      title: plan?.title ?? '',
      issuer: plan?.issuer ?? 'UBND tỉnh',
    },
    agencies: withOverdue.map((g) => ({
      name: g.name,
      tasks: g.tasks.map((t) => ({
        code: t.code,
        title: t.title,
        dueOn: t.dueOn,
        overdueDays: t.overdueDays,
        // A task the plan gave no deadline is overdue against the consolidator's date: that date
        // is its deadline in the letter, not "Không xác định".
        dueLabel: t.deadline.kind === 'none' ? '' : describeDeadline(t.deadline),
        percent: t.percent,
      })),
    })),
    lateReports: late.map((e) => ({
      agency: e.agency.name,
      period: e.period.label,
      dueOn: e.period.submissionDueOn,
      workingDaysLate: e.workingDaysLate,
    })),
    signature: {
      authority: resolved.urgingSigner.authority || undefined,
      deputy: resolved.urgingSigner.deputy || undefined,
      position: resolved.urgingSigner.position,
      name: resolved.urgingSigner.name,
    },
    keepNames: [resolved.authorityName, ...names.map((n) => n.name)],
  });
  // The docx library is loaded on the first letter, not when the server starts.
  const { buildOfficialDocx } = await import('../../domain/official-document/build.js');
  return buildOfficialDocx(document);
}
