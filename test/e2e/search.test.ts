// The search box on the demo database (the bundled plan): a reader types "dong dang" without
// diacritics and opens the Đồng Đăng – Trà Lĩnh expressway from the list under the box; "kh&dt"
// finds Sở Kế hoạch và Đầu tư, an agency merged away in 2025, and Enter lists every group on the
// results page, from which the agency opens.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  BROWSER_TEST_TIMEOUT,
  launchBrowser,
  type RunningServer,
  signedInPage,
  startServer,
} from '../support/browser.js';

const PASSWORD = 'demo2026tiendo';
const SHOTS = fileURLToPath(new URL('../../test-results/', import.meta.url));
const EXPRESSWAY =
  'Đầu tư xây dựng tuyến cao tốc Đồng Đăng (tỉnh Lạng Sơn) - Trà Lĩnh (tỉnh Cao Bằng)';

describe('the search box', { timeout: BROWSER_TEST_TIMEOUT }, () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page | undefined;
  const errors: string[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer({ TIENDO_DEMO: '1' }), launchBrowser()]);
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail' && page && !page.isClosed())
      await page.screenshot({ path: join(SHOTS, 'search-failure.png'), fullPage: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function signedIn(username: string): Promise<Page> {
    const onError = (m: string) => errors.push(m);
    page = await signedInPage(browser, { base: server.url, username, password: PASSWORD, onError });
    return page;
  }

  it('finds the expressway without diacritics and opens its page', async () => {
    const p = await signedIn('xem');
    await p.getByTestId('search-input').fill('dong dang');
    const projects = p.getByTestId('search-group-project');
    await projects.waitFor({ state: 'visible' });
    const option = p.getByTestId('search-option').filter({ hasText: EXPRESSWAY });
    await option.waitFor({ state: 'visible' });
    await option.click();
    await p.waitForURL(/\/du-an\/[0-9a-f-]{36}$/);
    await expect.poll(() => p.getByTestId('project-name').textContent()).toBe(EXPRESSWAY);
  });

  it('finds Sở Kế hoạch và Đầu tư by "kh&dt", under the box and on the results page', async () => {
    const p = page ?? (await signedIn('xem'));
    const input = p.getByTestId('search-input');
    await input.fill('kh&dt');
    await p
      .getByTestId('search-option')
      .filter({ hasText: 'Sở Kế hoạch và Đầu tư' })
      .waitFor({ state: 'visible' });
    await input.press('Enter');
    await p.waitForURL(/\/tim-kiem\?q=kh%26dt$/);
    const agencies = p.getByTestId('search-results-agency');
    await agencies.waitFor();
    const link = agencies
      .getByTestId('search-result-link')
      .filter({ hasText: 'Sở Kế hoạch và Đầu tư' });
    await expect.poll(() => link.count()).toBe(1);
    await expect
      .poll(() => agencies.getByTestId('search-result').first().textContent())
      .toContain('Đã kết thúc hoạt động');
    await link.click();
    await p.waitForURL(/\/co-quan\?id=[0-9a-f-]{36}$/);
    await expect
      .poll(() => p.getByTestId('agency-drawer').textContent())
      .toContain('Sở Kế hoạch và Đầu tư');
  });

  it('says so when nothing matches, and the page had no script error', async () => {
    const p = page ?? (await signedIn('xem'));
    await p.goto(`${server.url}/tim-kiem?q=${encodeURIComponent('không có gì như thế này')}`);
    await p.getByTestId('search-no-results').waitFor();
    expect(await p.getByTestId('search-no-results').textContent()).toContain(
      'Không tìm thấy kết quả',
    );
    expect(errors).toEqual([]);
  });
});
