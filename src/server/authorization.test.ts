// The authorisation matrix: every endpoint of the API × every role × own / other agency. Denied
// callers get 404 (indistinguishable from a missing object) or 401 when anonymous; allowed callers
// reach the service (any answer but 401/403/404/5xx). The list is checked against the OpenAPI
// document, so a new endpoint without a row here fails this test.
import { readFileSync } from 'node:fs';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, engines, type TestDatabase } from '../../test/support/database.js';
import { numberedPlan } from '../../test/support/factories.js';
import { multipart, SAMPLE_PDF } from '../../test/support/multipart.js';
import { insertOpenedPeriod } from '../../test/support/reminders.js';
import { createDongThap } from '../../test/support/tenants.js';
import {
  type Auth,
  as,
  CAST,
  type CastName,
  createCast,
  createTestUser,
  login,
  loginCast,
} from '../../test/support/users.js';
import {
  agencies,
  agencySuccessions,
  auditRecords,
  feedback,
  notifications,
  projects,
  reportingPeriodAgencies,
  reportingPeriods,
  targets,
} from '../db/schema.js';
import { planFileSchema } from '../features/plans/plan-file.js';
import { createPlanFromFile } from '../features/plans/service.js';
import type { ProjectDetail } from '../features/projects/schema.js';
import type { TargetDetail } from '../features/targets/schema.js';
import type { TaskDetail, TaskList } from '../features/tasks/schema.js';
import { type App, buildApp } from './app.js';

type Who = (typeof CAST)[number]['username'] | 'snv-officer' | 'supervisor' | 'anonymous';
const USERS: Who[] = [...CAST.map((c) => c.username), 'snv-officer', 'supervisor'];
// Every signed-in user of the tenant's staff: not the Fatherland Front's supervisor, who reads
// the public view and accepted agency reports only (SUPERVISOR_RULE, features/auth/hooks.ts).
const EVERYONE: Who[] = USERS.filter((u) => u !== 'supervisor');
// Their own session and notifications, the periods: everyone, the supervisor too.
const ALL_USERS: Who[] = [...USERS];
const STC_STAFF: Who[] = ['stc-head', 'stc-officer'];
const SXD_STAFF: Who[] = ['sxd-head', 'sxd-officer'];
// An agency's report: its staff, and those who read every report.
const REPORT_READERS: Who[] = ['admin', 'leader', 'consolidator', 'viewer', ...STC_STAFF];

type Ids = Record<string, string>;
type Call = {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH';
  /** As in the OpenAPI document, with {id} placeholders. */
  path: string;
  url: (ids: Ids) => string;
  allowed: Who[];
  body?: (ids: Ids, who: Who) => Promise<unknown> | unknown;
  raw?: (ids: Ids) => { payload: Buffer; headers: Record<string, string> };
  /** Ends the caller's session: each check signs in afresh. */
  fresh?: boolean;
};

const SEED = readFileSync(
  new URL('../../test/fixtures/import/ke-hoach-cao-bang.txt', import.meta.url),
);

const OTHER_HOST = 'dongthap.matrix.test';

describe.each(engines())('authorisation matrix on %s', (engine) => {
  let database: TestDatabase;
  let app: App;
  const auth = {} as Record<Exclude<Who, 'anonymous'>, Auth>;
  /** The same roles in another tenant, signed in on its host. */
  const otherAuth = {} as Record<CastName, Auth>;
  const ids: Ids = {};

  const reportUrl = (i: Ids, rest = '') =>
    `/api/periods/${i.reportPeriod}/agency-reports/${i.stc}${rest}`;
  /** The report's current version (0 before it is stored), read by someone who reads it. */
  const reportVersion = async (i: Ids) =>
    (
      (await as(app, auth.consolidator, { method: 'GET', url: reportUrl(i) })).json() as {
        version: number;
      }
    ).version;

  const task = async (id: string) =>
    (await as(app, auth.viewer, { method: 'GET', url: `/api/tasks/${id}` })).json() as TaskDetail;

  const CALLS: Call[] = [
    {
      method: 'GET',
      path: '/api/auth/session',
      url: () => '/api/auth/session',
      allowed: ALL_USERS,
    },
    { method: 'GET', path: '/api/tenant', url: () => '/api/tenant', allowed: ALL_USERS },
    {
      method: 'POST',
      path: '/api/auth/logout',
      url: () => '/api/auth/logout',
      allowed: ALL_USERS,
      fresh: true,
    },
    {
      method: 'POST',
      path: '/api/auth/logout-all',
      url: () => '/api/auth/logout-all',
      allowed: ALL_USERS,
      fresh: true,
    },
    {
      method: 'POST',
      path: '/api/auth/password',
      url: () => '/api/auth/password',
      allowed: ALL_USERS,
      body: () => ({ currentPassword: 'not the password', newPassword: 'Mat khau moi 2027' }),
    },
    { method: 'GET', path: '/api/users', url: () => '/api/users', allowed: ['admin'] },
    {
      method: 'GET',
      path: '/api/users/directory',
      url: () => '/api/users/directory?q=stc',
      allowed: EVERYONE,
    },
    {
      method: 'POST',
      path: '/api/users',
      url: () => '/api/users',
      allowed: ['admin'],
      body: (_ids, who) => ({
        username: `moi-${who}`,
        displayName: 'Người mới',
        role: 'viewer',
        agencyId: ids.stc,
        password: 'Lang Son 2026 ok',
      }),
    },
    {
      method: 'PATCH',
      path: '/api/users/{id}',
      url: (i) => `/api/users/${i.targetUser}`,
      allowed: ['admin'],
      body: () => ({ version: 1, displayName: 'Đổi tên' }),
    },
    {
      method: 'POST',
      path: '/api/users/{id}/password',
      url: (i) => `/api/users/${i.targetUser}/password`,
      allowed: ['admin'],
      body: () => ({ password: 'Lang Son 2026 moi' }),
    },
    { method: 'GET', path: '/api/agencies', url: () => '/api/agencies', allowed: EVERYONE },
    {
      method: 'GET',
      path: '/api/agencies/{id}',
      url: (i) => `/api/agencies/${i.stc}`,
      allowed: EVERYONE,
    },
    // Editing the registry: the administrator and the consolidator; ending, the administrator.
    {
      method: 'POST',
      path: '/api/agencies',
      url: () => '/api/agencies',
      allowed: ['admin', 'consolidator'],
      body: (_ids, who) => ({ name: `Cơ quan thử của ${who}`, kind: 'other' }),
    },
    {
      method: 'PATCH',
      path: '/api/agencies/{id}',
      url: (i) => `/api/agencies/${i.stc}`,
      allowed: ['admin', 'consolidator'],
      body: () => ({ note: 'Cơ quan tổng hợp' }),
    },
    {
      method: 'PUT',
      path: '/api/agencies/{id}/aliases',
      url: (i) => `/api/agencies/${i.stc}/aliases`,
      allowed: ['admin', 'consolidator'],
      body: () => ({ aliases: ['Sở Tài chính tỉnh'] }),
    },
    {
      method: 'POST',
      path: '/api/agencies/{id}/end',
      url: (i) => `/api/agencies/${i.stp}/end`,
      allowed: ['admin'],
      body: () => ({ endsOn: '2027-01-01' }),
    },
    { method: 'GET', path: '/api/plans', url: () => '/api/plans', allowed: EVERYONE },
    {
      method: 'GET',
      path: '/api/plans/{id}',
      url: (i) => `/api/plans/${i.plan}`,
      allowed: EVERYONE,
    },
    {
      method: 'GET',
      path: '/api/plans/{id}/projection-settings',
      url: (i) => `/api/plans/${i.plan}/projection-settings`,
      allowed: EVERYONE,
    },
    {
      method: 'PUT',
      path: '/api/plans/{id}/projection-settings',
      url: (i) => `/api/plans/${i.plan}/projection-settings`,
      allowed: ['consolidator'],
      body: () => ({ atRiskShare: '0.75', aboutMargin: '0.05' }),
    },
    {
      // The shared plan carries work (reports, actuals, updates): the consolidator gets 409.
      method: 'POST',
      path: '/api/plans/{id}/withdraw',
      url: (i) => `/api/plans/${i.plan}/withdraw`,
      allowed: ['consolidator'],
      body: () => ({ reason: 'Xác nhận nhầm văn bản' }),
    },
    { method: 'GET', path: '/api/periods', url: () => '/api/periods', allowed: ALL_USERS },
    {
      method: 'GET',
      path: '/api/dashboard',
      url: (i) => `/api/dashboard?planId=${i.plan}`,
      allowed: EVERYONE,
    },
    {
      method: 'POST',
      path: '/api/plans/{id}/periods',
      url: (i) => `/api/plans/${i.plan}/periods`,
      allowed: ['consolidator'],
      body: () => ({
        kind: 'ad_hoc',
        label: 'Báo cáo đột xuất',
        windowFrom: '2026-03-01',
        windowTo: '2026-03-31',
        submissionDueOn: '2026-04-05',
      }),
    },
    {
      method: 'GET',
      path: '/api/periods/{id}',
      url: (i) => `/api/periods/${i.period}`,
      allowed: EVERYONE,
    },
    {
      method: 'PUT',
      path: '/api/periods/{id}',
      url: (i) => `/api/periods/${i.period}`,
      allowed: ['consolidator'],
      body: async (i) => {
        const [p] = await database.db
          .select()
          .from(reportingPeriods)
          .where(eq(reportingPeriods.id, i.period as string));
        return {
          kind: p?.kind,
          label: p?.label,
          windowFrom: p?.windowFrom,
          windowTo: p?.windowTo,
          submissionDueOn: p?.submissionDueOn,
          version: p?.version,
        };
      },
    },
    {
      method: 'POST',
      path: '/api/periods/{id}/open',
      url: (i) => `/api/periods/${i.period}/open`,
      allowed: ['consolidator'],
    },
    {
      method: 'PUT',
      path: '/api/periods/{id}/agencies',
      url: (i) => `/api/periods/${i.reportPeriod}/agencies`,
      allowed: ['consolidator'],
      body: (i) => ({ add: [i.stc] }),
    },
    {
      method: 'GET',
      path: '/api/tasks/{id}/period-outcomes',
      url: (i) => `/api/tasks/${i.task}/period-outcomes`,
      allowed: EVERYONE,
    },
    { method: 'GET', path: '/api/communes', url: () => '/api/communes', allowed: EVERYONE },
    // The map places what every signed-in user reads (features/map/policy.ts).
    { method: 'GET', path: '/api/map/communes', url: () => '/api/map/communes', allowed: EVERYONE },
    {
      method: 'GET',
      path: '/api/map/measures',
      url: () => '/api/map/measures?measure=overdue',
      allowed: EVERYONE,
    },
    {
      method: 'GET',
      path: '/api/map/communes/{code}',
      url: () => '/api/map/communes/06184',
      allowed: EVERYONE,
    },
    // The search box: every signed-in user of the tenant (the tenant is a condition of the query).
    {
      method: 'GET',
      path: '/api/search',
      url: () => '/api/search?q=kh%26dt',
      allowed: EVERYONE,
    },
    { method: 'GET', path: '/api/targets', url: () => '/api/targets', allowed: EVERYONE },
    {
      method: 'GET',
      path: '/api/targets/{id}',
      url: (i) => `/api/targets/${i.target}`,
      allowed: EVERYONE,
    },
    {
      method: 'PUT',
      path: '/api/targets/{id}',
      url: (i) => `/api/targets/${i.target}`,
      allowed: ['consolidator'],
      body: async (i) => {
        const t = (
          await as(app, auth.viewer, { method: 'GET', url: `/api/targets/${i.target}` })
        ).json() as TargetDetail;
        return {
          version: t.version,
          kind: t.kind,
          comparator: t.comparator,
          unit: t.unit,
          baseline: t.baseline,
          milestones: t.milestones,
          responsibleAgencyId: t.responsibleAgency?.id ?? null,
          dataSource: t.dataSource,
        };
      },
    },
    {
      method: 'POST',
      path: '/api/targets/{id}/actuals',
      url: (i) => `/api/targets/${i.target}/actuals`,
      allowed: STC_STAFF,
      raw: () =>
        multipart([
          { name: 'version', value: '1' },
          { name: 'period', value: '2024' },
          { name: 'value', value: '3' },
          { name: 'note', value: 'x' },
        ]),
    },
    {
      method: 'POST',
      path: '/api/target-actuals/{id}/review',
      url: (i) => `/api/target-actuals/${i.actual}/review`,
      allowed: ['stc-head'],
      body: () => ({ decision: 'return', note: 'Bổ sung minh chứng' }),
    },
    {
      method: 'GET',
      path: '/api/adjustments',
      url: () => '/api/adjustments',
      allowed: EVERYONE,
    },
    {
      method: 'GET',
      path: '/api/adjustments/{id}',
      url: (i) => `/api/adjustments/${i.proposal}`,
      allowed: EVERYONE,
    },
    {
      method: 'POST',
      path: '/api/adjustments',
      url: () => '/api/adjustments',
      allowed: STC_STAFF,
      raw: (i) =>
        multipart([
          { name: 'kind', value: 'deadline' },
          { name: 'taskId', value: i.task as string },
          { name: 'dueOn', value: '2027-06-30' },
          { name: 'reason', value: 'Chờ vốn' },
        ]),
    },
    {
      method: 'POST',
      path: '/api/adjustments/{id}/withdraw',
      url: (i) => `/api/adjustments/${i.withdrawable}/withdraw`,
      allowed: STC_STAFF,
      body: async (i) => ({
        version: (
          await as(app, auth.viewer, { method: 'GET', url: `/api/adjustments/${i.withdrawable}` })
        ).json().version,
      }),
    },
    {
      method: 'POST',
      path: '/api/adjustments/{id}/decision',
      url: (i) => `/api/adjustments/${i.proposal}/decision`,
      allowed: ['leader'],
      body: async (i) => ({
        version: (
          await as(app, auth.viewer, { method: 'GET', url: `/api/adjustments/${i.proposal}` })
        ).json().version,
        decision: 'reject',
        note: 'Chưa đủ căn cứ',
      }),
    },
    {
      method: 'GET',
      path: '/api/adjustment-batches',
      url: () => '/api/adjustment-batches',
      allowed: ['leader', 'consolidator'],
    },
    {
      method: 'GET',
      path: '/api/adjustment-batches/{id}',
      url: (i) => `/api/adjustment-batches/${i.batch}`,
      allowed: ['leader', 'consolidator'],
    },
    {
      method: 'POST',
      path: '/api/adjustment-batches',
      url: () => '/api/adjustment-batches',
      allowed: ['consolidator'],
      body: (i) => ({ planId: i.plan, opinion: 'Thống nhất', proposalIds: [] }),
    },
    {
      method: 'PUT',
      path: '/api/adjustment-batches/{id}',
      url: (i) => `/api/adjustment-batches/${i.batch}`,
      allowed: ['consolidator'],
      body: async (i) => ({
        version: (
          await as(app, auth.consolidator, {
            method: 'GET',
            url: `/api/adjustment-batches/${i.batch}`,
          })
        ).json().version,
        opinion: 'Thống nhất',
        proposalIds: [],
      }),
    },
    {
      method: 'POST',
      path: '/api/adjustment-batches/{id}/submit',
      url: (i) => `/api/adjustment-batches/${i.batch}/submit`,
      allowed: ['consolidator'],
      body: async (i) => ({
        version: (
          await as(app, auth.consolidator, {
            method: 'GET',
            url: `/api/adjustment-batches/${i.batch}`,
          })
        ).json().version,
      }),
    },
    { method: 'GET', path: '/api/projects', url: () => '/api/projects', allowed: EVERYONE },
    {
      method: 'GET',
      path: '/api/projects/{id}',
      url: (i) => `/api/projects/${i.project}`,
      allowed: EVERYONE,
    },
    {
      method: 'PUT',
      path: '/api/projects/{id}',
      url: (i) => `/api/projects/${i.project}`,
      allowed: ['consolidator'],
      body: async (i) => {
        const d = (
          await as(app, auth.viewer, { method: 'GET', url: `/api/projects/${i.project}` })
        ).json() as ProjectDetail;
        return {
          version: d.version,
          sector: d.sector,
          investmentForm: d.investmentForm,
          ownerAgencyId: d.owner.agency?.id ?? null,
          owner: d.owner.name,
          totalInvestment: d.totalInvestment,
          approvalDocuments: d.approvalDocuments,
          startYear: d.startYear,
          endYear: d.endYear,
          communeCodes: d.communes.map((c) => c.code),
          clearanceUnit: d.clearance.unit,
          clearanceTotal: d.clearance.total,
          milestones: d.milestones.map((m) => ({ kind: m.kind, plannedOn: m.plannedOn })),
          taskIds: d.tasks.map((t) => t.id),
          targetIds: d.targets.map((t) => t.id),
        };
      },
    },
    {
      method: 'POST',
      path: '/api/projects/{id}/updates',
      url: (i) => `/api/projects/${i.project}/updates`,
      allowed: STC_STAFF,
      raw: () =>
        multipart([
          { name: 'version', value: '1' },
          { name: 'year', value: '2025' },
          { name: 'month', value: '12' },
          { name: 'constructionPercent', value: '10' },
          { name: 'narrative', value: 'x' },
          { name: 'evidence', fileName: 'a.pdf', content: SAMPLE_PDF },
        ]),
    },
    {
      method: 'POST',
      path: '/api/projects/{id}/documents',
      url: (i) => `/api/projects/${i.project}/documents`,
      allowed: ['consolidator', ...STC_STAFF],
      raw: () =>
        multipart([
          { name: 'version', value: '1' },
          { name: 'evidence', fileName: 'a.pdf', content: SAMPLE_PDF },
        ]),
    },
    {
      method: 'POST',
      path: '/api/project-updates/{id}/review',
      url: (i) => `/api/project-updates/${i.projectUpdate}/review`,
      allowed: ['stc-head'],
      body: () => ({ decision: 'return', note: 'Bổ sung minh chứng' }),
    },
    {
      method: 'GET',
      path: '/api/projects/capital-template',
      url: () => '/api/projects/capital-template?year=2026&month=1',
      allowed: ['consolidator'],
    },
    {
      method: 'POST',
      path: '/api/projects/capital-import',
      url: () => '/api/projects/capital-import',
      allowed: ['consolidator'],
      raw: () => multipart([{ name: 'file', fileName: 'von.xlsx', content: SAMPLE_PDF }]),
    },
    {
      method: 'POST',
      path: '/api/imports',
      url: () => '/api/imports?fileName=ke-hoach.txt',
      allowed: ['consolidator'],
      raw: () => ({ payload: SEED, headers: { 'content-type': 'application/octet-stream' } }),
    },
    {
      method: 'GET',
      path: '/api/imports/{id}',
      url: (i) => `/api/imports/${i.draft}`,
      allowed: EVERYONE,
    },
    {
      method: 'PUT',
      path: '/api/imports/{id}',
      url: (i) => `/api/imports/${i.draft}`,
      allowed: ['consolidator'],
      // The draft as it is: a valid body, so only the policy decides.
      body: async (i) => {
        const d = (
          await as(app, auth.consolidator, { method: 'GET', url: `/api/imports/${i.draft}` })
        ).json();
        const x = d.extraction;
        return {
          version: d.version,
          document: {
            number: x.document.number,
            issuer: x.document.issuer,
            place: x.document.place,
            date: x.document.date,
            title: x.document.title,
          },
          targets: x.targets,
          tasks: x.tasks,
          projects: x.projects,
        };
      },
    },
    {
      method: 'POST',
      path: '/api/imports/{id}/agencies',
      url: (i) => `/api/imports/${i.draft}/agencies`,
      allowed: ['consolidator'],
      // A stale version: the policy decides before the draft is read.
      body: () => ({
        version: 999,
        key: 'không có',
        resolution: { action: 'create', name: 'Cơ quan thử', kind: 'other' },
      }),
    },
    {
      method: 'POST',
      path: '/api/imports/{id}/confirm',
      url: (i) => `/api/imports/${i.draft}/confirm`,
      allowed: ['consolidator'],
      body: () => ({ version: 999 }),
    },
    { method: 'GET', path: '/api/tasks', url: () => '/api/tasks', allowed: EVERYONE },
    {
      method: 'GET',
      path: '/api/tasks/counts',
      url: (i) => `/api/tasks/counts?agencyId=${i.stc}`,
      allowed: EVERYONE,
    },
    {
      method: 'GET',
      path: '/api/tasks/{id}',
      url: (i) => `/api/tasks/${i.task}`,
      allowed: EVERYONE,
    },
    {
      method: 'POST',
      path: '/api/tasks/{id}/progress',
      url: (i) => `/api/tasks/${i.task}/progress`,
      allowed: [...STC_STAFF, ...SXD_STAFF],
      raw: () =>
        multipart([
          { name: 'version', value: '1' },
          { name: 'reportedOn', value: '2026-01-02' },
          { name: 'narrative', value: 'x' },
          { name: 'evidence', fileName: 'a.pdf', content: SAMPLE_PDF },
        ]),
    },
    {
      method: 'POST',
      path: '/api/progress-updates/{id}/review',
      url: (i) => `/api/progress-updates/${i.update}/review`,
      allowed: ['stc-head'],
      body: () => ({ decision: 'return', note: 'Bổ sung minh chứng' }),
    },
    {
      method: 'GET',
      path: '/api/evidence/{id}',
      url: (i) => `/api/evidence/${i.evidence}`,
      allowed: EVERYONE,
    },
    {
      method: 'POST',
      path: '/api/tasks/{id}/extensions',
      url: (i) => `/api/tasks/${i.task}/extensions`,
      allowed: STC_STAFF,
      body: async (i) => ({
        version: (await task(i.task as string)).version,
        proposedDueOn: '2027-01-31',
        reason: 'x',
      }),
    },
    {
      method: 'POST',
      path: '/api/extension-requests/{id}/decision',
      url: (i) => `/api/extension-requests/${i.extension}/decision`,
      allowed: ['consolidator'],
      body: () => ({ decision: 'refuse', note: 'Chưa đủ căn cứ' }),
    },
    {
      method: 'POST',
      path: '/api/tasks/{id}/comments',
      url: (i) => `/api/tasks/${i.task}/comments`,
      allowed: ['leader', 'consolidator', ...STC_STAFF, ...SXD_STAFF],
      body: () => ({ kind: 'comment', body: 'Trao đổi' }),
    },
    {
      method: 'POST',
      path: '/api/tasks/{id}/comments',
      url: (i) => `/api/tasks/${i.task}/comments`,
      allowed: ['leader'],
      body: () => ({ kind: 'direction', body: 'Chỉ đạo' }),
    },
    {
      method: 'PUT',
      path: '/api/tasks/{id}/assignment',
      url: (i) => `/api/tasks/${i.task}/assignment`,
      allowed: ['consolidator'],
      body: async (i) => {
        const t = await task(i.task as string);
        return {
          version: t.version,
          leadAgencyId: t.lead?.id ?? null,
          coordinatorAgencyIds: t.coordinators.map((c) => c.id),
        };
      },
    },
    {
      method: 'POST',
      path: '/api/tasks/{id}/plan-items',
      url: (i) => `/api/tasks/${i.task}/plan-items`,
      allowed: [...STC_STAFF, ...SXD_STAFF],
      body: () => ({ title: 'Việc của đơn vị', dueOn: null }),
    },
    {
      method: 'PATCH',
      path: '/api/plan-items/{id}',
      url: (i) => `/api/plan-items/${i.item}`,
      allowed: STC_STAFF,
      body: () => ({ version: 1, percent: 40 }),
    },
    { method: 'GET', path: '/api/my-work', url: () => '/api/my-work', allowed: EVERYONE },
    {
      method: 'GET',
      path: '/api/urging',
      url: () => '/api/urging',
      allowed: ['admin', 'leader', 'consolidator'],
    },
    {
      method: 'GET',
      path: '/api/urging/letter.docx',
      url: () => '/api/urging/letter.docx',
      allowed: ['consolidator'],
    },
    {
      method: 'GET',
      path: '/api/tenant/settings',
      url: () => '/api/tenant/settings',
      allowed: ['admin', 'leader', 'consolidator'],
    },
    {
      method: 'PUT',
      path: '/api/tenant/settings',
      url: () => '/api/tenant/settings',
      allowed: ['admin'],
      body: () => ({ version: 0, place: 'Lạng Sơn' }),
    },
    {
      method: 'GET',
      path: '/api/periods/{periodId}/consolidated-report',
      url: (i) => `/api/periods/${i.reportPeriod}/consolidated-report`,
      allowed: ['leader', 'consolidator'],
    },
    {
      method: 'PUT',
      path: '/api/periods/{periodId}/consolidated-report',
      url: (i) => `/api/periods/${i.reportPeriod}/consolidated-report`,
      allowed: ['leader', 'consolidator'],
      body: () => ({ version: 0, narrative: { directions: 'Tập trung chỉ đạo' } }),
    },
    {
      method: 'GET',
      path: '/api/periods/{periodId}/consolidated-report.docx',
      url: (i) => `/api/periods/${i.reportPeriod}/consolidated-report.docx`,
      allowed: ['leader', 'consolidator'],
    },
    {
      method: 'GET',
      path: '/api/periods/{periodId}/consolidated-report/appendix.docx',
      url: (i) => `/api/periods/${i.reportPeriod}/consolidated-report/appendix.docx`,
      allowed: ['leader', 'consolidator'],
    },
    {
      method: 'GET',
      path: '/api/periods/{periodId}/consolidated-report/appendix.xlsx',
      url: (i) => `/api/periods/${i.reportPeriod}/consolidated-report/appendix.xlsx`,
      allowed: ['leader', 'consolidator'],
    },
    {
      method: 'GET',
      path: '/api/reorganisation',
      url: () => '/api/reorganisation',
      allowed: ['admin', 'leader', 'consolidator'],
    },
    {
      method: 'POST',
      path: '/api/reorganisation',
      url: () => '/api/reorganisation',
      allowed: ['admin'],
      body: (i) => ({
        predecessorId: i.sct,
        kind: 'merge',
        effectiveOn: '2027-01-01',
        successorIds: [i.stc],
      }),
    },
    {
      method: 'POST',
      path: '/api/reorganisation/{id}/apply',
      url: (i) => `/api/reorganisation/${i.merge}/apply`,
      allowed: ['admin'],
    },
    {
      method: 'GET',
      path: '/api/reorganisation/reviews',
      url: () => '/api/reorganisation/reviews',
      allowed: ['admin', 'consolidator'],
    },
    {
      method: 'POST',
      path: '/api/reorganisation/reviews/{id}',
      url: (i) => `/api/reorganisation/reviews/${i.review}`,
      allowed: ['admin', 'consolidator'],
      body: (i) => ({ agencyId: i.skhcn }),
    },
    { method: 'GET', path: '/api/audit', url: () => '/api/audit', allowed: ['admin'] },
    {
      method: 'GET',
      path: '/api/audit/export.xlsx',
      url: () => '/api/audit/export.xlsx',
      allowed: ['admin'],
    },
    {
      method: 'GET',
      path: '/api/notifications',
      url: () => '/api/notifications',
      allowed: ALL_USERS,
    },
    {
      method: 'POST',
      path: '/api/notifications/{id}/read',
      url: (i) => `/api/notifications/${i.notification}/read`,
      allowed: ['stc-head'],
    },
    {
      method: 'POST',
      path: '/api/notifications/read-all',
      url: () => '/api/notifications/read-all',
      allowed: ALL_USERS,
    },
    { method: 'GET', path: '/api/outbox', url: () => '/api/outbox', allowed: ['admin'] },
    // An agency's report for a period (Sở Tài chính's, in a period expecting it).
    {
      method: 'GET',
      path: '/api/agency-reports/mine',
      url: () => '/api/agency-reports/mine',
      allowed: EVERYONE,
    },
    {
      method: 'GET',
      path: '/api/periods/{periodId}/agency-reports',
      url: (i) => `/api/periods/${i.reportPeriod}/agency-reports`,
      allowed: ALL_USERS,
    },
    {
      method: 'GET',
      path: '/api/periods/{periodId}/agency-reports/{agencyId}',
      url: (i) => reportUrl(i),
      allowed: REPORT_READERS,
    },
    {
      method: 'PUT',
      path: '/api/periods/{periodId}/agency-reports/{agencyId}',
      url: (i) => reportUrl(i),
      allowed: STC_STAFF,
      body: async (i) => ({
        version: await reportVersion(i),
        results: 'Kết quả',
        difficulties: '',
        proposals: '',
        tasks: [],
        targets: [],
        projects: [],
      }),
    },
    {
      method: 'POST',
      path: '/api/periods/{periodId}/agency-reports/{agencyId}/submit',
      url: (i) => reportUrl(i, '/submit'),
      allowed: ['stc-head'],
      body: async (i) => ({ version: await reportVersion(i) }),
    },
    {
      method: 'POST',
      path: '/api/periods/{periodId}/agency-reports/{agencyId}/return',
      url: (i) => reportUrl(i, '/return'),
      allowed: ['consolidator'],
      body: async (i) => ({ version: await reportVersion(i), reason: 'Bổ sung số liệu' }),
    },
    {
      method: 'POST',
      path: '/api/periods/{periodId}/agency-reports/{agencyId}/accept',
      url: (i) => reportUrl(i, '/accept'),
      allowed: ['consolidator'],
      body: async (i) => ({ version: await reportVersion(i) }),
    },
    {
      method: 'POST',
      path: '/api/periods/{periodId}/agency-reports/{agencyId}/unlock',
      url: (i) => reportUrl(i, '/unlock'),
      allowed: ['consolidator'],
      body: async (i) => ({ version: await reportVersion(i), reason: 'Sửa số liệu' }),
    },
    {
      method: 'GET',
      path: '/api/periods/{periodId}/agency-reports/{agencyId}/versions',
      url: (i) => reportUrl(i, '/versions'),
      allowed: REPORT_READERS,
    },
    {
      method: 'GET',
      path: '/api/periods/{periodId}/agency-reports/{agencyId}/template.xlsx',
      url: (i) => reportUrl(i, '/template.xlsx'),
      allowed: STC_STAFF,
    },
    {
      method: 'POST',
      path: '/api/periods/{periodId}/agency-reports/{agencyId}/upload',
      url: (i) => reportUrl(i, '/upload'),
      allowed: STC_STAFF,
      raw: () => multipart([{ name: 'file', fileName: 'bao-cao.xlsx', content: SAMPLE_PDF }]),
    },
    {
      method: 'GET',
      path: '/api/periods/{periodId}/reminders',
      url: (i) => `/api/periods/${i.reminderPeriod}/reminders`,
      allowed: ['consolidator', 'leader'],
    },
    {
      method: 'GET',
      path: '/api/escalations',
      url: () => '/api/escalations',
      allowed: ['admin', 'leader', 'consolidator'],
    },
    // The public view and feedback: anyone (anonymous too: see PUBLIC below).
    {
      method: 'GET',
      path: '/api/public/plans',
      url: () => '/api/public/plans',
      allowed: ALL_USERS,
    },
    {
      method: 'GET',
      path: '/api/public/plans/{id}',
      url: (i) => `/api/public/plans/${i.plan}`,
      allowed: ALL_USERS,
    },
    {
      method: 'GET',
      path: '/api/public/feedback/form',
      url: () => '/api/public/feedback/form',
      allowed: ALL_USERS,
    },
    {
      method: 'POST',
      path: '/api/public/feedback',
      url: () => '/api/public/feedback',
      allowed: ALL_USERS,
      body: async (i, who) => ({
        item: { kind: 'target', id: i.target },
        senderName: `Người gửi ${who}`,
        body: 'Góp ý về chỉ tiêu của kế hoạch.',
        formToken: (await app.inject({ method: 'GET', url: '/api/public/feedback/form' })).json()
          .token,
      }),
    },
    // Moderation: the consolidator and the administrator.
    {
      method: 'GET',
      path: '/api/feedback',
      url: () => '/api/feedback',
      allowed: ['admin', 'consolidator'],
    },
    {
      method: 'POST',
      path: '/api/feedback/{id}/publish',
      url: (i) => `/api/feedback/${i.feedback}/publish`,
      allowed: ['admin', 'consolidator'],
      body: () => ({ answer: 'Cảm ơn góp ý.' }),
    },
    {
      method: 'POST',
      path: '/api/feedback/{id}/reject',
      url: (i) => `/api/feedback/${i.feedbackToReject}/reject`,
      allowed: ['admin', 'consolidator'],
      body: () => ({ note: 'Không liên quan.' }),
    },
  ];
  /** Answered to anonymous callers (the rest is 401). */
  const PUBLIC = new Set([
    '/api/auth/session',
    '/api/tenant',
    '/api/public/plans',
    '/api/public/plans/{id}',
    '/api/public/feedback/form',
    '/api/public/feedback',
  ]);

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    app = await buildApp({
      db: database.db,
      tenantId: database.tenantId,
      // Feedback forms may be sent at once here (the measures are tested in feedback.test.ts).
      feedback: { minFormSeconds: 0 },
    });
    const plan = numberedPlan();
    plan.sections[0]?.tasks?.push({
      title: 'Chuyển đổi số hạ tầng',
      lead: 'Sở Thông tin và Truyền thông',
      deadline: { kind: 'year', year: 2026 },
    } as never);
    const { planId } = await createPlanFromFile(
      database.db,
      { id: 'test', tenantId: database.tenantId },
      planFileSchema.parse(plan),
    );
    ids.plan = planId;
    const [target] = await database.db
      .select({ id: targets.id })
      .from(targets)
      .where(eq(targets.planId, planId));
    ids.target = target?.id as string;
    // A project owned by Sở Tài chính (set below), with a pending update of its officer.
    const [project] = await database.db
      .select({ id: projects.id })
      .from(projects)
      .where(eq(projects.planId, planId));
    ids.project = project?.id as string;
    await createCast(database.db, database.tenantId);
    await createTestUser(database.db, database.tenantId, 'snv-officer', 'agency_officer', 'SNV');
    await createTestUser(database.db, database.tenantId, 'supervisor', 'supervisor', 'MTTQ');
    Object.assign(auth, await loginCast(app), {
      'snv-officer': await login(app, 'snv-officer'),
      supervisor: await login(app, 'supervisor'),
    });
    const code = async (c: string) =>
      (
        await database.db
          .select({ id: agencies.id })
          .from(agencies)
          .where(and(eq(agencies.tenantId, database.tenantId), eq(agencies.code, c)))
      )[0]?.id as string;
    ids.stc = await code('STC');
    await database.db
      .update(projects)
      .set({ ownerAgencyId: ids.stc })
      .where(eq(projects.id, ids.project as string));
    const projectUpdate = await as(app, auth['stc-officer'], {
      method: 'POST',
      url: `/api/projects/${ids.project}/updates`,
      ...multipart([
        { name: 'version', value: '1' },
        { name: 'year', value: '2026' },
        { name: 'month', value: '1' },
        { name: 'disbursed', value: '12.5' },
        { name: 'narrative', value: 'Giải ngân tháng 1' },
      ]),
    });
    ids.projectUpdate = projectUpdate.json().id;
    // The target is Sở Tài chính's, with a pending actual of its officer.
    await database.db
      .update(targets)
      .set({ responsibleAgencyId: ids.stc, kind: 'number' })
      .where(eq(targets.id, ids.target as string));
    const actual = await as(app, auth['stc-officer'], {
      method: 'POST',
      url: `/api/targets/${ids.target}/actuals`,
      ...multipart([
        { name: 'version', value: '1' },
        { name: 'period', value: '2025' },
        { name: 'value', value: '2' },
        { name: 'note', value: 'Số liệu năm 2025' },
      ]),
    });
    expect(actual.statusCode, actual.body).toBe(201);
    ids.actual = actual.json().id;
    ids.skhcn = await code('SKHCN');
    ids.sct = await code('SCT');
    // An agency the matrix ends (nothing else here uses it).
    ids.stp = await code('STP');
    // An account nobody here signs in with, for the administrator's changes.
    ids.targetUser = (
      await createTestUser(database.db, database.tenantId, 'target', 'viewer', 'VPUBND')
    ).id;
    const list = (
      await as(app, auth.viewer, { method: 'GET', url: '/api/tasks' })
    ).json() as TaskList;
    ids.task = list.items.find((t) => t.lead?.name === 'Sở Tài chính')?.id as string;
    // A pending report with evidence, a pending extension, an agency plan item.
    const body = multipart([
      { name: 'version', value: String((await task(ids.task)).version) },
      { name: 'reportedOn', value: '2026-01-02' },
      { name: 'percent', value: '30' },
      { name: 'narrative', value: 'Đang thực hiện' },
      { name: 'evidence', fileName: 'bien-ban.pdf', content: SAMPLE_PDF },
    ]);
    const update = await as(app, auth['stc-officer'], {
      method: 'POST',
      url: `/api/tasks/${ids.task}/progress`,
      ...body,
    });
    ids.update = update.json().id;
    ids.evidence = update.json().evidence[0].id;
    const ext = await as(app, auth['stc-officer'], {
      method: 'POST',
      url: `/api/tasks/${ids.task}/extensions`,
      payload: {
        version: (await task(ids.task)).version,
        proposedDueOn: '2026-12-31',
        reason: 'Chờ vốn',
      },
    });
    ids.extension = ext.json().id;
    const item = await as(app, auth['stc-officer'], {
      method: 'POST',
      url: `/api/tasks/${ids.task}/plan-items`,
      payload: { title: 'Dự thảo', dueOn: null },
    });
    ids.item = item.json().id;
    // Adjustments: one proposal submitted to leadership, one still waiting, an empty draft batch.
    const propose = async () =>
      (
        await as(app, auth['stc-officer'], {
          method: 'POST',
          url: '/api/adjustments',
          ...multipart([
            { name: 'kind', value: 'deadline' },
            { name: 'taskId', value: ids.task as string },
            { name: 'dueOn', value: '2027-03-31' },
            { name: 'reason', value: 'Chờ bố trí vốn' },
          ]),
        })
      ).json().id as string;
    ids.proposal = await propose();
    ids.withdrawable = await propose();
    const sent = (
      await as(app, auth.consolidator, {
        method: 'POST',
        url: '/api/adjustment-batches',
        payload: { planId: ids.plan, opinion: 'Thống nhất', proposalIds: [ids.proposal] },
      })
    ).json();
    await as(app, auth.consolidator, {
      method: 'POST',
      url: `/api/adjustment-batches/${sent.id}/submit`,
      payload: { version: sent.version },
    });
    ids.batch = (
      await as(app, auth.consolidator, {
        method: 'POST',
        url: '/api/adjustment-batches',
        payload: { planId: ids.plan, opinion: '', proposalIds: [] },
      })
    ).json().id;
    // Reorganisation: a merge to apply and a split's review to resolve.
    const successions = await database.db
      .select({ id: agencySuccessions.id, kind: agencySuccessions.kind, code: agencies.code })
      .from(agencySuccessions)
      .innerJoin(agencies, eq(agencies.id, agencySuccessions.predecessorId));
    ids.merge = successions.find((s) => s.code === 'SKHDT')?.id as string;
    const split = successions.find((s) => s.code === 'STTTT')?.id as string;
    expect(
      (await as(app, auth.admin, { method: 'POST', url: `/api/reorganisation/${split}/apply` }))
        .statusCode,
    ).toBe(200);
    const reviews = (
      await as(app, auth.admin, { method: 'GET', url: '/api/reorganisation/reviews' })
    ).json();
    ids.review = reviews.items[0].id;
    const draft = await as(app, auth.consolidator, {
      method: 'POST',
      url: '/api/imports?fileName=ke-hoach.txt',
      payload: SEED,
      headers: { 'content-type': 'application/octet-stream' },
    });
    ids.draft = draft.json().id;
    const [n] = await database.db
      .select({ id: notifications.id })
      .from(notifications)
      .where(eq(notifications.userId, auth['stc-head'].userId));
    ids.notification = n?.id as string;
    ids.reminderPeriod = (
      await insertOpenedPeriod(database.db, database.tenantId, planId, {
        label: 'Kỳ nhắc báo cáo',
        windowFrom: '2026-01-01',
        windowTo: '2026-06-30',
        submissionDueOn: '2026-07-15',
        agencies: [{ code: 'STC' }],
      })
    ).periodId;
    // A period expecting Sở Tài chính, opened (the periods feature is tested on its own).
    const [reportPeriod] = await database.db
      .insert(reportingPeriods)
      .values({
        tenantId: database.tenantId,
        planId,
        kind: 'ad_hoc',
        label: 'Kỳ báo cáo của cơ quan',
        windowFrom: '2025-12-15',
        windowTo: '2026-12-14',
        submissionDueOn: '2026-12-31',
        openedAt: new Date(),
      })
      .returning({ id: reportingPeriods.id });
    ids.reportPeriod = reportPeriod?.id as string;
    await database.db.insert(reportingPeriodAgencies).values({
      periodId: ids.reportPeriod,
      agencyId: ids.stc as string,
      tenantId: database.tenantId,
      source: 'derived',
    });
    // A default annual period of the plan, not opened yet.
    ids.period = (
      await database.db
        .select({ id: reportingPeriods.id })
        .from(reportingPeriods)
        .where(and(eq(reportingPeriods.planId, planId), eq(reportingPeriods.kind, 'annual')))
        .limit(1)
    )[0]?.id as string;
    // Feedback waiting for moderation: one to publish, one to reject.
    const pendingFeedback = (body: string) =>
      database.db
        .insert(feedback)
        .values({
          tenantId: database.tenantId,
          targetId: ids.target,
          senderName: 'Người dân',
          body,
          senderKey: 'matrix',
        })
        .returning({ id: feedback.id })
        .then((r) => r[0]?.id as string);
    ids.feedback = await pendingFeedback('Góp ý để đăng');
    ids.feedbackToReject = await pendingFeedback('Góp ý để từ chối');
    expect(Object.values(ids).every(Boolean)).toBe(true);
    // A second province on the same server, served on its own host, with the same cast (the same
    // usernames) on its own registry.
    const other = await createDongThap(database.db, {
      hosts: [OTHER_HOST],
      adminUsername: 'other-admin',
    });
    app.tenants.invalidate();
    await createCast(database.db, other.tenantId);
    for (const c of CAST)
      otherAuth[c.username] = await login(app, c.username, undefined, OTHER_HOST);
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('has a row for every endpoint of the OpenAPI document', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    const documented = Object.entries(doc.paths)
      .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`))
      .filter((e) => e !== 'POST /api/auth/login')
      .sort();
    const covered = [...new Set(CALLS.map((c) => `${c.method} ${c.path}`))].sort();
    expect(covered).toEqual(documented);
  });

  async function call(c: Call, who: Who) {
    let caller: Auth | null = who === 'anonymous' ? null : auth[who];
    if (caller && c.fresh) caller = await login(app, who);
    const raw = c.raw?.(ids);
    const body = c.body ? await c.body(ids, who) : undefined;
    const res = await as(app, caller, {
      method: c.method,
      url: c.url(ids),
      ...(raw ? raw : body !== undefined ? { payload: body as object } : {}),
    });
    // "Log out everywhere" also ended the shared session of this user: sign in again.
    if (c.fresh && who !== 'anonymous') auth[who] = await login(app, who);
    return res;
  }

  it('answers 401 to anonymous callers everywhere but the session probe, the tenant’s name and the public view', async () => {
    for (const c of CALLS) {
      const res = await call(c, 'anonymous');
      if (PUBLIC.has(c.path)) {
        expect([401, 403, 404], `${c.method} ${c.path} → ${res.body}`).not.toContain(
          res.statusCode,
        );
        expect(res.statusCode, `${c.method} ${c.path}`).toBeLessThan(500);
      } else expect(res.statusCode, `${c.method} ${c.path}`).toBe(401);
    }
  });

  it('answers 404 to every role the policy denies, and changes nothing', async () => {
    const before = (await database.db.select({ id: auditRecords.id }).from(auditRecords)).length;
    for (const c of CALLS) {
      for (const who of USERS.filter((u) => !c.allowed.includes(u))) {
        const res = await call(c, who);
        expect(res.statusCode, `${who}: ${c.method} ${c.path} → ${res.body.slice(0, 200)}`).toBe(
          404,
        );
      }
    }
    // Refusals write nothing (sign-in records of fresh sessions aside: there are none here).
    expect((await database.db.select({ id: auditRecords.id }).from(auditRecords)).length).toBe(
      before,
    );
  });

  it('lets every allowed role through to the service', async () => {
    for (const c of CALLS) {
      for (const who of c.allowed) {
        const res = await call(c, who);
        expect(
          [401, 403, 404],
          `${who}: ${c.method} ${c.path} → ${res.statusCode} ${res.body.slice(0, 200)}`,
        ).not.toContain(res.statusCode);
        expect(
          res.statusCode,
          `${who}: ${c.method} ${c.path} → ${res.body.slice(0, 200)}`,
        ).toBeLessThan(500);
      }
    }
  });

  it('answers 404 to another tenant’s users on every object of this one, and lists none of it', async () => {
    const ourAudit = async () =>
      (
        await database.db
          .select({ id: auditRecords.id })
          .from(auditRecords)
          .where(eq(auditRecords.tenantId, database.tenantId))
      ).length;
    const before = await ourAudit();
    const ours = Object.values(ids);
    for (const c of CALLS) {
      const onObject = c.path.includes('{');
      // Collection writes would create the other tenant's own objects: its business, not ours.
      if (!onObject && c.method !== 'GET') continue;
      for (const c2 of CAST) {
        const who = c2.username;
        const raw = c.raw?.(ids);
        const body = c.body ? await c.body(ids, who) : undefined;
        const res = await as(app, otherAuth[who], {
          method: c.method,
          url: c.url(ids),
          ...(raw ? raw : body !== undefined ? { payload: body as object } : {}),
        });
        const label = `${OTHER_HOST} ${who}: ${c.method} ${c.path} → ${res.body.slice(0, 200)}`;
        if (onObject) expect(res.statusCode, label).toBe(404);
        else {
          expect(res.statusCode, label).toBeLessThan(500);
          for (const id of ours) expect(res.body, label).not.toContain(id);
        }
      }
    }
    expect(await ourAudit()).toBe(before);
  });

  // Last: it moves the shared task to another agency.
  it('refuses every role a decision on a report once its agency no longer leads the task', async () => {
    // Sở Tài chính's officer reports 100 %; the consolidator gives the task to Sở Xây dựng.
    const report = multipart([
      { name: 'version', value: String((await task(ids.task as string)).version) },
      { name: 'reportedOn', value: '2026-01-03' },
      { name: 'percent', value: '100' },
      { name: 'narrative', value: 'Đã hoàn thành' },
    ]);
    const pending = (
      await as(app, auth['stc-officer'], {
        method: 'POST',
        url: `/api/tasks/${ids.task}/progress`,
        ...report,
      })
    ).json() as { id: string };
    const [sxd] = await database.db
      .select({ id: agencies.id })
      .from(agencies)
      .where(and(eq(agencies.tenantId, database.tenantId), eq(agencies.code, 'SXD')));
    const reassigned = await as(app, auth.consolidator, {
      method: 'PUT',
      url: `/api/tasks/${ids.task}/assignment`,
      payload: {
        version: (await task(ids.task as string)).version,
        leadAgencyId: sxd?.id,
        coordinatorAgencyIds: [],
      },
    });
    expect(reassigned.statusCode).toBe(200);
    for (const who of USERS) {
      const res = await as(app, auth[who as Exclude<Who, 'anonymous'>], {
        method: 'POST',
        url: `/api/progress-updates/${pending.id}/review`,
        payload: { decision: 'approve' },
      });
      expect(res.statusCode, who).toBe(404);
    }
    const after = await task(ids.task as string);
    expect(after.percent).not.toBe(100);
    expect(after.progress.find((u) => u.id === pending.id)?.status).toBe('withdrawn');
  });
});
