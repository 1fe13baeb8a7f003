// A second province on the same server: Đồng Tháp, created from its registry template, on its own
// host name. Its consolidator imports a plan written in its shapes (labelled blocks, agency
// headings), maps one agency the registry does not know to an agency of the registry and adds the
// other, accepts the gaps one by one, and confirms; nothing of Lạng Sơn, served on another host
// by the same process, is ever shown to them, and Lạng Sơn does not see Đồng Tháp's new agency.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { tenants } from '../../src/db/schema.js';
import type { ImportDraft } from '../../src/features/imports/schema.js';
import { readPlanFile } from '../../src/features/plans/load.js';
import { createPlanFromFile } from '../../src/features/plans/service.js';
import {
  BROWSER_TEST_TIMEOUT,
  confirmImport,
  launchBrowser,
  pickOption,
  type RunningServer,
  signedInPage,
  startServer,
} from '../support/browser.js';
import { createTestDataDir, type TestDataDir } from '../support/database.js';
import { createDongThap } from '../support/tenants.js';
import { createTestUser, TEST_PASSWORD } from '../support/users.js';

const PLAN = fileURLToPath(
  new URL('../fixtures/import/ke-hoach-tinh-thu-hai.txt', import.meta.url),
);
const LANG_SON_PLAN = fileURLToPath(
  new URL('../../examples/ke-hoach-693-lang-son.json', import.meta.url),
);
/** A list answer of the API (plans, agencies). */
type Listed = { items: { id: string; name: string }[] };

const SHOTS = fileURLToPath(new URL('../../test-results/', import.meta.url));

describe('a second province on the same server', { timeout: BROWSER_TEST_TIMEOUT }, () => {
  let server: RunningServer;
  let browser: Browser;
  let dataDir: TestDataDir;
  let langSonPlanId = '';
  let dongThap = '';
  let langSon = '';
  let current: Page | undefined;
  const errors: string[] = [];

  async function signedIn(base: string, username: string): Promise<Page> {
    const onError = (m: string) => errors.push(m);
    current = await signedInPage(browser, { base, username, password: TEST_PASSWORD, onError });
    return current;
  }

  /**
   * A read of the API from the page (same origin, the person's session): the test process cannot
   * resolve *.localhost names, the browser can.
   */
  async function api<T = Listed>(page: Page, path: string): Promise<{ status: number; body: T }> {
    return page.evaluate(async (p) => {
      const res = await fetch(p);
      return { status: res.status, body: await res.json() };
    }, path);
  }

  beforeAll(async () => {
    // The installation as a first start leaves it (Lạng Sơn, its registry), with a plan and a
    // consolidator of its own; then Đồng Tháp from its template, on dongthap.localhost.
    dataDir = createTestDataDir();
    const database = openDatabase({ databaseUrl: undefined, dataDir: dataDir.path });
    try {
      const [ls] = await database.db
        .select({ id: tenants.id })
        .from(tenants)
        .where(eq(tenants.code, 'lang-son'));
      if (!ls) throw new Error('the template has no Lạng Sơn tenant');
      ({ planId: langSonPlanId } = await createPlanFromFile(
        database.db,
        { id: 'test', tenantId: ls.id },
        readPlanFile(LANG_SON_PLAN),
      ));
      await createTestUser(database.db, ls.id, 'tonghop', 'consolidator', 'STC');
      const created = await createDongThap(database.db, { hosts: ['dongthap.localhost'] });
      await createTestUser(database.db, created.tenantId, 'tonghop', 'consolidator', 'STC');
    } finally {
      await database.close();
    }
    [server, browser] = await Promise.all([
      startServer({ TIENDO_DATA_DIR: dataDir.path }),
      launchBrowser(),
    ]);
    const port = new URL(server.url).port;
    // Chromium sends every *.localhost name to this machine.
    dongThap = `http://dongthap.localhost:${port}`;
    langSon = server.url;
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail' && current && !current.isClosed())
      await current.screenshot({
        path: join(SHOTS, 'second-province-failure.png'),
        fullPage: true,
      });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    dataDir?.remove();
  });

  it('shows each host its own province at sign-in', async () => {
    const context = await browser.newContext({ locale: 'vi-VN' });
    const page = await context.newPage();
    await page.goto(`${dongThap}/dang-nhap`);
    const login = page.getByTestId('login-page');
    await expect.poll(() => login.textContent()).toContain('Đồng Tháp');
    expect(await login.textContent()).not.toContain('Lạng Sơn');
    await page.goto(`${langSon}/dang-nhap`);
    await expect.poll(() => login.textContent()).toContain('Lạng Sơn');
    await context.close();
  });

  it('the consolidator of Đồng Tháp imports a plan, maps one unknown agency and adds the other', async () => {
    const page = await signedIn(dongThap, 'tonghop');
    // Lạng Sơn's plan is not theirs: not listed, not found by its id.
    const list = (await api(page, '/api/plans')).body;
    expect(list.items).toEqual([]);
    expect((await api(page, `/api/plans/${langSonPlanId}`)).status).toBe(404);

    await page.goto(`${dongThap}/ke-hoach`);
    await page.getByTestId('import-upload').click();
    await page.getByTestId('import-dialog').locator('input[type=file]').setInputFiles(PLAN);
    await page.waitForURL(/\/nhap\/[0-9a-f-]{36}$/);
    const unknown = page.getByTestId('unknown-agency');
    await expect.poll(() => unknown.count()).toBe(2);
    expect(
      await unknown.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-name'))),
    ).toEqual(['Trung tâm Khuyến nông tỉnh', 'Hội Nông dân tỉnh']);
    // "3. Đề nghị Hội Nông dân tỉnh": a request, not an order, and marked so.
    await expect.poll(() => page.getByTestId('review-task-request').count()).toBe(1);
    await page.screenshot({ path: join(SHOTS, 'second-province-unknown-agencies.png') });

    // "Hội Nông dân tỉnh" is the Fatherland Front's member here: mapped to it.
    const farmers = unknown.filter({ hasText: 'Hội Nông dân tỉnh' });
    await pickOption(
      page,
      farmers.getByTestId('unknown-agency-map'),
      'Ủy ban Mặt trận Tổ quốc',
      () => farmers.waitFor({ state: 'detached', timeout: 20_000 }),
      'Mặt trận',
    );
    await expect.poll(() => unknown.count()).toBe(1);

    // "Trung tâm Khuyến nông tỉnh" is added to the registry as written.
    await unknown.first().getByTestId('unknown-agency-add').click();
    await expect
      .poll(() => page.getByTestId('unknown-agency-name').inputValue())
      .toBe('Trung tâm Khuyến nông tỉnh');
    await page.getByTestId('unknown-agency-add-ok').click();
    await expect.poll(() => unknown.count()).toBe(0);

    // Every task naming them follows: no task is left with an unknown agency.
    const draftId = /\/nhap\/([0-9a-f-]{36})$/.exec(page.url())?.[1] as string;
    const draft = (await api<ImportDraft>(page, `/api/imports/${draftId}`)).body;
    const mentions = draft.extraction.tasks.flatMap((t) => [...t.lead, ...t.coordinators]);
    expect(mentions.filter((m) => m.kind === 'unknown')).toEqual([]);
    expect(
      mentions.filter((m) => m.as_written === 'Trung tâm Khuyến nông tỉnh').length,
    ).toBeGreaterThanOrEqual(1);

    // "UBND các xã, phường" leads a task: a group, not one agency; the reviewer accepts that gap.
    expect(await confirmImport(page, { shot: join(SHOTS, 'second-province-gaps.png') })).toContain(
      'task:1',
    );
    await page.getByTestId('plan-tree').waitFor();
    await page.screenshot({ path: join(SHOTS, 'second-province-plan.png') });

    // The registry learned both: the new agency, and the spelling as another name.
    const found = (await api(page, `/api/agencies?q=${encodeURIComponent('Khuyến nông')}`)).body;
    expect(found.items.map((a) => a.name)).toEqual(['Trung tâm Khuyến nông tỉnh']);
    // Nothing of Lạng Sơn's registry: its communes' committees are not here.
    const communes = (await api(page, `/api/agencies?q=${encodeURIComponent('Đồng Đăng')}`)).body;
    expect(communes.items).toEqual([]);
    await page.context().close();
  });

  it('Lạng Sơn does not see Đồng Tháp’s plan or its new agency', async () => {
    const page = await signedIn(langSon, 'tonghop');
    const plans = (await api(page, '/api/plans')).body;
    expect(plans.items.map((p) => p.id)).toEqual([langSonPlanId]);
    const found = (await api(page, `/api/agencies?q=${encodeURIComponent('Khuyến nông')}`)).body;
    expect(found.items).toEqual([]);
    await page.context().close();
    expect(errors).toEqual([]);
  });
});
