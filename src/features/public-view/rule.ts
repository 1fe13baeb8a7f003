// What the public sees (issue #12, "Public view"): the ONE rule, in one place. Anyone, signed in or
// not, reads through it; the Fatherland Front's supervisor reads the same. It has two halves:
//
// - the conditions: which rows may be shown at all — plans confirmed (not still storing), a
//   target's actuals only when approved (the latest approved of its latest period counts), a
//   project's figures only as applied from approved updates or the consolidator's capital plan
//   and spreadsheet (the project row, `project_disbursements`, `project_capital_plans`), feedback
//   only when published. Nothing else is read: no comments or directions, evidence files,
//   pending, returned or withdrawn reports and updates, draft or submitted agency reports,
//   user names, review notes, internal notes of actuals or updates, or senders' contacts.
// - the fields: for each kind of object the public API returns, exactly the keys it may carry.
//   The presenter builds each object through `publicOnly`, which keeps those keys and no other;
//   the schema (schema.ts) declares the same keys (public-view.test.ts holds them equal), and the
//   field-by-field test builds internal data of every kind and checks none of it comes out.
import { type SQL, sql } from 'drizzle-orm';
import { feedback, plans, targetActuals } from '../../db/schema.js';

export const PUBLIC_FIELDS = {
  planListItem: ['id', 'number', 'title', 'issuedOn'],
  plan: [
    'id',
    'number',
    'title',
    'issuer',
    'issuedOn',
    'purpose',
    'year',
    'lastUpdatedOn',
    'agencies',
    'targets',
    'projects',
  ],
  purpose: ['title', 'text', 'parts'],
  purposePart: ['label', 'title', 'text'],
  agency: ['name', 'targets', 'projects', 'tasks'],
  target: [
    'id',
    'indicator',
    'unit',
    'sector',
    'kind',
    'baseline',
    'milestones',
    'latestActual',
    'projection',
    'agency',
    'feedback',
  ],
  targetMilestone: ['year', 'value'],
  /** An approved actual: its period and figure, never its note, reporter or reviewer. */
  actual: ['periodLabel', 'periodEnd', 'value', 'achieved', 'assessment'],
  project: [
    'id',
    'name',
    'sector',
    'owner',
    'totalInvestment',
    'constructionPercent',
    'clearance',
    'year',
    'capitalPlanned',
    'disbursed',
    'disbursedPercent',
    'milestones',
    'lastUpdatedOn',
    'feedback',
  ],
  clearance: ['unit', 'total', 'done', 'percent'],
  projectMilestone: ['kind', 'plannedOn', 'actualOn'],
  /** Published feedback: who sent it (name, organisation) and the answer; never the contact. */
  feedback: ['id', 'senderName', 'senderOrganisation', 'body', 'sentOn', 'answer', 'answeredOn'],
} as const;

export type PublicKind = keyof typeof PUBLIC_FIELDS;
type FieldsOf<K extends PublicKind> = (typeof PUBLIC_FIELDS)[K][number];

/**
 * The object with exactly the public fields of its kind: a key the rule does not list is dropped,
 * one it lists and the object lacks is an error (a presenter that forgot a field fails loudly).
 */
export function publicOnly<K extends PublicKind, T extends Record<FieldsOf<K>, unknown>>(
  kind: K,
  object: T,
): Pick<T, FieldsOf<K>> {
  const out = {} as Pick<T, FieldsOf<K>>;
  for (const field of PUBLIC_FIELDS[kind] as readonly FieldsOf<K>[]) {
    if (!(field in object)) throw new Error(`public ${kind} lacks ${field}`);
    out[field] = object[field];
  }
  return out;
}

/** The conditions, as SQL the service's queries include (and nothing else decides). */
export const PUBLIC_ROWS = {
  /** A plan the public sees: confirmed, not a plan still being stored. */
  plan: (): SQL => sql`${plans.storingSince} is null`,
  /** An actual that counts publicly: approved by the agency's head. */
  actual: (): SQL => sql`${targetActuals.status} = 'approved'`,
  /** Feedback shown under its item: published by the consolidator with an answer. */
  feedback: (): SQL => sql`${feedback.status} = 'published'`,
} as const;

/** How long a shared cache may keep a public answer (seconds); browsers revalidate. */
export const PUBLIC_MAX_AGE_SECONDS = 60;
