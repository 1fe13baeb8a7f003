// Targets and key projects as live work, on the imported Lạng Sơn plan, each person in their own
// browser session: the consolidator loads the year's capital plan of the Hữu Nghị – Chi Lăng
// expressway from an .xlsx; Sở Xây dựng's officer records a month's disbursement, site clearance
// and the groundbreaking with an evidence file and adds a document to the project, its head
// approves; the project page shows the disbursement against the year's plan and the milestone's
// slippage. Sở Xây dựng reports 2026's figure of the urban-areas target; its page shows the
// projection and its rule. An officer of another agency sees no edit control and gets 404 from
// the API.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ProjectDetail, ProjectList } from '../../src/features/projects/schema.js';
import type { TargetDetail, TargetList } from '../../src/features/targets/schema.js';
import {
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

/** A day some days before today in Vietnam: ISO and as typed (dd/mm/yyyy). */
function daysAgo(n: number) {
  const d = new Date(Date.now() + 7 * 3_600_000 - n * 86_400_000);
  const pad = (x: number) => String(x).padStart(2, '0');
  const [y, m, day] = [d.getUTCFullYear(), pad(d.getUTCMonth() + 1), pad(d.getUTCDate())];
  return { iso: `${y}-${m}-${day}`, typed: `${day}/${m}/${y}` };
}
const YEAR = Number(daysAgo(0).iso.slice(0, 4));

describe('targets and key projects on the imported plan', { timeout: BROWSER_TEST_TIMEOUT }, () => {
  let server: RunningServer;
  let browser: Browser;
  let work: string;
  let projectId = '';
  let targetId = '';
  let current: Page | undefined;
  const errors: string[] = [];

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

  /** A call to the API in the person's session (with its CSRF token), as the web client makes it. */
  async function api(page: Page, method: string, path: string, body?: unknown) {
    const session = await (await page.request.get(`${server.url}/api/auth/session`)).json();
    const res = await page.request.fetch(`${server.url}${path}`, {
      method,
      headers: { 'x-csrf-token': session.csrfToken ?? '' },
      ...(body === undefined ? {} : { data: body }),
    });
    return { status: res.status(), json: () => res.json() };
  }

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'tiendo-e2e-projects-'));
    [server, browser] = await Promise.all([startServer({ TIENDO_DEMO: '1' }), launchBrowser()]);
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail' && current && !current.isClosed())
      await current.screenshot({
        path: join(SHOTS, 'targets-projects-failure.png'),
        fullPage: true,
      });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  it('the consolidator imports the plan and completes the expressway and the urban-areas target', async () => {
    const page = await signedIn('tonghop');
    await page.goto(`${server.url}/ke-hoach`);
    await page.getByTestId('import-upload').click();
    await page.getByTestId('import-dialog').locator('input[type=file]').setInputFiles(SEED);
    await page.waitForURL(/\/nhap\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.getByTestId('review-task').count()).toBeGreaterThan(0);
    await confirmImport(page);
    await page.getByTestId('plan-tree').waitFor();

    // What the document says, as stored: the expressway's form (BOT), the target's number and year.
    const projects = (await (
      await api(page, 'GET', '/api/projects?limit=100')
    ).json()) as ProjectList;
    const expressway = projects.items.find((p) => /Hữu Nghị - Chi Lăng/.test(p.name));
    expect(expressway?.investmentForm).toBe('bot');
    projectId = expressway?.id as string;
    const targets = (await (await api(page, 'GET', '/api/targets?limit=100')).json()) as TargetList;
    const urban = targets.items.find((t) => t.indicator === 'Số đô thị');
    expect(urban?.milestones).toEqual([{ year: 2030, value: '17' }]);
    targetId = urban?.id as string;

    // The owner, the site to clear and the planned groundbreaking; the target's baseline and agency.
    const sxd = (
      (await (
        await api(page, 'GET', `/api/agencies?q=${encodeURIComponent('Sở Xây dựng')}`)
      ).json()) as {
        items: { id: string; name: string }[];
      }
    ).items.find((a) => a.name === 'Sở Xây dựng');
    const project = (await (
      await api(page, 'GET', `/api/projects/${projectId}`)
    ).json()) as ProjectDetail;
    const edited = await api(page, 'PUT', `/api/projects/${projectId}`, {
      version: project.version,
      sector: project.sector,
      investmentForm: project.investmentForm,
      ownerAgencyId: sxd?.id,
      owner: null,
      totalInvestment: '11000',
      approvalDocuments: [],
      startYear: 2024,
      endYear: 2027,
      communeCodes: project.communes.map((c) => c.code),
      clearanceUnit: 'ha',
      clearanceTotal: '250',
      milestones: [{ kind: 'groundbreaking', plannedOn: daysAgo(30).iso }],
      taskIds: [],
      targetIds: [],
    });
    expect(edited.status).toBe(200);
    const target = (await (
      await api(page, 'GET', `/api/targets/${targetId}`)
    ).json()) as TargetDetail;
    const completed = await api(page, 'PUT', `/api/targets/${targetId}`, {
      version: target.version,
      kind: 'count',
      comparator: 'at_least',
      unit: target.unit,
      baseline: { year: 2024, value: '12' },
      milestones: target.milestones,
      responsibleAgencyId: sxd?.id,
      dataSource: 'Báo cáo của Sở Xây dựng',
    });
    expect(completed.status).toBe(200);
    await page.context().close();
  });

  it('the consolidator loads the year’s capital plan from the spreadsheet', async () => {
    const page = await signedIn('tonghop');
    await page.goto(`${server.url}/du-an`);
    await page.getByTestId('capital-open').click();
    const dialog = page.getByTestId('capital-dialog');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      dialog.getByTestId('capital-template').click(),
    ]);
    const template = join(work, 'ke-hoach-von.xlsx');
    await download.saveAs(template);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(template);
    const sheet = workbook.getWorksheet('Kế hoạch vốn');
    if (!sheet) throw new Error('no capital sheet');
    let row = 0;
    sheet.eachRow((r, n) => {
      if (String(r.getCell(1).value) === projectId) row = n;
    });
    expect(row).toBeGreaterThan(0);
    sheet.getCell(`D${row}`).value = 1200; // trung ương
    sheet.getCell(`E${row}`).value = 300.5; // địa phương
    const filled = join(work, 'ke-hoach-von-da-dien.xlsx');
    await workbook.xlsx.writeFile(filled);
    await dialog.locator('input[type=file]').setInputFiles(filled);
    await expect.poll(() => page.getByTestId('capital-import-result').textContent()).toMatch(/2/);
    await page.screenshot({ path: join(SHOTS, 'capital-import.png'), fullPage: true });
    await page.context().close();
  });

  it('Sở Xây dựng’s officer records the month with evidence; its head approves', async () => {
    const page = await signedIn('sxd.canbo');
    await page.goto(`${server.url}/du-an/${projectId}`);
    await page.getByTestId('project-update-open').click();
    const form = page.getByTestId('project-update-form');
    await form.getByTestId('project-update-disbursed').fill('450,25');
    await form.getByTestId('project-update-clearance').fill('125');
    await form.getByTestId('project-update-milestone-add').click();
    const kind = form.getByTestId('project-update-milestone-kind');
    await pickOption(page, kind, 'Khởi công', () =>
      expect.poll(() => kind.textContent(), { timeout: 10_000 }).toContain('Khởi công'),
    );
    await form.getByTestId('project-update-milestone-date').click();
    await page.keyboard.type(daysAgo(10).typed);
    await page.keyboard.press('Enter');
    await form
      .getByTestId('project-update-narrative')
      .fill('Khởi công gói thầu số 1; giải ngân vốn ngân sách trung ương.');
    const evidence = join(work, 'bien-ban-khoi-cong.pdf');
    writeFileSync(evidence, SAMPLE_PDF);
    await form.locator('input[type=file]').setInputFiles(evidence);
    await form.getByTestId('project-update-submit').click();
    await form.waitFor({ state: 'detached' });
    const update = page.getByTestId('project-update').first();
    await expect
      .poll(() => update.getByTestId('project-update-status').textContent())
      .toMatch(/[Cc]hờ/);
    expect(await update.getByTestId('project-evidence-link').textContent()).toContain(
      'bien-ban-khoi-cong.pdf',
    );
    // The project's own documents: the approved design, added by the owner agency.
    const design = join(work, 'quyet-dinh-phe-duyet-thiet-ke.pdf');
    writeFileSync(design, SAMPLE_PDF);
    const documents = page.getByTestId('project-documents');
    await documents.locator('input[type=file]').setInputFiles(design);
    await documents.getByTestId('project-document-submit').click();
    await expect
      .poll(() => documents.getByTestId('project-document-link').allTextContents())
      .toEqual(['quyet-dinh-phe-duyet-thiet-ke.pdf']);
    await page.context().close();

    const head = await signedIn('sxd.lanhdao');
    await head.goto(`${server.url}/du-an/${projectId}`);
    const pending = head.getByTestId('project-update').first();
    await pending.getByTestId('project-update-approve').click();
    await head.locator('.ant-popconfirm:visible').getByRole('button', { name: 'Duyệt' }).click();
    await expect
      .poll(() => pending.getByTestId('project-update-status').textContent())
      .toMatch(/[Đđ]ã duyệt/);
    // 450,25 of a year's plan of 1.500,5 billion đồng; broke ground 20 days after the planned day.
    await expect
      .poll(() => head.getByTestId('project-disbursed-percent').first().textContent())
      .toContain('30,01');
    await expect
      .poll(() => head.getByTestId('milestone-slippage-groundbreaking').textContent())
      .toContain('20');
    await head.screenshot({ path: join(SHOTS, 'project-page.png'), fullPage: true });
    await head.context().close();
  });

  it('Sở Xây dựng reports 2026’s urban areas; the target page shows the projection and its rule', async () => {
    const page = await signedIn('sxd.canbo');
    await page.goto(`${server.url}/chi-tieu/${targetId}`);
    await page.getByTestId('actual-open').click();
    const form = page.getByTestId('actual-form');
    const period = form.getByTestId('actual-period');
    await pickOption(page, period, `năm ${YEAR}`, () =>
      expect
        .poll(async () => ((await period.textContent()) ?? '').toLocaleLowerCase('vi'), {
          timeout: 10_000,
        })
        .toContain(`năm ${YEAR}`),
    );
    await form.getByTestId('actual-value').fill('14');
    await form.getByTestId('actual-note').fill('Theo quyết định công nhận loại đô thị năm 2026.');
    const evidence = join(work, 'quyet-dinh-cong-nhan.pdf');
    writeFileSync(evidence, SAMPLE_PDF);
    await form.locator('input[type=file]').setInputFiles(evidence);
    await form.getByTestId('actual-submit').click();
    await form.waitFor({ state: 'detached' });
    await expect
      .poll(() => page.getByTestId('actual-report-status').first().textContent())
      .toMatch(/[Cc]hờ/);
    await page.context().close();

    const head = await signedIn('sxd.lanhdao');
    await head.goto(`${server.url}/chi-tieu/${targetId}`);
    await head.getByTestId('actual-approve').first().click();
    await head.locator('.ant-popconfirm:visible').getByRole('button', { name: 'Duyệt' }).click();
    // 12 in 2024 → 17 in 2030: 2026 needs at least 13,67; 14 is on track.
    await expect
      .poll(() => head.getByTestId('target-projection').first().textContent())
      .toContain('Đúng lộ trình');
    const rule = await head.getByTestId('target-rule').first().textContent();
    expect(rule).toContain(`năm ${YEAR} cần ít nhất 13,67`);
    await head.screenshot({ path: join(SHOTS, 'target-page.png'), fullPage: true });
    await head.context().close();
  });

  it('an officer of another agency sees no edit control and gets 404 from the API', async () => {
    const page = await signedIn('stc.canbo');
    await page.goto(`${server.url}/du-an/${projectId}`);
    await page.getByTestId('project-page').waitFor();
    await page.getByTestId('project-header').waitFor();
    expect(await page.getByTestId('project-update-open').count()).toBe(0);
    expect(await page.getByTestId('project-edit-open').count()).toBe(0);
    expect(await page.getByTestId('project-update-approve').count()).toBe(0);
    await page.goto(`${server.url}/chi-tieu/${targetId}`);
    await page.getByTestId('target-header').waitFor();
    expect(await page.getByTestId('actual-open').count()).toBe(0);
    expect(await page.getByTestId('target-edit-open').count()).toBe(0);
    const session = await (await page.request.get(`${server.url}/api/auth/session`)).json();
    const update = await page.request.post(`${server.url}/api/projects/${projectId}/updates`, {
      headers: { 'x-csrf-token': session.csrfToken },
      multipart: { version: '1', year: String(YEAR), month: '1', disbursed: '1', narrative: 'x' },
    });
    expect(update.status()).toBe(404);
    const actual = await page.request.post(`${server.url}/api/targets/${targetId}/actuals`, {
      headers: { 'x-csrf-token': session.csrfToken },
      multipart: { version: '1', period: String(YEAR), value: '1', note: 'x' },
    });
    expect(actual.status()).toBe(404);
    await page.context().close();
    expect(errors).toEqual([]);
  });
});
