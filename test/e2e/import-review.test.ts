// The importer as a person uses it: the consolidating department signs in, uploads the Lạng Sơn
// plan, sees a task beside its sentence, drops a task that is not one, saves, confirms, and lands
// on the plan; a scanned PDF is refused in Vietnamese.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ACTION_TIMEOUT,
  BROWSER_TEST_TIMEOUT,
  confirmImport,
  launchBrowser,
  type RunningServer,
  startServer,
} from '../support/browser.js';

const fixture = (name: string) =>
  fileURLToPath(new URL(`../fixtures/import/${name}`, import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PASSWORD = 'nhap-ke-hoach-2026';

/**
 * An account of the consolidating department, made as an operator makes one: `tiendo user create`
 * (bin/tiendo.js, which also creates the database). Resolves when the command exits.
 */
async function createConsolidator(dataDir: string) {
  const child = spawn(
    process.execPath,
    [
      'bin/tiendo.js',
      'user',
      'create',
      '--username',
      'tonghop',
      '--name',
      'Trần Thị Hợp',
      '--role',
      'consolidator',
      '--agency',
      'STC',
      '--password-stdin',
    ],
    {
      cwd: ROOT,
      env: { ...process.env, TIENDO_DATA_DIR: dataDir, DATABASE_URL: '' },
      stdio: ['pipe', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  child.stdin?.end(`${PASSWORD}\n`);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    // 'close': the process has exited and its output is read to the end.
    child.once('close', resolve);
  });
  if (code !== 0) throw new Error(`tiendo user create exited with ${code}:\n${stderr}`);
}

describe('importing a plan in the browser', { timeout: BROWSER_TEST_TIMEOUT }, () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let dataDir: string;

  beforeAll(async () => {
    // No example plan: the import below is the first plan of this database. Its only account is
    // the consolidating department's, created before the server starts.
    dataDir = mkdtempSync(join(tmpdir(), 'tiendo-e2e-import-'));
    await createConsolidator(dataDir);
    [server, browser] = await Promise.all([
      startServer({ TIENDO_DEMO: '0', TIENDO_DATA_DIR: dataDir }),
      launchBrowser(),
    ]);
    page = await browser.newPage({ locale: 'vi-VN', viewport: { width: 1440, height: 900 } });
    page.setDefaultTimeout(ACTION_TIMEOUT);
    await page.goto(`${server.url}/ke-hoach`);
    await page.getByTestId('login-username').fill('tonghop');
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('plans-page').waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
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
    // The seed has no number: the reviewer accepts that gap explicitly.
    expect(await confirmImport(page)).toContain('number');
    const plan = page.getByTestId('plan-page');
    await plan.getByTestId('plan-tree').waitFor();
    await expect.poll(() => plan.getByTestId('task-item').count()).toBe(15);
    await expect.poll(() => plan.getByTestId('project-item').count()).toBe(10);
    expect(await page.getByTestId('legal-basis').textContent()).toContain('72-KL/TW');
    await page.screenshot({ path: 'test-results/imported-plan.png' });
  });
});
