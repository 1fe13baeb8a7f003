// The administrator keeps the agency registry in a browser: adds an agency with its other names,
// is told in Vietnamese when a name is taken, renames it (the former name stays an other name)
// and ends it into a successor, which the reorganisation then lists.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ACTION_TIMEOUT,
  BROWSER_TEST_TIMEOUT,
  launchBrowser,
  pickOption,
  type RunningServer,
  startServer,
} from '../support/browser.js';

describe('editing the agency registry in a browser', { timeout: BROWSER_TEST_TIMEOUT }, () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    page = await browser.newPage({ locale: 'vi-VN', viewport: { width: 1366, height: 900 } });
    page.setDefaultTimeout(ACTION_TIMEOUT);
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${server.url}/co-quan`);
    await page.getByTestId('login-username').fill('quantri');
    await page.getByTestId('login-password').fill('demo2026tiendo');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('agencies-page').waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const form = () => page.getByTestId('agency-form');
  /** Picks `option` in a select and waits until the select shows it. */
  const choose = (select: ReturnType<Page['getByTestId']>, option: string, search?: string) =>
    pickOption(
      page,
      select,
      option,
      () => expect.poll(() => select.textContent(), { timeout: 10_000 }).toContain(option),
      search,
    );
  const chooseKind = (label: string) => choose(form().getByTestId('agency-form-kind'), label);

  it('adds an agency with its other names, and refuses a name another agency has', async () => {
    await page.getByTestId('agency-new').click();
    await page.getByTestId('agency-form-submit').click();
    await form().getByText('Nhập tên cơ quan, đơn vị.').waitFor();
    await page.getByTestId('agency-form-name').fill('Trung tâm Hợp tác quốc tế');
    await page.getByTestId('agency-form-short').fill('TT HTQT');
    await chooseKind('Khác');
    await page.getByTestId('agency-form-aliases').click();
    await page.keyboard.type('Trung tâm Đối ngoại tỉnh');
    await page.keyboard.press('Enter');
    await page.getByTestId('agency-form-submit').click();
    const drawer = page.getByTestId('agency-drawer');
    await drawer
      .getByTestId('agency-detail-name')
      .filter({ hasText: 'Trung tâm Hợp tác quốc tế' })
      .waitFor();
    expect(await drawer.getByTestId('agency-aliases').textContent()).toContain(
      'Trung tâm Đối ngoại tỉnh',
    );
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });

    await page.getByTestId('agency-new').click();
    await page.getByTestId('agency-form-name').fill('Sở Tài chính');
    await chooseKind('Sở, ngành');
    await page.getByTestId('agency-form-submit').click();
    await form()
      .getByText('Đã là tên của một cơ quan khác đang hoạt động cùng thời gian.')
      .waitFor();
    await page.locator('.ant-modal').getByRole('button', { name: 'Hủy' }).click();
    await form().waitFor({ state: 'detached' });
  });

  it('renames it, keeping the former name, and ends it into a successor', async () => {
    await page.goto(`${server.url}/co-quan?q=${encodeURIComponent('hop tac quoc te')}`);
    await page.getByTestId('agency-row').first().click();
    await page.getByTestId('agency-edit').click();
    await page.getByTestId('agency-form-name').fill('Trung tâm Hợp tác và Đối ngoại tỉnh');
    await page.getByTestId('agency-form-keep').waitFor();
    await page.getByTestId('agency-form-submit').click();
    const drawer = page.getByTestId('agency-drawer');
    await drawer
      .getByTestId('agency-detail-name')
      .filter({ hasText: 'Trung tâm Hợp tác và Đối ngoại tỉnh' })
      .waitFor();
    await drawer
      .getByTestId('agency-aliases')
      .filter({ hasText: 'Trung tâm Hợp tác quốc tế' })
      .waitFor();

    await page.getByTestId('agency-end').click();
    const endForm = page.getByTestId('agency-end-form');
    await page.getByTestId('agency-end-date').click();
    await page.keyboard.type('01/01/2026');
    await page.keyboard.press('Enter');
    await endForm.getByText('Hợp nhất vào một cơ quan').click();
    await choose(page.getByTestId('agency-end-successor'), 'Sở Ngoại vụ', 'Sở Ngoại vụ');
    await page.getByTestId('agency-end-submit').click();
    await endForm.waitFor({ state: 'detached' });
    await drawer
      .getByTestId('agency-status')
      .filter({ hasText: 'Đã kết thúc từ 01/01/2026' })
      .waitFor();
    expect(await page.getByTestId('agency-end').count()).toBe(0);

    await page.goto(`${server.url}/quan-tri/to-chuc-lai`);
    await page
      .getByTestId('succession-row')
      .filter({ hasText: 'Trung tâm Hợp tác và Đối ngoại tỉnh' })
      .filter({ hasText: 'Sở Ngoại vụ' })
      .waitFor();
    expect(pageErrors).toEqual([]);
  });
});
