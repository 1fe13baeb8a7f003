import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/support/app.js';
import { engines } from '../../../test/support/database.js';
import {
  type Auth,
  as,
  CAST,
  type CastName,
  createCast,
  loginCast,
} from '../../../test/support/users.js';
import { agencies, tenants } from '../../db/schema.js';
import { REFERENCE_DIR } from '../reference-data/service.js';
import type { AgencyDetail, AgencyList } from './schema.js';

describe.each(engines())('agencies API on %s', (engine) => {
  const ctx = useTestApp(engine);
  let cast: Record<CastName, Auth>;
  beforeAll(async () => {
    await createCast(ctx.database.db, ctx.database.tenantId);
    cast = await loginCast(ctx.app);
  });
  // Reads are for every signed-in user; the viewer is the least privileged of them.
  const read = (url: string, auth: Auth | null = cast.viewer) =>
    as(ctx.app, auth, { method: 'GET', url });

  const list = async (query: string) => {
    const res = await read(`/api/agencies?${query}`);
    expect(res.statusCode).toBe(200);
    return res.json<AgencyList>();
  };
  const detail = async (id: string, query = '') => {
    const res = await read(`/api/agencies/${id}${query}`);
    expect(res.statusCode).toBe(200);
    return res.json<AgencyDetail>();
  };
  const byName = async (q: string) => {
    const found = (await list(`q=${encodeURIComponent(q)}`)).items;
    expect(found.length).toBeGreaterThan(0);
    return found[0] as AgencyList['items'][number];
  };

  it('finds agencies without diacritics and by abbreviation', async () => {
    expect((await list('q=so%20ke%20hoach')).items.map((a) => a.name)).toEqual([
      'Sở Kế hoạch và Đầu tư',
    ]);
    expect((await list(`q=${encodeURIComponent('KH&ĐT')}`)).items.map((a) => a.code)).toEqual([
      'SKHDT',
    ]);
    expect((await list('q=ubnd%20huyen%20cao%20loc')).items.map((a) => a.name)).toEqual([
      'Ủy ban nhân dân huyện Cao Lộc',
    ]);
  });

  it('matches both tone placements', async () => {
    const newStyle = await list(`q=${encodeURIComponent('Ủy ban Mặt trận')}`);
    const oldStyle = await list(`q=${encodeURIComponent('Uỷ ban Mặt trận')}`);
    expect(newStyle.items.map((a) => a.code)).toEqual(['MTTQ']);
    expect(oldStyle.items).toEqual(newStyle.items);
  });

  it('holds every agency of the reference files, and filters by kind and status', async () => {
    const csvLines = (file: string) =>
      readFileSync(join(REFERENCE_DIR, 'admin-units', file), 'utf8')
        .trim()
        .split('\n').length - 1;
    const all = await list('limit=500');
    // Agencies in force, former agencies named by successions (the district row expands to 11
    // districts), and one committee per commune.
    const expected =
      csvLines('lang-son-agencies-2025.csv') +
      (csvLines('lang-son-agency-successions-2025.csv') - 1) +
      11 +
      csvLines('lang-son-communes-2025.csv');
    expect(all.total).toBe(expected);
    const districts = await list('kind=district&limit=500');
    expect(districts.total).toBe(11);
    expect(districts.items.every((a) => a.status === 'ended' && a.inForceTo === '2025-07-01')).toBe(
      true,
    );
    const communes = await list('kind=commune&status=active&limit=500');
    expect(communes.total).toBe(65);
    const ended = await list('status=ended&limit=500');
    expect(ended.items.every((a) => a.status === 'ended')).toBe(true);
    expect(ended.items.map((a) => a.code)).toContain('SKHDT');
  });

  it('pages results with a total', async () => {
    const page = await list('kind=commune&limit=10&offset=60');
    expect(page.total).toBe(65);
    expect(page.items).toHaveLength(5);
  });

  it('Sở Kế hoạch và Đầu tư: Sở Tài chính is responsible for its work since 2025-03-01', async () => {
    const skhdt = await byName('Sở Kế hoạch và Đầu tư');
    const d = await detail(skhdt.id);
    expect(d.status).toBe('ended');
    expect(d.succession).toMatchObject({ kind: 'merge', effectiveOn: '2025-03-01' });
    expect(d.succession?.successors.map((s) => s.code)).toEqual(['STC']);
    expect(d.responsible.kind).toBe('successor');
    expect(d.responsible.agencies.map((a) => [a.name, a.status])).toEqual([
      ['Sở Tài chính', 'active'],
    ]);
    expect(d.aliases).toContain('Sở KH&ĐT');
    // The day before the merge it still answered for itself.
    const before = await detail(skhdt.id, '?on=2025-02-28');
    expect(before.responsible).toMatchObject({ kind: 'self', on: '2025-02-28', since: null });
    expect(before.responsible.agencies.map((a) => a.code)).toEqual(['SKHDT']);
    // The new Sở Tài chính lists what it took over.
    const stc = await detail(d.responsible.agencies[0]?.id as string);
    expect(stc.predecessors.map((p) => p.agency.name).sort()).toEqual([
      'Sở Kế hoạch và Đầu tư',
      'Sở Tài chính',
    ]);
    expect(stc.responsible.kind).toBe('self');
  });

  it('UBND huyện Cao Lộc ended on 2025-07-01 with the communes of its area as candidates', async () => {
    const caoLoc = await byName('UBND huyện Cao Lộc');
    const d = await detail(caoLoc.id);
    expect(d.inForceTo).toBe('2025-07-01');
    expect(d.succession?.kind).toBe('abolish');
    expect(d.responsible.kind).toBe('choose');
    // Expected candidates straight from the merge file: communes formed from Huyện Cao Lộc's area.
    const merges = readFileSync(
      join(REFERENCE_DIR, 'admin-units', 'lang-son-commune-merges-2025.csv'),
      'utf8',
    )
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.trim().split(','))
      .filter((c) => c[6] === 'Huyện Cao Lộc');
    const expected = [...new Set(merges.map((c) => `UBND-${c[0]}`))].sort();
    expect(expected.length).toBeGreaterThan(3);
    expect(d.responsible.agencies.map((a) => a.code).sort()).toEqual(expected);
    expect(d.responsible.agencies.every((a) => a.kind === 'commune' && a.status === 'active')).toBe(
      true,
    );
  });

  it('Sở Thông tin và Truyền thông was split: a person chooses between two departments', async () => {
    const d = await detail((await byName('Sở TT&TT')).id);
    expect(d.responsible.kind).toBe('choose');
    expect(d.responsible.agencies.map((a) => a.code).sort()).toEqual(['SKHCN', 'SVHTTDL']);
  });

  it('a commune committee shows its commune', async () => {
    const d = await detail((await byName('UBND xã Mẫu Sơn')).id);
    expect(d.commune).toEqual({ code: '06541', name: 'Xã Mẫu Sơn' });
    expect(d.inForceFrom).toBe('2025-07-01');
  });

  it('rejects bad input with a code and the field', async () => {
    const res = await read('/api/agencies?kind=ministry&limit=0');
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error.code).toBe('invalid_input');
    expect(body.error.issues.map((i: { field: string }) => i.field).sort()).toEqual([
      'querystring.kind',
      'querystring.limit',
    ]);
    const bad = await read('/api/agencies/123');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.issues[0].field).toBe('params.id');
    const badDate = await read('/api/agencies/00000000-0000-4000-8000-000000000000?on=2025-13-01');
    expect(badDate.statusCode).toBe(400);
  });

  it("answers 404 alike for a missing agency and another tenant's agency", async () => {
    const missing = await read('/api/agencies/00000000-0000-4000-8000-000000000000');
    const [other] = await ctx.database.db
      .insert(tenants)
      .values({ code: 'cao-bang', name: 'Tỉnh Cao Bằng', provinceCode: '04' })
      .returning();
    const [foreign] = await ctx.database.db
      .insert(agencies)
      .values({
        tenantId: other?.id as string,
        code: 'STC',
        name: 'Sở Tài chính',
        kind: 'department',
        searchText: 'so tai chinh',
      })
      .returning();
    const res = await read(`/api/agencies/${foreign?.id}`);
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual(missing.json());
    // Not even the administrator sees another tenant's agency.
    expect((await read(`/api/agencies/${foreign?.id}`, cast.admin)).statusCode).toBe(404);
    // …and the other tenant's agencies never appear in searches.
    expect((await list('q=so%20tai%20chinh')).items.every((a) => a.id !== foreign?.id)).toBe(true);
  });

  it('lets every signed-in role read the registry, and answers 401 to anonymous callers', async () => {
    const q = `q=${encodeURIComponent('Sở Tài chính')}`;
    const stc = await byName('Sở Tài chính');
    for (const { username } of CAST) {
      const one = await read(`/api/agencies/${stc.id}`, cast[username]);
      expect(one.statusCode, username).toBe(200);
      // Editing is for the administrator and the consolidator; ending, the administrator (policy.ts).
      expect(one.json<AgencyDetail>().abilities, username).toEqual({
        read: true,
        update: username === 'admin' || username === 'consolidator',
        end: username === 'admin',
      });
      const found = await read(`/api/agencies?${q}`, cast[username]);
      expect(
        found.json<AgencyList>().items.map((a) => a.id),
        username,
      ).toContain(stc.id);
    }
    for (const url of ['/api/agencies', '/api/agencies?q=stc', `/api/agencies/${stc.id}`]) {
      const anonymous = await read(url, null);
      expect(anonymous.statusCode, url).toBe(401);
      expect(anonymous.json().error.code, url).toBe('unauthenticated');
    }
  });
});
