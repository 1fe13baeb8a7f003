// Editing the agency registry through the API: adding, renaming (the former name still resolves),
// other names, ending (with successors as a succession), refusals, and the audit trail of each.
import { and, asc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/support/app.js';
import { engines } from '../../../test/support/database.js';
import {
  type Auth,
  as,
  type CastName,
  createCast,
  loginCast,
} from '../../../test/support/users.js';
import { agencies, agencySuccessions, auditRecords, tenants } from '../../db/schema.js';
import { mentionFinder } from '../../domain/plan-import/agencies.js';
import { loadAgencyDirectory } from '../imports/directory.js';
import { codeFor, createAgency, periodsOverlap } from './registry.js';
import type { AgencyDetail, AgencyList } from './schema.js';

describe('registry rules', () => {
  it('makes codes from the short name or the name', () => {
    expect(codeFor('Sở Ngoại vụ', null)).toBe('SNV');
    expect(codeFor('Văn phòng Ủy ban nhân dân tỉnh', 'VPUBND')).toBe('VPUBND');
    expect(codeFor('Trung tâm Phục vụ hành chính công', 'TT PVHCC')).toBe('TTPVHCC');
    expect(codeFor('Sở Kế hoạch và Đầu tư', 'Sở KH&ĐT')).toBe('SKHDT');
    expect(codeFor('Sở Ngoại vụ', 'Sở NgV')).toBe('SNV');
    expect(codeFor('Ban Quản lý Khu kinh tế cửa khẩu Đồng Đăng', null)).toBe('BQLKKTCKDD');
  });

  it('compares in-force periods [from, to) with open ends', () => {
    const p = (inForceFrom: string | null, inForceTo: string | null) => ({
      inForceFrom,
      inForceTo,
    });
    expect(periodsOverlap(p(null, null), p(null, '2025-03-01'))).toBe(true);
    expect(periodsOverlap(p('2025-03-01', null), p(null, '2025-03-01'))).toBe(false);
    expect(periodsOverlap(p('2025-02-28', null), p(null, '2025-03-01'))).toBe(true);
    expect(periodsOverlap(p('2026-01-01', '2027-01-01'), p('2027-01-01', null))).toBe(false);
  });
});

describe.each(engines())('editing the agency registry on %s', (engine) => {
  const ctx = useTestApp(engine);
  let cast: Record<CastName, Auth>;
  beforeAll(async () => {
    await createCast(ctx.database.db, ctx.database.tenantId);
    cast = await loginCast(ctx.app);
  });

  const send = (
    auth: Auth | null,
    method: 'POST' | 'PATCH' | 'PUT',
    url: string,
    payload: unknown,
  ) => as(ctx.app, auth, { method, url, payload: payload as object });
  const create = (payload: unknown, auth: Auth = cast.admin) =>
    send(auth, 'POST', '/api/agencies', payload);
  const created = async (payload: unknown, auth: Auth = cast.admin) => {
    const res = await create(payload, auth);
    expect(res.statusCode, res.body).toBe(201);
    return res.json<AgencyDetail>();
  };
  const detail = async (id: string) => {
    const res = await as(ctx.app, cast.viewer, { method: 'GET', url: `/api/agencies/${id}` });
    expect(res.statusCode).toBe(200);
    return res.json<AgencyDetail>();
  };
  const search = async (q: string) => {
    const res = await as(ctx.app, cast.viewer, {
      method: 'GET',
      url: `/api/agencies?q=${encodeURIComponent(q)}`,
    });
    return res.json<AgencyList>().items.map((a) => a.id);
  };
  const auditOf = (id: string) =>
    ctx.database.db
      .select()
      .from(auditRecords)
      .where(and(eq(auditRecords.entity, 'agency'), eq(auditRecords.entityId, id)))
      .orderBy(asc(auditRecords.id));
  const byCode = async (code: string) =>
    (
      await ctx.database.db
        .select()
        .from(agencies)
        .where(and(eq(agencies.tenantId, ctx.database.tenantId), eq(agencies.code, code)))
    )[0];

  it('adds an agency with its other names, found without diacritics, and audited', async () => {
    const a = await created({
      name: '  Trung tâm   Hợp tác quốc tế ',
      shortName: 'TT HTQT',
      kind: 'other',
      aliases: ['Trung tâm Đối ngoại tỉnh', 'TT HTQT'],
      inForceFrom: '2026-01-01',
    });
    expect(a).toMatchObject({
      code: 'TTHTQT',
      name: 'Trung tâm Hợp tác quốc tế',
      shortName: 'TT HTQT',
      kind: 'other',
      inForceFrom: '2026-01-01',
      inForceTo: null,
      otherNames: ['Trung tâm Đối ngoại tỉnh'],
    });
    expect(a.aliases).toEqual(expect.arrayContaining(['Trung tâm Hợp tác quốc tế', 'TT HTQT']));
    expect(await search('trung tam doi ngoai')).toEqual([a.id]);
    const [record, ...more] = await auditOf(a.id);
    expect(more).toEqual([]);
    expect(record).toMatchObject({
      action: 'create',
      actor: `user:${cast.admin.userId}`,
      tenantId: ctx.database.tenantId,
      before: null,
      after: expect.objectContaining({
        name: 'Trung tâm Hợp tác quốc tế',
        otherNames: ['Trung tâm Đối ngoại tỉnh'],
      }),
    });
    // The consolidator adds one too (an agency an imported plan names), with its own code.
    const b = await created(
      { name: 'Trung tâm Xúc tiến đầu tư', kind: 'other', code: 'ttxtdt' },
      cast.consolidator,
    );
    expect(b.code).toBe('TTXTDT');
    expect(b.abilities).toEqual({ read: true, update: true, end: false });
  });

  it('refuses a name or other name another agency carries at the same time (409)', async () => {
    const taken = await create({ name: 'sở tài chính', kind: 'department' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error).toMatchObject({
      code: 'agency_name_taken',
      issues: [{ field: 'body.name', code: 'agency_name_taken' }],
      current: { written: 'sở tài chính', agency: { code: 'STC' } },
    });
    // Another agency's name, as an other name.
    const alias = await create({
      name: 'Trung tâm Dịch vụ công',
      kind: 'other',
      aliases: ['UBND xã Mẫu Sơn'],
    });
    expect(alias.statusCode).toBe(409);
    expect(alias.json().error.issues[0].field).toBe('body.aliases');
    const code = await create({ name: 'Trung tâm Dịch vụ công', kind: 'other', code: 'STC' });
    expect(code.statusCode).toBe(409);
    expect(code.json().error.code).toBe('agency_code_taken');
    // Nothing was written by the refused requests.
    expect(await search('trung tam dich vu cong')).toEqual([]);
    // Sở Kế hoạch và Đầu tư ended on 2025-03-01: an agency from that day may take its name.
    const again = await created({
      name: 'Sở Kế hoạch và Đầu tư',
      kind: 'department',
      inForceFrom: '2025-03-01',
    });
    expect(again.code).toBe('SKHVDT');
    const overlapping = await create({
      name: 'Sở Kế hoạch và Đầu tư',
      kind: 'department',
      inForceFrom: '2025-02-01',
    });
    expect(overlapping.statusCode).toBe(409);
  });

  it('renames an agency: its former name stays an other name and still resolves in imports', async () => {
    const a = await created({ name: 'Ban Quản lý dự án đầu tư xây dựng tỉnh', kind: 'board' });
    const res = await send(cast.admin, 'PATCH', `/api/agencies/${a.id}`, {
      name: 'Ban Quản lý dự án đầu tư xây dựng các công trình dân dụng tỉnh',
      shortName: 'BQLDA DD',
    });
    expect(res.statusCode, res.body).toBe(200);
    const renamed = res.json<AgencyDetail>();
    expect(renamed.name).toBe('Ban Quản lý dự án đầu tư xây dựng các công trình dân dụng tỉnh');
    expect(renamed.code).toBe(a.code);
    expect(renamed.otherNames).toEqual(['Ban Quản lý dự án đầu tư xây dựng tỉnh']);
    expect(await search('ban quan ly du an dau tu xay dung tinh')).toContain(a.id);
    const records = await auditOf(a.id);
    expect(records.map((r) => r.action)).toEqual(['create', 'update']);
    expect(records[1]).toMatchObject({
      actor: `user:${cast.admin.userId}`,
      before: {
        name: 'Ban Quản lý dự án đầu tư xây dựng tỉnh',
        shortName: null,
        otherNames: [],
      },
      after: {
        name: 'Ban Quản lý dự án đầu tư xây dựng các công trình dân dụng tỉnh',
        shortName: 'BQLDA DD',
        otherNames: ['Ban Quản lý dự án đầu tư xây dựng tỉnh'],
      },
    });

    // A plan written with the old name finds the agency through the importer's directory.
    const directory = await loadAgencyDirectory(ctx.database.db, ctx.database.tenantId);
    const mentions = mentionFinder(directory, '2026-06-01').find(
      'Giao Ban Quản lý dự án đầu tư xây dựng tỉnh chủ trì, phối hợp với Sở Xây dựng.',
    );
    expect(mentions.map((m) => [m.as_written, m.kind === 'agency' && m.agency_code])).toEqual([
      ['Ban Quản lý dự án đầu tư xây dựng tỉnh', a.code],
      ['Sở Xây dựng', 'SXD'],
    ]);

    // Correcting a typo does not keep the wrong form.
    const typo = await created({ name: 'Sở Hợp tac tỉnh', kind: 'department' });
    const fixed = await send(cast.consolidator, 'PATCH', `/api/agencies/${typo.id}`, {
      name: 'Sở Hợp tác tỉnh',
      keepFormerNames: false,
    });
    expect(fixed.statusCode, fixed.body).toBe(200);
    expect(fixed.json<AgencyDetail>().otherNames).toEqual([]);
    // Names, kind and other names change together, in one audited change.
    const together = await send(cast.admin, 'PATCH', `/api/agencies/${typo.id}`, {
      kind: 'board',
      aliases: ['Sở HT'],
    });
    expect(together.json<AgencyDetail>()).toMatchObject({ kind: 'board', otherNames: ['Sở HT'] });
    expect((await auditOf(typo.id)).at(-1)).toMatchObject({
      before: { kind: 'department', otherNames: [] },
      after: { kind: 'board', otherNames: ['Sở HT'] },
    });
    expect(await search('so hop tac tinh')).toEqual([typo.id]);
    // A rename onto another agency's name is refused, and changes nothing.
    const clash = await send(cast.admin, 'PATCH', `/api/agencies/${typo.id}`, {
      name: 'Sở Xây dựng',
      kind: 'other',
    });
    expect(clash.statusCode).toBe(409);
    expect((await detail(typo.id)).name).toBe('Sở Hợp tác tỉnh');
    expect((await detail(typo.id)).kind).toBe('board');
    const empty = await send(cast.admin, 'PATCH', `/api/agencies/${typo.id}`, { name: '   ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.issues[0].field).toBe('body.name');
  });

  it('replaces other names, refusing one that names another agency', async () => {
    const a = await created({
      name: 'Trung tâm Công nghệ thông tin tỉnh',
      kind: 'other',
      aliases: ['TT CNTT'],
    });
    const put = (aliases: string[], auth: Auth = cast.admin) =>
      send(auth, 'PUT', `/api/agencies/${a.id}/aliases`, { aliases });
    const res = await put(['TTCNTT', 'UBND Trung tâm thử']);
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json<AgencyDetail>();
    // One "UBND …" form stands for its long form too.
    expect(d.otherNames).toEqual(['TTCNTT', 'UBND Trung tâm thử']);
    expect(d.aliases).toContain('Ủy ban nhân dân Trung tâm thử');
    expect(d.aliases).not.toContain('TT CNTT');
    expect(await search('ttcntt')).toEqual([a.id]);
    const taken = await put(['TTCNTT', 'Sở TC']);
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.issues[0]).toMatchObject({ field: 'body.aliases' });
    expect((await detail(a.id)).otherNames).toEqual(['TTCNTT', 'UBND Trung tâm thử']);
    const records = await auditOf(a.id);
    expect(records.map((r) => r.action)).toEqual(['create', 'update']);
    expect(records[1]).toMatchObject({
      before: { otherNames: ['TT CNTT'] },
      after: { otherNames: ['TTCNTT', 'UBND Trung tâm thử'] },
    });
  });

  it('ends an agency, alone or into its successor (a merge succession)', async () => {
    const alone = await created({ name: 'Ban Chỉ đạo thử nghiệm', kind: 'board' });
    const end = (id: string, payload: unknown, auth: Auth = cast.admin) =>
      send(auth, 'POST', `/api/agencies/${id}/end`, payload);
    // Only the administrator ends agencies: the consolidator is answered as if it did not exist.
    expect((await end(alone.id, { endsOn: '2026-07-01' }, cast.consolidator)).statusCode).toBe(404);
    const res = await end(alone.id, { endsOn: '2026-07-01', note: 'Quyết định 1/QĐ-UBND' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<AgencyDetail>()).toMatchObject({
      inForceTo: '2026-07-01',
      succession: null,
      abilities: { read: true, update: true, end: false },
    });
    const records = await auditOf(alone.id);
    expect(records.at(-1)).toMatchObject({
      action: 'end',
      before: { inForceTo: null },
      after: { inForceTo: '2026-07-01', note: 'Quyết định 1/QĐ-UBND' },
    });
    const twice = await end(alone.id, { endsOn: '2026-08-01' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('agency_ended');
    expect((await end(alone.id, { endsOn: '2026-08-01' }, cast.viewer)).statusCode).toBe(404);

    const merged = await created({ name: 'Trung tâm Thông tin xúc tiến', kind: 'other' });
    const sct = await byCode('SCT');
    const early = await end(merged.id, {
      endsOn: '2020-01-01',
      succession: { kind: 'split', successorIds: [sct?.id] },
    });
    expect(early.statusCode).toBe(400);
    expect(early.json().error.code).toBe('split_needs_several');
    const into = await end(merged.id, {
      endsOn: '2026-04-01',
      succession: { kind: 'merge', successorIds: [sct?.id] },
      note: 'Sáp nhập',
    });
    expect(into.statusCode, into.body).toBe(200);
    const d = into.json<AgencyDetail>();
    expect(d.inForceTo).toBe('2026-04-01');
    expect(d.succession).toMatchObject({
      kind: 'merge',
      effectiveOn: '2026-04-01',
      note: 'Sáp nhập',
    });
    expect(d.succession?.successors.map((s) => s.code)).toEqual(['SCT']);
    const [succession] = await ctx.database.db
      .select()
      .from(agencySuccessions)
      .where(eq(agencySuccessions.predecessorId, merged.id));
    const [successionAudit] = await ctx.database.db
      .select()
      .from(auditRecords)
      .where(
        and(
          eq(auditRecords.entity, 'agency_succession'),
          eq(auditRecords.entityId, succession?.id as string),
        ),
      );
    expect(successionAudit).toMatchObject({ action: 'create', actor: `user:${cast.admin.userId}` });
    expect((await auditOf(merged.id)).at(-1)).toMatchObject({
      action: 'update',
      after: { inForceTo: '2026-04-01' },
    });
  });

  it('refuses other roles (404, as for a missing agency), anonymous callers (401) and other tenants', async () => {
    const stc = await byCode('STC');
    const id = stc?.id as string;
    const writes = [
      ['POST', '/api/agencies', { name: 'Cơ quan thử quyền', kind: 'other' }],
      ['PATCH', `/api/agencies/${id}`, { name: 'Sở Tài chính mới' }],
      ['PUT', `/api/agencies/${id}/aliases`, { aliases: ['STC thử'] }],
      ['POST', `/api/agencies/${id}/end`, { endsOn: '2027-01-01' }],
    ] as const;
    const refused: CastName[] = ['leader', 'stc-head', 'stc-officer', 'sxd-head', 'viewer'];
    for (const who of refused) {
      for (const [method, url, payload] of writes) {
        const res = await send(cast[who], method, url, payload);
        expect(res.statusCode, `${who} ${method} ${url}`).toBe(404);
        expect(res.json().error.code).toBe('not_found');
      }
      const list = await as(ctx.app, cast[who], { method: 'GET', url: '/api/agencies' });
      expect(list.json<AgencyList>().abilities, who).toEqual({ create: false });
      expect((await detail(id)).abilities).toEqual({ read: true, update: false, end: false });
    }
    for (const [method, url, payload] of writes) {
      expect((await send(null, method, url, payload)).statusCode).toBe(401);
    }
    expect((await byCode('STC'))?.name).toBe('Sở Tài chính');
    const adminList = await as(ctx.app, cast.admin, { method: 'GET', url: '/api/agencies' });
    expect(adminList.json<AgencyList>().abilities).toEqual({ create: true });

    const [other] = await ctx.database.db
      .insert(tenants)
      .values({ code: 'cao-bang', name: 'Tỉnh Cao Bằng', provinceCode: '04' })
      .returning();
    const [foreign] = await ctx.database.db
      .insert(agencies)
      .values({
        tenantId: other?.id as string,
        code: 'SNG',
        name: 'Sở Ngoại giao Cao Bằng',
        kind: 'department',
        searchText: 'so ngoai giao cao bang',
      })
      .returning();
    for (const [method, url, payload] of [
      ['PATCH', `/api/agencies/${foreign?.id}`, { name: 'Đổi tên' }],
      ['PUT', `/api/agencies/${foreign?.id}/aliases`, { aliases: ['X'] }],
      ['POST', `/api/agencies/${foreign?.id}/end`, { endsOn: '2027-01-01' }],
    ] as const) {
      expect((await send(cast.admin, method, url, payload)).statusCode, url).toBe(404);
    }
    // A name only another tenant uses is free here.
    await created({ name: 'Sở Ngoại giao Cao Bằng', kind: 'other' });
    expect(
      (
        await ctx.database.db
          .select()
          .from(agencies)
          .where(eq(agencies.id, foreign?.id as string))
      )[0]?.name,
    ).toBe('Sở Ngoại giao Cao Bằng');
  });

  it("adds an agency inside a caller's transaction: all or nothing with the caller's work", async () => {
    const actor = { id: 'user:test', tenantId: ctx.database.tenantId };
    await expect(
      ctx.database.db.transaction(async (tx) => {
        await createAgency(tx, actor, { name: 'Cơ quan của bản nhập', kind: 'other' });
        throw new Error('the review failed afterwards');
      }),
    ).rejects.toThrow('the review failed afterwards');
    expect(await search('co quan cua ban nhap')).toEqual([]);
    const row = await ctx.database.db.transaction((tx) =>
      createAgency(tx, actor, { name: 'Cơ quan của bản nhập', kind: 'other', aliases: [] }),
    );
    expect(await search('co quan cua ban nhap')).toEqual([row.id]);
    // Text from a document is checked as the API checks it.
    await expect(
      ctx.database.db.transaction((tx) => createAgency(tx, actor, { name: ' ', kind: 'other' })),
    ).rejects.toMatchObject({ status: 400, code: 'invalid_input' });
  });
});
