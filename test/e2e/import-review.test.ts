// The importer as a person uses it: upload the Lạng Sơn plan, see a task beside its sentence,
// drop a task that is not one, save, confirm, and land on the plan; a scanned PDF is refused in
// Vietnamese.
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type RunningServer, startServer } from '../support/browser.js';

const fixture = (name: string) =>
  fileURLToPath(new URL(`../fixtures/import/${name}`, import.meta.url));

describe('importing a plan in the browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    // No example plan: the import below is the first plan of this database.
    [server, browser] = await Promise.all([startServer({ TIENDO_DEMO: '0' }), launchBrowser()]);
    page = await browser.newPage({ locale: 'vi-VN', viewport: { width: 1440, height: 900 } });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const upload = async (file: string) => {
    await page.goto(`${server.url}/ke-hoach`);
    await page.getByTestId('import-upload').click();
    await page
      .getByTestId('import-dialog')
      .locator('input[type=file]')
      .setInputFiles(fixture(file));
  };

  it('refuses a scanned PDF with a message that says what to do', async () => {
    await upload('ke-hoach-cao-bang-scanned.pdf');
    const error = page.getByTestId('import-error');
    await expect.poll(() => error.textContent()).toContain('ảnh quét');
  });

  it('uploads, reviews beside the source, corrects, confirms into a plan', async () => {
    await upload('ke-hoach-693-lang-son.txt');
    await page.waitForURL(/\/nhap\/[0-9a-f-]{36}$/);
    const review = page.getByTestId('import-review');
    const tasks = review.getByTestId('review-task');
    await expect.poll(() => tasks.count()).toBe(16);

    // Selecting a task marks its sentence in the source text.
    const kh = tasks.filter({
      hasText: 'Sở Kế hoạch và Đầu tư chủ trì phối hợp với các đơn vị liên quan',
    });
    // Today's agency is named once the registry lookup has answered.
    await expect.poll(() => kh.textContent()).toContain('nay: Sở Tài chính');
    await kh.click();
    const highlight = page.getByTestId('import-source').getByTestId('source-highlight');
    await expect
      .poll(async () => (await highlight.allTextContents()).join(''))
      .toContain('Sở Kế hoạch và Đầu tư chủ trì phối hợp với các đơn vị liên quan');
    await page.screenshot({ path: 'test-results/import-review.png' });

    // The first awareness bullet is not a task: remove it, save, confirm.
    await tasks.first().getByTestId('review-task-remove').click();
    await expect.poll(() => tasks.count()).toBe(15);
    await page.getByTestId('review-save').click();
    await expect.poll(() => review.getAttribute('data-dirty')).toBe('false');
    await page.getByTestId('review-confirm').click();
    await page.waitForURL(/\/ke-hoach\/[0-9a-f-]{36}$/);
    const plan = page.getByTestId('plan-page');
    await plan.getByTestId('plan-tree').waitFor();
    expect(await plan.getByTestId('task-item').count()).toBe(15);
    expect(await plan.getByTestId('project-item').count()).toBe(10);
    expect(await page.getByTestId('legal-basis').textContent()).toContain('72-KL/TW');
    await page.screenshot({ path: 'test-results/imported-plan.png' });
  });
});
