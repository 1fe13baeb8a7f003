// The map on the seed plan (the demo database): the consolidator records where a key project is
// (two communes, through the project completion API the project page uses); a leader opens
// "Bản đồ" from the menu, the map is drawn on a canvas, the key-project measure counts the project
// in both communes, and the commune opens — from the table's row, from the commune list, and by a
// click on the map where ECharts draws that commune — in a drawer listing the project, whose link
// opens its page.
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CommuneBoundaries } from '../../src/features/map/schema.js';
import type { ProjectDetail, ProjectList } from '../../src/features/projects/schema.js';
import {
  BROWSER_TEST_TIMEOUT,
  launchBrowser,
  type RunningServer,
  signedInPage,
  startServer,
} from '../support/browser.js';

const PASSWORD = 'demo2026tiendo';
const SHOTS = fileURLToPath(new URL('../../test-results/', import.meta.url));
const DONG_DANG = { code: '06184', name: 'Xã Đồng Đăng' };
const KY_LUA = { code: '06187', name: 'Phường Kỳ Lừa' };

type Point = [number, number];

/**
 * A point well inside a commune's largest polygon: on the horizontal line through the middle of
 * its outer ring, the middle of the widest stretch inside it.
 */
function pointInside(geo: CommuneBoundaries, code: string): Point {
  const feature = geo.features.find((f) => f.properties.code === code);
  if (!feature) throw new Error(`no boundary for ${code}`);
  const polygons = (
    feature.geometry.type === 'Polygon'
      ? [feature.geometry.coordinates]
      : feature.geometry.coordinates
  ) as Point[][][];
  const ring = polygons
    .map((p) => p[0] as Point[])
    .sort((a, b) => b.length - a.length)[0] as Point[];
  const ys = ring.map((p) => p[1]);
  const y = (Math.min(...ys) + Math.max(...ys)) / 2 + 1e-7;
  const xs: number[] = [];
  for (let i = 0; i < ring.length - 1; i++) {
    const [x1, y1] = ring[i] as Point;
    const [x2, y2] = ring[i + 1] as Point;
    if (y1 > y !== y2 > y) xs.push(x1 + ((y - y1) * (x2 - x1)) / (y2 - y1));
  }
  xs.sort((a, b) => a - b);
  let best: Point = [xs[0] ?? 0, y];
  let width = -1;
  for (let i = 0; i + 1 < xs.length; i += 2) {
    const [a, b] = [xs[i] as number, xs[i + 1] as number];
    if (b - a > width) {
      width = b - a;
      best = [(a + b) / 2, y];
    }
  }
  return best;
}

describe('the map of communes on the seed plan', { timeout: BROWSER_TEST_TIMEOUT }, () => {
  let server: RunningServer;
  let browser: Browser;
  let current: Page | undefined;
  let projectName = '';
  let projectId = '';
  const errors: string[] = [];

  async function signedIn(username: string): Promise<Page> {
    const onError = (m: string) => errors.push(m);
    // Leadership lands on the dashboard, everyone else on their work.
    const landing = username === 'lanhdao' ? 'dashboard-page' : undefined;
    current = await signedInPage(browser, {
      base: server.url,
      username,
      password: PASSWORD,
      onError,
      landing,
    });
    return current;
  }

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
    [server, browser] = await Promise.all([startServer({ TIENDO_DEMO: '1' }), launchBrowser()]);
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail' && current && !current.isClosed())
      await current.screenshot({ path: `${SHOTS}map-failure.png`, fullPage: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the consolidator records that a key project runs through Đồng Đăng and Kỳ Lừa', async () => {
    const page = await signedIn('tonghop');
    const list = (await (await api(page, 'GET', '/api/projects?limit=100')).json()) as ProjectList;
    const chosen = list.items.find((p) => /Đồng Đăng/.test(p.name)) ?? list.items[0];
    expect(chosen).toBeDefined();
    projectId = chosen?.id as string;
    projectName = chosen?.name as string;
    const project = (await (
      await api(page, 'GET', `/api/projects/${projectId}`)
    ).json()) as ProjectDetail;
    const edited = await api(page, 'PUT', `/api/projects/${projectId}`, {
      version: project.version,
      sector: project.sector,
      investmentForm: project.investmentForm,
      ownerAgencyId: project.owner.agency?.id ?? null,
      owner: project.owner.agency ? null : project.owner.name,
      totalInvestment: project.totalInvestment,
      approvalDocuments: project.approvalDocuments,
      startYear: project.startYear,
      endYear: project.endYear,
      communeCodes: [DONG_DANG.code, KY_LUA.code],
      clearanceUnit: project.clearance.unit,
      clearanceTotal: project.clearance.total,
      milestones: project.milestones.map((m) => ({ kind: m.kind, plannedOn: m.plannedOn })),
      taskIds: project.tasks.map((t) => t.id),
      targetIds: project.targets.map((t) => t.id),
    });
    expect(edited.status, JSON.stringify(await edited.json())).toBe(200);
    await page.context().close();
  });

  it('a leader opens the map, sees the project counted in both communes, and opens Đồng Đăng three ways', async () => {
    expect(projectId).not.toBe('');
    const page = await signedIn('lanhdao');
    await page.getByRole('menuitem', { name: 'Bản đồ' }).click();
    await page.waitForURL(/\/ban-do/);
    // The map is drawn on a canvas once its boundaries and figures have come.
    await page.getByTestId('map-chart').locator('canvas').first().waitFor();

    // The key-project measure, for the seed plan.
    await page.getByTestId('map-measure').getByText('Dự án trọng điểm').click();
    await page.waitForURL(/chi-so=projects/);
    await page.getByTestId('map-plan').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
    await page.waitForURL(/ke-hoach=/);
    const row = (code: string) =>
      page.getByTestId('map-table').locator(`tr[data-row-key="${code}"]`);
    for (const commune of [DONG_DANG, KY_LUA])
      await expect
        .poll(async () =>
          Number(((await row(commune.code).locator('td').nth(1).textContent()) ?? '').trim()),
        )
        .toBeGreaterThanOrEqual(1);

    const drawer = page.getByTestId('map-commune-drawer');
    const projectInDrawer = drawer
      .getByTestId('map-commune-project')
      .filter({ hasText: projectName });
    const close = async () => {
      await drawer
        .getByRole('button', { name: 'Close' })
        .or(drawer.locator('.ant-drawer-close'))
        .first()
        .click();
      await page.waitForURL((u) => !u.searchParams.has('xa'));
      await drawer.waitFor({ state: 'hidden' });
    };

    // 1. The table's row (the accessible way).
    await page.getByTestId(`map-row-${DONG_DANG.code}`).click();
    await drawer.getByText(DONG_DANG.name).first().waitFor();
    await projectInDrawer.waitFor();
    await page.screenshot({ path: `${SHOTS}map-drawer.png` });
    await close();

    // 2. The commune list.
    await page.getByTestId('map-commune-select').click();
    await page.keyboard.type('Kỳ Lừa');
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ hasText: KY_LUA.name })
      .click();
    await drawer.getByText(KY_LUA.name).first().waitFor();
    await projectInDrawer.waitFor();
    await close();

    // 3. A click on the canvas where ECharts draws Đồng Đăng.
    const geo = (await (await api(page, 'GET', '/api/map/communes')).json()) as CommuneBoundaries;
    const inside = pointInside(geo, DONG_DANG.code);
    const host = page.getByTestId('map-chart').locator('[role=img]');
    await expect
      .poll(() =>
        host.evaluate(
          (el) => (el as HTMLElement & { tiendoChart?: unknown }).tiendoChart !== undefined,
        ),
      )
      .toBe(true);
    const pixel = await host.evaluate((el, point) => {
      const chart = (
        el as HTMLElement & {
          tiendoChart?: { convertToPixel: (f: object, v: number[]) => number[] };
        }
      ).tiendoChart;
      return chart?.convertToPixel({ seriesIndex: 0 }, point) ?? null;
    }, inside);
    expect(pixel).not.toBeNull();
    const box = await host.boundingBox();
    if (!box || !pixel) throw new Error('the map has no box');
    await page.mouse.click(box.x + (pixel[0] as number), box.y + (pixel[1] as number));
    await page.waitForURL(new RegExp(`xa=${DONG_DANG.code}`));
    await drawer.getByText(DONG_DANG.name).first().waitFor();
    await projectInDrawer.waitFor();

    // The project's link opens its page.
    await projectInDrawer.getByRole('link', { name: projectName }).click();
    await page.waitForURL(new RegExp(`/du-an/${projectId}`));
    expect(errors).toEqual([]);
  });
});
