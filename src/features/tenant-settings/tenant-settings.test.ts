// The province's settings: derived from the province when empty (nothing about one province in
// code), changed by the administrator with its version (409 stale), audited; the consolidator reads.
import { eq } from 'drizzle-orm';
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
import { auditRecords, tenants } from '../../db/schema.js';
import type { TenantSettingsView } from './schema.js';
import { resolveSettings, splitProvinceName } from './service.js';

describe('resolveSettings', () => {
  const empty = {
    authorityName: '',
    place: '',
    consolidatingAgencyId: null,
    reportSigner: { authority: '', deputy: '', position: '', name: '' },
    reportSymbol: '',
    urgingSymbol: '',
    urgingSigner: { authority: '', deputy: '', position: '', name: '' },
    recipients: [],
  };

  it('derives the authority and the place from any province', () => {
    expect(splitProvinceName('Thành phố Hà Nội')).toEqual({ kind: 'thành phố', name: 'Hà Nội' });
    const r = resolveSettings(empty, 'Tỉnh Cao Bằng', {
      id: 'x',
      name: 'Sở Tài chính',
      code: 'STC-2',
    });
    expect(r.authorityName).toBe('Ủy ban nhân dân tỉnh Cao Bằng');
    expect(r.authorityShortName).toBe('UBND tỉnh Cao Bằng');
    expect(r.place).toBe('Cao Bằng');
    expect(r.reportSymbol).toBe('BC-UBND');
    expect(r.urgingSymbol).toBe('STC-KH');
    expect(r.reportSigner.deputy).toBe('KT. CHỦ TỊCH');
  });

  it('keeps what the province set', () => {
    const r = resolveSettings(
      {
        ...empty,
        place: 'TP. Lạng Sơn',
        reportSigner: { authority: '', deputy: '', position: 'CHỦ TỊCH', name: 'A' },
      },
      'Tỉnh Lạng Sơn',
      null,
    );
    expect(r.place).toBe('TP. Lạng Sơn');
    expect(r.reportSigner).toEqual({ authority: '', deputy: '', position: 'CHỦ TỊCH', name: 'A' });
    expect(r.urgingSymbol).toBe('');
  });

  it('signs a name given alone under the default titles', () => {
    const r = resolveSettings(
      { ...empty, urgingSigner: { authority: '', deputy: '', position: '', name: 'Lê Văn B' } },
      'Tỉnh Lạng Sơn',
      null,
    );
    expect(r.urgingSigner).toEqual({
      authority: '',
      deputy: 'KT. GIÁM ĐỐC',
      position: 'PHÓ GIÁM ĐỐC',
      name: 'Lê Văn B',
    });
  });
});

describe.each(engines())('tenant settings API on %s', (engine) => {
  const ctx = useTestApp(engine);
  let cast: Record<CastName, Auth>;
  const url = '/api/tenant/settings';

  beforeAll(async () => {
    await createCast(ctx.database.db, ctx.database.tenantId);
    cast = await loginCast(ctx.app);
    // Whatever bootstrap data set, the test starts from empty settings.
    await ctx.database.db
      .update(tenants)
      .set({ settings: {} })
      .where(eq(tenants.id, ctx.database.tenantId));
  });

  it('derives everything from the province at first, the role naming the consolidating department', async () => {
    const res = await as(ctx.app, cast.consolidator, { method: 'GET', url });
    expect(res.statusCode).toBe(200);
    const view = res.json() as TenantSettingsView;
    expect(view.version).toBe(0);
    expect(view.resolved.authorityName).toBe('Ủy ban nhân dân tỉnh Lạng Sơn');
    expect(view.resolved.place).toBe('Lạng Sơn');
    expect(view.resolved.consolidatingAgency?.name).toBe('Sở Tài chính');
    expect(view.abilities.update).toBe(false);
  });

  it('lets the administrator change them with the version, audited; a stale one gets 409', async () => {
    const sxd = await agencyIdByCode(ctx.database.db, ctx.database.tenantId, 'SXD');
    const body = {
      version: 0,
      authorityName: '',
      place: '',
      consolidatingAgencyId: sxd,
      reportSigner: {
        authority: 'TM. ỦY BAN NHÂN DÂN',
        deputy: 'KT. CHỦ TỊCH',
        position: 'PHÓ CHỦ TỊCH',
        name: 'Nguyễn Văn B',
      },
      reportSymbol: 'BC-UBND',
      urgingSymbol: '',
      urgingSigner: { authority: '', deputy: '', position: '', name: '' },
      recipients: ['Văn phòng Chính phủ (b/c)'],
    };
    const ok = await as(ctx.app, cast.admin, { method: 'PUT', url, payload: body });
    expect(ok.statusCode, ok.body).toBe(200);
    const view = ok.json() as TenantSettingsView;
    expect(view.version).toBe(1);
    expect(view.resolved.consolidatingAgency?.id).toBe(sxd);
    expect(view.resolved.urgingSymbol).toBe('SXD-KH');
    expect(view.resolved.recipients).toEqual(['Văn phòng Chính phủ (b/c)']);
    const stale = await as(ctx.app, cast.admin, { method: 'PUT', url, payload: body });
    expect(stale.statusCode).toBe(409);
    const unknown = await as(ctx.app, cast.admin, {
      method: 'PUT',
      url,
      payload: {
        ...body,
        version: 1,
        consolidatingAgencyId: '00000000-0000-4000-8000-000000000000',
      },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.code).toBe('unknown_agency');
    const audits = await ctx.database.db
      .select()
      .from(auditRecords)
      .where(eq(auditRecords.entity, 'tenant_settings'));
    expect(audits).toHaveLength(1);
    for (const who of ['consolidator', 'leader'] as const) {
      expect(
        (await as(ctx.app, cast[who], { method: 'PUT', url, payload: { ...body, version: 1 } }))
          .statusCode,
      ).toBe(404);
    }
    expect((await as(ctx.app, cast.viewer, { method: 'GET', url })).statusCode).toBe(404);
  });
});
