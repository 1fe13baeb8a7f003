import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/support/app.js';
import { engines } from '../../../test/support/database.js';
import { examplePlan, numberedPlan } from '../../../test/support/factories.js';
import { createDongThap } from '../../../test/support/tenants.js';
import { type Auth, as, createTestUser, login } from '../../../test/support/users.js';
import { plans, projects } from '../../db/schema.js';
import { planFileSchema } from '../plans/plan-file.js';
import { createPlanFromFile } from '../plans/service.js';
import type { SearchGroup, SearchKind, SearchResult } from './schema.js';

const OTHER_HOST = 'dongthap.search.test';
// Both tone placements, written with escapes so that no editor normalises them: "Uỷ" (old style,
// the tone on y) and "Ủy" (new style, the tone on U).
const UY_OLD = 'U\u1ef7 ban';
const UY_NEW = '\u1ee6y ban';

describe.each(engines())('search on %s', (engine) => {
  const ctx = useTestApp(engine);
  let viewer: Auth;
  let otherAdmin: Auth;
  let examplePlanId: string;
  let hiddenPlanId: string;
  let otherTenantId: string;

  const actor = (tenantId = ctx.database.tenantId) => ({ id: 'test:search', tenantId });

  beforeAll(async () => {
    const { db, tenantId } = ctx.database;
    examplePlanId = (await createPlanFromFile(db, actor(), planFileSchema.parse(examplePlan())))
      .planId;
    const small = numberedPlan({ number: '21/KH-UBND', title: 'Kế hoạch kiểm thử tìm kiếm' });
    const section = small.sections[0] as (typeof small.sections)[number];
    section.targets = [
      { indicator: 'Tỷ lệ che phủ rừng đạt 65%', value: 65, unit: '%', year: 2030 },
      { indicator: 'Tỷ lệ hộ nghèo giảm 1,5 điểm mỗi năm', value: 1.5, year: 2030 },
    ];
    section.projects = [
      { name: 'Kho dữ liệu DL_2026' },
      { name: 'Kho dữ liệu DLX2026' },
      { name: 'Đường Đồng Mỏ - Bắc Đăng' },
      { name: 'Trụ sở xã thử một' },
      { name: 'Trụ sở phường thử hai' },
    ];
    await createPlanFromFile(db, actor(), planFileSchema.parse(small));
    // Stored text has one tone placement; rows written otherwise (older data) are found the same.
    await db
      .update(projects)
      .set({ name: `Trụ sở ${UY_OLD} xã thử một` })
      .where(eq(projects.name, 'Trụ sở xã thử một'));
    await db
      .update(projects)
      .set({ name: `Trụ sở ${UY_NEW} phường thử hai` })
      .where(eq(projects.name, 'Trụ sở phường thử hai'));

    // A plan still being stored: hidden with everything in it.
    const hidden = numberedPlan({ number: '22/KH-UBND', title: 'Kế hoạch đang lưu dở' });
    const hiddenSection = hidden.sections[0] as (typeof hidden.sections)[number];
    hiddenSection.tasks = [
      {
        title: 'Nhiệm vụ ẩn Đồng Đăng chưa lưu xong',
        lead: 'Sở Tài chính',
        deadline: { kind: 'year', year: 2027 },
      },
    ];
    hiddenSection.projects = [{ name: 'Dự án ẩn Đồng Đăng chưa lưu xong' }];
    hiddenPlanId = (await createPlanFromFile(db, actor(), planFileSchema.parse(hidden))).planId;
    await db.update(plans).set({ storingSince: new Date() }).where(eq(plans.id, hiddenPlanId));

    await createTestUser(db, tenantId, 'search-viewer', 'viewer', 'VPUBND');
    viewer = await login(ctx.app, 'search-viewer');

    // Another province with the same words in its data.
    const other = await createDongThap(db, { hosts: [OTHER_HOST], adminUsername: 'dt-admin' });
    otherTenantId = other.tenantId;
    ctx.app.tenants.invalidate();
    const otherPlan = numberedPlan({
      number: '5/KH-UBND',
      issuer: 'UBND tỉnh Đồng Tháp',
      title: 'Kế hoạch Đồng Đăng của tỉnh khác',
    });
    const otherSection = otherPlan.sections[0] as (typeof otherPlan.sections)[number];
    otherSection.projects = [{ name: 'Cao tốc Đồng Đăng của tỉnh khác' }];
    otherSection.targets = [
      { indicator: 'Chỉ tiêu Đồng Đăng tỉnh khác 65%', value: 1, year: 2030 },
    ];
    await createPlanFromFile(db, actor(other.tenantId), planFileSchema.parse(otherPlan));
    otherAdmin = await login(ctx.app, 'dt-admin', undefined, OTHER_HOST);
  });

  const get = (q: string, who: Auth | null = viewer, limit?: number) =>
    as(ctx.app, who, {
      method: 'GET',
      url: '/api/search',
      query: { q, ...(limit ? { limit: String(limit) } : {}) },
    });
  const searchFor = async (q: string, who: Auth = viewer, limit?: number) => {
    const res = await get(q, who, limit);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as SearchResult;
  };
  const group = (r: SearchResult, kind: SearchKind) =>
    r.groups.find((g) => g.kind === kind) as SearchGroup;
  const titles = (r: SearchResult, kind: SearchKind) => group(r, kind).items.map((i) => i.title);

  it('answers anonymous callers 401', async () => {
    const res = await get('dong dang', null);
    expect(res.statusCode).toBe(401);
  });

  it('refuses an empty, blank or too long query, or a bad limit, with a code', async () => {
    for (const [q, code] of [
      ['', 'invalid_input'],
      ['   ', 'invalid_input'],
      ['x'.repeat(201), 'invalid_input'],
      ['\u0301\u0309', 'search_query_empty'],
    ] as const) {
      const res = await get(q);
      expect(res.statusCode, q).toBe(400);
      expect(res.json().error.code).toBe(code);
    }
    const noQ = await as(ctx.app, viewer, { method: 'GET', url: '/api/search' });
    expect(noQ.statusCode).toBe(400);
    expect(noQ.json().error.code).toBe('invalid_input');
    const badLimit = await get('dong', viewer, 500);
    expect(badLimit.statusCode).toBe(400);
  });

  it('finds the Đồng Đăng – Trà Lĩnh expressway without diacritics, exact phrase first', async () => {
    const r = await searchFor('dong dang');
    expect(r.groups.map((g) => g.kind)).toEqual([
      'plan',
      'task',
      'target',
      'project',
      'agency',
      'document',
    ]);
    const found = group(r, 'project');
    expect(found.items[0]?.title).toBe(
      'Đầu tư xây dựng tuyến cao tốc Đồng Đăng (tỉnh Lạng Sơn) - Trà Lĩnh (tỉnh Cao Bằng)',
    );
    expect(found.items[0]?.match).toBe('phrase');
    expect(found.items[0]?.planId).toBe(examplePlanId);
    // Both words but not the phrase: after it.
    const words = found.items.find((i) => i.title === 'Đường Đồng Mỏ - Bắc Đăng');
    expect(words?.match).toBe('words');
    expect(found.items.findIndex((i) => i.match === 'words')).toBeGreaterThan(0);
    expect(found.total).toBe(found.items.length);
    expect(titles(r, 'target')).toContain(
      'Tuyến cao tốc Đồng Đăng (Lạng Sơn) - Trà Lĩnh (Cao Bằng) đưa vào khai thác',
    );
    // With its diacritics too.
    expect(titles(await searchFor('Đồng Đăng'), 'project')).toEqual(titles(r, 'project'));
  });

  it('finds Sở Kế hoạch và Đầu tư, a former agency, by its abbreviation in every spelling', async () => {
    for (const q of ['kh&dt', 'KH&ĐT', 'Sở KH & ĐT', 'khdt', 'so ke hoach va dau tu']) {
      const agencies = group(await searchFor(q), 'agency');
      const skhdt = agencies.items.find((i) => i.title === 'Sở Kế hoạch và Đầu tư');
      expect(skhdt, q).toBeDefined();
      expect(skhdt?.ended, q).toBe(true);
    }
  });

  it('expands abbreviations both ways', async () => {
    const ql = titles(await searchFor('QL'), 'project');
    expect(ql).toContain('Cải tạo, nâng cấp Quốc lộ 4B (đoạn Km3+700 đến Km18)');
    expect(ql).toContain(
      'Xây dựng tuyến đường giao thông kết nối khu công nghiệp Hữu Lũng, ĐT.245 với QL.31 - Cảng Mỹ An (tỉnh Bắc Giang)',
    );
    // A short abbreviation at the start of a word only: "BQL KKT" is no "QL".
    const qlAgencies = titles(await searchFor('QL', viewer, 50), 'agency');
    expect(qlAgencies).not.toContain('Ban Quản lý Khu kinh tế cửa khẩu Đồng Đăng - Lạng Sơn');
    const quocLo = titles(await searchFor('quốc lộ'), 'project');
    expect(new Set(quocLo)).toEqual(new Set(ql));
    const kcn = await searchFor('KCN');
    expect(titles(kcn, 'project')).toContain('Kết cấu hạ tầng Khu công nghiệp VSIP');
    expect(titles(kcn, 'target')).toContain('Số khu công nghiệp');
    expect(titles(await searchFor('ubnd tinh', viewer, 50), 'agency')).toContain(
      'Văn phòng Ủy ban nhân dân tỉnh',
    );
    // The plans' issuer is written "UBND tỉnh …": the long form finds it.
    const issuer = await searchFor('uy ban nhan dan tinh', viewer, 50);
    expect(group(issuer, 'plan').items.map((i) => i.id)).toContain(examplePlanId);
  });

  it('matches both tone placements of "Ủy ban"', async () => {
    for (const q of ['uy ban', UY_OLD, UY_NEW]) {
      const found = titles(await searchFor(q, viewer, 50), 'project');
      expect(found, q).toContain(`Trụ sở ${UY_OLD} xã thử một`);
      expect(found, q).toContain(`Trụ sở ${UY_NEW} phường thử hai`);
    }
  });

  it('reads % and _ as characters, not wildcards', async () => {
    const percent = await searchFor('%', viewer, 50);
    const targets = group(percent, 'target');
    expect(targets.items.map((i) => i.title)).toContain('Tỷ lệ che phủ rừng đạt 65%');
    for (const t of targets.items) expect(t.title).toContain('%');
    expect(titles(percent, 'project')).toEqual([]);
    expect(titles(await searchFor('65%'), 'target')).toEqual(['Tỷ lệ che phủ rừng đạt 65%']);
    expect(titles(await searchFor('dl_2026'), 'project')).toEqual(['Kho dữ liệu DL_2026']);
    expect(titles(await searchFor('dlx2026'), 'project')).toEqual(['Kho dữ liệu DLX2026']);
    expect(titles(await searchFor('dl%2026'), 'project')).toEqual([]);
    expect(titles(await searchFor('d_x'), 'project')).toEqual([]);
  });

  it('finds plans and documents by number and title; a document opens the plan citing it', async () => {
    const r = await searchFor('693/QĐ-TTg');
    expect(group(r, 'plan').items.map((i) => i.id)).toContain(examplePlanId);
    const doc = group(r, 'document').items.find((i) => i.code === '693/QĐ-TTg');
    expect(doc?.docType).toBe('QĐ');
    expect(doc?.planId).not.toBeNull();
    const byNumber = await searchFor('21/KH-UBND');
    const plan = group(byNumber, 'plan').items[0];
    expect(plan?.title).toBe('Kế hoạch kiểm thử tìm kiếm');
    const planDoc = group(byNumber, 'document').items.find((i) => i.code === '21/KH-UBND');
    expect(planDoc?.planId).toBe(plan?.id);
  });

  it('leaves out a plan still being stored and everything in it', async () => {
    const r = await searchFor('chua luu xong');
    expect(r.groups.every((g) => g.total === 0)).toBe(true);
    const plan = await searchFor('dang luu do');
    expect(group(plan, 'plan').total).toBe(0);
    expect(group(plan, 'document').total).toBe(0);
  });

  it('never shows another tenant’s rows, and shows that tenant its own', async () => {
    const mine = await searchFor('dong dang', viewer, 50);
    const all = mine.groups.flatMap((g) => g.items.map((i) => i.title));
    expect(all.some((t) => t.includes('tỉnh khác'))).toBe(false);
    const theirs = await searchFor('dong dang', otherAdmin, 50);
    expect(titles(theirs, 'project')).toEqual(['Cao tốc Đồng Đăng của tỉnh khác']);
    expect(titles(theirs, 'target')).toEqual(['Chỉ tiêu Đồng Đăng tỉnh khác 65%']);
    expect(titles(theirs, 'plan')).toEqual(['Kế hoạch Đồng Đăng của tỉnh khác']);
    expect(titles(theirs, 'task')).toEqual([]);
    // Their Sở Tài chính carries "Sở KH&ĐT" as another name; ours are not theirs.
    const khdt = group(await searchFor('kh&dt', otherAdmin), 'agency');
    expect(khdt.items.map((i) => i.title)).toEqual(['Sở Tài chính']);
    const ours = group(await searchFor('kh&dt'), 'agency').items.map((i) => i.id);
    expect(ours).not.toContain(khdt.items[0]?.id);
    // And the percent sign finds only their own target there.
    expect(titles(await searchFor('%', otherAdmin, 50), 'target')).toEqual([
      'Chỉ tiêu Đồng Đăng tỉnh khác 65%',
    ]);
    expect(otherTenantId).not.toBe(ctx.database.tenantId);
  });

  it('gives a total per kind beyond the page', async () => {
    const one = await searchFor('quoc lo', viewer, 1);
    const projectsGroup = group(one, 'project');
    expect(projectsGroup.items).toHaveLength(1);
    expect(projectsGroup.total).toBeGreaterThanOrEqual(3);
  });
});
