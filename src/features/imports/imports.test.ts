import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { count, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/support/app.js';
import { engines } from '../../../test/support/database.js';
import { type Auth, as, createTestUser, login } from '../../../test/support/users.js';
import { plans, tasks } from '../../db/schema.js';
import { AppError } from '../../server/errors.js';
import type { PlanDetail, PlanTreeNode } from '../plans/schema.js';
import { extractPlan, importPlan } from './service.js';

const fixture = (name: string) =>
  readFileSync(fileURLToPath(new URL(`../../../test/fixtures/import/${name}`, import.meta.url)));
const TODAY = '2026-11-24';
const allNodes = (nodes: PlanTreeNode[]): PlanTreeNode[] =>
  nodes.flatMap((n) => [n, ...allNodes(n.children)]);

describe.each(engines())('importing plan documents on %s', (engine) => {
  const ctx = useTestApp(engine);
  // The stored plan is read through the API as a signed-in user (plans need one).
  let viewer: Auth;
  beforeAll(async () => {
    await createTestUser(ctx.database.db, ctx.database.tenantId, 'viewer', 'viewer', 'VPUBND');
    viewer = await login(ctx.app, 'viewer');
  });
  const actor = () => ({ id: 'test:import', tenantId: ctx.database.tenantId });
  const planCount = async () => (await ctx.database.db.select({ n: count() }).from(plans))[0]?.n;
  const refused = async (promise: Promise<unknown>) => {
    const error = await promise.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  };

  it('stores the Lạng Sơn plan with its tree, agencies as written and who carries them today', async () => {
    const extracted = await extractPlan(
      ctx.database.db,
      ctx.database.tenantId,
      fixture('ke-hoach-693-lang-son.txt'),
      'ke-hoach.txt',
      TODAY,
    );
    const { planId, counts } = await importPlan(ctx.database.db, actor(), extracted);
    expect(counts).toMatchObject({ targets: 9, tasks: 16, projects: 10 });
    const res = await as(ctx.app, viewer, { method: 'GET', url: `/api/plans/${planId}` });
    expect(res.statusCode).toBe(200);
    const plan = res.json<PlanDetail>();
    expect(plan.document).toMatchObject({ type: 'KH', number: null, issuer: 'UBND tỉnh Lạng Sơn' });
    expect(plan.signer?.name).toBe('Lương Trọng Quỳnh');
    const chain: string[] = [];
    for (
      let level = plan.references.filter((r) => r.relation === 'implements');
      level[0];
      level = level[0].references.filter((r) => r.relation === 'implements')
    ) {
      chain.push(level[0].number as string);
    }
    expect(chain).toEqual(['693/QĐ-TTg', '72-KL/TW', '13-NQ/TW']);
    const nodes = allNodes(plan.tree);
    expect(nodes.find((n) => n.label === '2.4')?.kind).toBe('objective');
    const planTasks = nodes.flatMap((n) => n.tasks);
    const kh = planTasks.find((t) => t.lead?.asWritten === 'Sở Kế hoạch và Đầu tư');
    expect(kh?.lead?.agency.code).toBe('SKHDT');
    expect(kh?.lead?.responsible.agencies.map((a) => a.code)).toEqual(['STC']);
    // Groups are not agencies: they stay in the note for the review to settle.
    const groups = planTasks.find((t) => t.leadUnresolved?.includes('Các sở, ban, ngành'));
    expect(groups?.lead).toBeNull();
    expect(groups?.coordinationNote ?? '').not.toContain('Các sở, ban, ngành');
    // Every stored item points at its passage of the document.
    const [row] = await ctx.database.db
      .select()
      .from(tasks)
      .where(eq(tasks.planId, planId))
      .limit(1);
    expect(row?.sourceStart).not.toBeNull();
    expect(plan.tree.every((n) => n.source !== null)).toBe(true);
  });

  it('refuses the same document twice, writing nothing', async () => {
    const before = await planCount();
    const extracted = await extractPlan(
      ctx.database.db,
      ctx.database.tenantId,
      fixture('ke-hoach-693-lang-son.txt'),
      'again.txt',
      TODAY,
    );
    const error = await refused(importPlan(ctx.database.db, actor(), extracted));
    expect(error).toMatchObject({ status: 409, code: 'already_imported' });
    expect(await planCount()).toBe(before);
  });

  it('reads a .docx with its appendix table', async () => {
    const extracted = await extractPlan(
      ctx.database.db,
      ctx.database.tenantId,
      fixture('ke-hoach-cao-bang.docx'),
      'ke-hoach-cao-bang.docx',
      TODAY,
    );
    expect(extracted.extraction.document).toMatchObject({
      number: '58/KH-UBND',
      date: '2026-03-12',
      issuer: 'UBND tỉnh Cao Bằng',
    });
    const appendix = extracted.extraction.tasks.filter((t) => t.section?.includes('Nhiệm vụ về'));
    expect(appendix.map((t) => t.output)).toContain('Quyết định giao vốn');
    const { counts } = await importPlan(ctx.database.db, actor(), extracted);
    expect(counts.tasks).toBe(extracted.extraction.tasks.length);
  });

  it('reads a Word outline numbered automatically, with lettered items as content', async () => {
    const { extraction } = await extractPlan(
      ctx.database.db,
      ctx.database.tenantId,
      fixture('ke-hoach-danh-so-tu-dong.docx'),
      'x.docx',
      TODAY,
    );
    expect(extraction.outline.map((n) => n.label)).toEqual(['I', 'II', 'IV', 'I']);
    expect(extraction.objectives.map((o) => o.label)).toContain('2.1.a');
    expect(extraction.targets.map((t) => [t.value, t.unit, t.indicator])).toEqual([
      [100, '%', 'Tỷ lệ phủ kín quy hoạch chung đô thị'],
      [150, 'km', 'Cứng hóa đường giao thông nông thôn'],
    ]);
  });

  it.each([
    ['ke-hoach-cao-bang-scanned.pdf', 'scanned_pdf'],
    ['ke-hoach-cao-bang-tcvn3.txt', 'legacy_encoding'],
    ['ke-hoach-cao-bang-vni-mojibake.txt', 'legacy_encoding'],
    ['binary-random.txt', 'invalid_encoding'],
  ])('refuses %s with %s', async (file, code) => {
    const error = await refused(
      extractPlan(ctx.database.db, ctx.database.tenantId, fixture(file), file, TODAY),
    );
    expect(error).toMatchObject({ status: 422, code });
  });

  it('refuses a document that is not a plan, and an unsupported format', async () => {
    const letter = Buffer.from(
      'ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN\nSố: 12/UBND-KT\nV/v góp ý dự thảo\nKính gửi: Sở Tài chính\nĐề nghị quý cơ quan góp ý.\n',
    );
    expect(
      await refused(
        extractPlan(ctx.database.db, ctx.database.tenantId, letter, 'cong-van.txt', TODAY),
      ),
    ).toMatchObject({ code: 'not_a_plan' });
    expect(
      await refused(
        extractPlan(ctx.database.db, ctx.database.tenantId, letter, 'cong-van.odt', TODAY),
      ),
    ).toMatchObject({ code: 'unsupported_format' });
  });
});
