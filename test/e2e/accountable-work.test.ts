// The accountable-work journey on the imported Lạng Sơn plan, each person in their own browser
// session: the consolidator imports the plan; the administrator applies the 2025 reorganisation
// (merges move tasks, the Sở TT&TT split and the district level wait for a choice); the
// consolidator sets a deadline; an officer of Sở Tài chính reports with evidence; an officer of
// another agency has no edit button and gets 404 from the API; the consolidator sees the overdue
// list and downloads the urging letter, a valid .docx.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  applySuccession,
  BROWSER_TEST_TIMEOUT,
  confirmImport,
  launchBrowser,
  pickOption,
  type RunningServer,
  signedInPage,
  startServer,
} from '../support/browser.js';
import { SAMPLE_PDF } from '../support/multipart.js';

const PASSWORD = 'demo2026tiendo';
const SEED = fileURLToPath(
  new URL('../fixtures/import/ke-hoach-693-lang-son.txt', import.meta.url),
);
const SHOTS = fileURLToPath(new URL('../../test-results/', import.meta.url));

/** dd/mm/yyyy of a day some days before today (in Vietnam). */
function daysAgo(n: number): string {
  const today = new Date(Date.now() + 7 * 3_600_000);
  const d = new Date(today.getTime() - n * 86_400_000);
  const pad = (x: number) => String(x).padStart(2, '0');
  return `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}

describe('accountable work on the imported plan', { timeout: BROWSER_TEST_TIMEOUT }, () => {
  let server: RunningServer;
  let browser: Browser;
  let work: string;
  let taskUrl = '';
  let current: Page | undefined;
  const errors: string[] = [];

  /** A person in their own browser session (cookies are not shared). */
  async function signedIn(username: string): Promise<Page> {
    const onError = (m: string) => errors.push(m);
    current = await signedInPage(browser, {
      base: server.url,
      username,
      password: PASSWORD,
      onError,
    });
    return current;
  }

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'tiendo-e2e-work-'));
    [server, browser] = await Promise.all([startServer({ TIENDO_DEMO: '1' }), launchBrowser()]);
  });
  afterEach(async (ctx) => {
    // A failed step leaves a picture of where it stopped.
    if (ctx.task.result?.state === 'fail' && current && !current.isClosed())
      await current.screenshot({
        path: join(SHOTS, 'accountable-work-failure.png'),
        fullPage: true,
      });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  it('the consolidator imports the Lạng Sơn plan', async () => {
    const page = await signedIn('tonghop');
    await page.goto(`${server.url}/ke-hoach`);
    await page.getByTestId('import-upload').click();
    await page.getByTestId('import-dialog').locator('input[type=file]').setInputFiles(SEED);
    await page.waitForURL(/\/nhap\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.getByTestId('review-task').count()).toBe(16);
    await confirmImport(page);
    await page.getByTestId('plan-tree').waitFor();
    await page.context().close();
  });

  it('the administrator applies the 2025 reorganisation; splits and the district level wait for a person', async () => {
    const page = await signedIn('quantri');
    await page.goto(`${server.url}/quan-tri/to-chuc-lai`);
    const apply = (name: string | RegExp) => applySuccession(page, name);
    await apply('Sở Kế hoạch và Đầu tư');
    await apply('Sở Tài nguyên và Môi trường');
    await apply('Sở Thông tin và Truyền thông');
    await apply(/Ủy ban nhân dân huyện Cao Lộc|UBND huyện Cao Lộc/);

    const queue = page.getByTestId('review-queue');
    const reviews = queue.getByTestId('review-row');
    // The Sở TT&TT task, and the tasks given to "UBND cấp huyện" / "UBND các huyện, thành phố".
    await expect.poll(() => reviews.count()).toBeGreaterThanOrEqual(2);
    const choose = async (rowText: string | RegExp, candidate: string) => {
      // Pinned by its key: the queue may still grow or reorder while earlier applications land.
      const key = await reviews.filter({ hasText: rowText }).first().getAttribute('data-row-key');
      const row = queue.locator(`[data-testid="review-row"][data-row-key="${key}"]`);
      const resolve = row.getByTestId('review-resolve');
      await pickOption(
        page,
        row.getByTestId('review-candidate'),
        candidate,
        () => expect.poll(() => resolve.isEnabled(), { timeout: 10_000 }).toBe(true),
        candidate,
      );
      await resolve.click();
      await row.waitFor({ state: 'detached' });
    };
    await choose('Sở Thông tin và Truyền thông', 'Sở Khoa học và Công nghệ');
    // A district-level group: any of the communes formed from the districts' area.
    await choose(/UBND các huyện, thành phố/, '');
    await page.screenshot({ path: join(SHOTS, 'reorganisation.png'), fullPage: true });
    await page.context().close();
  });

  it('the consolidator gives the plan task without a deadline a date (already past)', async () => {
    const page = await signedIn('tonghop');
    await page.goto(
      `${server.url}/nhiem-vu?q=${encodeURIComponent('chủ trì phối hợp với các đơn vị liên quan')}`,
    );
    await page
      .getByTestId('tasks-table')
      .getByTestId('task-link')
      .filter({ hasText: 'Sở Kế hoạch và Đầu tư' })
      .first()
      .click();
    await page.getByTestId('task-page').waitFor();
    taskUrl = page.url();
    // After the merge, Sở Tài chính leads what the plan gave Sở Kế hoạch và Đầu tư.
    await expect.poll(() => page.getByTestId('task-lead').textContent()).toContain('Sở Tài chính');
    expect(await page.getByTestId('task-named-lead').textContent()).toContain(
      'Sở Kế hoạch và Đầu tư',
    );
    await page.getByTestId('assign-open').click();
    const form = page.getByTestId('assign-form');
    await form.getByTestId('assign-note').fill('Hoàn thành trước ngày đã giao');
    await form.getByTestId('assign-due').click();
    await page.keyboard.type(daysAgo(45));
    // Enter takes the typed date and submits the form.
    await page.keyboard.press('Enter');
    await form.waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('task-status').textContent()).toContain('Quá hạn');
    await expect
      .poll(() => page.getByTestId('assignment-table').textContent())
      .toContain('Sở Tài chính');
    await page.context().close();
  });

  it('an officer of Sở Tài chính reports progress with an evidence file', async () => {
    const page = await signedIn('stc.canbo');
    await expect
      .poll(() => page.getByTestId('my-work-counters').textContent())
      .toMatch(/Quá hạn\D*1/);
    await page.goto(taskUrl);
    await page.getByTestId('progress-open').click();
    const form = page.getByTestId('progress-form');
    await form
      .locator('input[data-testid="progress-percent"], [data-testid="progress-percent"] input')
      .first()
      .fill('60');
    await form
      .getByTestId('progress-narrative')
      .fill('Đã trình UBND tỉnh dự thảo kế hoạch huy động nguồn lực.');
    const evidence = join(work, 'bien-ban-hop.pdf');
    writeFileSync(evidence, SAMPLE_PDF);
    await form.locator('input[type=file]').setInputFiles(evidence);
    await form.getByTestId('progress-submit').click();
    const item = page.getByTestId('progress-item').first();
    await expect.poll(() => item.textContent()).toContain('Chờ lãnh đạo duyệt');
    expect(await item.getByTestId('evidence-link').textContent()).toContain('bien-ban-hop.pdf');
    await page.screenshot({ path: join(SHOTS, 'task-progress.png'), fullPage: true });
    await page.context().close();
  });

  it('an officer of another agency sees no edit button and gets 404 from the API', async () => {
    const page = await signedIn('sxd.canbo');
    await page.goto(taskUrl);
    await page.getByTestId('progress-section').waitFor();
    await page.getByTestId('progress-item').first().waitFor();
    expect(await page.getByTestId('progress-open').count()).toBe(0);
    expect(await page.getByTestId('extension-open').count()).toBe(0);
    const taskId = taskUrl.split('/').pop() as string;
    const status = await page.evaluate(async (id) => {
      const session = await (await fetch('/api/auth/session')).json();
      const form = new FormData();
      form.set('version', '1');
      form.set('reportedOn', '2026-01-02');
      form.set('percent', '100');
      form.set('narrative', 'x');
      const res = await fetch(`/api/tasks/${id}/progress`, {
        method: 'POST',
        headers: { 'X-CSRF-Token': session.csrfToken },
        body: form,
      });
      return res.status;
    }, taskId);
    expect(status).toBe(404);
    // Nor may it import a plan document: the plans page shows it no import button.
    await page.goto(`${server.url}/ke-hoach`);
    await page.getByTestId('plans-table').waitFor();
    await page.getByTestId('plans-table').getByRole('row').nth(1).waitFor();
    expect(await page.getByTestId('import-upload').count()).toBe(0);
    await page.context().close();
  });

  it('the consolidator sees the overdue list and downloads the urging letter, a valid .docx', async () => {
    const page = await signedIn('tonghop');
    await page.goto(`${server.url}/don-doc`);
    const table = page.getByTestId('urging-table');
    await expect.poll(() => table.textContent()).toContain('Sở Tài chính');
    await page.screenshot({ path: join(SHOTS, 'urging.png'), fullPage: true });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('urging-letter').click(),
    ]);
    const file = join(work, 'cong-van.docx');
    await download.saveAs(file);
    const zip = await JSZip.loadAsync(readFileSync(file));
    expect(zip.file('[Content_Types].xml')).not.toBeNull();
    const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
    expect(xml).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(xml).toContain('Sở Tài chính');
    expect(xml).toContain('trình Thủ tướng Chính phủ ban hành Kế hoạch thực hiện Quy hoạch tỉnh');
    // Where LibreOffice is installed (npm test installs it), the letter also opens there.
    const soffice = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((p) => existsSync(p));
    if (soffice) {
      // A first start of LibreOffice on a loaded machine takes a while: wait for it to exit.
      await promisify(execFile)(
        soffice,
        [
          '--headless',
          '--norestore',
          `-env:UserInstallation=file://${join(work, 'lo-profile')}`,
          '--convert-to',
          'pdf',
          '--outdir',
          work,
          file,
        ],
        { timeout: 240_000 },
      );
      expect(readFileSync(join(work, 'cong-van.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    }
    await page.context().close();
  });

  it('raised no error in any page', () => {
    expect(errors).toEqual([]);
  });
});
