// The database schema. Migrations in ./drizzle are generated from this file by drizzle-kit
// (`npm run db:generate`), read, and committed; they are never edited once landed.
import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigserial,
  boolean,
  check,
  customType,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/** Bytes (PostgreSQL bytea), as a Buffer on both drivers. */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

// ---------------------------------------------------------------------------------------------
// Administrative units: national reference data, shared by every tenant.

export const provinces = pgTable('provinces', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
});

export const communes = pgTable(
  'communes',
  {
    code: text('code').primaryKey(),
    name: text('name').notNull(),
    provinceCode: text('province_code')
      .notNull()
      .references(() => provinces.code),
  },
  (t) => [index('communes_province_idx').on(t.provinceCode)],
);

/** Which former communes (and so which former districts) each commune of 2025 was formed from. */
export const communeOrigins = pgTable(
  'commune_origins',
  {
    communeCode: text('commune_code')
      .notNull()
      .references(() => communes.code),
    oldCode: text('old_code').notNull(),
    oldName: text('old_name').notNull(),
    mergeType: text('merge_type').notNull(),
    oldDistrictCode: text('old_district_code').notNull(),
    oldDistrictName: text('old_district_name').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.communeCode, t.oldCode] }),
    index('commune_origins_district_idx').on(t.oldDistrictCode),
  ],
);

// ---------------------------------------------------------------------------------------------
// Tenants: one per province. Every row of plan data belongs to exactly one.

export const tenants = pgTable('tenants', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  provinceCode: text('province_code')
    .notNull()
    .references(() => provinces.code),
  /**
   * What the province's documents say of it (features/tenant-settings/schema.ts): the authority's
   * name, the place on the date line, the consolidating department, who signs, document symbols.
   * Data a province sets up, never constants in code; empty means "derived from the province".
   */
  settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * The host names a tenant is served on (features/tenants/directory.ts): lower case, without the
 * port. A host no tenant claims is served by the first tenant created.
 */
export const tenantHosts = pgTable(
  'tenant_hosts',
  {
    host: text('host').primaryKey(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('tenant_hosts_tenant_idx').on(t.tenantId)],
);

/** Every row of plan data belongs to one tenant. */
const tenantRef = () =>
  uuid('tenant_id')
    .notNull()
    .references(() => tenants.id);

// ---------------------------------------------------------------------------------------------
// Agencies and their history.

export const agencies = pgTable(
  'agencies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    shortName: text('short_name'),
    /** office | department | board | commune | district | enterprise | other */
    kind: text('kind').notNull(),
    inForceFrom: date('in_force_from'),
    /** The first day it no longer exists; null while in force. */
    inForceTo: date('in_force_to'),
    communeCode: text('commune_code').references(() => communes.code),
    note: text('note'),
    /** Name, short name and aliases folded for search without diacritics. */
    searchText: text('search_text').notNull(),
  },
  (t) => [
    uniqueIndex('agencies_tenant_code_uq').on(t.tenantId, t.code),
    index('agencies_search_trgm_idx').using('gin', sql`${t.searchText} gin_trgm_ops`),
  ],
);

/** Other names an agency is written as ("Sở KH&ĐT"), matched by `aliasKey`. */
export const agencyAliases = pgTable(
  'agency_aliases',
  {
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    alias: text('alias').notNull(),
    aliasKey: text('alias_key').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.agencyId, t.aliasKey] }),
    index('agency_aliases_key_idx').on(t.aliasKey),
  ],
);

export const agencySuccessions = pgTable(
  'agency_successions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    predecessorId: uuid('predecessor_id')
      .notNull()
      .references(() => agencies.id),
    /** merge | split | abolish */
    kind: text('kind').notNull(),
    effectiveOn: date('effective_on').notNull(),
    note: text('note'),
  },
  (t) => [uniqueIndex('agency_successions_predecessor_uq').on(t.predecessorId)],
);

export const agencySuccessors = pgTable(
  'agency_successors',
  {
    successionId: uuid('succession_id')
      .notNull()
      .references(() => agencySuccessions.id),
    successorId: uuid('successor_id')
      .notNull()
      .references(() => agencies.id),
    position: integer('position').notNull(),
  },
  (t) => [primaryKey({ columns: [t.successionId, t.successorId] })],
);

// ---------------------------------------------------------------------------------------------
// Legal documents and the references between them.

export const legalDocuments = pgTable(
  'legal_documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    /** NQ, KL, QĐ, KH, CT, CTr, BC, … */
    docType: text('doc_type').notNull(),
    numberAsWritten: text('number_as_written'),
    numberCanonical: text('number_canonical'),
    numberKey: text('number_key'),
    issuer: text('issuer'),
    issuedOn: date('issued_on'),
    issuedYear: integer('issued_year').generatedAlwaysAs(
      sql`(extract(year from issued_on))::integer`,
    ),
    title: text('title'),
    searchText: text('search_text').notNull(),
  },
  (t) => [
    uniqueIndex('legal_documents_number_uq')
      .on(t.tenantId, t.numberKey, t.issuedYear)
      .where(sql`${t.numberKey} is not null`),
    // The search box's plans and documents (features/search).
    index('legal_documents_search_trgm_idx').using('gin', sql`${t.searchText} gin_trgm_ops`),
  ],
);

export const documentReferences = pgTable(
  'document_references',
  {
    fromId: uuid('from_id')
      .notNull()
      .references(() => legalDocuments.id),
    toId: uuid('to_id')
      .notNull()
      .references(() => legalDocuments.id),
    /** implements | cites */
    relation: text('relation').notNull(),
    position: integer('position').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.fromId, t.toId, t.relation] }),
    // "Which plan cites this document" (the search box opens a document through its plan).
    index('document_references_to_idx').on(t.toId),
  ],
);

// ---------------------------------------------------------------------------------------------
// Plans: a legal document of type KH with a tree of sections and objectives holding targets, tasks
// and key projects. `source_start`/`source_end` point into the plan's source text where known.

export const plans = pgTable('plans', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: tenantRef(),
  documentId: uuid('document_id')
    .notNull()
    .unique()
    .references(() => legalDocuments.id),
  place: text('place'),
  signerName: text('signer_name'),
  signerPosition: text('signer_position'),
  signerAuthority: text('signer_authority'),
  recipients: jsonb('recipients').$type<string[]>().notNull().default([]),
  sourceText: text('source_text'),
  /** Bumped when a new version of the document replaces the plan's content (plan_revisions). */
  revision: integer('revision').notNull().default(1),
  /**
   * Set while a new plan's content is written in short transactions (plans/service.ts): the plan
   * and everything in it are hidden until it is cleared, and removed at start if it never is.
   */
  storingSince: timestamp('storing_since', { withTimezone: true }),
  /** Projection of its targets: the share of the expected change that is "at risk", not "off track". */
  projectionAtRiskShare: numeric('projection_at_risk_share', { precision: 4, scale: 3 })
    .notNull()
    .default('0.8'),
  /** Projection of "about" targets: how far from the path still counts as on track. */
  projectionAboutMargin: numeric('projection_about_margin', { precision: 4, scale: 3 })
    .notNull()
    .default('0.05'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Every version of a plan as it was loaded: the plan file and the text, kept whole. */
export const planRevisions = pgTable(
  'plan_revisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => plans.id),
    revision: integer('revision').notNull(),
    planFile: jsonb('plan_file').notNull(),
    /** What changed from the previous revision (plans/diff.ts); null for the first. */
    changes: jsonb('changes'),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('plan_revisions_plan_revision_uq').on(t.planId, t.revision)],
);

/** Where an item was read in the plan's source text. */
const sourcePointer = () => ({
  sourceStart: integer('source_start'),
  sourceEnd: integer('source_end'),
});

/** The columns every item of a plan's tree has: its plan, its node, its place among siblings. */
const planItem = () => ({
  planId: uuid('plan_id')
    .notNull()
    .references(() => plans.id),
  nodeId: uuid('node_id')
    .notNull()
    .references(() => planNodes.id),
  position: integer('position').notNull(),
});

export const planNodes = pgTable(
  'plan_nodes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => plans.id),
    parentId: uuid('parent_id'),
    /** section | objective */
    kind: text('kind').notNull(),
    label: text('label'),
    title: text('title').notNull(),
    body: text('body'),
    sector: text('sector'),
    position: integer('position').notNull(),
    ...sourcePointer(),
  },
  (t) => [
    index('plan_nodes_plan_idx').on(t.planId),
    foreignKey({ columns: [t.parentId], foreignColumns: [t.id], name: 'plan_nodes_parent_fk' }),
  ],
);

export const targets = pgTable(
  'targets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    ...planItem(),
    indicator: text('indicator').notNull(),
    unit: text('unit'),
    baselineValue: numeric('baseline_value', { mode: 'number' }),
    /** The year of the baseline value; a quantity is projected only once it has one. */
    baselineYear: integer('baseline_year'),
    /** As the plan first stated it; the milestones (target_milestones) are what is tracked. */
    targetValue: numeric('target_value', { mode: 'number' }),
    targetYear: integer('target_year'),
    /** number | percentage | count | milestone (yes/no by a year) | qualitative */
    kind: text('kind').notNull().default('number'),
    /** at_least | at_most | exactly | about */
    comparator: text('comparator').notNull().default('at_least'),
    responsibleAgencyId: uuid('responsible_agency_id').references(() => agencies.id),
    dataSource: text('data_source'),
    /** How often actuals are reported: annual (default) | semiannual | quarterly | monthly. */
    reportingFrequency: text('reporting_frequency').notNull().default('annual'),
    /**
     * The projection (domain/target-projection.ts) as of its last change, so that lists filter and
     * count by it in SQL; a yes/no milestone stored "due" turns "overdue" after `projection_due_year`
     * (the reading query says so). Null until first computed.
     */
    projectionState: text('projection_state'),
    projectionDueYear: integer('projection_due_year'),
    /** Bumped by every change; an edit based on an older version is refused (409). */
    version: integer('version').notNull().default(1),
    sector: text('sector'),
    body: text('body'),
    ...sourcePointer(),
  },
  (t) => [
    index('targets_plan_idx').on(t.planId),
    index('targets_tenant_projection_idx').on(t.tenantId, t.projectionState),
    index('targets_responsible_idx').on(t.responsibleAgencyId),
    // The search box (features/search): tiendo_fold is migration 0021's immutable fold.
    index('targets_indicator_trgm_idx').using('gin', sql`tiendo_fold(${t.indicator}) gin_trgm_ops`),
  ],
);

/** The values a target asks for by a year (12,5 % in 2027 and 20 % in 2030); none for yes/no. */
export const targetMilestones = pgTable(
  'target_milestones',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    targetId: uuid('target_id')
      .notNull()
      .references(() => targets.id),
    year: integer('year').notNull(),
    value: numeric('value', { precision: 20, scale: 6 }),
  },
  (t) => [uniqueIndex('target_milestones_target_year_uq').on(t.targetId, t.year)],
);

/**
 * What a target reached in a year, as its agency reports it: a value, done or not (milestones),
 * or an assessment (qualitative); only approved ones count.
 */
export const targetActuals = pgTable(
  'target_actuals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    targetId: uuid('target_id')
      .notNull()
      .references(() => targets.id),
    /** The agency that reported it (responsible when it did); its head reviews. */
    agencyId: uuid('agency_id').references(() => agencies.id),
    year: integer('year').notNull(),
    /** '2026', '2026-H1', '2026-Q3' or '2026-07' (targets.reporting_frequency), and its last day. */
    period: text('period').notNull(),
    periodEnd: date('period_end').notNull(),
    value: numeric('value', { precision: 20, scale: 6 }),
    achieved: boolean('achieved'),
    /** on_track | at_risk | off_track (qualitative targets) */
    assessment: text('assessment'),
    note: text('note'),
    /** pending | approved | returned; a later approved actual of the period corrects an earlier one. */
    status: text('status').notNull().default('pending'),
    /** The user's id (as text). */
    reportedBy: text('reported_by').notNull(),
    reportedAt: timestamp('reported_at', { withTimezone: true }).notNull().defaultNow(),
    reviewedBy: text('reviewed_by'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewNote: text('review_note'),
  },
  (t) => [
    index('target_actuals_target_idx').on(t.targetId, t.status, t.year),
    index('target_actuals_agency_status_idx').on(t.agencyId, t.status),
    // One report waiting for the head per target and period.
    uniqueIndex('target_actuals_pending_uq')
      .on(t.targetId, t.period)
      .where(sql`${t.status} = 'pending'`),
  ],
);

/** Agencies that contribute to a target besides the responsible one. */
export const targetContributors = pgTable(
  'target_contributors',
  {
    targetId: uuid('target_id')
      .notNull()
      .references(() => targets.id),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
  },
  (t) => [primaryKey({ columns: [t.targetId, t.agencyId] })],
);

export const tasks = pgTable(
  'tasks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    ...planItem(),
    /** STT in the plan's appendix, when it has one. */
    code: text('code'),
    title: text('title').notNull(),
    body: text('body'),
    sector: text('sector'),
    /** The agency the document names as lead (it may have ended since: see successions). */
    leadAgencyId: uuid('lead_agency_id').references(() => agencies.id),
    /**
     * The agency leading the task now: the current lead assignment's, kept by a trigger on
     * task_assignments (migration 0011), so that an agency's open work by deadline is an index
     * range rather than a lookup per assignment.
     */
    currentLeadAgencyId: uuid('current_lead_agency_id').references(() => agencies.id),
    leadAsWritten: text('lead_as_written'),
    coordinationNote: text('coordination_note'),
    /** The deadline as the plan states it (domain/deadline.ts). */
    deadline: jsonb('deadline').notNull(),
    deadlineKind: text('deadline_kind').notNull(),
    /** Last day of a one-off deadline, derived from `deadline` at write time for overdue queries. */
    dueOn: date('due_on'),
    expectedOutput: text('expected_output'),
    ...sourcePointer(),
    // Live work (features/tasks). Derived from approved progress and extensions at write time so
    // that "overdue" and "due soon" are plain indexed queries.
    /** Latest approved % complete; null before any progress is approved. */
    progressPercent: integer('progress_percent'),
    /** Day the approved progress reached 100%. */
    completedOn: date('completed_on'),
    /** For a task the plan gives no deadline: the date the consolidator set when assigning it. */
    assignedDueOn: date('assigned_due_on'),
    /** The due date set by the latest approved extension (gia hạn); `due_on` keeps the plan's. */
    extendedDueOn: date('extended_due_on'),
    /** Bumped by every change to the live task; a change based on an older version gets 409. */
    version: integer('version').notNull().default(1),
    /** Title and body folded for search without diacritics (domain/vietnamese-text.ts#foldForSearch). */
    searchText: text('search_text').notNull().default(''),
    /** Day of the latest approved progress report (kind progress); null before any: "started". */
    lastReportedOn: date('last_reported_on'),
    // Status is computed in SQL (features/tasks/status-sql.ts) from these columns and the day asked,
    // so lists, counts and the overdue list are indexed queries, never a walk over every task.
    /** The date a one-off task is judged against: extension, else the plan's, else the consolidator's. */
    effectiveDueOn: date('effective_due_on').generatedAlwaysAs(
      sql`case when deadline_kind in ('annual', 'continuous') then null else coalesce(extended_due_on, due_on, case when deadline_kind = 'none' then assigned_due_on end) end`,
    ),
    /** Recurring work (annual, continuous): the month and day its yearly report is due. */
    recurrenceMonth: integer('recurrence_month').generatedAlwaysAs(
      sql`case deadline_kind when 'annual' then (deadline->>'month')::integer when 'continuous' then 12 end`,
    ),
    recurrenceDay: integer('recurrence_day').generatedAlwaysAs(
      sql`case deadline_kind when 'annual' then (deadline->>'day')::integer when 'continuous' then 31 end`,
    ),
  },
  (t) => [
    index('tasks_tenant_plan_position_idx').on(t.tenantId, t.planId, t.position),
    index('tasks_lead_idx').on(t.leadAgencyId),
    // The overdue list and "due soon": open one-off tasks by the date they are judged against.
    index('tasks_open_due_idx')
      .on(t.tenantId, t.effectiveDueOn)
      .where(sql`${t.completedOn} is null`),
    index('tasks_recurring_idx')
      .on(t.tenantId, t.recurrenceMonth, t.recurrenceDay)
      .where(sql`${t.recurrenceMonth} is not null`),
    // An agency's work in plan order; its open one-off work by the date judged against; its
    // recurring work.
    index('tasks_lead_plan_position_idx').on(
      t.tenantId,
      t.currentLeadAgencyId,
      t.planId,
      t.position,
    ),
    index('tasks_lead_open_due_idx')
      .on(t.tenantId, t.currentLeadAgencyId, t.effectiveDueOn)
      .where(sql`${t.completedOn} is null`),
    index('tasks_lead_recurring_idx')
      .on(t.tenantId, t.currentLeadAgencyId, t.recurrenceMonth, t.recurrenceDay)
      .where(sql`${t.recurrenceMonth} is not null`),
    index('tasks_search_trgm_idx').using('gin', sql`${t.searchText} gin_trgm_ops`),
  ],
);

export const taskCoordinators = pgTable(
  'task_coordinators',
  {
    taskId: uuid('task_id')
      .notNull()
      .references(() => tasks.id),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    asWritten: text('as_written'),
    position: integer('position').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.taskId, t.agencyId] }),
    index('task_coordinators_agency_idx').on(t.agencyId),
  ],
);

export const projects = pgTable(
  'projects',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    ...planItem(),
    name: text('name').notNull(),
    sector: text('sector'),
    /** public | bot | bt | ppp_other | oda | non_budget (null: the plan does not say). */
    investmentForm: text('investment_form'),
    /** The owner (chủ đầu tư) as written, when it is not (or not yet) an agency of the registry. */
    owner: text('owner'),
    ownerAgencyId: uuid('owner_agency_id').references(() => agencies.id),
    /** Total investment, billion đồng (tỷ đồng), exact. */
    totalInvestment: numeric('total_investment', { precision: 20, scale: 3 }),
    /** Approval documents (chủ trương đầu tư, phê duyệt dự án …): number, date, what it decides. */
    approvalDocuments: jsonb('approval_documents')
      .$type<{ number: string; issuedOn: string | null; title: string | null }[]>()
      .notNull()
      .default([]),
    startYear: integer('start_year'),
    endYear: integer('end_year'),
    /** Site clearance (GPMB): measured in ha or households, its total and what is done. */
    clearanceUnit: text('clearance_unit'),
    clearanceTotal: numeric('clearance_total', { precision: 14, scale: 3 }),
    clearanceDone: numeric('clearance_done', { precision: 14, scale: 3 }),
    constructionPercent: integer('construction_percent'),
    /** The month of the latest approved update (first day). */
    lastUpdatedOn: date('last_updated_on'),
    /** Bumped by every change; an edit based on an older version is refused (409). */
    version: integer('version').notNull().default(1),
    body: text('body'),
    ...sourcePointer(),
  },
  (t) => [
    index('projects_plan_idx').on(t.planId),
    index('projects_owner_agency_idx').on(t.ownerAgencyId),
    index('projects_name_trgm_idx').using('gin', sql`tiendo_fold(${t.name}) gin_trgm_ops`),
  ],
);

/** Capital plan (kế hoạch vốn) of a project by year and source, billion đồng. */
export const projectCapitalPlans = pgTable(
  'project_capital_plans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    year: integer('year').notNull(),
    /** central | local | oda | investor */
    source: text('source').notNull(),
    amount: numeric('amount', { precision: 20, scale: 3 }).notNull(),
    updatedBy: uuid('updated_by')
      .notNull()
      .references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('project_capital_plans_uq').on(t.projectId, t.year, t.source),
    index('project_capital_plans_tenant_year_idx').on(t.tenantId, t.year),
  ],
);

/**
 * What a project disbursed in a month (giải ngân), billion đồng: from an approved monthly update or
 * the consolidator's spreadsheet; a later figure for the month replaces the earlier (audited).
 */
export const projectDisbursements = pgTable(
  'project_disbursements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    year: integer('year').notNull(),
    month: integer('month').notNull(),
    amount: numeric('amount', { precision: 20, scale: 3 }).notNull(),
    /** The approved update it came from; null when loaded from a spreadsheet. */
    updateId: uuid('update_id'),
    recordedBy: uuid('recorded_by')
      .notNull()
      .references(() => users.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('project_disbursements_uq').on(t.projectId, t.year, t.month),
    index('project_disbursements_tenant_year_idx').on(t.tenantId, t.year),
  ],
);

/** Milestones planned and reached: investment_policy | approval | groundbreaking | completion | settlement. */
export const projectMilestones = pgTable(
  'project_milestones',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    kind: text('kind').notNull(),
    plannedOn: date('planned_on'),
    actualOn: date('actual_on'),
  },
  (t) => [uniqueIndex('project_milestones_uq').on(t.projectId, t.kind)],
);

/**
 * A month's update of a project by its owner agency (or the consolidator for an outside owner):
 * disbursement, site clearance, construction and milestones reached; its agency's head approves,
 * and only then is it applied to the project. Never edited; a review is recorded once.
 */
export const projectUpdates = pgTable(
  'project_updates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    year: integer('year').notNull(),
    month: integer('month').notNull(),
    disbursed: numeric('disbursed', { precision: 20, scale: 3 }),
    clearanceDone: numeric('clearance_done', { precision: 14, scale: 3 }),
    constructionPercent: integer('construction_percent'),
    milestones: jsonb('milestones')
      .$type<{ kind: string; actualOn: string }[]>()
      .notNull()
      .default([]),
    narrative: text('narrative').notNull(),
    /** pending | approved | returned */
    status: text('status').notNull(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    reviewedBy: uuid('reviewed_by').references(() => users.id),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewNote: text('review_note'),
  },
  (t) => [
    index('project_updates_project_idx').on(t.projectId, t.createdAt),
    index('project_updates_agency_status_idx').on(t.agencyId, t.status),
  ],
);

/** Tasks that deliver a target or a project, linked by the consolidator; shown on both sides. */
export const targetTasks = pgTable(
  'target_tasks',
  {
    targetId: uuid('target_id')
      .notNull()
      .references(() => targets.id),
    taskId: uuid('task_id')
      .notNull()
      .references(() => tasks.id),
  },
  (t) => [
    primaryKey({ columns: [t.targetId, t.taskId] }),
    index('target_tasks_task_idx').on(t.taskId),
  ],
);

export const projectTasks = pgTable(
  'project_tasks',
  {
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    taskId: uuid('task_id')
      .notNull()
      .references(() => tasks.id),
  },
  (t) => [
    primaryKey({ columns: [t.projectId, t.taskId] }),
    index('project_tasks_task_idx').on(t.taskId),
  ],
);

export const projectTargets = pgTable(
  'project_targets',
  {
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    targetId: uuid('target_id')
      .notNull()
      .references(() => targets.id),
  },
  (t) => [
    primaryKey({ columns: [t.projectId, t.targetId] }),
    index('project_targets_target_idx').on(t.targetId),
  ],
);

export const projectLocations = pgTable(
  'project_locations',
  {
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    communeCode: text('commune_code')
      .notNull()
      .references(() => communes.code),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.communeCode] })],
);

// ---------------------------------------------------------------------------------------------
// Public feedback (góp ý) on a target or a key project, moderated before anyone sees it.

export const feedback = pgTable(
  'feedback',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    targetId: uuid('target_id').references(() => targets.id),
    projectId: uuid('project_id').references(() => projects.id),
    senderName: text('sender_name').notNull(),
    /** A citizen writes as themself; an organisation (the Fatherland Front, an association) by name. */
    senderOrganisation: text('sender_organisation'),
    /** Telephone or e-mail for the consolidator to reply privately; never shown publicly. */
    senderContact: text('sender_contact'),
    body: text('body').notNull(),
    /** pending | published | rejected */
    status: text('status').notNull().default('pending'),
    /** The published answer shown under the feedback. */
    answer: text('answer'),
    /** Why it was rejected (internal). */
    moderationNote: text('moderation_note'),
    moderatedBy: uuid('moderated_by').references(() => users.id),
    moderatedAt: timestamp('moderated_at', { withTimezone: true }),
    /** A keyed hash of the sender's address: rate limits across instances, never the address. */
    senderKey: text('sender_key').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('feedback_queue_idx').on(t.tenantId, t.status, t.createdAt),
    index('feedback_target_idx').on(t.targetId, t.status),
    index('feedback_project_idx').on(t.projectId, t.status),
    index('feedback_sender_idx').on(t.tenantId, t.senderKey, t.createdAt),
    check('feedback_one_item', sql`num_nonnulls(${t.targetId}, ${t.projectId}) = 1`),
  ],
);

// ---------------------------------------------------------------------------------------------
// Audit: append-only record of every change to plan and reference data.

export const auditRecords = pgTable(
  'audit_records',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    tenantId: uuid('tenant_id').references(() => tenants.id),
    /** Who: a user id later; "cli:<user>" or "system" for operator and start-up work. */
    actor: text('actor').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    action: text('action').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
    requestId: text('request_id'),
    /** The agency the actor acted for, when the actor is a user. */
    actorAgencyId: uuid('actor_agency_id'),
  },
  (t) => [
    index('audit_records_entity_idx').on(t.entity, t.entityId),
    index('audit_records_tenant_at_idx').on(t.tenantId, t.at),
  ],
);

// ---------------------------------------------------------------------------------------------
// Import drafts: a document read by the importer, corrected in review, then confirmed as a plan.

export const importDrafts = pgTable(
  'import_drafts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    fileName: text('file_name').notNull(),
    format: text('format').notNull(),
    sourceText: text('source_text').notNull(),
    /**
     * The extraction as docs/import-extraction.md describes it, with the review's corrections:
     * gzipped JSON in `extraction_gz` (megabytes of JSON for a large plan, which the embedded
     * database took seconds to parse and store on the server's thread); `extraction` holds it as
     * JSON in drafts written before.
     */
    extraction: jsonb('extraction'),
    extractionGz: bytea('extraction_gz'),
    /** draft | storing (being confirmed) | confirmed | discarded */
    status: text('status').notNull().default('draft'),
    /** Bumped by every change; an edit based on an older version is refused (409). */
    version: integer('version').notNull().default(1),
    planId: uuid('plan_id').references(() => plans.id),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('import_drafts_tenant_idx').on(t.tenantId, t.status)],
);

// ---------------------------------------------------------------------------------------------
// People: accounts, their role in the tenant and their agency, sessions.

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    /** Lower-case login name. */
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    email: text('email'),
    /** administrator | leadership | consolidator | agency_head | agency_officer | viewer */
    role: text('role').notNull(),
    /** The agency the user works for; every role but the administrator has one. */
    agencyId: uuid('agency_id').references(() => agencies.id),
    /** Argon2id (PHC string). */
    passwordHash: text('password_hash').notNull(),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true })
      .notNull()
      .defaultNow(),
    /** Set for demo accounts so the UI can say so. */
    demo: boolean('demo').notNull().default(false),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('users_tenant_username_uq').on(t.tenantId, t.username),
    index('users_agency_idx').on(t.agencyId),
  ],
);

/**
 * Failed sign-ins (and wrong current passwords), counted atomically per key: an address, a login
 * name as typed (existing or not), or the pair. Successful sign-ins are never counted
 * (features/auth/throttle.ts says what each key allows).
 */
export const signInFailures = pgTable(
  'sign_in_failures',
  {
    tenantId: tenantRef(),
    /** `address:<ip>`, `account:<login name>` or `pair:<ip>|<login name>`. */
    key: text('key').notNull(),
    failures: integer('failures').notNull().default(0),
    windowStartedAt: timestamp('window_started_at', { withTimezone: true }).notNull().defaultNow(),
    /** Attempts under this key are refused (429) until then. */
    blockedUntil: timestamp('blocked_until', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.key] }),
    index('sign_in_failures_updated_idx').on(t.updatedAt),
  ],
);

/** Server-side sessions; the cookie holds a random token whose SHA-256 is the id. */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    /** Absolute limit, whatever the activity. */
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    userAgent: text('user_agent'),
    ip: text('ip'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

// ---------------------------------------------------------------------------------------------
// Live work on tasks.

/**
 * Who is responsible for a task, over time. The plan names a lead and coordinators (tasks,
 * task_coordinators: what the document said); assignments say who carries it out from when to
 * when: from the plan, by the consolidator, or by a reorganisation.
 */
export const taskAssignments = pgTable(
  'task_assignments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    taskId: uuid('task_id')
      .notNull()
      .references(() => tasks.id),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    /** lead | coordinator */
    role: text('role').notNull(),
    startedOn: date('started_on').notNull(),
    /** First day no longer responsible; null while current. */
    endedOn: date('ended_on'),
    /** plan | assigned | succession | review */
    reason: text('reason').notNull(),
    note: text('note'),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('task_assignments_task_idx').on(t.taskId),
    index('task_assignments_agency_idx').on(t.agencyId),
    // Who is responsible now, by agency (an agency's open tasks, the urging overview).
    index('task_assignments_current_idx')
      .on(t.agencyId, t.role, t.taskId)
      .where(sql`${t.endedOn} is null`),
    uniqueIndex('task_assignments_current_lead_uq')
      .on(t.taskId)
      .where(sql`${t.role} = 'lead' and ${t.endedOn} is null`),
  ],
);

/** Progress reports and coordinators' contributions. Never edited; a head's review is recorded once. */
export const progressUpdates = pgTable(
  'progress_updates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    taskId: uuid('task_id')
      .notNull()
      .references(() => tasks.id),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    /** progress (the lead) | contribution (a coordinator) */
    kind: text('kind').notNull(),
    reportedOn: date('reported_on').notNull(),
    percent: integer('percent'),
    narrative: text('narrative').notNull(),
    /** pending (waiting for the agency head) | approved | returned */
    status: text('status').notNull(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    reviewedBy: uuid('reviewed_by').references(() => users.id),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewNote: text('review_note'),
  },
  (t) => [
    index('progress_updates_task_idx').on(t.taskId),
    index('progress_updates_agency_status_idx').on(t.agencyId, t.status),
    // A recurring task's first approved report in a period: one index probe per task.
    index('progress_updates_approved_idx')
      .on(t.taskId, t.reportedOn)
      .where(sql`${t.status} = 'approved' and ${t.kind} = 'progress'`),
  ],
);

/** Evidence (minh chứng): files stored outside the database, named by their SHA-256. */
export const evidenceFiles = pgTable(
  'evidence_files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    // Exactly one owner: a task's progress report, a target's actual, a project's update, a
    // project's own documents, or a proposed adjustment (check constraint, migrations 0016, 0018).
    progressUpdateId: uuid('progress_update_id').references(() => progressUpdates.id),
    targetActualId: uuid('target_actual_id').references(() => targetActuals.id),
    projectUpdateId: uuid('project_update_id').references(() => projectUpdates.id),
    projectId: uuid('project_id').references(() => projects.id),
    adjustmentProposalId: uuid('adjustment_proposal_id').references(
      (): AnyPgColumn => adjustmentProposals.id,
    ),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('evidence_files_update_idx').on(t.progressUpdateId),
    index('evidence_files_target_actual_idx').on(t.targetActualId),
    index('evidence_files_project_update_idx').on(t.projectUpdateId),
    index('evidence_files_project_idx').on(t.projectId),
    index('evidence_files_adjustment_idx').on(t.adjustmentProposalId),
  ],
);

/** Requests to move a deadline (gia hạn), decided by the consolidator. Both dates are kept. */
export const extensionRequests = pgTable(
  'extension_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    taskId: uuid('task_id')
      .notNull()
      .references(() => tasks.id),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    reason: text('reason').notNull(),
    currentDueOn: date('current_due_on'),
    proposedDueOn: date('proposed_due_on').notNull(),
    /** pending | approved | refused */
    status: text('status').notNull().default('pending'),
    requestedBy: uuid('requested_by')
      .notNull()
      .references(() => users.id),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionNote: text('decision_note'),
  },
  (t) => [
    index('extension_requests_task_idx').on(t.taskId),
    uniqueIndex('extension_requests_pending_uq').on(t.taskId).where(sql`${t.status} = 'pending'`),
  ],
);

/** Directions (ý kiến chỉ đạo) from leadership and comments on a task. */
export const taskComments = pgTable(
  'task_comments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    taskId: uuid('task_id')
      .notNull()
      .references(() => tasks.id),
    /** direction | comment */
    kind: text('kind').notNull(),
    body: text('body').notNull(),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    mentions: jsonb('mentions').$type<string[]>().notNull().default([]),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('task_comments_task_idx').on(t.taskId)],
);

/** An agency's own implementation plan: its items carry out a task of the provincial plan. */
export const agencyPlanItems = pgTable(
  'agency_plan_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    parentTaskId: uuid('parent_task_id')
      .notNull()
      .references(() => tasks.id),
    title: text('title').notNull(),
    dueOn: date('due_on'),
    percent: integer('percent').notNull().default(0),
    completedOn: date('completed_on'),
    position: integer('position').notNull(),
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('agency_plan_items_parent_idx').on(t.parentTaskId)],
);

// ---------------------------------------------------------------------------------------------
// Notifications: in the app, and by e-mail through an outbox (sent by SMTP when configured).

export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    /** What happened, identified so that the same event never notifies twice. */
    eventKey: text('event_key').notNull(),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body'),
    link: text('link'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('notifications_user_event_uq').on(t.userId, t.eventKey),
    index('notifications_user_idx').on(t.userId, t.createdAt),
  ],
);

export const mailOutbox = pgTable(
  'mail_outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    eventKey: text('event_key').notNull(),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
  },
  (t) => [uniqueIndex('mail_outbox_event_to_uq').on(t.eventKey, t.toAddress)],
);

// ---------------------------------------------------------------------------------------------
// Reorganisation: a succession applied to live tasks, and the tasks waiting for a person's choice.

export const successionApplications = pgTable('succession_applications', {
  successionId: uuid('succession_id')
    .primaryKey()
    .references(() => agencySuccessions.id),
  tenantId: tenantRef(),
  appliedBy: text('applied_by').notNull(),
  appliedAt: timestamp('applied_at', { withTimezone: true }).notNull().defaultNow(),
  movedTasks: integer('moved_tasks').notNull(),
  queuedTasks: integer('queued_tasks').notNull(),
});

export const reassignmentReviews = pgTable(
  'reassignment_reviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    taskId: uuid('task_id')
      .notNull()
      .references(() => tasks.id),
    successionId: uuid('succession_id')
      .notNull()
      .references(() => agencySuccessions.id),
    /** The ended agency; null when the plan named a group of them ("UBND cấp huyện"). */
    formerAgencyId: uuid('former_agency_id').references(() => agencies.id),
    /** The agency or group as the plan wrote it, for the reviewer. */
    formerAsWritten: text('former_as_written').notNull(),
    /** lead | coordinator: which responsibility the former agency held */
    role: text('role').notNull(),
    /** open | resolved */
    status: text('status').notNull().default('open'),
    chosenAgencyId: uuid('chosen_agency_id').references(() => agencies.id),
    resolvedBy: text('resolved_by'),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('reassignment_reviews_task_succession_uq').on(t.taskId, t.successionId, t.role),
    index('reassignment_reviews_status_idx').on(t.tenantId, t.status),
  ],
);

// ---------------------------------------------------------------------------------------------
// The yearly reporting cycle (issue #10): reporting periods, what recurring work did in each, the
// agencies' reports, proposed adjustments of the plan, reminders, the consolidated report.

/**
 * A reporting period (kỳ báo cáo) of a plan: a type, a data window and a submission deadline, all
 * editable by the consolidator (DOMAIN.md §5). Recurring tasks are judged in these records.
 */
export const reportingPeriods = pgTable(
  'reporting_periods',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => plans.id),
    /** monthly | quarterly | six_month | nine_month | annual | ad_hoc */
    kind: text('kind').notNull(),
    label: text('label').notNull(),
    windowFrom: date('window_from').notNull(),
    windowTo: date('window_to').notNull(),
    submissionDueOn: date('submission_due_on').notNull(),
    /** Days before the deadline a reminder goes to agencies that have not submitted. */
    reminderDaysBefore: jsonb('reminder_days_before').$type<number[]>().notNull().default([7, 2]),
    /** Set when the consolidator opens the period: agencies' reports are expected from then on. */
    openedAt: timestamp('opened_at', { withTimezone: true }),
    openedBy: uuid('opened_by').references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('reporting_periods_plan_kind_from_uq').on(t.planId, t.kind, t.windowFrom),
    index('reporting_periods_tenant_due_idx').on(t.tenantId, t.submissionDueOn),
  ],
);

/**
 * What a recurring task did in a period: the first approved report counted for it, and whether it
 * came by the task's date in that period. No row once the deadline has passed is "missing". Kept
 * for ever: a later period never rewrites an earlier one's outcome.
 */
export const taskPeriodOutcomes = pgTable(
  'task_period_outcomes',
  {
    taskId: uuid('task_id')
      .notNull()
      .references(() => tasks.id),
    periodId: uuid('period_id')
      .notNull()
      .references(() => reportingPeriods.id),
    tenantId: tenantRef(),
    progressUpdateId: uuid('progress_update_id')
      .notNull()
      .references(() => progressUpdates.id),
    reportedOn: date('reported_on').notNull(),
    onTime: boolean('on_time').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.taskId, t.periodId] }),
    index('task_period_outcomes_period_idx').on(t.periodId),
  ],
);

/** The agencies expected to report in a period: derived from what they lead, adjustable. */
export const reportingPeriodAgencies = pgTable(
  'reporting_period_agencies',
  {
    periodId: uuid('period_id')
      .notNull()
      .references(() => reportingPeriods.id),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    tenantId: tenantRef(),
    /** derived (from the tasks, targets and projects it leads) | added (by the consolidator) */
    source: text('source').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.periodId, t.agencyId] }),
    index('reporting_period_agencies_agency_idx').on(t.agencyId),
  ],
);

/** An agency's report for a period: pre-filled from live data, then its own words and figures. */
export const agencyReports = pgTable(
  'agency_reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    periodId: uuid('period_id')
      .notNull()
      .references(() => reportingPeriods.id),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    /** draft | submitted | accepted | returned */
    state: text('state').notNull().default('draft'),
    /** Its rows: tasks, targets and projects with what the agency reports on each. */
    content: jsonb('content').notNull().default({}),
    /** Kết quả thực hiện, khó khăn vướng mắc, đề xuất kiến nghị. */
    results: text('results').notNull().default(''),
    difficulties: text('difficulties').notNull().default(''),
    proposals: text('proposals').notNull().default(''),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    submittedBy: uuid('submitted_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedBy: uuid('decided_by').references(() => users.id),
    returnReason: text('return_reason'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('agency_reports_period_agency_uq').on(t.periodId, t.agencyId),
    index('agency_reports_period_state_idx').on(t.periodId, t.state),
  ],
);

/** Every version of an agency's report, with the action that made it. */
export const agencyReportVersions = pgTable(
  'agency_report_versions',
  {
    reportId: uuid('report_id')
      .notNull()
      .references(() => agencyReports.id),
    version: integer('version').notNull(),
    tenantId: tenantRef(),
    /** created | saved | uploaded | submitted | accepted | returned | unlocked */
    action: text('action').notNull(),
    state: text('state').notNull(),
    content: jsonb('content').notNull(),
    results: text('results').notNull(),
    difficulties: text('difficulties').notNull(),
    proposals: text('proposals').notNull(),
    reason: text('reason'),
    actorId: uuid('actor_id').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.reportId, t.version] })],
);

/** The consolidator's bundle of proposals, with its opinion, sent to leadership. */
export const adjustmentBatches = pgTable(
  'adjustment_batches',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => plans.id),
    /** draft | submitted | decided */
    state: text('state').notNull().default('draft'),
    opinion: text('opinion').notNull().default(''),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    submittedBy: uuid('submitted_by').references(() => users.id),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('adjustment_batches_plan_idx').on(t.planId, t.state)],
);

/**
 * A proposed adjustment of the plan (điều chỉnh): change a deadline, the lead, a task's content,
 * drop or add a task, change a target's value or year. Decided by leadership; an accepted one is
 * applied as a recorded plan revision.
 */
export const adjustmentProposals = pgTable(
  'adjustment_proposals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => plans.id),
    /** The proposing agency. */
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    /** deadline | lead | content | drop_task | add_task | target */
    kind: text('kind').notNull(),
    taskId: uuid('task_id').references(() => tasks.id),
    targetId: uuid('target_id').references(() => targets.id),
    /** The proposed values, by kind (features/adjustments/schema.ts). */
    change: jsonb('change').notNull(),
    /** The values when proposed, for the reader. */
    current: jsonb('current'),
    reason: text('reason').notNull(),
    /** proposed | submitted | accepted | rejected | withdrawn */
    state: text('state').notNull().default('proposed'),
    batchId: uuid('batch_id').references(() => adjustmentBatches.id),
    decisionNote: text('decision_note'),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    /** The plan revision an accepted proposal was applied in. */
    appliedRevision: integer('applied_revision'),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('adjustment_proposals_plan_state_idx').on(t.planId, t.state),
    index('adjustment_proposals_batch_idx').on(t.batchId),
    index('adjustment_proposals_agency_idx').on(t.agencyId),
  ],
);

/** A reminder or escalation sent for a period to an agency: each step once. */
export const periodReminders = pgTable(
  'period_reminders',
  {
    periodId: uuid('period_id')
      .notNull()
      .references(() => reportingPeriods.id),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    /** before:<days> | after | escalation */
    step: text('step').notNull(),
    tenantId: tenantRef(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.periodId, t.agencyId, t.step] })],
);

/** The province's report for a period: the narrative a leader edits; the figures come from data. */
export const consolidatedReports = pgTable('consolidated_reports', {
  periodId: uuid('period_id')
    .primaryKey()
    .references(() => reportingPeriods.id),
  tenantId: tenantRef(),
  /** The parts leaders write: directions proposed, an opening, … (features/consolidated-report). */
  narrative: jsonb('narrative').notNull().default({}),
  version: integer('version').notNull().default(1),
  updatedBy: uuid('updated_by').references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
