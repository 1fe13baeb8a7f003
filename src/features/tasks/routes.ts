// /api/tasks and what hangs off a task: authenticate → validate → authorize (policy.ts, on facts
// loaded tenant-scoped with the task) → service in a transaction → presenter. A task, update or
// request the caller may not act on answers 404, like one that does not exist.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { cacheKey } from '../../db/read-cache.js';
import { isoDateInVietnam } from '../../domain/calendar.js';
import { NotFoundError } from '../../server/errors.js';
import {
  keepingEvidenceOnSuccess,
  readEvidenceForm,
  registerEvidenceForms,
} from '../../server/evidence-form.js';
import { authorize, authorizeDecision, can } from '../../server/policy.js';
import { actorOf, type UserPrincipal } from '../../server/principal.js';
import type { EvidenceStorage } from '../../server/storage/evidence-storage.js';
import { requireUser } from '../auth/hooks.js';
import { currentUserView } from '../auth/service.js';
import { openEvidence } from './evidence-store.js';
import {
  canSeeUrging,
  canWriteUrgingLetter,
  extensionPolicy,
  planItemPolicy,
  progressPolicy,
  taskPolicy,
} from './policy.js';
import {
  presentExtension,
  presentProgress,
  presentTaskDetail,
  presentTaskSummary,
} from './presenter.js';
import {
  agencyWorkCounts,
  countMatching,
  countTasks,
  listTasks,
  loadTask,
  pendingApprovals,
  pendingExtensionRequests,
  urgingCounts,
} from './queries.js';
import {
  agencyPlanItemSchema,
  assignBodySchema,
  commentBodySchema,
  commentSchema,
  extensionBodySchema,
  extensionDecisionBodySchema,
  extensionRequestSchema,
  idParamsSchema,
  myWorkSchema,
  planItemBodySchema,
  planItemUpdateBodySchema,
  progressFieldsSchema,
  progressUpdateSchema,
  reviewBodySchema,
  taskCountsQuerySchema,
  taskCountsSchema,
  taskDetailSchema,
  taskListQuerySchema,
  taskListSchema,
  urgingLetterQuerySchema,
  urgingQuerySchema,
  urgingSchema,
} from './schema.js';
import {
  addComment,
  addPlanItem,
  addProgress,
  assignTask,
  decideExtension,
  deliveredBy,
  findEvidence,
  findExtension,
  findPlanItem,
  findProgressUpdate,
  loadTaskHistory,
  requestExtension,
  reviewProgress,
  updatePlanItem,
} from './service.js';
import { buildUrgingLetter } from './urging.js';

export type TaskRouteOptions = { evidence: EvidenceStorage };

/** The object just written, read back through the presenter. */
function must<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('written object not found on read-back');
  return value;
}

const DUE_SOON_DAYS = 30;

export const taskRoutes: FastifyPluginAsyncZod<TaskRouteOptions> = async (app, options) => {
  await registerEvidenceForms(app);

  /** The task if it exists in the caller's tenant and the caller may do `action`; 404 otherwise. */
  async function taskFor(p: UserPrincipal, id: string, action: keyof typeof taskPolicy.rules) {
    const task = await loadTask(app.db, p.tenantId, id, isoDateInVietnam());
    if (!task) throw new NotFoundError('task');
    authorize(taskPolicy, p, action, task.access);
    return task;
  }

  async function detail(p: UserPrincipal, id: string) {
    const task = await taskFor(p, id, 'read');
    const [history, links] = await Promise.all([
      loadTaskHistory(app.db, [id]),
      deliveredBy(app.db, id),
    ]);
    return { ...presentTaskDetail(task, history, p), ...links };
  }

  app.get(
    '/api/tasks',
    {
      schema: {
        tags: ['tasks'],
        summary:
          'A page of the tenant’s tasks with their current lead and status, filtered and sorted in the query',
        querystring: taskListQuerySchema,
        response: { 200: taskListSchema },
      },
    },
    async (request) => {
      const p = requireUser(request);
      const { sort, limit, offset, ...filter } = request.query;
      const asOf = isoDateInVietnam();
      // A filter's total changes only with the data: counted once, not for every page read.
      const page = await listTasks(app.db, p.tenantId, filter, { sort, limit, offset }, asOf, () =>
        app.readCache.get(cacheKey('task-total', p.tenantId, asOf, filter), () =>
          countMatching(app.db, p.tenantId, filter, asOf),
        ),
      );
      return { items: page.items.map(presentTaskSummary), total: page.total };
    },
  );

  app.get(
    '/api/tasks/counts',
    {
      schema: {
        tags: ['tasks'],
        summary:
          'Tasks counted by status and overdue age, with the completion rate, for the same filters as the list',
        querystring: taskCountsQuerySchema,
        response: { 200: taskCountsSchema },
      },
    },
    async (request) => {
      const p = requireUser(request);
      const asOf = isoDateInVietnam();
      const counts = await app.readCache.get(
        cacheKey('task-counts', p.tenantId, asOf, request.query),
        () => countTasks(app.db, p.tenantId, request.query, asOf),
      );
      return { asOf, ...counts };
    },
  );

  app.get(
    '/api/tasks/:id',
    {
      schema: {
        tags: ['tasks'],
        summary: 'A task: responsibility over time, progress with evidence, extensions, comments',
        params: idParamsSchema,
        response: { 200: taskDetailSchema },
      },
    },
    async (request) => detail(requireUser(request), request.params.id),
  );

  app.post(
    '/api/tasks/:id/progress',
    {
      schema: {
        tags: ['tasks'],
        summary:
          'Report progress (lead agency) or a contribution (coordinating agency): multipart fields version, reportedOn, percent, narrative and up to 10 evidence files',
        params: idParamsSchema,
        consumes: ['multipart/form-data'],
        response: { 201: progressUpdateSchema },
      },
    },
    async (request, reply) => {
      const p = requireUser(request);
      const task = await loadTask(app.db, p.tenantId, request.params.id, isoDateInVietnam());
      if (!task) throw new NotFoundError('task');
      const kind = can(taskPolicy, p, 'reportProgress', task.access)
        ? 'progress'
        : can(taskPolicy, p, 'contribute', task.access)
          ? 'contribution'
          : null;
      if (!kind) throw new NotFoundError('task');
      const form = await readEvidenceForm(request, options.evidence, progressFieldsSchema, [
        'percent',
      ]);
      const update = await keepingEvidenceOnSuccess(options.evidence, form.files, () =>
        addProgress(
          app.db,
          actorOf(p, request.id),
          p,
          task,
          kind,
          { ...form.data, files: form.files },
          isoDateInVietnam(),
        ),
      );
      const history = await loadTaskHistory(app.db, [task.id]);
      const row = history.updates.find((u) => u.u.id === update.id);
      return reply.code(201).send(presentProgress(must(row), history.files, p));
    },
  );

  app.post(
    '/api/progress-updates/:id/review',
    {
      schema: {
        tags: ['tasks'],
        summary: 'The agency head approves or returns a progress report of the agency',
        params: idParamsSchema,
        body: reviewBodySchema,
        response: { 200: progressUpdateSchema },
      },
    },
    async (request) => {
      const p = requireUser(request);
      const update = await findProgressUpdate(app.db, p.tenantId, request.params.id);
      if (!update) throw new NotFoundError('progress_update');
      authorizeDecision(progressPolicy, p, 'review', update);
      await reviewProgress(
        app.db,
        actorOf(p, request.id),
        p,
        update.id,
        request.body.decision,
        request.body.note,
      );
      const view = await detail(p, update.taskId);
      return must(view.progress.find((u) => u.id === update.id));
    },
  );

  app.get(
    '/api/evidence/:id',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Download an evidence file (of a task, a target or a project the caller may read)',
        params: idParamsSchema,
      },
    },
    async (request, reply) => {
      const p = requireUser(request);
      const found = await findEvidence(app.db, p.tenantId, request.params.id);
      if (!found) throw new NotFoundError('evidence');
      if (found.taskId) await taskFor(p, found.taskId, 'read');
      const stream = await openEvidence(options.evidence, found.file.sha256);
      if (!stream) {
        request.log.error(
          { sha256: found.file.sha256 },
          'evidence file missing from the files folder',
        );
        throw new NotFoundError('evidence');
      }
      const ascii = found.file.fileName
        .normalize('NFD')
        .replace(/[^\x20-\x7e]/g, '')
        .replace(/["\\]/g, '');
      reply
        .type(found.file.contentType)
        .header('content-length', String(found.file.size))
        .header(
          'content-disposition',
          `attachment; filename="${ascii || 'minh-chung'}"; filename*=UTF-8''${encodeURIComponent(found.file.fileName)}`,
        );
      return reply.send(stream);
    },
  );

  app.post(
    '/api/tasks/:id/extensions',
    {
      schema: {
        tags: ['tasks'],
        summary: 'The lead agency asks to move the deadline (gia hạn), with a reason',
        params: idParamsSchema,
        body: extensionBodySchema,
        response: { 201: extensionRequestSchema },
      },
    },
    async (request, reply) => {
      const p = requireUser(request);
      const task = await taskFor(p, request.params.id, 'requestExtension');
      const row = await requestExtension(app.db, actorOf(p, request.id), p, task, request.body);
      const view = await detail(p, task.id);
      return reply.code(201).send(must(view.extensions.find((e) => e.id === row.id)));
    },
  );

  app.post(
    '/api/extension-requests/:id/decision',
    {
      schema: {
        tags: ['tasks'],
        summary: 'The consolidator approves (the deadline moves) or refuses an extension request',
        params: idParamsSchema,
        body: extensionDecisionBodySchema,
        response: { 200: extensionRequestSchema },
      },
    },
    async (request) => {
      const p = requireUser(request);
      const found = await findExtension(app.db, p.tenantId, request.params.id);
      if (!found) throw new NotFoundError('extension_request');
      authorizeDecision(extensionPolicy, p, 'decide', found);
      await decideExtension(
        app.db,
        actorOf(p, request.id),
        p,
        found.id,
        request.body.decision,
        request.body.note,
      );
      const view = await detail(p, found.taskId);
      return must(view.extensions.find((e) => e.id === found.id));
    },
  );

  app.post(
    '/api/tasks/:id/comments',
    {
      schema: {
        tags: ['tasks'],
        summary: 'A comment, or a direction (leadership); "@username" mentions notify',
        params: idParamsSchema,
        body: commentBodySchema,
        response: { 201: commentSchema },
      },
    },
    async (request, reply) => {
      const p = requireUser(request);
      const action = request.body.kind === 'direction' ? 'direct' : 'comment';
      const task = await taskFor(p, request.params.id, action);
      const row = await addComment(
        app.db,
        actorOf(p, request.id),
        p,
        task,
        request.body.kind,
        request.body.body,
      );
      const view = await detail(p, task.id);
      return reply.code(201).send(must(view.comments.find((c) => c.id === row.id)));
    },
  );

  app.put(
    '/api/tasks/:id/assignment',
    {
      schema: {
        tags: ['tasks'],
        summary: 'The consolidator sets the lead and coordinating agencies; history is kept',
        params: idParamsSchema,
        body: assignBodySchema,
        response: { 200: taskDetailSchema },
      },
    },
    async (request) => {
      const p = requireUser(request);
      const task = await taskFor(p, request.params.id, 'assign');
      await assignTask(app.db, actorOf(p, request.id), p, task, request.body, isoDateInVietnam());
      return detail(p, task.id);
    },
  );

  app.post(
    '/api/tasks/:id/plan-items',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Add an item of the agency’s own implementation plan under a provincial task',
        params: idParamsSchema,
        body: planItemBodySchema,
        response: { 201: agencyPlanItemSchema },
      },
    },
    async (request, reply) => {
      const p = requireUser(request);
      const task = await taskFor(p, request.params.id, 'planItems');
      const row = await addPlanItem(app.db, actorOf(p, request.id), p, task, request.body);
      const view = await detail(p, task.id);
      return reply.code(201).send(must(view.agencyPlan.find((i) => i.id === row.id)));
    },
  );

  app.patch(
    '/api/plan-items/:id',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Update an agency plan item (progress %); 409 on a stale version',
        params: idParamsSchema,
        body: planItemUpdateBodySchema,
        response: { 200: agencyPlanItemSchema },
      },
    },
    async (request) => {
      const p = requireUser(request);
      const item = await findPlanItem(app.db, p.tenantId, request.params.id);
      if (!item) throw new NotFoundError('agency_plan_item');
      authorize(planItemPolicy, p, 'update', item);
      await updatePlanItem(
        app.db,
        actorOf(p, request.id),
        p,
        item.id,
        request.body,
        isoDateInVietnam(),
      );
      const view = await detail(p, item.parentTaskId);
      return must(view.agencyPlan.find((i) => i.id === item.id));
    },
  );

  app.get(
    '/api/my-work',
    {
      schema: {
        tags: ['tasks'],
        summary:
          'What the user’s agency leads and coordinates, overdue and due soon, and what waits for the user',
        response: { 200: myWorkSchema },
      },
    },
    async (request) => {
      const p = requireUser(request);
      const asOf = isoDateInVietnam();
      const none = { rows: [], total: 0 };
      const [counts, approvals, extensions, agency] = await Promise.all([
        p.agencyId
          ? app.readCache.get(
              cacheKey('work-counts', p.tenantId, p.agencyId, asOf, DUE_SOON_DAYS),
              () => agencyWorkCounts(app.db, p.tenantId, p.agencyId as string, asOf, DUE_SOON_DAYS),
            )
          : { lead: 0, coordinate: 0, overdue: 0, dueSoon: 0 },
        p.role === 'agency_head' && p.agencyId
          ? pendingApprovals(app.db, p.tenantId, p.agencyId)
          : none,
        p.role === 'consolidator' ? pendingExtensionRequests(app.db, p.tenantId) : none,
        currentUserView(app.db, p).then((u) => u.agency),
      ]);
      // One history query for the tasks the listed approvals and requests belong to (≤ 100).
      const history = await loadTaskHistory(app.db, [
        ...new Set([...approvals.rows, ...extensions.rows].map((x) => x.taskId)),
      ]);
      const awaitingApproval = approvals.rows.flatMap((a) => {
        const row = history.updates.find((u) => u.u.id === a.id);
        return row
          ? [
              {
                task: { id: a.taskId, title: a.taskTitle },
                update: presentProgress(row, history.files, p),
              },
            ]
          : [];
      });
      const pendingExtensions = extensions.rows.flatMap((e) => {
        const row = history.extensions.find((x) => x.e.id === e.id);
        return row
          ? [{ task: { id: e.taskId, title: e.taskTitle }, request: presentExtension(row, p) }]
          : [];
      });
      return {
        agency,
        asOf,
        dueSoonDays: DUE_SOON_DAYS,
        counts: {
          ...counts,
          awaitingApproval: approvals.total,
          pendingExtensions: extensions.total,
        },
        awaitingApproval,
        pendingExtensions,
      };
    },
  );

  app.get(
    '/api/urging',
    {
      schema: {
        tags: ['tasks'],
        summary:
          'Overdue and due-soon tasks by lead agency (consolidator, leadership, administrator)',
        querystring: urgingQuerySchema,
        response: { 200: urgingSchema },
      },
    },
    async (request) => {
      const p = requireUser(request);
      if (!canSeeUrging(p)) throw new NotFoundError('urging');
      const asOf = isoDateInVietnam();
      const { dueSoonDays, planId } = request.query;
      const rows = await app.readCache.get(
        cacheKey('urging', p.tenantId, asOf, planId ?? null, dueSoonDays),
        () => urgingCounts(app.db, p.tenantId, { planId }, asOf, dueSoonDays),
      );
      return {
        asOf,
        dueSoonDays,
        agencies: rows,
        totals: {
          overdue: rows.reduce((n, r) => n + r.overdue, 0),
          dueSoon: rows.reduce((n, r) => n + r.dueSoon, 0),
          agenciesOverdue: rows.filter((r) => r.overdue > 0).length,
        },
        abilities: { letter: canWriteUrgingLetter(p) },
      };
    },
  );

  app.get(
    '/api/urging/letter.docx',
    {
      schema: {
        tags: ['tasks'],
        summary: 'The urging letter (.docx, Decree 30/2020 format) for agencies with overdue tasks',
        querystring: urgingLetterQuerySchema,
      },
    },
    async (request, reply) => {
      const p = requireUser(request);
      if (!canWriteUrgingLetter(p)) throw new NotFoundError('urging');
      const asOf = isoDateInVietnam();
      const { planId } = request.query;
      const agencyIds =
        request.query.agencyId === undefined ? null : [request.query.agencyId].flat();
      const docx = await buildUrgingLetter(app.db, p, { planId, agencyIds }, asOf);
      reply
        .type('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
        .header(
          'content-disposition',
          `attachment; filename="cong-van-don-doc-${asOf}.docx"; filename*=UTF-8''${encodeURIComponent(`công-văn-đôn-đốc-${asOf}.docx`)}`,
        );
      return reply.send(docx);
    },
  );
};
