// The public view as the API shows it: every object built through rule.ts's `publicOnly`, so that
// no field the rule does not list can leave the server, whatever the rows carry.
import { clearancePercent, percentOf, plainDecimal } from '../../domain/project-progress.js';
import { parseTargetPeriod } from '../../domain/target-period.js';
import { CLEARANCE_UNITS, MILESTONE_KINDS, type MilestoneKind } from '../projects/schema.js';
import { plain } from '../targets/facts.js';
import { projectionStateSchema, targetKindSchema } from '../targets/schema.js';
import { publicOnly } from './rule.js';
import type { PublicPlan, PublicPlanListItem } from './schema.js';
import type { LoadedPublicPlan, PublicFeedbackRow } from './service.js';

const oneOf = <T extends string>(all: readonly T[], value: string | null): T | null =>
  all.includes(value as T) ? (value as T) : null;
const ASSESSMENTS = ['on_track', 'at_risk', 'off_track'] as const;

export function presentPublicPlanItem(p: {
  id: string;
  number: string | null;
  title: string | null;
  issuedOn: string | null;
}): PublicPlanListItem {
  return publicOnly('planListItem', p);
}

function presentFeedback(f: PublicFeedbackRow) {
  return publicOnly('feedback', f);
}

const latest = (a: string | null, b: string | null) =>
  a === null ? b : b === null || a > b ? a : b;

/** Rows grouped by a key, in their order (one pass: a plan has hundreds of items). */
function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = out.get(k);
    if (list) list.push(row);
    else out.set(k, [row]);
  }
  return out;
}

export function presentPublicPlan(loaded: LoadedPublicPlan, year: number): PublicPlan {
  const { plan } = loaded;
  const targetMilestones = groupBy(loaded.targetMilestones, (m) => m.targetId);
  const projectMilestones = groupBy(loaded.projectMilestones, (m) => m.projectId);
  const feedbackOf = groupBy(
    loaded.feedback.map((f) => ({
      key: f.targetId ?? f.projectId ?? '',
      shown: presentFeedback(f),
    })),
    (f) => f.key,
  );
  const top = loaded.purpose.find((n) => n.parentId === null);
  const purpose = top
    ? publicOnly('purpose', {
        title: top.title,
        text: top.text,
        parts: loaded.purpose
          .filter((n) => n.parentId === top.id)
          .map((n) => publicOnly('purposePart', { label: n.label, title: n.title, text: n.text })),
      })
    : null;
  let lastUpdatedOn: string | null = null;
  const targets = loaded.targets.map((t) => {
    lastUpdatedOn = latest(lastUpdatedOn, t.actualReviewedOn);
    const baselineValue = plain(t.baselineValue);
    const period = t.actualPeriod ? parseTargetPeriod(t.actualPeriod) : null;
    return publicOnly('target', {
      id: t.id,
      indicator: t.indicator,
      unit: t.unit,
      sector: t.sector,
      kind: targetKindSchema.catch('number').parse(t.kind),
      baseline:
        baselineValue !== null && t.baselineYear !== null
          ? { year: t.baselineYear, value: baselineValue }
          : null,
      milestones: (targetMilestones.get(t.id) ?? []).map((m) =>
        publicOnly('targetMilestone', { year: m.year, value: plain(m.value) }),
      ),
      latestActual:
        t.actualPeriod && t.actualPeriodEnd
          ? publicOnly('actual', {
              periodLabel: period?.label ?? String(t.actualYear),
              periodEnd: t.actualPeriodEnd,
              value: plain(t.actualValue),
              achieved: t.actualAchieved,
              assessment: oneOf(ASSESSMENTS, t.actualAssessment),
            })
          : null,
      projection: projectionStateSchema.catch('no_data').parse(t.projection),
      agency: t.agency,
      feedback: (feedbackOf.get(t.id) ?? []).map((f) => f.shown),
    });
  });
  const projects = loaded.projects.map((p) => {
    lastUpdatedOn = latest(lastUpdatedOn, latest(p.lastUpdatedOn, p.lastRecordedOn));
    const capitalPlanned = plainDecimal(p.capitalPlanned);
    const disbursed = plainDecimal(p.disbursed);
    return publicOnly('project', {
      id: p.id,
      name: p.name,
      sector: p.sector,
      owner: p.ownerAgency ?? p.owner,
      totalInvestment: plain(p.totalInvestment),
      constructionPercent: p.constructionPercent,
      clearance: publicOnly('clearance', {
        unit: oneOf(CLEARANCE_UNITS, p.clearanceUnit),
        total: plain(p.clearanceTotal),
        done: plain(p.clearanceDone),
        percent: clearancePercent(p.clearanceDone, p.clearanceTotal),
      }),
      year,
      capitalPlanned,
      disbursed,
      disbursedPercent: percentOf(disbursed, capitalPlanned),
      milestones: (projectMilestones.get(p.id) ?? [])
        .filter((m) => oneOf(MILESTONE_KINDS, m.kind) !== null)
        .sort(
          (a, b) =>
            MILESTONE_KINDS.indexOf(a.kind as MilestoneKind) -
            MILESTONE_KINDS.indexOf(b.kind as MilestoneKind),
        )
        .map((m) =>
          publicOnly('projectMilestone', {
            kind: m.kind as MilestoneKind,
            plannedOn: m.plannedOn,
            actualOn: m.actualOn,
          }),
        ),
      lastUpdatedOn: p.lastUpdatedOn,
      feedback: (feedbackOf.get(p.id) ?? []).map((f) => f.shown),
    });
  });
  return publicOnly('plan', {
    id: plan.id,
    number: plan.number,
    title: plan.title,
    issuer: plan.issuer,
    issuedOn: plan.issuedOn,
    purpose,
    year,
    lastUpdatedOn,
    agencies: loaded.agencies.map((a) => publicOnly('agency', a)),
    targets,
    projects,
  });
}
