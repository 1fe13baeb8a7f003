// Public feedback: the anonymous form (token, honeypot, links, contact, hourly limit, nothing
// written when refused), moderation (who, publish with an answer, reject with a note, audited,
// 409 once moderated), what the public page shows (answer and sender, never the contact), and a
// plan with feedback on its items: withdrawing it is refused, a new version dropping such an item
// is refused.
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/support/app.js';
import { engines } from '../../../test/support/database.js';
import { examplePlan, numberedPlan, type PlanFileInput } from '../../../test/support/factories.js';
import {
  type Auth,
  as,
  type CastName,
  createCast,
  loginCast,
} from '../../../test/support/users.js';
import { auditRecords, feedback, projects, targets } from '../../db/schema.js';
import { AppError } from '../../server/errors.js';
import { planFileSchema } from '../plans/plan-file.js';
import { createPlanFromFile } from '../plans/service.js';
import type { PublicPlan } from '../public-view/schema.js';
import { checkFormToken, issueFormToken, senderKey, tooManyLinks } from './form.js';
import type { FeedbackList, ModeratedFeedback } from './schema.js';

const PER_HOUR = 4;

describe('the feedback form’s measures', () => {
  const settings = { secret: 'x'.repeat(32), minFormSeconds: 3, maxFormHours: 6, perHour: 5 };
  it('accepts a token between a few seconds and some hours old, of its tenant, unaltered', () => {
    const now = Date.now();
    const token = issueFormToken(settings.secret, 'tenant-a', now);
    expect(checkFormToken(settings, 'tenant-a', token, now + 1000)).toBe('form_too_fast');
    expect(checkFormToken(settings, 'tenant-a', token, now + 5000)).toBeNull();
    expect(checkFormToken(settings, 'tenant-a', token, now + 7 * 3_600_000)).toBe('form_expired');
    expect(checkFormToken(settings, 'tenant-b', token, now + 5000)).toBe('form_token_invalid');
    const [issued, nonce, mac] = token.split('.');
    const older = `${Number(issued) - 10_000}.${nonce}.${mac}`;
    expect(checkFormToken(settings, 'tenant-a', older, now + 5000)).toBe('form_token_invalid');
    expect(
      checkFormToken({ ...settings, secret: 'y'.repeat(32) }, 'tenant-a', token, now + 5000),
    ).toBe('form_token_invalid');
  });
  it('refuses bodies full of links, keeps the address out of the key', () => {
    expect(tooManyLinks('Xem https://a.example https://b.example https://c.example nhé')).toBe(
      true,
    );
    expect(tooManyLinks('https://spam.example/mua-ngay-gia-re')).toBe(true);
    expect(tooManyLinks('Đường ĐT.226 đoạn qua xã bị sạt lở, xem https://tin.example/bai-1')).toBe(
      false,
    );
    expect(senderKey('s'.repeat(32), '10.0.0.1')).not.toContain('10.0.0.1');
    expect(senderKey('s'.repeat(32), '10.0.0.1')).not.toBe(senderKey('s'.repeat(32), '10.0.0.2'));
  });
});

describe.each(engines())('public feedback on %s', (engine) => {
  const ctx = useTestApp(engine, { feedback: { minFormSeconds: 0, perHour: PER_HOUR } });
  let cast: Record<CastName, Auth>;
  let planId: string;
  let targetId: string;
  let projectId: string;
  let address = 0;

  /** Each test sends from its own address unless it shares one on purpose. */
  const nextAddress = () => `10.1.0.${++address}`;

  const form = async () =>
    (await ctx.app.inject({ method: 'GET', url: '/api/public/feedback/form' })).json() as {
      token: string;
      honeypot: string;
    };
  const send = async (body: Record<string, unknown>, remoteAddress = nextAddress()) => {
    const { token } = await form();
    return ctx.app.inject({
      method: 'POST',
      url: '/api/public/feedback',
      remoteAddress,
      payload: {
        item: { kind: 'target', id: targetId },
        senderName: 'Trần Thị Bình',
        senderOrganisation: 'Hội Phụ nữ xã',
        senderContact: 'binh@example.invalid',
        body: 'Đề nghị công khai tiến độ theo từng quý.',
        formToken: token,
        ...body,
      },
    });
  };
  const count = async () =>
    (
      await ctx.database.db
        .select()
        .from(feedback)
        .where(eq(feedback.tenantId, ctx.database.tenantId))
    ).length;
  const publicPlan = async (id = planId) =>
    (await ctx.app.inject({ method: 'GET', url: `/api/public/plans/${id}` })).json() as PublicPlan;

  beforeAll(async () => {
    const { db, tenantId } = ctx.database;
    await createCast(db, tenantId);
    cast = await loginCast(ctx.app);
    ({ planId } = await createPlanFromFile(
      db,
      { id: 'test', tenantId },
      planFileSchema.parse(examplePlan()),
    ));
    const [target] = await db.select().from(targets).where(eq(targets.planId, planId)).limit(1);
    const [project] = await db.select().from(projects).where(eq(projects.planId, planId)).limit(1);
    targetId = target?.id as string;
    projectId = project?.id as string;
  });

  it('takes feedback from anyone and shows it only once published with an answer', async () => {
    const res = await send({});
    expect(res.statusCode, res.body).toBe(201);
    const { id } = res.json() as { id: string };
    // Not public while pending.
    expect(JSON.stringify(await publicPlan())).not.toContain('từng quý');

    const queue = await as(ctx.app, cast.consolidator, { method: 'GET', url: '/api/feedback' });
    expect(queue.statusCode).toBe(200);
    const item = (queue.json() as FeedbackList).items.find((f) => f.id === id);
    expect(item).toMatchObject({
      status: 'pending',
      senderContact: 'binh@example.invalid',
      item: { kind: 'target', id: targetId },
    });

    const published = await as(ctx.app, cast.consolidator, {
      method: 'POST',
      url: `/api/feedback/${id}/publish`,
      payload: { answer: 'Từ quý sau, tiến độ được công khai theo quý.' },
    });
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json<ModeratedFeedback>()).toMatchObject({
      status: 'published',
      moderatedBy: 'consolidator',
    });
    const again = await as(ctx.app, cast.admin, {
      method: 'POST',
      url: `/api/feedback/${id}/reject`,
      payload: { note: 'Trùng lặp' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('already_moderated');

    const plan = await publicPlan();
    const shown = plan.targets.find((t) => t.id === targetId)?.feedback;
    expect(shown).toEqual([
      expect.objectContaining({
        id,
        senderName: 'Trần Thị Bình',
        senderOrganisation: 'Hội Phụ nữ xã',
        body: 'Đề nghị công khai tiến độ theo từng quý.',
        answer: 'Từ quý sau, tiến độ được công khai theo quý.',
      }),
    ]);
    expect(JSON.stringify(plan)).not.toContain('binh@example.invalid');

    const audit = await ctx.database.db
      .select()
      .from(auditRecords)
      .where(and(eq(auditRecords.entity, 'feedback'), eq(auditRecords.entityId, id)));
    expect(audit.map((a) => a.action)).toEqual(['publish']);
  });

  it('rejects with an internal note, never shown', async () => {
    const res = await send({
      item: { kind: 'project', id: projectId },
      body: 'Nội dung không phù hợp để đăng.',
    });
    expect(res.statusCode).toBe(201);
    const { id } = res.json() as { id: string };
    const rejected = await as(ctx.app, cast.admin, {
      method: 'POST',
      url: `/api/feedback/${id}/reject`,
      payload: { note: 'Không liên quan đến dự án' },
    });
    expect(rejected.statusCode, rejected.body).toBe(200);
    const list = await as(ctx.app, cast.consolidator, {
      method: 'GET',
      url: '/api/feedback?status=rejected',
    });
    expect((list.json() as FeedbackList).items.map((f) => f.moderationNote)).toContain(
      'Không liên quan đến dự án',
    );
    const plan = JSON.stringify(await publicPlan());
    expect(plan).not.toContain('Không liên quan');
    expect(plan).not.toContain('Nội dung không phù hợp');
  });

  it('lets only the consolidator and the administrator moderate', async () => {
    const res = await send({});
    const { id } = res.json() as { id: string };
    for (const who of ['leader', 'viewer', 'stc-head', 'stc-officer'] as const) {
      const list = await as(ctx.app, cast[who], { method: 'GET', url: '/api/feedback' });
      expect(list.statusCode, who).toBe(404);
      const publish = await as(ctx.app, cast[who], {
        method: 'POST',
        url: `/api/feedback/${id}/publish`,
        payload: { answer: 'Trả lời' },
      });
      expect(publish.statusCode, who).toBe(404);
    }
    expect((await ctx.app.inject({ method: 'GET', url: '/api/feedback' })).statusCode).toBe(401);
  });

  it('refuses what is invalid or looks like spam with a code, writing nothing', async () => {
    const before = await count();
    const cases: [Record<string, unknown>, string][] = [
      [{ body: 'ngắn' }, 'invalid_input'],
      [{ senderName: '' }, 'invalid_input'],
      [{ item: { kind: 'task', id: targetId } }, 'invalid_input'],
      [{ website: 'http://spam.example' }, 'spam_suspected'],
      [{ formToken: 'not-a-token' }, 'form_token_invalid'],
      [
        { body: 'Mua ngay https://a.example https://b.example https://c.example' },
        'too_many_links',
      ],
      [{ senderContact: 'gọi tôi' }, 'contact_invalid'],
    ];
    for (const [body, code] of cases) {
      const res = await send(body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.code, JSON.stringify(body)).toBe(code);
    }
    const unknown = await send({ item: { kind: 'project', id: targetId } });
    expect(unknown.statusCode).toBe(404);
    expect(await count()).toBe(before);
  });

  it('limits each address per hour (429), counted in the database', async () => {
    const from = '10.9.9.9';
    for (let i = 0; i < PER_HOUR; i++) expect((await send({}, from)).statusCode).toBe(201);
    const before = await count();
    const limited = await send({}, from);
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('feedback_rate_limited');
    expect(limited.headers['retry-after']).toBeDefined();
    expect(await count()).toBe(before);
    // Another address is not held back.
    expect((await send({}, '10.9.9.10')).statusCode).toBe(201);
    // The address is not stored, only its keyed hash.
    const rows = await ctx.database.db.select({ key: feedback.senderKey }).from(feedback);
    expect(rows.some((r) => r.key.includes('10.9.9.9'))).toBe(false);
  });

  it('counts feedback as work: withdrawing the plan and dropping the item are refused', async () => {
    const { db, tenantId } = ctx.database;
    const plan = numberedPlan({ number: '88/KH-UBND' }) as PlanFileInput;
    const { planId: smallPlan } = await createPlanFromFile(
      db,
      { id: 'test', tenantId },
      planFileSchema.parse(plan),
    );
    const [target] = await db.select().from(targets).where(eq(targets.planId, smallPlan));
    const res = await send({ item: { kind: 'target', id: target?.id } });
    expect(res.statusCode, res.body).toBe(201);

    const withdraw = await as(ctx.app, cast.consolidator, {
      method: 'POST',
      url: `/api/plans/${smallPlan}/withdraw`,
      payload: { reason: 'Nhập nhầm văn bản kế hoạch' },
    });
    expect(withdraw.statusCode, withdraw.body).toBe(409);
    expect(withdraw.json().error.code).toBe('plan_has_work');
    expect(withdraw.json().error.current).toEqual({ feedback: 1 });

    const dropped = numberedPlan({ number: '88/KH-UBND' }) as PlanFileInput;
    const section = dropped.sections[0] as { targets?: unknown[] };
    section.targets = [];
    const refused = await createPlanFromFile(
      db,
      { id: 'test', tenantId },
      planFileSchema.parse(dropped),
      {
        revising: smallPlan,
      },
    ).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe('plan_has_live_work');
    expect((refused as AppError).issues.map((i) => i.code)).toEqual(['item_has_live_work']);
    expect(await db.select().from(targets).where(eq(targets.planId, smallPlan))).toHaveLength(1);
  });
});
