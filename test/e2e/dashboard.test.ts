// The leadership dashboard on the seed plan with activity generated through the API
// (test/support/activity.ts: leads and dates, reports in every state, projects' capital and
// milestones, a period past its deadline): the leader signs in and lands on /tong-quan, sees the
// headline figures the API gives, switches a chart to its table, follows the overdue figure to the
// task list, which lists that many tasks; the age band and the period's missing reports lead to
// their pages too.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Dashboard } from '../../src/features/dashboard/schema.js';
import { type ActivitySummary, generateActivity } from '../support/activity.js';
import {
  ACTION_TIMEOUT,
  BROWSER_TEST_TIMEOUT,
  launchBrowser,
  type RunningServer,
  startServer,
} from '../support/browser.js';

const PASSWORD = 'demo2026tiendo';
const SHOTS = fileURLToPath(new URL('../../test-results/', import.meta.url));

describe('the leadership dashboard', { timeout: BROWSER_TEST_TIMEOUT }, () => {
  let server: RunningServer;
  let browser: Browser;
  let activity: ActivitySummary;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    server = await startServer();
    activity = await generateActivity(server.url);
    browser = await launchBrowser();
  }, BROWSER_TEST_TIMEOUT);
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail' && page)
      await page.screenshot({ path: join(SHOTS, 'dashboard-failure.png'), fullPage: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** The dashboard as the API gives it, in the leader's session. */
  async function apiDashboard(query = ''): Promise<Dashboard> {
    const res = await page.request.get(`${server.url}/api/dashboard${query}`);
    expect(res.status()).toBe(200);
    return (await res.json()) as Dashboard;
  }

  /** The number a headline card shows. */
  const headline = async (testId: string) =>
    (await page.getByTestId(testId).locator('.ant-statistic-content').textContent())?.trim();

  it('lands the leader on the dashboard with the API’s figures', async () => {
    const context = await browser.newContext({
      locale: 'vi-VN',
      viewport: { width: 1440, height: 900 },
    });
    page = await context.newPage();
    page.setDefaultTimeout(ACTION_TIMEOUT);
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(server.url);
    await page.getByTestId('login-username').fill('lanhdao');
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('dashboard-page').waitFor();
    expect(new URL(page.url()).pathname).toBe('/tong-quan');

    const d = await apiDashboard();
    // The activity put work in every state and a period's reports past their deadline.
    expect(d.tasks.states.overdue.value).toBeGreaterThan(0);
    expect(d.tasks.states.done_on_time.value).toBeGreaterThan(0);
    expect(d.tasks.states.done_late.value).toBeGreaterThan(0);
    expect(d.reports?.period.id).toBe(activity.periodId);
    expect(d.reports?.missing.value).toBeGreaterThan(0);
    expect(d.projects.slipping.value).toBeGreaterThan(0);
    expect(Number(d.projects.disbursed)).toBeGreaterThan(0);

    await expect.poll(() => headline('headline-tasks')).toBe(String(d.tasks.total.value));
    expect(await headline('headline-overdue')).toBe(String(d.tasks.states.overdue.value));
    expect(await headline('headline-reports')).toBe(String(d.reports?.missing.value));
    expect(await headline('headline-milestones')).toBe(String(d.projects.slipping.value));
    await page.screenshot({ path: join(SHOTS, 'dashboard.png'), fullPage: true });
  });

  it('switches a chart to its table, a real table with its caption', async () => {
    const d = await apiDashboard();
    const panel = page.getByTestId('dashboard-states');
    await expect.poll(() => panel.locator('div[role="img"]').count()).toBe(1);
    await page.getByTestId('dashboard-states-toggle').click();
    const table = page.getByTestId('dashboard-states-table');
    await table.waitFor();
    expect(await table.locator('caption').textContent()).toBe('Nhiệm vụ theo trạng thái');
    expect(await panel.locator('div[role="img"]').count()).toBe(0);
    const overdueRow = table
      .locator('tbody tr')
      .filter({ has: page.getByRole('rowheader', { name: 'Quá hạn', exact: true }) });
    expect((await overdueRow.locator('td').textContent())?.trim()).toBe(
      String(d.tasks.states.overdue.value),
    );
    expect(await page.getByTestId('dashboard-states-toggle').textContent()).toContain(
      'Xem biểu đồ',
    );
  });

  it('follows the overdue figure to the task list, which lists that many tasks', async () => {
    const d = await apiDashboard();
    const overdue = d.tasks.states.overdue.value;
    await page.getByTestId('headline-overdue').locator('a').click();
    await page.getByTestId('tasks-page').waitFor();
    const url = new URL(page.url());
    expect(url.pathname).toBe('/nhiem-vu');
    expect(url.searchParams.get('state')).toBe('overdue');
    await expect
      .poll(() => page.locator('.ant-pagination-total-text').textContent())
      .toBe(`${overdue} nhiệm vụ`);
    expect(await page.getByTestId('tasks-table').getByTestId('task-link').count()).toBe(overdue);
    await page.screenshot({ path: join(SHOTS, 'dashboard-overdue-list.png'), fullPage: true });
  });

  it('leads an overdue age band and the period’s missing reports to their pages', async () => {
    await page.goBack();
    await page.getByTestId('dashboard-page').waitFor();
    const d = await apiDashboard();
    const band = (['under_30', 'over_30', 'over_60', 'over_120'] as const).find(
      (a) => d.tasks.overdueByAge[a].value > 0,
    );
    if (!band) throw new Error('no overdue band');
    await page.getByTestId('dashboard-ages-toggle').click();
    const ages = page.getByTestId('dashboard-ages-table');
    await ages.waitFor();
    const link = ages.locator(`a[href*="age=${band}"]`);
    expect((await link.textContent())?.trim()).toBe(String(d.tasks.overdueByAge[band].value));
    await link.click();
    await page.getByTestId('tasks-page').waitFor();
    await page.getByTestId('tasks-age-filter').waitFor();
    await expect
      .poll(() => page.locator('.ant-pagination-total-text').textContent())
      .toBe(`${d.tasks.overdueByAge[band].value} nhiệm vụ`);

    await page.goBack();
    await page.getByTestId('headline-reports').locator('a').click();
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/bao-cao/ky/${activity.periodId}`);
    expect(errors).toEqual([]);
  });
});
