// A newcomer's first start: sign in with a demo account, the example plan opens with its tree,
// and the agencies page answers who carries a former agency's work today.
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ACTION_TIMEOUT,
  BROWSER_TEST_TIMEOUT,
  launchBrowser,
  type RunningServer,
  startServer,
} from '../support/browser.js';

const SHOTS = 'test-results';

describe('first start in a browser', { timeout: BROWSER_TEST_TIMEOUT }, () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    page = await browser.newPage({ locale: 'vi-VN', viewport: { width: 1366, height: 900 } });
    page.setDefaultTimeout(ACTION_TIMEOUT);
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(e.message));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('printed its progress while starting', () => {
    expect(server.output()).toContain('Applying database migrations');
    expect(server.output()).toContain('loading the example plan');
  });

  it('asks to sign in, then shows the demo viewer their work', async () => {
    await page.goto(server.url);
    await page.getByTestId('login-page').waitFor();
    // The province's name comes from the server (GET /api/tenant), never from the client's code.
    await expect
      .poll(() => page.getByTestId('tenant-subtitle').textContent())
      .toContain('Tỉnh Lạng Sơn');
    await page.getByTestId('login-username').fill('xem');
    await page.getByTestId('login-password').fill('demo2026tiendo');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('my-work-page').waitFor();
    expect(new URL(page.url()).pathname).toBe('/viec-cua-toi');
    expect(await page.getByTestId('user-menu').textContent()).toContain('Người xem');
  });

  it('opens the example plan with its legal basis and tree', async () => {
    await page.goto(`${server.url}/ke-hoach`);
    const plans = page.getByTestId('plans-page');
    await expect
      .poll(() => plans.textContent())
      .toContain('Kế hoạch triển khai thực hiện Quyết định số 693/QĐ-TTg');
    await plans
      .getByRole('link', { name: /Kế hoạch triển khai thực hiện/ })
      .first()
      .click();

    const plan = page.getByTestId('plan-page');
    await plan.getByTestId('plan-tree').waitFor();
    const basis = (await page.getByTestId('legal-basis').textContent()) ?? '';
    for (const n of ['693/QĐ-TTg', '72-KL/TW', '13-NQ/TW']) expect(basis).toContain(n);
    const tree = (await plan.getByTestId('plan-tree').textContent()) ?? '';
    expect(tree).toContain('MỤC TIÊU');
    expect(tree).toContain('Hạ tầng đô thị');
    expect(tree).toContain('Sở Kế hoạch và Đầu tư');
    expect(tree).toContain('Sở Tài chính');
    await expect.poll(() => plan.getByTestId('target-item').count()).toBe(5);
    await expect.poll(() => plan.getByTestId('task-item').count()).toBe(8);
    await expect.poll(() => plan.getByTestId('project-item').count()).toBe(10);
    expect(await plan.textContent()).toContain('Lương Trọng Quỳnh');
    await page.screenshot({ path: `${SHOTS}/plan.png`, fullPage: true });
  });

  it('lists the example plan’s targets with their milestones and why none is projected yet', async () => {
    await page.goto(`${server.url}/chi-tieu`);
    const targets = page.getByTestId('targets-page');
    await expect.poll(() => targets.getByTestId('target-indicator').count()).toBe(5);
    const text = (await targets.textContent()) ?? '';
    expect(text).toContain('Số đô thị toàn tỉnh');
    expect(text).toContain('17 đô thị (2030)');
    expect(text).toContain('5 chỉ tiêu');
    const tags = await targets.getByTestId('target-projection').allTextContents();
    expect(tags).toEqual(Array(5).fill('Chưa có giá trị gốc'));
    // The rule, in words, under a row.
    await targets
      .getByRole('button', { name: /Expand row|Mở rộng/ })
      .first()
      .click();
    await expect
      .poll(() => targets.getByTestId('target-rule').first().textContent())
      .toContain('Chưa có giá trị gốc');
    await page.screenshot({ path: `${SHOTS}/targets.png`, fullPage: true });
  });

  it('finds Sở Kế hoạch và Đầu tư without diacritics and shows Sở Tài chính responsible since 01/03/2025', async () => {
    await page.goto(`${server.url}/co-quan`);
    await page.getByTestId('agency-search').fill('so ke hoach');
    const row = page.getByRole('row', { name: /Sở Kế hoạch và Đầu tư/ });
    await row.click();
    const responsible = page.getByTestId('agency-detail').getByTestId('responsible-today');
    await expect.poll(() => responsible.textContent()).toContain('Sở Tài chính');
    await expect.poll(() => responsible.textContent()).toContain('01/03/2025');
    await page.screenshot({ path: `${SHOTS}/agency-skhdt.png` });
  });

  it('shows UBND huyện Cao Lộc ended on 01/07/2025 with its communes as candidates', async () => {
    await page.goto(`${server.url}/co-quan`);
    await page.getByTestId('agency-search').fill('ubnd huyen cao loc');
    await page.getByRole('row', { name: /huyện Cao Lộc/ }).click();
    const detail = page.getByTestId('agency-detail');
    await expect.poll(() => detail.textContent()).toContain('01/07/2025');
    const responsible = (await detail.getByTestId('responsible-today').textContent()) ?? '';
    expect(responsible).toContain('Đồng Đăng');
    expect(responsible).toContain('Đông Kinh');
    await page.screenshot({ path: `${SHOTS}/agency-cao-loc.png` });
  });

  it('logged no errors in the page', () => {
    expect(consoleErrors).toEqual([]);
  });
});
