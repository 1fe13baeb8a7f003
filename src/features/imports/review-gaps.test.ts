import { and, count, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/support/app.js';
import { engines } from '../../../test/support/database.js';
import {
  type Auth,
  agencyIdByCode,
  as,
  type CastName,
  createCast,
  loginCast,
} from '../../../test/support/users.js';
import { agencies, agencyAliases, auditRecords, plans } from '../../db/schema.js';
import { loadAgencyDirectory } from './directory.js';
import { agencyNameKey, mapUnknownAgency, reviewGaps, unknownAgencies } from './review-gaps.js';
import type { ExtractedTask, ImportDraft, Mention } from './schema.js';

const unknown = (as_written: string): Mention => ({ kind: 'unknown', as_written });
const agency = (code: string): Mention => ({
  kind: 'agency',
  as_written: code,
  agency_code: code,
  named_code: code,
  succession: null,
});
const task = (title: string, lead: Mention[], coordinators: Mention[] = []): ExtractedTask => ({
  title,
  text: title,
  section: null,
  lead,
  coordinators,
  coordination_note: null,
  deadline: { kind: 'none' },
  output: null,
  source: null,
});

describe('review gaps and unknown agencies (pure)', () => {
  const document = { number: null, date: '2026-01-05' };
  const tasks = [
    task('Một', [unknown('Hội Cựu chiến binh tỉnh')]),
    task('Hai', [agency('SNV')], [unknown('hội  cựu chiến binh tỉnh'), unknown('Báo Biên Cương')]),
    task('Ba', [{ kind: 'group', as_written: 'Các sở', group: 'departments', members: [] }]),
    task('Bốn', [agency('STC'), unknown('Báo Biên Cương')]),
  ];

  it('lists the number, and every task no registry agency leads, by key', () => {
    const gaps = reviewGaps({ document: { ...document } as never, tasks });
    expect(gaps.map((g) => g.key)).toEqual(['number', 'task:0', 'task:2']);
    const dated = reviewGaps({ document: { number: '5/KH-UBND', date: null } as never, tasks: [] });
    expect(dated.map((g) => g.kind)).toEqual(['missing_date']);
  });

  it('lists each unknown agency once whatever its case and spacing, with where it occurs', () => {
    const found = unknownAgencies({ tasks });
    expect(found.map((u) => u.asWritten)).toEqual(['Hội Cựu chiến binh tỉnh', 'Báo Biên Cương']);
    expect(found[0]?.occurrences).toEqual([
      { task: 0, title: 'Một', role: 'lead' },
      { task: 1, title: 'Hai', role: 'coordinator' },
    ]);
    expect(found[1]?.occurrences.map((o) => [o.task, o.role])).toEqual([
      [1, 'coordinator'],
      [3, 'lead'],
    ]);
  });

  it('maps every mention of one spelling and keeps one lead when two spellings meet', () => {
    const key = agencyNameKey('Báo Biên Cương');
    const { tasks: mapped, changed } = mapUnknownAgency(tasks, key, 'STC');
    expect(changed).toBe(2);
    expect(mapped[1]?.coordinators.map((m) => m.kind)).toEqual(['unknown', 'agency']);
    // "Sở Tài chính" and "Báo Biên Cương" mapped to it lead once.
    expect(mapped[3]?.lead).toHaveLength(1);
    expect(mapUnknownAgency(tasks, 'không có', 'STC').changed).toBe(0);
  });
});

const PLAN = `ỦY BAN NHÂN DÂN TỈNH
KẾ HOẠCH
Số hóa tài liệu lưu trữ năm 2026
I. MỤC ĐÍCH, YÊU CẦU
Bảo đảm tài liệu lưu trữ được số hóa đầy đủ.
II. NHIỆM VỤ
1. Trung tâm Lưu trữ lịch sử tỉnh chủ trì, phối hợp với Sở Nội vụ số hóa toàn bộ hồ sơ lưu trữ; hoàn thành trước ngày 30/9/2026.
2. Sở Nội vụ chủ trì, phối hợp với Trung tâm Lưu trữ lịch sử tỉnh và Hội Cựu chiến binh tỉnh xây dựng quy chế khai thác tài liệu số; hoàn thành trong Quý IV/2026.
3. Hội Cựu chiến binh tỉnh chủ trì tuyên truyền về giá trị của tài liệu lưu trữ; thực hiện thường xuyên.
`;

describe.each(engines())('review of gaps and unknown agencies on %s', (engine) => {
  const ctx = useTestApp(engine);
  let cast: Record<CastName, Auth>;
  beforeAll(async () => {
    await createCast(ctx.database.db, ctx.database.tenantId);
    cast = await loginCast(ctx.app);
  });
  const upload = (text: string) =>
    as(ctx.app, cast.consolidator, {
      method: 'POST',
      url: '/api/imports?fileName=so-hoa.txt',
      headers: { 'content-type': 'application/octet-stream' },
      payload: Buffer.from(text, 'utf8'),
    });
  const confirm = (id: string, version: number, acknowledgedGaps?: string[]) =>
    as(ctx.app, cast.consolidator, {
      method: 'POST',
      url: `/api/imports/${id}/confirm`,
      payload: { version, ...(acknowledgedGaps ? { acknowledgedGaps } : {}) },
    });
  const resolve = (id: string, payload: object, who: Auth = cast.consolidator) =>
    as(ctx.app, who, { method: 'POST', url: `/api/imports/${id}/agencies`, payload });
  const planCount = async () =>
    (await ctx.database.db.select({ n: count() }).from(plans))[0]?.n ?? 0;
  const keyOf = (d: ImportDraft, name: string) => {
    const u = d.review.unknownAgencies.find((a) => a.asWritten.startsWith(name));
    if (!u) throw new Error(`${name} is not listed: ${JSON.stringify(d.review.unknownAgencies)}`);
    return u.key;
  };

  it('confirms only when every gap is acknowledged, and settles each unknown agency once', async () => {
    const created = await upload(PLAN);
    expect(created.statusCode).toBe(201);
    let draft = created.json<ImportDraft>();
    expect(draft.review.unknownAgencies.map((u) => u.asWritten)).toEqual([
      'Trung tâm Lưu trữ lịch sử tỉnh',
      'Hội Cựu chiến binh tỉnh',
    ]);
    expect(draft.review.gaps.map((g) => g.key)).toEqual(['number', 'date', 'task:0', 'task:2']);

    // Nothing acknowledged, then one gap short: refused, nothing stored.
    const before = await planCount();
    const none = await confirm(draft.id, draft.version);
    expect(none.statusCode).toBe(422);
    expect(none.json().error.code).toBe('gaps_not_acknowledged');
    expect(none.json().error.issues.map((i: { code: string }) => i.code)).toEqual([
      'missing_number',
      'missing_date',
      'task_without_lead',
      'task_without_lead',
    ]);
    const short = await confirm(draft.id, draft.version, ['number', 'date', 'task:0']);
    expect(short.statusCode).toBe(422);
    expect(short.json().error.issues).toHaveLength(1);
    expect(await planCount()).toBe(before);

    // An agency officer may not settle anything; a stale version is refused.
    const officer = await resolve(
      draft.id,
      {
        version: draft.version,
        key: keyOf(draft, 'Hội'),
        resolution: {
          action: 'map',
          agencyId: await agencyIdByCode(ctx.database.db, ctx.database.tenantId, 'MTTQ'),
        },
      },
      cast['stc-officer'],
    );
    expect(officer.statusCode).toBe(404);
    const stale = await resolve(draft.id, {
      version: draft.version - 1,
      key: keyOf(draft, 'Hội'),
      resolution: { action: 'create', name: 'Hội Cựu chiến binh tỉnh', kind: 'other' },
    });
    expect(stale.statusCode).toBe(409);

    // Added to the registry in one step: both tasks naming it follow, the spelling is an alias.
    const added = await resolve(draft.id, {
      version: draft.version,
      key: keyOf(draft, 'Trung tâm'),
      resolution: {
        action: 'create',
        name: 'Trung tâm Lưu trữ lịch sử',
        shortName: 'TTLTLS',
        kind: 'other',
      },
    });
    expect(added.statusCode).toBe(200);
    draft = added.json<ImportDraft>();
    const [created1] = await ctx.database.db
      .select()
      .from(agencies)
      .where(
        and(
          eq(agencies.tenantId, ctx.database.tenantId),
          eq(agencies.name, 'Trung tâm Lưu trữ lịch sử'),
        ),
      );
    if (!created1) throw new Error('the agency was not added');
    expect(draft.extraction.tasks[0]?.lead[0]).toMatchObject({
      kind: 'agency',
      agency_code: created1.code,
      as_written: 'Trung tâm Lưu trữ lịch sử tỉnh',
    });
    expect(draft.extraction.tasks[1]?.coordinators.map((m) => m.kind)).toContain('agency');
    expect(draft.review.unknownAgencies.map((u) => u.asWritten)).toEqual([
      'Hội Cựu chiến binh tỉnh',
    ]);
    expect(draft.review.gaps.map((g) => g.key)).toEqual(['number', 'date', 'task:2']);

    // Mapped to an existing agency, which learns the spelling: the next plan resolves it alone.
    const mttq = await agencyIdByCode(ctx.database.db, ctx.database.tenantId, 'MTTQ');
    const mapped = await resolve(draft.id, {
      version: draft.version,
      key: keyOf(draft, 'Hội'),
      resolution: { action: 'map', agencyId: mttq },
    });
    expect(mapped.statusCode).toBe(200);
    draft = mapped.json<ImportDraft>();
    expect(draft.review.unknownAgencies).toEqual([]);
    expect(draft.extraction.tasks[2]?.lead[0]).toMatchObject({
      kind: 'agency',
      agency_code: 'MTTQ',
    });
    const aliases = await ctx.database.db
      .select({ alias: agencyAliases.alias })
      .from(agencyAliases)
      .where(eq(agencyAliases.agencyId, mttq));
    expect(aliases.map((a) => a.alias)).toContain('Hội Cựu chiến binh tỉnh');
    const directory = await loadAgencyDirectory(ctx.database.db, ctx.database.tenantId);
    expect(directory.agencies.find((a) => a.code === 'MTTQ')?.aliases).toContain(
      'Hội Cựu chiến binh tỉnh',
    );
    // Settled once: the same spelling again is no longer in the draft.
    const again = await resolve(draft.id, {
      version: draft.version,
      key: agencyNameKey('Hội Cựu chiến binh tỉnh'),
      resolution: { action: 'map', agencyId: mttq },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('agency_not_in_draft');

    // Every decision is in the audit: the agency added, the alias, the draft's mentions.
    const audit = await ctx.database.db
      .select()
      .from(auditRecords)
      .where(eq(auditRecords.tenantId, ctx.database.tenantId));
    expect(
      audit.some(
        (a) => a.entity === 'agency' && a.entityId === created1.id && a.action === 'create',
      ),
    ).toBe(true);
    expect(
      audit.some((a) => a.entity === 'agency' && a.entityId === mttq && a.action === 'update'),
    ).toBe(true);
    expect(
      audit.filter(
        (a) =>
          a.entity === 'import_draft' &&
          a.entityId === draft.id &&
          JSON.stringify(a.after).includes('mentions'),
      ),
    ).toHaveLength(2);

    // The two gaps left, acknowledged: the plan is made, the acknowledgement recorded.
    const done = await confirm(draft.id, draft.version, ['number', 'date']);
    expect(done.statusCode).toBe(200);
    expect(await planCount()).toBe(before + 1);
    const confirmation = await ctx.database.db
      .select()
      .from(auditRecords)
      .where(and(eq(auditRecords.entity, 'import_draft'), eq(auditRecords.entityId, draft.id)))
      .orderBy(auditRecords.id);
    expect(confirmation.at(-1)?.after).toMatchObject({
      status: 'confirmed',
      acknowledgedGaps: ['number', 'date'],
    });
  });
});
