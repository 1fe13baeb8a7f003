// The yearly reporting cycle on the seed plan (issue #10), each person in their own browser
// session on a server whose job runner runs every minute: the consolidator adds a period whose
// deadline passed two weeks ago and opens it; Sở Tài chính reports in the web form, is returned
// and resubmits, and is accepted; Sở Xây dựng reports through the Excel template; the agencies
// still missing are reminded after the deadline and escalated, once each, to leadership and into
// the urging letter; Sở Tài chính proposes moving a deadline, the consolidator submits it and
// leadership accepts it; the consolidator reads completeness and downloads the report, whose
// counts are the period's; a recurring task nobody reported shows as missing for last year.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  ACTION_TIMEOUT,
  applySuccession,
  BROWSER_TEST_TIMEOUT,
  launchBrowser,
  pickOption,
  type RunningServer,
  startServer,
} from '../support/browser.js';

const PASSWORD = 'demo2026tiendo';
const SHOTS = fileURLToPath(new URL('../../test-results/', import.meta.url));
/** The reminder job runs every minute here; a few runs are allowed for on a loaded machine. */
const JOB_WAIT = 240_000;

const pad = (x: number) => String(x).padStart(2, '0');
/** Today in Vietnam, as a UTC-midnight Date. */
function todayInVietnam(): Date {
  const now = new Date(Date.now() + 7 * 3_600_000);
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}
const addDays = (d: Date, n: number) => new Date(d.getTime() + n * 86_400_000);
const vi = (d: Date) => `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;

type Json = Record<string, unknown>;

describe('the yearly reporting cycle on the seed plan', { timeout: BROWSER_TEST_TIMEOUT }, () => {
  let server: RunningServer;
  let browser: Browser;
  let work: string;
  let current: Page | undefined;
  const errors: string[] = [];
  const today = todayInVietnam();
  // Due two weeks ago: more than 5 working days (escalation), within the reminders' horizon.
  const due = addDays(today, -14);
  const lastYear = today.getUTCFullYear() - 1;
  const periodLabel = `6 tháng năm ${due.getUTCFullYear()}`;
  let planId = '';
  let periodId = '';
  let stcId = '';
  let sxdId = '';
  let missing = { id: '', name: '' };
  const pages = new Map<string, Page>();

  /** A person in their own browser session (cookies are not shared), kept for later steps. */
  async function as(username: string): Promise<Page> {
    const known = pages.get(username);
    if (known) {
      current = known;
      return known;
    }
    const context = await browser.newContext({
      locale: 'vi-VN',
      viewport: { width: 1440, height: 900 },
      acceptDownloads: true,
    });
    const page = await context.newPage();
    page.setDefaultTimeout(ACTION_TIMEOUT);
    current = page;
    page.on('pageerror', (e) => errors.push(`${username}: ${e.message}`));
    await page.goto(`${server.url}/dang-nhap`);
    await page.getByTestId('login-username').fill(username);
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    // Each role's first page (leadership lands on the dashboard): signed in once the menu shows.
    await page.getByTestId('user-menu').waitFor();
    pages.set(username, page);
    return page;
  }

  /** The API as the page's user (its session cookie), for ids and for checking what the UI shows. */
  async function api<T = Json>(page: Page, path: string): Promise<T> {
    const res = await page.request.get(`${server.url}${path}`);
    if (!res.ok()) throw new Error(`GET ${path}: ${res.status()} ${await res.text()}`);
    return (await res.json()) as T;
  }

  /** Picks `option` in the Ant Design select that `select` locates, unless it is chosen already. */
  async function choose(page: Page, select: ReturnType<Page['locator']>, option: string) {
    if (((await select.textContent()) ?? '').includes(option)) return;
    await pickOption(page, select, option, () =>
      expect.poll(() => select.textContent(), { timeout: 10_000 }).toContain(option),
    );
  }

  /** Types a date into an Ant Design date picker (the input, or the element holding it). */
  async function pickDate(picker: ReturnType<Page['locator']>, date: string) {
    const input = picker.locator('xpath=self::input | .//input').first();
    await input.click();
    await input.fill(date);
    await input.press('Enter');
  }

  async function shot(page: Page, name: string) {
    await page.screenshot({ path: join(SHOTS, `annual-cycle-${name}.png`), fullPage: true });
  }

  async function reportPage(username: string, agencyId: string): Promise<Page> {
    const page = await as(username);
    await page.goto(`${server.url}/bao-cao/ky/${periodId}/co-quan/${agencyId}`);
    await page.getByTestId('report-actions').waitFor();
    return page;
  }

  /** The report's state as the API gives it, once the UI's action has landed. */
  async function reportState(page: Page, agencyId: string, state: string) {
    await expect
      .poll(
        async () =>
          (
            await api<{ state: string }>(
              page,
              `/api/periods/${periodId}/agency-reports/${agencyId}`,
            )
          ).state,
        { timeout: ACTION_TIMEOUT },
      )
      .toBe(state);
  }

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'tiendo-e2e-cycle-'));
    [server, browser] = await Promise.all([
      startServer({ TIENDO_DEMO: '1', TIENDO_JOBS_EVERY_MINUTES: '1' }),
      launchBrowser(),
    ]);
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail' && current && !current.isClosed())
      await current.screenshot({ path: join(SHOTS, 'annual-cycle-failure.png'), fullPage: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('has the administrator apply the 2025 mergers: Sở Tài chính leads the planning tasks', async () => {
    const page = await as('quantri');
    await page.goto(`${server.url}/quan-tri/to-chuc-lai`);
    for (const name of ['Sở Kế hoạch và Đầu tư', 'Sở Tài nguyên và Môi trường']) {
      await applySuccession(page, name);
    }
  });

  it('lets the consolidator add a period due two weeks ago and open it', async () => {
    const page = await as('tonghop');
    const plans = await api<{ items: { id: string }[] }>(page, '/api/plans');
    planId = plans.items[0]?.id ?? '';
    expect(planId).not.toBe('');
    await page.goto(`${server.url}/bao-cao?keHoach=${planId}`);
    await page.getByTestId('periods-table').waitFor();

    const addPeriod = async (kind: string, label: string, dueOn: string) => {
      await page.getByTestId('period-add').click();
      const form = page.getByTestId('period-form');
      await form.waitFor();
      await choose(page, form.locator('.ant-select').first(), kind);
      await page.getByTestId('period-label').fill(label);
      await pickDate(form.locator('.ant-picker input').first(), dueOn);
      await page.getByRole('button', { name: 'Lưu' }).click();
      await form.waitFor({ state: 'detached' });
      await page.getByTestId('periods-table').getByText(label, { exact: true }).waitFor();
    };
    // Last year's annual period (Decree 09 window suggested from the deadline), never opened.
    await addPeriod('Năm', `Năm ${lastYear}`, `31/12/${lastYear}`);
    await addPeriod('6 tháng', periodLabel, vi(due));
    await page.getByTestId('periods-table').getByText(periodLabel, { exact: true }).click();
    await page.getByTestId('period-page').waitFor();
    periodId = /\/bao-cao\/ky\/([0-9a-f-]{36})/.exec(page.url())?.[1] ?? '';
    expect(periodId).not.toBe('');
    await page.getByTestId('period-open').click();
    await page.locator('.ant-modal-confirm').getByRole('button', { name: 'Mở kỳ' }).click();
    const table = page.getByTestId('period-agencies');
    await table.waitFor();
    // Expected: the plan's leads still in force (Sở Tài chính and Sở Nông nghiệp và Môi trường
    // after the mergers; not Sở TT&TT, ended, its split waiting). The consolidator adds Sở Xây
    // dựng, which leads nothing here.
    const addAgency = async (name: string) => {
      // Adding twice is harmless (the server keeps one row): a pick that did not take is retried.
      await pickOption(
        page,
        page.getByTestId('period-add-agency'),
        name,
        () => table.getByText(name, { exact: true }).waitFor({ timeout: 30_000 }),
        name,
      );
    };
    await addAgency('Sở Xây dựng');

    const period = await api<{
      openedAt: string | null;
      submissionDueOn: string;
      completeness: { agencies: { agency: { id: string; name: string } }[] };
    }>(page, `/api/periods/${periodId}`);
    expect(period.openedAt).not.toBeNull();
    expect(period.submissionDueOn).toBe(due.toISOString().slice(0, 10));
    const byName = new Map(period.completeness.agencies.map((a) => [a.agency.name, a.agency.id]));
    stcId = byName.get('Sở Tài chính') ?? '';
    sxdId = byName.get('Sở Xây dựng') ?? '';
    expect(stcId).not.toBe('');
    expect(sxdId).not.toBe('');
    expect(period.completeness.agencies.map((a) => a.agency.name).sort()).toEqual([
      'Sở Nông nghiệp và Môi trường',
      'Sở Tài chính',
      'Sở Xây dựng',
    ]);
    missing = {
      id: byName.get('Sở Nông nghiệp và Môi trường') ?? '',
      name: 'Sở Nông nghiệp và Môi trường',
    };
    await shot(page, 'period-opened');
  });

  it('takes Sở Tài chính’s report in the web form, returned once and then accepted', async () => {
    let officer = await reportPage('stc.canbo', stcId);
    await officer
      .getByTestId('report-results')
      .fill('Đã hoàn thành kế hoạch đầu tư công trung hạn.');
    await officer.getByTestId('report-difficulties').fill('Thiếu vốn đối ứng cho dự án GPMB.');
    await officer.getByTestId('report-proposals').fill('Đề nghị bổ sung vốn năm sau.');
    await officer.getByTestId('report-save').click();
    await reportState(officer, stcId, 'draft');

    const head = await reportPage('stc.lanhdao', stcId);
    await head.getByTestId('report-submit').click();
    await reportState(head, stcId, 'submitted');

    const consolidator = await reportPage('tonghop', stcId);
    await consolidator.getByTestId('report-return').click();
    await consolidator.getByTestId('reason-input').fill('Bổ sung số liệu giải ngân.');
    await consolidator
      .locator('.ant-modal')
      .getByRole('button', { name: /Trả lại/ })
      .click();
    await reportState(consolidator, stcId, 'returned');

    officer = await reportPage('stc.canbo', stcId);
    await officer
      .getByTestId('report-return-reason')
      .getByText('Bổ sung số liệu giải ngân.')
      .waitFor();
    await officer
      .getByTestId('report-results')
      .fill('Đã hoàn thành kế hoạch đầu tư công trung hạn; giải ngân đạt 80%.');
    await officer.getByTestId('report-save').click();
    await expect
      .poll(
        async () =>
          (
            await api<{ results: string }>(
              officer,
              `/api/periods/${periodId}/agency-reports/${stcId}`,
            )
          ).results,
      )
      .toContain('giải ngân đạt 80%');
    await (await reportPage('stc.lanhdao', stcId)).getByTestId('report-submit').click();
    await reportState(head, stcId, 'submitted');

    await (await reportPage('tonghop', stcId)).getByTestId('report-accept').click();
    await reportState(consolidator, stcId, 'accepted');
    await consolidator.getByText('Báo cáo đã được tiếp nhận và khóa.').waitFor();
    await shot(consolidator, 'report-accepted');
  });

  it('takes Sở Xây dựng’s report through the Excel template', async () => {
    const officer = await reportPage('sxd.canbo', sxdId);
    const [download] = await Promise.all([
      officer.waitForEvent('download'),
      officer.getByTestId('report-template').click(),
    ]);
    const template = join(work, 'mau.xlsx');
    await download.saveAs(template);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(template) as unknown as ArrayBuffer);
    const tasks = workbook.getWorksheet('Nhiệm vụ');
    if (!tasks) throw new Error('no task sheet');
    if (tasks.getCell('A4').value) {
      tasks.getCell('H4').value = 'Đang thực hiện trong hạn';
      tasks.getCell('I4').value = 45;
      tasks.getCell('J4').value = 'Đang lập quy hoạch chung';
    }
    const narrative = workbook.getWorksheet('Thuyết minh');
    if (!narrative) throw new Error('no narrative sheet');
    narrative.getCell('B3').value = 'Hoàn thành rà soát quy hoạch đô thị.';
    narrative.getCell('B4').value = 'Chậm phê duyệt quy hoạch phân khu.';
    narrative.getCell('B5').value = 'Đề nghị gia hạn đến quý II.';
    const filled = join(work, 'da-dien.xlsx');
    writeFileSync(filled, Buffer.from(await workbook.xlsx.writeBuffer()));
    const [chooser] = await Promise.all([
      officer.waitForEvent('filechooser'),
      officer.getByTestId('report-upload').click(),
    ]);
    await chooser.setFiles(filled);
    await officer.getByTestId('report-upload-done').waitFor();
    const draft = await api<{ state: string; results: string; difficulties: string }>(
      officer,
      `/api/periods/${periodId}/agency-reports/${sxdId}`,
    );
    expect(draft).toMatchObject({
      state: 'draft',
      results: 'Hoàn thành rà soát quy hoạch đô thị.',
      difficulties: 'Chậm phê duyệt quy hoạch phân khu.',
    });
    await (await reportPage('sxd.lanhdao', sxdId)).getByTestId('report-submit').click();
    await reportState(officer, sxdId, 'submitted');
  });

  it('reminds and escalates the agency still missing, once each', async () => {
    const page = await as('tonghop');
    await page.goto(`${server.url}/bao-cao/ky/${periodId}`);
    const panel = page.getByTestId('reminders-panel');
    await panel.waitFor();
    type Reminder = { agency: { id: string }; step: string };
    // The job runs every minute: wait for its reminder after the deadline and its escalation.
    await expect
      .poll(
        async () =>
          (await api<{ items: Reminder[] }>(page, `/api/periods/${periodId}/reminders`)).items
            .filter((r) => r.agency.id === missing.id)
            .map((r) => r.step)
            .sort(),
        { timeout: JOB_WAIT, interval: 2_000 },
      )
      .toEqual(['after', 'escalation']);
    await page.reload();
    await panel.getByText(missing.name).first().waitFor();
    await shot(page, 'reminders');

    const leader = await as('lanhdao');
    await leader.goto(`${server.url}/don-doc`);
    const escalations = leader.getByTestId('escalations-panel');
    await escalations.getByText(missing.name, { exact: true }).waitFor();
    // Submitted reports are not escalated.
    expect(await escalations.getByText('Sở Tài chính', { exact: true }).count()).toBe(0);
    const notifications = await api<{ items: { title: string; body: string }[] }>(
      leader,
      '/api/notifications',
    );
    const aboutMissing = notifications.items.filter((n) =>
      `${n.title} ${n.body}`.includes(missing.name),
    );
    expect(aboutMissing).toHaveLength(1);

    await shot(leader, 'escalations');
    // The consolidator's next urging letter asks the agency for its report.
    const consolidator = await as('tonghop');
    await consolidator.goto(`${server.url}/don-doc`);
    await consolidator.getByTestId('escalations-panel').getByText(missing.name).first().waitFor();
    const [download] = await Promise.all([
      consolidator.waitForEvent('download'),
      consolidator.getByTestId('urging-letter').click(),
    ]);
    const letter = join(work, 'cong-van.docx');
    await download.saveAs(letter);
    const text = (await mammoth.extractRawText({ path: letter })).value;
    expect(text).toContain(`kỳ báo cáo: ${periodLabel}, hạn nộp ${vi(due)}`);
    expect(text).toContain(`${missing.name} (chậm`);
  });

  it('applies a deadline change Sở Tài chính proposed and leadership accepted', async () => {
    const officer = await as('stc.canbo');
    const list = await api<{ items: { id: string; title: string; deadline: { kind: string } }[] }>(
      officer,
      `/api/tasks?agencyId=${stcId}&planId=${planId}&limit=100`,
    );
    const task = list.items.find((t) => t.deadline.kind === 'none');
    if (!task) throw new Error('no Sở Tài chính task without a deadline');
    const newDue = `30/06/${today.getUTCFullYear() + 1}`;
    await officer.goto(`${server.url}/nhiem-vu/${task.id}`);
    await officer.getByTestId('propose-adjustment').click();
    const form = officer.getByTestId('propose-form');
    await form.waitFor();
    await choose(officer, officer.getByTestId('propose-kind'), 'Thay đổi thời hạn');
    await pickDate(officer.getByTestId('propose-due'), newDue);
    await officer.getByTestId('propose-reason').fill('Chờ Trung ương phân bổ vốn trung hạn.');
    await officer.getByTestId('propose-submit').click();
    await form.waitFor({ state: 'detached' });

    const consolidator = await as('tonghop');
    await consolidator.goto(`${server.url}/dieu-chinh`);
    await consolidator.getByTestId('adjustments-page').waitFor();
    const row = consolidator.locator('tr', { hasText: task.title.slice(0, 40) }).first();
    await row.getByRole('checkbox').check();
    await consolidator.getByTestId('batch-create').click();
    await consolidator.getByTestId('batch-opinion-new').fill('Sở Tài chính đề nghị chấp thuận.');
    await consolidator.getByTestId('batch-create-submit').click();
    await consolidator.getByTestId('batch-page').waitFor();
    const batchUrl = consolidator.url();
    await consolidator.getByTestId('batch-submit').click();
    await consolidator
      .getByTestId('batch-state')
      .getByText(/Đã trình|Chờ/)
      .waitFor();

    const leader = await as('lanhdao');
    await leader.goto(batchUrl);
    await leader.getByTestId('batch-page').waitFor();
    await leader.locator('[data-testid^="proposal-decide-"]').first().click();
    await leader.getByTestId('decision-form').getByText('Chấp thuận', { exact: true }).click();
    await leader.getByTestId('decision-submit').click();
    await leader.getByTestId('decision-form').waitFor({ state: 'detached' });

    await expect
      .poll(
        async () =>
          (await api<{ deadline: Json }>(leader, `/api/tasks/${task.id}`)).deadline as Json,
      )
      .toMatchObject({ kind: 'date', date: `${today.getUTCFullYear() + 1}-06-30` });
    await leader.goto(`${server.url}/nhiem-vu/${task.id}`);
    await leader.getByText(newDue.replace(/^0/, '')).first().waitFor();
    await shot(leader, 'adjusted-task');
  });

  it('shows completeness and writes the report with the period’s counts', async () => {
    const page = await as('tonghop');
    await page.goto(`${server.url}/bao-cao/ky/${periodId}`);
    await page.getByTestId('period-completeness').waitFor();
    const detail = await api<{
      completeness: Record<string, number>;
    }>(page, `/api/periods/${periodId}`);
    expect(detail.completeness).toMatchObject({ submitted: 2, onTime: 0, late: 2 });
    expect(detail.completeness.missing).toBe((detail.completeness.expected ?? 0) - 2);
    await expect
      .poll(async () => page.getByTestId('period-count-late').textContent())
      .toContain('2');
    await shot(page, 'completeness');

    await page.getByTestId('period-consolidated').click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('consolidated-docx').click(),
    ]);
    const file = join(work, 'bao-cao.docx');
    await download.saveAs(file);
    const text = (await mammoth.extractRawText({ path: file })).value;
    const view = await api<{ figures: { tasks: { total: number } } }>(
      page,
      `/api/periods/${periodId}/consolidated-report`,
    );
    const total = new Intl.NumberFormat('vi-VN').format(view.figures.tasks.total);
    expect(text).toContain('BÁO CÁO');
    expect(text).toContain(`Kế hoạch có ${total} nhiệm vụ`);
    expect(text).toContain('Thiếu vốn đối ứng cho dự án GPMB.');
    expect(text).toContain('Chậm phê duyệt quy hoạch phân khu.');
    await shot(page, 'consolidated');
  });

  it('shows a recurring task nobody reported as missing for last year', async () => {
    const page = await as('tonghop');
    const list = await api<{ items: { id: string; deadline: { kind: string } }[] }>(
      page,
      `/api/tasks?planId=${planId}&limit=500`,
    );
    const recurring = list.items.find((t) => t.deadline.kind === 'annual');
    if (!recurring) throw new Error('no recurring task in the seed plan');
    await page.goto(`${server.url}/nhiem-vu/${recurring.id}`);
    const periods = page.getByTestId('task-periods');
    await periods.waitFor();
    await periods
      .locator('tr', { hasText: `Năm ${lastYear}` })
      .getByTestId('task-period-missing')
      .waitFor();
    await shot(page, 'recurring-missing');
    expect(errors).toEqual([]);
  });
});
