// Adjustments of a plan: an agency proposes (with evidence), the consolidator batches and submits,
// leadership decides; an accepted proposal becomes a plan revision and changes the live rows in
// place (tasks keep their id and progress). On both engines.
import { and, asc, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, engines, type TestDatabase } from '../../../test/support/database.js';
import { numberedPlan } from '../../../test/support/factories.js';
import { multipart, type Part, SAMPLE_PDF } from '../../../test/support/multipart.js';
import {
  type Auth,
  agencyIdByCode,
  as,
  type CastName,
  createCast,
  loginCast,
} from '../../../test/support/users.js';
import {
  adjustmentProposals,
  auditRecords,
  planRevisions,
  plans,
  targetMilestones,
  targets,
  taskAssignments,
  tasks,
} from '../../db/schema.js';
import { type App, buildApp } from '../../server/app.js';
import type { PlanFile } from '../plans/plan-file.js';
import { planFileSchema } from '../plans/plan-file.js';
import { createPlanFromFile } from '../plans/service.js';
import type { TaskDetail } from '../tasks/schema.js';
import type { BatchDetail, Proposal } from './schema.js';

describe.each(engines())('adjustments on %s', (engine) => {
  let database: TestDatabase;
  let app: App;
  let auth: Record<CastName, Auth>;
  let planId: string;
  const task: Record<string, string> = {};
  let targetId: string;
  let sectionId: string;
  let stc: string;
  let sxd: string;

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    app = await buildApp({ db: database.db, tenantId: database.tenantId });
    const file = numberedPlan();
    const section = file.sections[0];
    if (!section?.tasks) throw new Error('plan without tasks');
    const more = [
      ['Xây dựng cơ sở dữ liệu đất đai', 'Sở Tài chính'],
      ['Rà soát quy hoạch đô thị', 'Sở Tài chính'],
      ['Tổ chức hội nghị sơ kết', 'Sở Tài chính'],
      ['Nâng cấp đường tỉnh 229', 'Sở Xây dựng'],
      ['Số hóa hồ sơ đầu tư', 'Sở Tài chính'],
      ['Đánh giá giữa kỳ', 'Sở Tài chính'],
    ] as const;
    for (const [title, lead] of more)
      section.tasks.push({ title, lead, deadline: { kind: 'year', year: 2027 } } as never);
    ({ planId } = await createPlanFromFile(
      database.db,
      { id: 'test', tenantId: database.tenantId },
      planFileSchema.parse(file),
    ));
    const rows = await database.db
      .select({ id: tasks.id, title: tasks.title, nodeId: tasks.nodeId })
      .from(tasks)
      .where(eq(tasks.planId, planId));
    for (const r of rows) task[r.title] = r.id;
    sectionId = rows[0]?.nodeId as string;
    await createCast(database.db, database.tenantId);
    auth = await loginCast(app);
    stc = await agencyIdByCode(database.db, database.tenantId, 'STC');
    sxd = await agencyIdByCode(database.db, database.tenantId, 'SXD');
    const [target] = await database.db
      .update(targets)
      .set({ responsibleAgencyId: stc })
      .where(eq(targets.planId, planId))
      .returning();
    targetId = target?.id as string;
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const propose = (who: CastName, fields: Record<string, string>, files: Part[] = []) =>
    as(app, auth[who], {
      method: 'POST',
      url: '/api/adjustments',
      ...multipart([...Object.entries(fields).map(([name, value]) => ({ name, value })), ...files]),
    });

  const proposal = async (id: string) =>
    (
      await as(app, auth.viewer, { method: 'GET', url: `/api/adjustments/${id}` })
    ).json() as Proposal;

  const taskView = async (id: string) =>
    (await as(app, auth.viewer, { method: 'GET', url: `/api/tasks/${id}` })).json() as TaskDetail;

  /** The consolidator batches the proposals with an opinion and submits them. */
  async function submit(ids: string[]) {
    const created = await as(app, auth.consolidator, {
      method: 'POST',
      url: '/api/adjustment-batches',
      payload: { planId, opinion: 'Sở Tài chính thống nhất đề xuất.', proposalIds: ids },
    });
    expect(created.statusCode, created.body).toBe(201);
    const batch = created.json() as BatchDetail;
    const submitted = await as(app, auth.consolidator, {
      method: 'POST',
      url: `/api/adjustment-batches/${batch.id}/submit`,
      payload: { version: batch.version },
    });
    expect(submitted.statusCode, submitted.body).toBe(200);
    return submitted.json() as BatchDetail;
  }

  async function decide(id: string, decision: 'accept' | 'reject', note?: string) {
    const p = await proposal(id);
    return as(app, auth.leader, {
      method: 'POST',
      url: `/api/adjustments/${id}/decision`,
      payload: { version: p.version, decision, ...(note ? { note } : {}) },
    });
  }

  async function latestRevision() {
    const [row] = await database.db
      .select()
      .from(planRevisions)
      .where(eq(planRevisions.planId, planId))
      .orderBy(desc(planRevisions.revision))
      .limit(1);
    if (!row) throw new Error('no revision');
    return {
      revision: row.revision,
      file: row.planFile as PlanFile,
      changes: row.changes as {
        tasks: {
          added: string[];
          removed: string[];
          changed: { name: string; fields: string[] }[];
        };
        targets: { changed: { name: string; fields: string[] }[] };
        adjustment: { proposalId: string; kind: string };
      },
    };
  }
  const fileTasks = (file: PlanFile) => file.sections[0]?.tasks ?? [];

  it('moves a deadline: proposed with evidence, batched, accepted; the task keeps its id and progress and the plan a new revision', async () => {
    const id = task['Lập kế hoạch đầu tư công'] as string;
    // Progress reported (by the head: approved at once) before the adjustment.
    const progress = await as(app, auth['stc-head'], {
      method: 'POST',
      url: `/api/tasks/${id}/progress`,
      ...multipart([
        { name: 'version', value: String((await taskView(id)).version) },
        { name: 'reportedOn', value: '2026-02-01' },
        { name: 'percent', value: '40' },
        { name: 'narrative', value: 'Đang lập dự thảo' },
      ]),
    });
    expect(progress.statusCode, progress.body).toBe(201);
    const before = await taskView(id);
    const revisionBefore = (await latestRevision()).revision;

    const res = await propose(
      'stc-officer',
      { kind: 'deadline', taskId: id, dueOn: '2026-12-31', reason: 'Chờ bố trí vốn' },
      [{ name: 'evidence', fileName: 'cong-van.pdf', content: SAMPLE_PDF }],
    );
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json() as Proposal;
    expect(created).toMatchObject({
      kind: 'deadline',
      state: 'proposed',
      agency: { id: stc },
      task: { id },
      change: { kind: 'deadline', deadline: { kind: 'date', date: '2026-12-31' } },
      current: { deadline: { kind: 'quarter', year: 2026, quarter: 2 }, dueOn: '2026-06-30' },
      abilities: { withdraw: true, decide: false },
    });
    expect(created.evidence).toHaveLength(1);

    const batch = await submit([created.id]);
    expect(batch.state).toBe('submitted');
    expect(batch.proposals.map((p) => p.state)).toEqual(['submitted']);

    const decided = await decide(created.id, 'accept');
    expect(decided.statusCode, decided.body).toBe(200);
    const accepted = decided.json() as Proposal;
    expect(accepted.state).toBe('accepted');
    expect(accepted.appliedRevision).toBe(revisionBefore + 1);

    const after = await taskView(id);
    expect(after.id).toBe(id);
    expect(after.percent).toBe(40);
    expect(after.progress.map((u) => u.id)).toEqual(before.progress.map((u) => u.id));
    expect(after.plannedDueOn).toBe('2026-12-31');
    expect(after.version).toBeGreaterThan(before.version);

    const revision = await latestRevision();
    expect(revision.revision).toBe(revisionBefore + 1);
    expect(fileTasks(revision.file)[0]?.deadline).toEqual({ kind: 'date', date: '2026-12-31' });
    expect(revision.changes.tasks.changed).toEqual([
      { name: 'Lập kế hoạch đầu tư công', fields: ['deadline'] },
    ]);
    expect(revision.changes.adjustment).toEqual({ proposalId: created.id, kind: 'deadline' });
    const [plan] = await database.db.select().from(plans).where(eq(plans.id, planId));
    expect(plan?.revision).toBe(revisionBefore + 1);

    const view = (
      await as(app, auth.leader, { method: 'GET', url: `/api/adjustment-batches/${batch.id}` })
    ).json() as BatchDetail;
    expect(view.state).toBe('decided');
    expect(view.counts).toEqual({ total: 1, accepted: 1, rejected: 0, pending: 0 });

    const audit = await database.db
      .select({ entity: auditRecords.entity, action: auditRecords.action })
      .from(auditRecords)
      .where(eq(auditRecords.entityId, created.id))
      .orderBy(asc(auditRecords.id));
    expect(audit.map((a) => a.action)).toEqual(['create', 'batch', 'submit', 'accept']);
    const revisionAudit = await database.db
      .select({ action: auditRecords.action })
      .from(auditRecords)
      .where(and(eq(auditRecords.entity, 'task'), eq(auditRecords.entityId, id)));
    expect(revisionAudit.map((a) => a.action)).toContain('adjust');
  });

  it('changes the lead through an assignment: the former lead’s ends, history kept', async () => {
    const id = task['Xây dựng cơ sở dữ liệu đất đai'] as string;
    const res = await propose('stc-head', {
      kind: 'lead',
      taskId: id,
      leadAgencyId: sxd,
      reason: 'Thuộc lĩnh vực Sở Xây dựng sau sắp xếp',
    });
    expect(res.statusCode, res.body).toBe(201);
    const p = res.json() as Proposal;
    expect(p.current?.lead?.id).toBe(stc);
    await submit([p.id]);
    expect((await decide(p.id, 'accept')).statusCode).toBe(200);
    const after = await taskView(id);
    expect(after.lead?.id).toBe(sxd);
    const history = await database.db
      .select()
      .from(taskAssignments)
      .where(and(eq(taskAssignments.taskId, id), eq(taskAssignments.role, 'lead')))
      .orderBy(asc(taskAssignments.createdAt));
    expect(history.map((h) => [h.agencyId, h.endedOn === null])).toEqual([
      [stc, false],
      [sxd, true],
    ]);
    const entry = fileTasks((await latestRevision()).file).find(
      (t) => t.title === 'Xây dựng cơ sở dữ liệu đất đai',
    );
    expect(entry?.lead).toMatchObject({ agency_code: 'SXD' });
    // Sở Tài chính no longer leads it: its staff can no longer propose on it.
    const again = await propose('stc-officer', {
      kind: 'drop_task',
      taskId: id,
      reason: 'Không còn phù hợp',
    });
    expect(again.statusCode).toBe(404);
  });

  it('changes a task’s title: the revision names one changed task, not one removed and one added', async () => {
    const id = task['Rà soát quy hoạch đô thị'] as string;
    const res = await propose('stc-officer', {
      kind: 'content',
      taskId: id,
      title: 'Rà soát, điều chỉnh quy hoạch đô thị',
      reason: 'Phù hợp Luật Quy hoạch đô thị và nông thôn',
    });
    expect(res.statusCode, res.body).toBe(201);
    const p = res.json() as Proposal;
    await submit([p.id]);
    expect((await decide(p.id, 'accept')).statusCode).toBe(200);
    expect((await taskView(id)).title).toBe('Rà soát, điều chỉnh quy hoạch đô thị');
    const revision = await latestRevision();
    expect(revision.changes.tasks).toMatchObject({
      added: [],
      removed: [],
      changed: [{ name: 'Rà soát, điều chỉnh quy hoạch đô thị', fields: ['title'] }],
    });
  });

  it('drops a task without live work; refuses (409, nothing written) one with progress', async () => {
    const id = task['Tổ chức hội nghị sơ kết'] as string;
    const next = task['Nâng cấp đường tỉnh 229'] as string;
    const positionBefore = (
      await database.db.select({ position: tasks.position }).from(tasks).where(eq(tasks.id, next))
    )[0]?.position as number;
    const drop = (await propose('stc-officer', {
      kind: 'drop_task',
      taskId: id,
      reason: 'Đã lồng ghép vào hội nghị tổng kết',
    }).then((r) => r.json())) as Proposal;
    const busy = (await propose('stc-officer', {
      kind: 'drop_task',
      taskId: task['Lập kế hoạch đầu tư công'] as string,
      reason: 'Không còn cần thiết',
    }).then((r) => r.json())) as Proposal;
    await submit([drop.id, busy.id]);
    expect((await decide(drop.id, 'accept')).statusCode).toBe(200);
    expect(await database.db.select().from(tasks).where(eq(tasks.id, id))).toEqual([]);
    const gone = await proposal(drop.id);
    expect(gone).toMatchObject({
      state: 'accepted',
      task: null,
      current: { title: 'Tổ chức hội nghị sơ kết' },
    });
    const revision = await latestRevision();
    expect(revision.changes.tasks.removed).toEqual(['Tổ chức hội nghị sơ kết']);
    expect(fileTasks(revision.file).map((t) => t.title)).not.toContain('Tổ chức hội nghị sơ kết');
    // The tasks after it moved up with the plan file's list.
    const moved = (
      await database.db.select({ position: tasks.position }).from(tasks).where(eq(tasks.id, next))
    )[0]?.position;
    expect(moved).toBe(positionBefore - 1);
    expect(fileTasks(revision.file)[moved as number]?.title).toBe('Nâng cấp đường tỉnh 229');

    const refused = await decide(busy.id, 'accept');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('plan_has_live_work');
    expect((await proposal(busy.id)).state).toBe('submitted');
    expect((await latestRevision()).revision).toBe(revision.revision);
    // Leadership may still reject it, with its reason.
    expect((await decide(busy.id, 'reject', 'Nhiệm vụ đang thực hiện')).statusCode).toBe(200);
  });

  it('adds a task under a section, with its lead assigned', async () => {
    const res = await propose('stc-officer', {
      kind: 'add_task',
      planId,
      nodeId: sectionId,
      title: 'Xây dựng bộ chỉ số đánh giá',
      leadAgencyId: stc,
      dueOn: '2027-06-30',
      reason: 'Bổ sung để đánh giá kết quả',
    });
    expect(res.statusCode, res.body).toBe(201);
    const p = res.json() as Proposal;
    expect(p.task).toBeNull();
    await submit([p.id]);
    const decided = (await decide(p.id, 'accept')).json() as Proposal;
    expect(decided.task?.title).toBe('Xây dựng bộ chỉ số đánh giá');
    const added = await taskView(decided.task?.id as string);
    expect(added).toMatchObject({ lead: { id: stc }, plannedDueOn: '2027-06-30' });
    const revision = await latestRevision();
    expect(revision.changes.tasks.added).toEqual(['Xây dựng bộ chỉ số đánh giá']);
    expect(fileTasks(revision.file).at(-1)).toMatchObject({
      title: 'Xây dựng bộ chỉ số đánh giá',
      lead: { agency_code: 'STC' },
      deadline: { kind: 'date', date: '2027-06-30' },
    });
  });

  it('changes a target’s value and year: the stated milestone moves with it', async () => {
    const res = await propose('stc-officer', {
      kind: 'target',
      targetId,
      year: '2029',
      value: '20',
      reason: 'Điều chỉnh theo quy hoạch tỉnh',
    });
    expect(res.statusCode, res.body).toBe(201);
    const p = res.json() as Proposal;
    expect(p.current).toMatchObject({ year: 2030, value: '24' });
    await submit([p.id]);
    expect((await decide(p.id, 'accept')).statusCode).toBe(200);
    const [t] = await database.db.select().from(targets).where(eq(targets.id, targetId));
    expect(t).toMatchObject({ id: targetId, targetYear: 2029, targetValue: 20 });
    const milestones = await database.db
      .select({ year: targetMilestones.year, value: targetMilestones.value })
      .from(targetMilestones)
      .where(eq(targetMilestones.targetId, targetId));
    expect(milestones.map((m) => [m.year, Number(m.value)])).toEqual([[2029, 20]]);
    const revision = await latestRevision();
    expect(revision.file.sections[0]?.targets[0]).toMatchObject({ value: 20, year: 2029 });
    expect(revision.changes.targets.changed).toEqual([
      { name: 'Số cụm công nghiệp', fields: ['value', 'year'] },
    ]);
  });

  it('keeps a rejection’s reason and changes nothing; a rejection needs one', async () => {
    const id = task['Số hóa hồ sơ đầu tư'] as string;
    const p = (await propose('stc-officer', {
      kind: 'deadline',
      taskId: id,
      dueOn: '2028-12-31',
      reason: 'Chưa có kinh phí',
    }).then((r) => r.json())) as Proposal;
    await submit([p.id]);
    const revision = (await latestRevision()).revision;
    const bare = await as(app, auth.leader, {
      method: 'POST',
      url: `/api/adjustments/${p.id}/decision`,
      payload: { version: (await proposal(p.id)).version, decision: 'reject' },
    });
    expect(bare.statusCode).toBe(400);
    const res = await decide(p.id, 'reject', 'Đề nghị cân đối từ nguồn vốn năm 2027');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      state: 'rejected',
      decisionNote: 'Đề nghị cân đối từ nguồn vốn năm 2027',
      appliedRevision: null,
    });
    expect((await taskView(id)).plannedDueOn).toBe('2027-12-31');
    expect((await latestRevision()).revision).toBe(revision);
    // Decided: leadership gets a conflict, others still "not found".
    const twice = await decide(p.id, 'accept');
    expect(twice.statusCode).toBe(409);
  });

  it('lets only the leading agency propose, only the consolidator batch, only leadership decide', async () => {
    const id = task['Đánh giá giữa kỳ'] as string;
    const fields = { kind: 'deadline', taskId: id, dueOn: '2027-12-31', reason: 'Lý do' };
    for (const who of [
      'sxd-officer',
      'sxd-head',
      'viewer',
      'consolidator',
      'leader',
      'admin',
    ] as const)
      expect((await propose(who, fields)).statusCode, who).toBe(404);
    // A new task only in a plan the agency has work in: Sở Xây dựng leads one here.
    const add = await propose('sxd-officer', {
      kind: 'add_task',
      planId,
      nodeId: sectionId,
      title: 'Khảo sát hiện trạng',
      leadAgencyId: sxd,
      reason: 'Cần số liệu',
    });
    expect(add.statusCode, add.body).toBe(201);
    const p = (await propose('stc-officer', fields).then((r) => r.json())) as Proposal;
    // Leadership cannot decide before the consolidator submits it.
    expect((await decide(p.id, 'accept')).statusCode).toBe(404);
    for (const who of ['stc-head', 'leader', 'viewer', 'sxd-head'] as const) {
      const res = await as(app, auth[who], {
        method: 'POST',
        url: '/api/adjustment-batches',
        payload: { planId, opinion: 'x', proposalIds: [p.id] },
      });
      expect(res.statusCode, who).toBe(404);
    }
    expect(
      (
        await as(app, auth['sxd-head'], {
          method: 'POST',
          url: `/api/adjustments/${p.id}/withdraw`,
          payload: { version: p.version },
        })
      ).statusCode,
    ).toBe(404);
    const batch = await submit([p.id]);
    for (const who of ['consolidator', 'stc-head', 'admin', 'viewer'] as const) {
      const res = await as(app, auth[who], {
        method: 'POST',
        url: `/api/adjustments/${p.id}/decision`,
        payload: { version: (await proposal(p.id)).version, decision: 'accept' },
      });
      expect(res.statusCode, who).toBe(404);
    }
    // A submitted batch no longer changes.
    const late = await as(app, auth.consolidator, {
      method: 'PUT',
      url: `/api/adjustment-batches/${batch.id}`,
      payload: { version: batch.version, opinion: 'Khác', proposalIds: [] },
    });
    expect(late.statusCode).toBe(409);
    expect((await proposal(p.id)).state).toBe('submitted');
  });

  it('withdraws a waiting proposal; refuses stale versions (409)', async () => {
    const id = task['Đánh giá giữa kỳ'] as string;
    const p = (await propose('stc-officer', {
      kind: 'content',
      taskId: id,
      body: 'Đánh giá giữa kỳ theo bộ chỉ số',
      reason: 'Làm rõ nội dung',
    }).then((r) => r.json())) as Proposal;
    const created = await as(app, auth.consolidator, {
      method: 'POST',
      url: '/api/adjustment-batches',
      payload: { planId, opinion: '', proposalIds: [p.id] },
    });
    const batch = created.json() as BatchDetail;
    // Batched: the proposal's version moved on.
    const stale = await as(app, auth['stc-officer'], {
      method: 'POST',
      url: `/api/adjustments/${p.id}/withdraw`,
      payload: { version: p.version },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('stale_version');
    // Submitting without an opinion is refused; a stale batch edit too.
    const empty = await as(app, auth.consolidator, {
      method: 'POST',
      url: `/api/adjustment-batches/${batch.id}/submit`,
      payload: { version: batch.version },
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.code).toBe('opinion_required');
    const edited = await as(app, auth.consolidator, {
      method: 'PUT',
      url: `/api/adjustment-batches/${batch.id}`,
      payload: { version: batch.version, opinion: 'Đồng ý', proposalIds: [] },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect((edited.json() as BatchDetail).proposals).toEqual([]);
    const staleBatch = await as(app, auth.consolidator, {
      method: 'PUT',
      url: `/api/adjustment-batches/${batch.id}`,
      payload: { version: batch.version, opinion: 'Cũ', proposalIds: [] },
    });
    expect(staleBatch.statusCode).toBe(409);
    const withdrawn = await as(app, auth['stc-officer'], {
      method: 'POST',
      url: `/api/adjustments/${p.id}/withdraw`,
      payload: { version: (await proposal(p.id)).version },
    });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect(withdrawn.json().state).toBe('withdrawn');
    const audit = await database.db
      .select({ action: auditRecords.action })
      .from(auditRecords)
      .where(eq(auditRecords.entityId, p.id))
      .orderBy(asc(auditRecords.id));
    expect(audit.map((a) => a.action)).toEqual(['create', 'batch', 'unbatch', 'withdraw']);
    // A stale decision: leadership decides on the version it read.
    const q = (await propose('stc-officer', {
      kind: 'deadline',
      taskId: id,
      dueOn: '2027-09-30',
      reason: 'Lùi hạn',
    }).then((r) => r.json())) as Proposal;
    await submit([q.id]);
    const res = await as(app, auth.leader, {
      method: 'POST',
      url: `/api/adjustments/${q.id}/decision`,
      payload: { version: q.version, decision: 'accept' },
    });
    expect(res.statusCode).toBe(409);
    const rows = await database.db
      .select({ state: adjustmentProposals.state })
      .from(adjustmentProposals)
      .where(eq(adjustmentProposals.id, q.id));
    expect(rows[0]?.state).toBe('submitted');
  });

  it('lists proposals by state and agency', async () => {
    const list = async (query: string) =>
      (
        await as(app, auth.viewer, {
          method: 'GET',
          url: `/api/adjustments?planId=${planId}&${query}`,
        })
      ).json() as { items: Proposal[]; total: number };
    const accepted = await list('state=accepted');
    expect(accepted.total).toBeGreaterThanOrEqual(5);
    expect(accepted.items.every((p) => p.state === 'accepted')).toBe(true);
    const bySxd = await list(`agencyId=${sxd}`);
    expect(bySxd.items.map((p) => p.kind)).toEqual(['add_task']);
  });
});
