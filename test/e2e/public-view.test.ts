// The public view on the demo's seed plan: Sở Xây dựng's head has approved a figure of the
// urban-areas target and a monthly update of a key project (made through the API, as the web
// client makes them), the consolidator has written an internal comment on a task. An anonymous
// visitor opens /cong-khai from the login page, sees the targets and projects with the approved
// figures but not the comment, and sends feedback with a contact; it is not shown. The
// consolidator publishes it with an answer on /gop-y; the visitor reloads and sees it with the
// answer, and never the contact.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ProjectDetail, ProjectList } from '../../src/features/projects/schema.js';
import type { TargetDetail, TargetList } from '../../src/features/targets/schema.js';
import type { TaskList } from '../../src/features/tasks/schema.js';
import {
  ACTION_TIMEOUT,
  BROWSER_TEST_TIMEOUT,
  launchBrowser,
  type RunningServer,
  startServer,
} from '../support/browser.js';

const PASSWORD = 'demo2026tiendo';
const SHOTS = fileURLToPath(new URL('../../test-results/', import.meta.url));
const COMMENT = 'Ghi chú nội bộ: chưa công bố số liệu khảo sát';
const CONTACT = '0912 345 678';
const FEEDBACK = 'Đề nghị công bố danh sách đô thị đạt chuẩn theo từng năm.';
const ANSWER = 'Danh sách sẽ được công bố cùng báo cáo năm.';
const YEAR = Number(new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 4));

describe('the public view and its feedback', { timeout: BROWSER_TEST_TIMEOUT }, () => {
  let server: RunningServer;
  let browser: Browser;
  let current: Page | undefined;
  let planId = '';
  let targetId = '';
  const errors: string[] = [];

  async function newPage(who: string): Promise<Page> {
    const context = await browser.newContext({
      locale: 'vi-VN',
      viewport: { width: 390, height: 844 },
    });
    const page = await context.newPage();
    page.setDefaultTimeout(ACTION_TIMEOUT);
    current = page;
    page.on('pageerror', (e) => errors.push(`${who}: ${e.message}`));
    return page;
  }

  async function signedIn(username: string): Promise<Page> {
    const page = await newPage(username);
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${server.url}/dang-nhap`);
    await page.getByTestId('login-username').fill(username);
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('my-work-page').waitFor();
    return page;
  }

  /** A call to the API in the person's session (with its CSRF token), as the web client makes it. */
  async function api(
    page: Page,
    method: string,
    path: string,
    body?: unknown,
    multipart?: Record<string, string>,
  ) {
    const session = await (await page.request.get(`${server.url}/api/auth/session`)).json();
    const res = await page.request.fetch(`${server.url}${path}`, {
      method,
      headers: { 'x-csrf-token': session.csrfToken ?? '' },
      ...(body === undefined ? {} : { data: body }),
      ...(multipart ? { multipart } : {}),
    });
    const text = await res.text();
    return { status: res.status(), text, json: () => JSON.parse(text) };
  }

  beforeAll(async () => {
    [server, browser] = await Promise.all([
      // The form may be sent at once here (its minimum age is tested in feedback.test.ts).
      startServer({ TIENDO_DEMO: '1', TIENDO_FEEDBACK_MIN_SECONDS: '0' }),
      launchBrowser(),
    ]);
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail' && current && !current.isClosed())
      await current.screenshot({ path: join(SHOTS, 'public-view-failure.png'), fullPage: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('Sở Xây dựng reports a figure and a project update, its head approves; the consolidator comments', async () => {
    const consolidator = await signedIn('tonghop');
    const sxd = (
      (
        await api(consolidator, 'GET', `/api/agencies?q=${encodeURIComponent('Sở Xây dựng')}`)
      ).json() as {
        items: { id: string; name: string }[];
      }
    ).items.find((a) => a.name === 'Sở Xây dựng');
    const targets = (await api(consolidator, 'GET', '/api/targets?limit=100')).json() as TargetList;
    const urban = targets.items.find((t) => t.indicator === 'Số đô thị toàn tỉnh');
    targetId = urban?.id as string;
    planId = urban?.plan.id as string;
    const target = (
      await api(consolidator, 'GET', `/api/targets/${targetId}`)
    ).json() as TargetDetail;
    const completed = await api(consolidator, 'PUT', `/api/targets/${targetId}`, {
      version: target.version,
      kind: 'count',
      comparator: 'at_least',
      unit: 'đô thị',
      baseline: { year: YEAR - 2, value: '12' },
      milestones: target.milestones,
      responsibleAgencyId: sxd?.id,
      dataSource: null,
    });
    expect(completed.status, completed.text).toBe(200);
    const projects = (
      await api(consolidator, 'GET', '/api/projects?limit=100')
    ).json() as ProjectList;
    const cableCar = projects.items.find((p) => /cáp treo Mẫu Sơn/.test(p.name));
    const project = (
      await api(consolidator, 'GET', `/api/projects/${cableCar?.id}`)
    ).json() as ProjectDetail;
    const owned = await api(consolidator, 'PUT', `/api/projects/${project.id}`, {
      version: project.version,
      sector: project.sector,
      investmentForm: project.investmentForm,
      ownerAgencyId: sxd?.id,
      owner: null,
      totalInvestment: '1500',
      approvalDocuments: [],
      startYear: YEAR - 1,
      endYear: YEAR + 2,
      communeCodes: project.communes.map((c) => c.code),
      clearanceUnit: 'ha',
      clearanceTotal: '40',
      milestones: [{ kind: 'groundbreaking', plannedOn: `${YEAR}-01-15` }],
      taskIds: [],
      targetIds: [],
    });
    expect(owned.status, owned.text).toBe(200);
    const tasks = (await api(consolidator, 'GET', '/api/tasks?limit=1')).json() as TaskList;
    const comment = await api(consolidator, 'POST', `/api/tasks/${tasks.items[0]?.id}/comments`, {
      kind: 'comment',
      body: COMMENT,
    });
    expect(comment.status, comment.text).toBe(201);
    await consolidator.context().close();

    const officer = await signedIn('sxd.canbo');
    const reported = await api(officer, 'POST', `/api/targets/${targetId}/actuals`, undefined, {
      version: String(
        ((await api(officer, 'GET', `/api/targets/${targetId}`)).json() as TargetDetail).version,
      ),
      period: String(YEAR - 1),
      value: '14',
      note: 'Theo báo cáo rà soát đô thị',
    });
    expect(reported.status, reported.text).toBe(201);
    const updated = await api(officer, 'POST', `/api/projects/${project.id}/updates`, undefined, {
      version: String(
        ((await api(officer, 'GET', `/api/projects/${project.id}`)).json() as ProjectDetail)
          .version,
      ),
      year: String(YEAR),
      month: '1',
      disbursed: '30',
      clearanceDone: '10',
      constructionPercent: '15',
      narrative: 'Đã khởi công, giải phóng mặt bằng một phần',
    });
    expect(updated.status, updated.text).toBe(201);
    await officer.context().close();

    const head = await signedIn('sxd.lanhdao');
    for (const path of [
      `/api/target-actuals/${reported.json().id}/review`,
      `/api/project-updates/${updated.json().id}/review`,
    ]) {
      const review = await api(head, 'POST', path, { decision: 'approve' });
      expect(review.status, review.text).toBe(200);
    }
    await head.context().close();
  });

  it('an anonymous visitor sees the targets and projects, not the internal comment, and sends feedback', async () => {
    const page = await newPage('visitor');
    await page.goto(`${server.url}/dang-nhap`);
    await page.getByTestId('public-link').click();
    await page.getByTestId('public-plans').getByRole('link').first().click();
    await page.waitForURL(new RegExp(`/cong-khai/${planId}$`));
    await page.getByTestId('public-purpose').waitFor();
    const target = page.locator(`[data-testid="public-target"][data-id="${targetId}"]`);
    await expect.poll(() => target.textContent()).toContain('14 đô thị');
    expect(await page.getByTestId('public-project').count()).toBeGreaterThan(0);
    const cableCar = page.getByTestId('public-project').filter({ hasText: 'cáp treo Mẫu Sơn' });
    expect(await cableCar.textContent()).toContain('Sở Xây dựng');
    expect(await page.getByTestId('public-agencies').textContent()).toContain('Sở Xây dựng');
    expect(await page.locator('body').textContent()).not.toContain(COMMENT);

    await target.getByTestId('feedback-open').click();
    const form = page.getByTestId('feedback-form');
    await form.getByLabel('Họ và tên').fill('Hoàng Văn Cường');
    await form.getByLabel('Cơ quan, tổ chức (nếu có)').fill('Hội Cựu chiến binh phường');
    await form.getByLabel('Điện thoại hoặc thư điện tử (không bắt buộc)').fill(CONTACT);
    await form.getByLabel('Nội dung góp ý').fill(FEEDBACK);
    await page.getByTestId('feedback-submit').click();
    await expect
      .poll(() => page.getByTestId('feedback-sent').textContent())
      .toContain('sau khi cơ quan tổng hợp xem xét');
    await page.reload();
    await target.waitFor();
    expect(await page.locator('body').textContent()).not.toContain(FEEDBACK);
    await page.context().close();
  });

  it('the consolidator publishes it with an answer; the visitor sees both, never the contact', async () => {
    const consolidator = await signedIn('tonghop');
    await consolidator.getByTestId('app-menu').getByRole('link', { name: 'Góp ý' }).click();
    const item = consolidator.getByTestId('moderation-item').filter({ hasText: FEEDBACK });
    expect(await item.textContent()).toContain(CONTACT);
    await item.getByTestId('moderation-text').fill(ANSWER);
    await item.getByTestId('moderation-publish').click();
    await expect.poll(() => item.count()).toBe(0);
    await consolidator.context().close();

    const page = await newPage('visitor');
    await page.goto(`${server.url}/cong-khai/${planId}`);
    const target = page.locator(`[data-testid="public-target"][data-id="${targetId}"]`);
    await expect.poll(() => target.getByTestId('feedback-item').count()).toBe(1);
    const shown = await target.getByTestId('feedback-item').textContent();
    expect(shown).toContain('Hoàng Văn Cường');
    expect(shown).toContain('Hội Cựu chiến binh phường');
    expect(shown).toContain(FEEDBACK);
    expect(await target.getByTestId('feedback-answer').textContent()).toContain(ANSWER);
    expect(await page.locator('body').textContent()).not.toContain(CONTACT);
    await page.screenshot({ path: join(SHOTS, 'public-view.png'), fullPage: true });
    await page.context().close();
    expect(errors).toEqual([]);
  });
});
