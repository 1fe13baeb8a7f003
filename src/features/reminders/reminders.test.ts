// Reminders and escalation of agencies missing their period report, on both engines: each agency
// and step once whatever runs repeat or overlap, none for agencies that submitted, escalation only
// after 5 working days, and what the consolidator and leadership read. The job is called with the
// day it judges on: nothing here depends on the clock.
import { and, eq, like } from 'drizzle-orm';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, engines, type TestDatabase } from '../../../test/support/database.js';
import { numberedPlan } from '../../../test/support/factories.js';
import { insertOpenedPeriod } from '../../../test/support/reminders.js';
import {
  type Auth,
  as,
  createCast,
  createTestUser,
  login,
  loginCast,
} from '../../../test/support/users.js';
import {
  agencyReports,
  auditRecords,
  mailOutbox,
  notifications,
  periodReminders,
} from '../../db/schema.js';
import { type App, buildApp } from '../../server/app.js';
import { planFileSchema } from '../plans/plan-file.js';
import { createPlanFromFile } from '../plans/service.js';
import { buildUrgingLetter } from '../tasks/urging.js';
import type { EscalationList, PeriodReminders } from './schema.js';
import { escalatedAgencies, reminderEventKey, sendPeriodReminders } from './service.js';

describe.each(engines())('period reminders on %s', (engine) => {
  let database: TestDatabase;
  let app: App;
  let auth: Record<string, Auth>;
  let periodId: string;
  let agencyIds: Record<string, string>;
  let userIds: Record<string, string>;

  const rows = async (step?: string) =>
    (
      await database.db
        .select({ agencyId: periodReminders.agencyId, step: periodReminders.step })
        .from(periodReminders)
        .where(
          and(
            eq(periodReminders.periodId, periodId),
            ...(step ? [eq(periodReminders.step, step)] : []),
          ),
        )
    ).map((r) => `${codeOf(r.agencyId)} ${r.step}`);
  const codeOf = (agencyId: string) =>
    Object.entries(agencyIds).find(([, id]) => id === agencyId)?.[0] ?? agencyId;
  const notified = async (username: string) =>
    database.db
      .select({
        eventKey: notifications.eventKey,
        kind: notifications.kind,
        title: notifications.title,
        body: notifications.body,
      })
      .from(notifications)
      .where(
        and(
          eq(notifications.userId, userIds[username] as string),
          like(notifications.eventKey, `period:${periodId}:%`),
        ),
      );
  const run = (asOf: string) =>
    sendPeriodReminders(database.db, { asOf, tenantId: database.tenantId, batchSize: 2 });

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    app = await buildApp({ db: database.db, tenantId: database.tenantId });
    const { planId } = await createPlanFromFile(
      database.db,
      { id: 'test', tenantId: database.tenantId },
      planFileSchema.parse(numberedPlan()),
    );
    await createCast(database.db, database.tenantId);
    const snvHead = await createTestUser(
      database.db,
      database.tenantId,
      'snv-head',
      'agency_head',
      'SNV',
    );
    auth = { ...(await loginCast(app)), 'snv-head': await login(app, 'snv-head') };
    userIds = Object.fromEntries(Object.entries(auth).map(([name, a]) => [name, a.userId]));
    userIds['snv-head'] = snvHead.id;
    // Due Friday 04/12/2026. Sở Tài chính has no report, Sở Công Thương a draft, Sở Nội vụ one
    // returned to it: all three are missing. Sở Xây dựng submitted, Sở KH&CN was accepted.
    ({ periodId, agencyIds } = await insertOpenedPeriod(database.db, database.tenantId, planId, {
      label: 'Tháng 11 năm 2026',
      windowFrom: '2026-10-15',
      windowTo: '2026-11-14',
      submissionDueOn: '2026-12-04',
      agencies: [
        { code: 'STC' },
        { code: 'SCT', report: 'draft' },
        { code: 'SNV', report: 'returned' },
        { code: 'SXD', report: 'submitted' },
        { code: 'SKHCN', report: 'accepted' },
      ],
    }));
    // A period not opened yet and one due later: nothing goes out for them on these days.
    await insertOpenedPeriod(database.db, database.tenantId, planId, {
      label: 'Chưa mở',
      windowFrom: '2026-09-15',
      windowTo: '2026-10-14',
      submissionDueOn: '2026-12-03',
      opened: false,
      agencies: [{ code: 'STC' }],
    });
    await insertOpenedPeriod(database.db, database.tenantId, planId, {
      label: 'Năm 2027',
      windowFrom: '2026-12-15',
      windowTo: '2027-12-14',
      submissionDueOn: '2027-12-31',
      agencies: [{ code: 'STC' }],
    });
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('sends nothing more than 7 days before the deadline', async () => {
    expect(await run('2026-11-26')).toMatchObject({ reminded: 0, escalated: 0 });
    expect(await rows()).toEqual([]);
  });

  it('reminds the missing agencies 7 days before, once, however often the job runs', async () => {
    const first = await run('2026-11-27');
    expect(first).toMatchObject({ reminded: 3, escalated: 0 });
    // Again the same day, and the next days (still the 7-day step): nothing new.
    expect(await run('2026-11-27')).toMatchObject({ reminded: 0 });
    expect(await run('2026-11-30')).toMatchObject({ reminded: 0 });
    expect((await rows()).sort()).toEqual(['SCT before:7', 'SNV before:7', 'STC before:7']);

    // The agency's head and officer each have it once, in Vietnamese, with the period, the
    // plan and the deadline; the submitted agency's staff have nothing.
    for (const user of ['stc-head', 'stc-officer']) {
      const got = await notified(user);
      expect(got).toHaveLength(1);
      expect(got[0]).toMatchObject({
        kind: 'period_reminder',
        eventKey: reminderEventKey(periodId, agencyIds.STC as string, 'before:7'),
        title: 'Còn 7 ngày đến hạn nộp báo cáo Tháng 11 năm 2026',
      });
      expect(got[0]?.body).toContain('Kế hoạch số 15/KH-UBND');
      expect(got[0]?.body).toContain('ngày 04/12/2026');
      expect(got[0]?.body).toContain('Sở Tài chính chưa nộp báo cáo');
    }
    expect(await notified('snv-head')).toHaveLength(1);
    expect(await notified('sxd-head')).toEqual([]);
    expect(await notified('sxd-officer')).toEqual([]);
    expect(await notified('consolidator')).toEqual([]);
    // One mail per address, through the outbox.
    const mails = await database.db
      .select({ to: mailOutbox.toAddress })
      .from(mailOutbox)
      .where(
        like(mailOutbox.eventKey, reminderEventKey(periodId, agencyIds.STC as string, 'before:7')),
      );
    expect(mails.map((m) => m.to).sort()).toEqual([
      'stc-head@test.invalid',
      'stc-officer@test.invalid',
    ]);
    // Audited as the system's.
    const audit = await database.db
      .select({ actor: auditRecords.actor, action: auditRecords.action })
      .from(auditRecords)
      .where(eq(auditRecords.entityId, periodId));
    expect(audit).toHaveLength(3);
    expect(audit.every((a) => a.actor === 'system' && a.action === 'reminded')).toBe(true);
  });

  it('reminds 2 days before once even when two runs overlap', async () => {
    const [a, b] = await Promise.all([run('2026-12-02'), run('2026-12-02')]);
    expect((a?.reminded ?? 0) + (b?.reminded ?? 0)).toBe(3);
    await Promise.all([run('2026-12-03'), run('2026-12-04')]);
    expect((await rows('before:2')).sort()).toEqual([
      'SCT before:2',
      'SNV before:2',
      'STC before:2',
    ]);
    for (const user of ['stc-head', 'stc-officer', 'snv-head']) {
      const got = await notified(user);
      expect(got.map((n) => n.eventKey.split(':').at(-1)).sort()).toEqual(['2', '7']);
    }
    const stc = await notified('stc-head');
    expect(stc.find((n) => n.eventKey.endsWith('before:2'))?.title).toBe(
      'Còn 2 ngày đến hạn nộp báo cáo Tháng 11 năm 2026',
    );
  });

  it('reminds once after the deadline, not the agency that submitted late', async () => {
    // Sở Nội vụ resubmits on Saturday, after the deadline: late, but submitted.
    await database.db
      .update(agencyReports)
      .set({ state: 'submitted', submittedAt: new Date() })
      .where(
        and(
          eq(agencyReports.periodId, periodId),
          eq(agencyReports.agencyId, agencyIds.SNV as string),
        ),
      );
    await Promise.all([run('2026-12-05'), run('2026-12-05')]);
    expect(await run('2026-12-07')).toMatchObject({ reminded: 0, escalated: 0 });
    expect((await rows('after')).sort()).toEqual(['SCT after', 'STC after']);
    const after = (await notified('stc-officer')).find((n) => n.eventKey.endsWith(':after'));
    expect(after?.title).toBe('Đã quá hạn nộp báo cáo Tháng 11 năm 2026');
    expect(after?.body).toContain('Đề nghị khẩn trương hoàn thành');
    expect((await notified('snv-head')).some((n) => n.eventKey.endsWith(':after'))).toBe(false);
  });

  it('escalates only after 5 working days, with the weekend in between, once', async () => {
    // Monday 07 … Thursday 10/12 are 1 … 4 working days late: not yet.
    expect(await run('2026-12-10')).toMatchObject({ escalated: 0 });
    const early = await as(app, auth.leader as Auth, {
      method: 'GET',
      url: '/api/escalations?asOf=2026-12-10',
    });
    expect(early.statusCode).toBe(200);
    expect((early.json() as EscalationList).items).toEqual([]);
    expect(await notified('leader')).toEqual([]);

    // Friday 11/12: the fifth working day. Two overlapping runs escalate each agency once.
    const [a, b] = await Promise.all([run('2026-12-11'), run('2026-12-11')]);
    expect((a?.escalated ?? 0) + (b?.escalated ?? 0)).toBe(2);
    expect(await run('2026-12-14')).toMatchObject({ escalated: 0, reminded: 0 });
    expect((await rows('escalation')).sort()).toEqual(['SCT escalation', 'STC escalation']);
    const leader = await notified('leader');
    expect(leader.map((n) => n.kind)).toEqual(['period_escalation', 'period_escalation']);
    expect(leader.map((n) => n.title).sort()).toEqual([
      'Sở Công Thương chưa nộp báo cáo Tháng 11 năm 2026, chậm 5 ngày làm việc',
      'Sở Tài chính chưa nộp báo cáo Tháng 11 năm 2026, chậm 5 ngày làm việc',
    ]);
    // The agencies themselves were not told again.
    expect((await notified('stc-head')).map((n) => n.eventKey.split(':').at(-1)).sort()).toEqual([
      '2',
      '7',
      'after',
    ]);
  });

  it('lists the escalated agencies for leadership and for the urging letter', async () => {
    const list = await escalatedAgencies(database.db, database.tenantId, '2026-12-14');
    expect(
      list.map((e) => ({
        agency: e.agency.name,
        plan: e.plan.name,
        period: e.period.label,
        state: e.reportState,
        daysLate: e.daysLate,
        workingDaysLate: e.workingDaysLate,
        notified: e.notifiedAt !== null,
      })),
    ).toEqual([
      {
        agency: 'Sở Công Thương',
        plan: 'Kế hoạch số 15/KH-UBND',
        period: 'Tháng 11 năm 2026',
        state: 'draft',
        daysLate: 10,
        workingDaysLate: 6,
        notified: true,
      },
      {
        agency: 'Sở Tài chính',
        plan: 'Kế hoạch số 15/KH-UBND',
        period: 'Tháng 11 năm 2026',
        state: 'none',
        daysLate: 10,
        workingDaysLate: 6,
        notified: true,
      },
    ]);
    for (const who of ['leader', 'consolidator', 'admin']) {
      const res = await as(app, auth[who] as Auth, {
        method: 'GET',
        url: `/api/escalations?asOf=2026-12-14&periodId=${periodId}`,
      });
      expect(res.statusCode, who).toBe(200);
      const body = res.json() as EscalationList;
      expect(body.asOf).toBe('2026-12-14');
      expect(body.items.map((e) => e.agency.name)).toEqual(['Sở Công Thương', 'Sở Tài chính']);
    }
    for (const who of ['stc-head', 'sxd-officer', 'viewer']) {
      const res = await as(app, auth[who] as Auth, { method: 'GET', url: '/api/escalations' });
      expect(res.statusCode, who).toBe(404);
    }
    // An agency that submits leaves the list at once.
    await database.db
      .update(agencyReports)
      .set({ state: 'submitted', submittedAt: new Date() })
      .where(
        and(
          eq(agencyReports.periodId, periodId),
          eq(agencyReports.agencyId, agencyIds.SCT as string),
        ),
      );
    const after = await escalatedAgencies(database.db, database.tenantId, '2026-12-14');
    expect(after.map((e) => e.agency.name)).toEqual(['Sở Tài chính']);
    // The next urging letter asks the one still missing for its report.
    const letter = await buildUrgingLetter(
      database.db,
      {
        kind: 'user',
        tenantId: database.tenantId,
        userId: auth.consolidator?.userId as string,
        username: 'consolidator',
        displayName: 'consolidator',
        role: 'consolidator',
        agencyId: null,
        sessionId: 'test',
        csrfToken: 'test',
        demo: false,
      },
      { planId: undefined, agencyIds: null },
      '2026-12-14',
    );
    const text = (await mammoth.extractRawText({ buffer: letter })).value;
    expect(text).toContain(
      'chưa gửi báo cáo kết quả thực hiện Kế hoạch (kỳ báo cáo: Tháng 11 năm 2026, hạn nộp 04/12/2026), đã chậm từ 5 ngày làm việc trở lên: Sở Tài chính (chậm 6 ngày làm việc).',
    );
    expect(text).not.toContain('Sở Công Thương (chậm');
  });

  it('shows the consolidator what was sent, to whom and when', async () => {
    const res = await as(app, auth.consolidator as Auth, {
      method: 'GET',
      url: `/api/periods/${periodId}/reminders`,
    });
    expect(res.statusCode).toBe(200);
    const body = res.json() as PeriodReminders;
    expect(body.period).toEqual({
      id: periodId,
      label: 'Tháng 11 năm 2026',
      submissionDueOn: '2026-12-04',
    });
    const stc = body.items.filter((i) => i.agency.name === 'Sở Tài chính');
    expect(stc.map((i) => i.step).sort()).toEqual(['after', 'before:2', 'before:7', 'escalation']);
    expect(stc.find((i) => i.step === 'before:7')).toMatchObject({
      stepLabel: 'Nhắc trước hạn 7 ngày',
      recipients: [
        { id: userIds['stc-head'], displayName: 'stc-head' },
        { id: userIds['stc-officer'], displayName: 'stc-officer' },
      ],
    });
    expect(stc.find((i) => i.step === 'escalation')?.recipients).toEqual([
      { id: userIds.leader, displayName: 'leader' },
    ]);
    // Sở Công Thương has no account: reminded, to nobody.
    expect(body.items.find((i) => i.agency.name === 'Sở Công Thương')?.recipients).toEqual([]);
    expect(body.items.some((i) => i.agency.name === 'Sở Xây dựng')).toBe(false);
    expect(body.items).toHaveLength(3 + 3 + 2 + 2);
    expect(Number.isNaN(Date.parse(body.items[0]?.sentAt ?? ''))).toBe(false);

    expect(
      (
        await as(app, auth.leader as Auth, {
          method: 'GET',
          url: `/api/periods/${periodId}/reminders`,
        })
      ).statusCode,
    ).toBe(200);
    for (const who of ['stc-head', 'admin', 'viewer']) {
      const denied = await as(app, auth[who] as Auth, {
        method: 'GET',
        url: `/api/periods/${periodId}/reminders`,
      });
      expect(denied.statusCode, who).toBe(404);
    }
    const missing = await as(app, auth.consolidator as Auth, {
      method: 'GET',
      url: '/api/periods/00000000-0000-4000-8000-000000000000/reminders',
    });
    expect(missing.statusCode).toBe(404);
  });

  it('sends nothing for a period not opened, nor long after a deadline', async () => {
    // The period not opened was due 03/12: no row for it whatever the day.
    const all = await database.db
      .select({ periodId: periodReminders.periodId })
      .from(periodReminders);
    expect(all.every((r) => r.periodId === periodId)).toBe(true);
    // Far past the deadline, nothing new goes out (the list still shows who is missing).
    expect(await run('2027-03-01')).toMatchObject({ reminded: 0, escalated: 0 });
  });
});
