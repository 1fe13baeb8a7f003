// Đôn đốc: overdue and due-soon tasks by current lead agency, and the urging letter built from
// them in the official format (domain/official-document).
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { agencies, legalDocuments, plans } from '../../db/schema.js';
import { describeDeadline } from '../../domain/deadline-text.js';
import { buildOfficialDocx } from '../../domain/official-document/build.js';
import { urgingLetter } from '../../domain/official-document/urging-letter.js';
import { AppError } from '../../server/errors.js';
import type { UserPrincipal } from '../../server/principal.js';
import type { TaskFacts } from './service.js';

const DAY = 86_400_000;

export function isDueSoon(t: TaskFacts, asOf: string, days: number): boolean {
  if (t.status.state !== 'in_progress' && t.status.state !== 'not_started') return false;
  const due = t.status.dueOn;
  if (!due) return false;
  const left = (Date.parse(due) - Date.parse(asOf)) / DAY;
  return left >= 0 && left <= days;
}

export type AgencyUrging = {
  agency: { id: string; name: string };
  overdue: TaskFacts[];
  dueSoon: TaskFacts[];
};

export function groupForUrging(all: readonly TaskFacts[], asOf: string, dueSoonDays: number) {
  const byAgency = new Map<string, AgencyUrging>();
  const unassigned: TaskFacts[] = [];
  for (const t of all) {
    const overdue = t.status.state === 'overdue';
    const soon = isDueSoon(t, asOf, dueSoonDays);
    if (!t.lead) {
      if (!t.completedOn) unassigned.push(t);
      continue;
    }
    if (!overdue && !soon) continue;
    let entry = byAgency.get(t.lead.id);
    if (!entry) {
      entry = { agency: t.lead, overdue: [], dueSoon: [] };
      byAgency.set(t.lead.id, entry);
    }
    (overdue ? entry.overdue : entry.dueSoon).push(t);
  }
  const agenciesList = [...byAgency.values()].sort(
    (a, b) =>
      b.overdue.length - a.overdue.length ||
      b.dueSoon.length - a.dueSoon.length ||
      a.agency.name.localeCompare(b.agency.name, 'vi'),
  );
  for (const a of agenciesList) {
    a.overdue.sort((x, y) => (y.status.overdueDays ?? 0) - (x.status.overdueDays ?? 0));
    a.dueSoon.sort((x, y) => (x.status.dueOn ?? '').localeCompare(y.status.dueOn ?? ''));
  }
  return { agencies: agenciesList, unassigned };
}

/** The letter for the chosen agencies' overdue tasks, signed for the consolidator's agency. */
export async function buildUrgingLetter(
  db: Db,
  p: UserPrincipal,
  groups: readonly AgencyUrging[],
  planId: string | undefined,
  asOf: string,
): Promise<Buffer> {
  const withOverdue = groups.filter((g) => g.overdue.length > 0);
  if (withOverdue.length === 0)
    throw new AppError(400, 'no_overdue_tasks', 'no overdue tasks to urge');
  const [issuer] = p.agencyId
    ? await db
        .select({ name: agencies.name, code: agencies.code })
        .from(agencies)
        .where(and(eq(agencies.tenantId, p.tenantId), eq(agencies.id, p.agencyId)))
    : [];
  // The plan cited: the one asked for, else the plan of the first overdue task.
  const citedPlanId = planId ?? withOverdue[0]?.overdue[0]?.planId;
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
  const issuerName = issuer?.name ?? 'Sở Tài chính';
  const code = (issuer?.code ?? 'STC').replace(/-\d+$/, '');
  const document = urgingLetter({
    issuer: {
      parent: 'UBND TỈNH LẠNG SƠN',
      name: issuerName.toLocaleUpperCase('vi'),
      nameInText: issuerName,
      symbol: `${code}-KH`,
    },
    place: 'Lạng Sơn',
    date: asOf,
    plan: {
      number: plan?.number ?? '',
      issuedOn: plan?.issuedOn ?? null,
      title: plan?.title ?? '',
      issuer: plan?.issuer ?? 'UBND tỉnh',
    },
    agencies: withOverdue.map((g) => ({
      name: g.agency.name,
      tasks: g.overdue.map((t) => ({
        code: t.code,
        title: t.title,
        dueOn: t.status.dueOn,
        overdueDays: t.status.overdueDays,
        dueLabel: describeDeadline(t.deadline),
        percent: t.percent,
      })),
    })),
    signature: { authority: 'KT. GIÁM ĐỐC', position: 'PHÓ GIÁM ĐỐC', name: '' },
  });
  return buildOfficialDocx(document);
}
